package dev.lanyard.server.alerts;

/**
 * One crossed threshold.
 *
 * @param key what is mailed at most once an hour: the condition and what it is about (a door, the API)
 */
public record Alert(String key, String subject, String body) {
}
