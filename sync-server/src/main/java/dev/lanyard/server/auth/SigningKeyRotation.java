package dev.lanyard.server.auth;

import dev.lanyard.server.feed.ChangeHub;

/**
 * Replaces the token signing key: every user token issued before is refused from the commit on,
 * on every server of the database, and every open WebSocket is checked again within a second, so
 * a leaked key (or a leaked token) stops working at once. Device tokens are not signed (they are
 * random and stored as hashes) and keep working: a rotation un-pairs no door (ADR 0209).
 */
public final class SigningKeyRotation {
    private final SigningKeys keys;
    private final ChangeHub hub;

    public SigningKeyRotation(SigningKeys keys, ChangeHub hub) {
        this.keys = keys;
        this.hub = hub;
    }

    public SigningKeys.Rotation rotate() {
        SigningKeys.Rotation rotation = keys.rotate();
        // sockets hold a token, not a key: re-checking them finds theirs retired, here and on the other servers
        hub.publishAllSessionsEnded();
        return rotation;
    }
}
