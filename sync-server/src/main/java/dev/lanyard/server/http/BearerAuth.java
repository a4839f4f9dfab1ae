package dev.lanyard.server.http;

import dev.lanyard.server.alerts.DoorActivity;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.auth.TokenAuthenticator;
import io.javalin.http.Context;
import java.time.Clock;

/** Reads the bearer token from a request's Authorization header and asks {@code auth} whom it stands for. */
public final class BearerAuth {
    /** Where the principal a route has checked is kept; {@link AnswerHold} counts an answer against its share. */
    static final String ATTRIBUTE = "lanyard.principal";
    /** Whom the bearer token stands for, looked up before the body was read (ADR 0240): a {@link LookedUp}. */
    static final String LOOKED_UP = "lanyard.principalLookedUp";
    /**
     * A lookup made before the body is trusted for this long after it: a body that took longer (one trickled in) is
     * looked up again, so a device revoked or a user disabled meanwhile is refused, not written with their authority.
     */
    static final long LOOKUP_TRUSTED_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private final TokenAuthenticator tokens;
    private final DoorActivity doors;
    private final Clock clock;

    /** @param doors told of every request a door makes, with the outbox count it reports (host alerts, ADR 0224) */
    public BearerAuth(TokenAuthenticator tokens, DoorActivity doors, Clock clock) {
        this.tokens = tokens;
        this.doors = doors;
        this.clock = clock;
    }

    /**
     * Makes {@code principal} the caller of this request, as a valid bearer token would: the web
     * console signs its users in with a session cookie and then goes through the same {@link Guard}.
     */
    public void remember(Context ctx, Principal principal) {
        ctx.attribute(ATTRIBUTE, principal);
    }

    /**
     * The request's principal, looked up once per request.
     *
     * @throws ApiException 401 when the header is missing or its token stands for no one
     * @throws dev.lanyard.server.auth.DeviceRevokedException for the token of a revoked device
     */
    public Principal require(Context ctx) {
        Principal cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        String token = token(ctx.header("Authorization"));
        if (token == null) {
            throw ApiException.unauthorized("missing bearer token (Authorization: Bearer <token>)");
        }
        LookedUp early = ctx.attribute(LOOKED_UP);
        Principal principal = early != null && early.recent() ? early.principal() : tokens.fromToken(token)
                .orElseThrow(() -> ApiException.unauthorized("token is invalid, expired or revoked"));
        ctx.attribute(ATTRIBUTE, principal);
        if (principal instanceof Principal.Device door) {
            doors.heard(door.deviceId(), ctx.header(DoorActivity.PENDING_HEADER), clock.instant());
        }
        return principal;
    }

    /**
     * Whom an Authorization header's token stands for, looked up before the request's body is read (ADR 0240);
     * empty for none, a revoked device's token included (the app looks again and tells the door).
     */
    public java.util.Optional<Principal> lookUp(String authorization) {
        String token = token(authorization);
        if (token == null) {
            return java.util.Optional.empty();
        }
        try {
            return tokens.fromToken(token);
        } catch (dev.lanyard.server.auth.DeviceRevokedException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whom a token stood for when the request's headers came, and when ({@link System#nanoTime()}). */
    record LookedUp(Principal principal, long atNanos) {
        static LookedUp now(Principal principal) {
            return new LookedUp(principal, System.nanoTime());
        }

        boolean recent() {
            return System.nanoTime() - atNanos < LOOKUP_TRUSTED_NANOS;
        }
    }

    /** The bearer token of an Authorization header; null when it carries none. */
    private static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
