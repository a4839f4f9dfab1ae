package dev.lanyard.print.driver;

import java.time.Duration;

/**
 * How long to wait for the printer: a status reply (3 s, as a Brother needs over USB) and a
 * page's "printing completed" (10 s, as pklaus/brother_ql waits). {@code readStatus} false sends
 * blind (e.g. a QL on raw TCP 9100, where status read-back is unverified): pages then count as
 * done once written. A pause to cool the head does not count against the page time-out; it may
 * last {@code coolingTimeout} (5 minutes).
 */
public record RunSettings(Duration statusTimeout, Duration pageTimeout, boolean readStatus, Duration coolingTimeout) {
    /** How long a head may cool before Lanyard calls the printer stuck; the QL manuals give no figure. */
    public static final Duration DEFAULT_COOLING_TIMEOUT = Duration.ofMinutes(5);

    public RunSettings(Duration statusTimeout, Duration pageTimeout, boolean readStatus) {
        this(statusTimeout, pageTimeout, readStatus, null);
    }

    public RunSettings {
        statusTimeout = statusTimeout == null ? Duration.ofSeconds(3) : statusTimeout;
        pageTimeout = pageTimeout == null ? Duration.ofSeconds(10) : pageTimeout;
        coolingTimeout = coolingTimeout == null ? DEFAULT_COOLING_TIMEOUT : coolingTimeout;
        if (statusTimeout.isNegative() || statusTimeout.isZero() || pageTimeout.isNegative() || pageTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static RunSettings defaults() {
        return new RunSettings(null, null, true);
    }
}
