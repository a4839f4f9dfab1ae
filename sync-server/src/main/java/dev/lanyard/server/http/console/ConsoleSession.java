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
    private final Instant openedAt;
    /** The CSV uploaded for preview, imported when the user confirms; at most one per session. Guarded by this. */
    private PendingCsv pendingCsv;
    /** Guarded by this: an ended session holds no upload, not even one whose copy finishes after the end. */
    private boolean ended;

    /** The pairing code shown last, whose QR image the page then loads; its payload never goes into a URL. */
    private volatile Pairing pairing;

    public record Pairing(java.util.UUID eventId, String nonce, String code, String payload, Instant expiresAt) {
    }

    ConsoleSession(String id, String username, int tokenVersion, String signingKid, String csrf, Instant now) {
        this.id = id;
        this.username = username;
        this.tokenVersion = tokenVersion;
        this.signingKid = signingKid;
        this.csrf = csrf;
        this.lastSeen = now;
        this.openedAt = now;
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

    Instant openedAt() {
        return openedAt;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void seen(Instant now) {
        lastSeen = now;
    }

    public synchronized PendingCsv pendingCsv() {
        return pendingCsv;
    }

    /** Keeps {@code csv} for the confirmation, deleting the upload kept before; an ended session deletes it at once. */
    public void holdPendingCsv(PendingCsv csv) {
        PendingCsv dropped;
        synchronized (this) {
            dropped = ended ? csv : pendingCsv;
            if (!ended) {
                pendingCsv = csv;
            }
        }
        if (dropped != null) {
            dropped.close();
        }
    }

    /**
     * The upload kept for {@code eventId}, now the caller's to close, if it is {@code uploadId}; null when the session
     * keeps none for that event or another (a later upload, from another tab, replaced the one the page showed).
     */
    public synchronized PendingCsv takePendingCsv(java.util.UUID eventId, java.util.UUID uploadId) {
        PendingCsv taken = pendingCsv;
        if (taken == null || !taken.eventId().equals(eventId) || !taken.id().equals(uploadId)) {
            return null;
        }
        pendingCsv = null;
        return taken;
    }

    /** Deletes the upload kept, whichever event it is for. */
    public void dropPendingCsv() {
        PendingCsv dropped;
        synchronized (this) {
            dropped = pendingCsv;
            pendingCsv = null;
        }
        if (dropped != null) {
            dropped.close();
        }
    }

    /** The session is over (signed out, idle, ended with the user's sessions, the server stopping). */
    void end() {
        synchronized (this) {
            ended = true;
        }
        dropPendingCsv();
    }

    public Pairing pairing() {
        return pairing;
    }

    public void pairing(Pairing shown) {
        pairing = shown;
    }
}
