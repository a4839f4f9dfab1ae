package dev.lanyard.server.calendar;

import java.net.URI;

/**
 * An event's public calendar link in its two forms: {@code calendarUrl} to download or subscribe over
 * HTTP(S), {@code webcalUrl} for the calendar apps that subscribe through {@code webcal://}.
 */
public record CalendarLink(URI calendarUrl, URI webcalUrl) {
    static CalendarLink of(String baseUrl, String token) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI https = URI.create(base + "/calendar/" + token + ".ics");
        return new CalendarLink(https, URI.create("webcal://" + https.getRawAuthority() + https.getRawPath()));
    }
}
