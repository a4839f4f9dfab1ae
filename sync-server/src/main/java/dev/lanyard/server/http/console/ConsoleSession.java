package dev.lanyard.server.http.console;

import java.time.Instant;

/**
 * One signed-in browser. It holds no roles: they are read from the user's row at every request,
 * like a token's, and the session is valid only while the user's token version and the signing
 * key it was opened under are still current (ADR 0217).
 */
public final class ConsoleSession {
    private final String id;
    private final String username;
    private final int tokenVersion;
    private final String signingKid;
    private final String csrf;
    private volatile Instant lastSeen;
    /** The CSV uploaded for preview, imported when the user confirms; at most one per session. */
    private volatile PendingCsv pendingCsv;

    /** The pairing code shown last, whose QR image the page then loads; its payload never goes into a URL. */
    private volatile Pairing pairing;

    public record Pairing(java.util.UUID eventId, String nonce, String code, String payload, Instant expiresAt) {
    }

    public record PendingCsv(java.util.UUID eventId, String fileName, byte[] bytes) {
    }

    ConsoleSession(String id, String username, int tokenVersion, String signingKid, String csrf, Instant now) {
        this.id = id;
        this.username = username;
        this.tokenVersion = tokenVersion;
        this.signingKid = signingKid;
        this.csrf = csrf;
        this.lastSeen = now;
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public int tokenVersion() {
        return tokenVersion;
    }

    public String signingKid() {
        return signingKid;
    }

    public String csrf() {
        return csrf;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void seen(Instant now) {
        lastSeen = now;
    }

    public PendingCsv pendingCsv() {
        return pendingCsv;
    }

    public void pendingCsv(PendingCsv csv) {
        pendingCsv = csv;
    }

    public Pairing pairing() {
        return pairing;
    }

    public void pairing(Pairing shown) {
        pairing = shown;
    }
}
