package dev.lanyard.server.email;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * How the server reaches its mail server. {@code STARTTLS} upgrades a plain connection and refuses
 * to go on without it; {@code TLS} speaks TLS from the first byte; both check the server's
 * certificate and name. Unless told otherwise, port 465 is {@code TLS} and every other port
 * {@code STARTTLS}: mail and a password never leave in clear text by default (ADR 0255).
 * {@code NONE} is only ever taken when asked for, for a relay on the same machine or a test server,
 * and with a password only when the host is this machine.
 *
 * @param timeout each of connect, read and write; a row {@code sending} for longer than twice this
 *                after a restart was cut off mid-hand-off (ADR 0221)
 */
public record SmtpSettings(String host, int port, String from, String user, String password, Security security,
                           Duration timeout) {
    public enum Security {
        NONE, STARTTLS, TLS;

        public static Security parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("smtp-security must be none, starttls or tls");
            }
        }
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The submission port that speaks TLS from the first byte (RFC 8314); every other port is asked for STARTTLS. */
    public static final int IMPLICIT_TLS_PORT = 465;

    public SmtpSettings {
        Objects.requireNonNull(host, "smtp host");
        Objects.requireNonNull(from, "smtp from");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smtp-port must be 1..65535");
        }
        security = security != null ? security : port == IMPLICIT_TLS_PORT ? Security.TLS : Security.STARTTLS;
        if (security == Security.NONE && password != null && !onThisMachine(host)) {
            throw new IllegalArgumentException("smtp-security none would send the SMTP password to " + host
                    + " in clear text; it is taken only for a server on this machine (localhost, 127.0.0.1, ::1): "
                    + "use starttls or tls");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        bareAddress(from);
    }

    /**
     * True for {@code localhost} and loopback addresses written as such. Other names are not looked up: what a name
     * points at can change after the check, an address written out cannot.
     */
    static boolean onThisMachine(String host) {
        String h = host.strip();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup
        } catch (java.net.UnknownHostException notAnAddress) {
            return false;
        }
    }

    /** What the host is told at start when mail leaves without TLS, or null when it does not. */
    public String clearTextWarning() {
        if (security != Security.NONE) {
            return null;
        }
        return "SMTP without TLS (smtp-security none) to " + host + ":" + port + ": participant mail and host alerts "
                + (onThisMachine(host) ? "stay on this machine but are not encrypted"
                : "cross the network in clear text, readable by anyone on the way; use starttls or tls");
    }

    Properties sessionProperties() {
        Properties p = new Properties();
        String proto = "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", host);
        p.put("mail." + proto + ".port", Integer.toString(port));
        p.put("mail." + proto + ".from", envelopeSender());
        String ms = Long.toString(timeout.toMillis());
        p.put("mail." + proto + ".connectiontimeout", ms);
        p.put("mail." + proto + ".timeout", ms);
        p.put("mail." + proto + ".writetimeout", ms);
        p.put("mail." + proto + ".auth", Boolean.toString(user != null));
        switch (security) {
            case STARTTLS -> {
                p.put("mail." + proto + ".starttls.enable", "true");
                p.put("mail." + proto + ".starttls.required", "true");
                p.put("mail." + proto + ".ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail." + proto + ".ssl.enable", "true");
                p.put("mail." + proto + ".ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        return p;
    }

    /** The bare address for MAIL FROM: {@code from} may carry a display name ("Lanyard <noreply@...>"). */
    String envelopeSender() {
        return bareAddress(from);
    }

    private static String bareAddress(String from) {
        try {
            return new jakarta.mail.internet.InternetAddress(from, true).getAddress();
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("smtp-from is not a mail address: " + from);
        }
    }

    @Override
    public String toString() {
        // never the password: settings end up in logs and status output
        return security.name().toLowerCase(Locale.ROOT) + "://" + (user == null ? "" : user + "@") + host + ":" + port
                + " from " + from;
    }
}
