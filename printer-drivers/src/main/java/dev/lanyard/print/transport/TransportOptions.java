package dev.lanyard.print.transport;

import java.time.Duration;

/**
 * How to open a target: connect timeout for TCP, line settings for serial, and how long one write to a TCP or serial
 * printer may take before the printer is taken for stalled (it reads a page far faster than that: a page is at most
 * ~300 kB; a serial line gets the time its baud rate needs for the bytes on top).
 */
public record TransportOptions(Duration connectTimeout, SerialSettings serial, Duration writeTimeout) {
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    public TransportOptions {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        serial = serial == null ? SerialSettings.defaults() : serial;
        writeTimeout = writeTimeout == null ? DEFAULT_WRITE_TIMEOUT : writeTimeout;
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("write timeout must be positive");
        }
    }

    public TransportOptions(Duration connectTimeout, SerialSettings serial) {
        this(connectTimeout, serial, null);
    }

    public static TransportOptions defaults() {
        return new TransportOptions(null, null, null);
    }
}
