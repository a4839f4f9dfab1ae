package dev.lanyard.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.lanyard.model.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Short-lived signed tokens for people (HS256). The keys live in the database ({@link SigningKeys}),
 * so every server on it accepts the others' tokens, and a rotation on one ends them on all. A
 * token names its key in the JWT header ({@code kid}).
 */
public final class TokenService {
    private static final String ISSUER = "lanyard";
    private static final String VERSION_CLAIM = "ver";
    private final SigningKeys keys;
    private final Duration lifetime;
    private final Clock clock;

    public TokenService(SigningKeys keys, Duration lifetime, Clock clock) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    /** Who a token names and the user's token version it was issued under. */
    public record Verified(String username, int tokenVersion) {
    }

    public Issued issue(String username, Set<Role> roles, int tokenVersion) {
        SigningKeys.Key key = keys.current();
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String token = JWT.create().withIssuer(ISSUER).withSubject(username)
                .withClaim("roles", roles.stream().map(Role::name).sorted().toList())
                .withClaim(VERSION_CLAIM, tokenVersion)
                .withIssuedAt(now).withExpiresAt(expires).withKeyId(key.kid()).sign(key.algorithm());
        return new Issued(token, expires);
    }

    /**
     * The user a token names, if it is ours and has not expired. Roles, the active flag and the
     * token version are checked against the database by the caller.
     */
    public Optional<Verified> verify(String token) {
        try {
            DecodedJWT jwt = verified(token).orElse(null);
            if (jwt == null || jwt.getExpiresAtAsInstant() == null
                    || !jwt.getExpiresAtAsInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            Integer version = jwt.getClaim(VERSION_CLAIM).asInt();
            // a token from before versions existed cannot be ended by logout, so it is not accepted
            if (jwt.getSubject() == null || version == null) {
                return Optional.empty();
            }
            return Optional.of(new Verified(jwt.getSubject(), version));
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }

    /** When a token of ours stops being accepted; empty if it is not ours. */
    public Optional<Instant> expiresAt(String token) {
        try {
            return verified(token).map(DecodedJWT::getExpiresAtAsInstant);
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }

    /** The token, if one of the database's unretired keys signed it; a rotation retires them all but one. */
    private Optional<DecodedJWT> verified(String token) {
        String kid = JWT.decode(token).getKeyId();
        return keys.verifying(kid).map(algorithm -> JWT.require(algorithm).withIssuer(ISSUER).acceptLeeway(5).build()
                .verify(token));
    }

    static Set<Role> roles(List<String> names) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        names.forEach(n -> roles.add(Role.from(n)));
        return roles;
    }
}
