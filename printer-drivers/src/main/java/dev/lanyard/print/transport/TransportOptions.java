package dev.lanyard.print.transport;

import java.time.Duration;

/** How to open a target: connect timeout for TCP, line settings for serial. */
public record TransportOptions(Duration connectTimeout, SerialSettings serial) {
    public TransportOptions {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        serial = serial == null ? SerialSettings.defaults() : serial;
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
    }

    public static TransportOptions defaults() {
        return new TransportOptions(null, null);
    }
}
