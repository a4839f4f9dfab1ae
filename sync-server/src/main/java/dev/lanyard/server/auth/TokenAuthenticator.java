package dev.lanyard.server.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns a bearer token (a user's signed token or a device's opaque one) into a {@link Principal}.
 * Used by the HTTP layer (which only reads the token from the request) and by the WebSocket hello.
 */
public final class TokenAuthenticator {
    private final TokenService tokens;
    private final UserService users;
    private final DeviceService devices;

    public TokenAuthenticator(TokenService tokens, UserService users, DeviceService devices) {
        this.tokens = tokens;
        this.users = users;
        this.devices = devices;
    }

    /**
     * The principal a token stands for; empty when it stands for none.
     *
     * @throws DeviceRevokedException for the token of a revoked device
     */
    public Optional<Principal> fromToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        if (token.startsWith(DeviceService.TOKEN_PREFIX)) {
            return devices.authenticate(token).map(d -> d);
        }
        // roles, the active flag and the token version are read at every request, so disabling a
        // user or ending their sessions takes effect at once
        return tokens.verify(token).flatMap(v -> users.session(v.username(), v.tokenVersion()))
                .map(u -> new Principal.User(u.username(), u.roles()));
    }

    /** When a user token expires; device tokens do not (they are revoked). */
    public Optional<Instant> expiresAt(String token) {
        if (token == null || token.startsWith(DeviceService.TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return tokens.expiresAt(token);
    }
}
