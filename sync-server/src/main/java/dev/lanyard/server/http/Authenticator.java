package dev.lanyard.server.http;

import dev.lanyard.server.auth.DeviceService;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.auth.TokenService;
import dev.lanyard.server.auth.UserService;
import io.javalin.http.Context;
import java.util.Optional;

/** Turns a bearer token (a user's signed token or a device's opaque one) into a {@link Principal}. */
public final class Authenticator {
    private static final String ATTRIBUTE = "lanyard.principal";
    private final TokenService tokens;
    private final UserService users;
    private final DeviceService devices;

    public Authenticator(TokenService tokens, UserService users, DeviceService devices) {
        this.tokens = tokens;
        this.users = users;
        this.devices = devices;
    }

    /**
     * The principal a token stands for; empty when it stands for none.
     *
     * @throws dev.lanyard.server.auth.DeviceRevokedException for the token of a revoked device
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
    public Optional<java.time.Instant> expiresAt(String token) {
        if (token == null || token.startsWith(DeviceService.TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return tokens.expiresAt(token);
    }

    /**
     * Makes {@code principal} the caller of this request, as a valid bearer token would: the web
     * console signs its users in with a session cookie and then goes through the same {@link Guard}.
     */
    public void remember(Context ctx, Principal principal) {
        ctx.attribute(ATTRIBUTE, principal);
    }

    public Principal require(Context ctx) {
        Principal cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("missing bearer token (Authorization: Bearer <token>)");
        }
        Principal principal = fromToken(header.substring(7).trim())
                .orElseThrow(() -> ApiException.unauthorized("token is invalid, expired or revoked"));
        ctx.attribute(ATTRIBUTE, principal);
        return principal;
    }
}
