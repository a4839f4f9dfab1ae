package dev.lanyard.server.http;

import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.auth.TokenAuthenticator;
import io.javalin.http.Context;

/** Reads the bearer token from a request's Authorization header and asks {@code auth} whom it stands for. */
public final class BearerAuth {
    private static final String ATTRIBUTE = "lanyard.principal";
    private final TokenAuthenticator tokens;

    public BearerAuth(TokenAuthenticator tokens) {
        this.tokens = tokens;
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
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("missing bearer token (Authorization: Bearer <token>)");
        }
        Principal principal = tokens.fromToken(header.substring(7).trim())
                .orElseThrow(() -> ApiException.unauthorized("token is invalid, expired or revoked"));
        ctx.attribute(ATTRIBUTE, principal);
        return principal;
    }
}
