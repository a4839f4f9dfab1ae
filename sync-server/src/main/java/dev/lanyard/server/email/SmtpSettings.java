package dev.lanyard.server.email;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * How the server reaches its mail server. {@code STARTTLS} (port 587) upgrades a plain connection
 * and refuses to go on without it; {@code TLS} (port 465) speaks TLS from the first byte; both
 * check the server's certificate and name. {@code NONE} only for a relay on the same machine or
 * a test server.
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

    public SmtpSettings {
        Objects.requireNonNull(host, "smtp host");
        Objects.requireNonNull(from, "smtp from");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smtp-port must be 1..65535");
        }
        security = security == null ? (port == 465 ? Security.TLS : port == 587 ? Security.STARTTLS : Security.NONE)
                : security;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        bareAddress(from);
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
