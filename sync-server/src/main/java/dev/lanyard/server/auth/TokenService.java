package dev.lanyard.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.lanyard.model.Role;
import dev.lanyard.model.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Short-lived signed tokens for people (HS256). The key is generated into the data directory
 * on first start, so tokens survive a restart and servers sharing a data directory accept each
 * other's tokens.
 */
public final class TokenService {
    /** The signing key's file in the data folder; backups leave it out (ADR 0207). */
    public static final String SECRET_FILE = "jwt-secret";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TokenService.class);
    private static final String ISSUER = "lanyard";
    private static final String VERSION_CLAIM = "ver";
    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    public TokenService(byte[] secret, Duration lifetime, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.verifier = JWT.require(algorithm).withIssuer(ISSUER).acceptLeeway(5).build();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public static byte[] loadOrCreateSecret(Path dataDir) {
        Path file = dataDir.resolve(SECRET_FILE);
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            PrivateFiles.folder(dataDir, LOG::warn);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            // 0600 from creation: whoever reads this key can sign an admin token
            PrivateFiles.write(file, Base64.getEncoder().encodeToString(secret).getBytes(StandardCharsets.US_ASCII));
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token key in " + dataDir, e);
        }
    }

    public record Issued(String token, Instant expiresAt) {
    }

    /** Who a token names and the user's token version it was issued under. */
    public record Verified(String username, int tokenVersion) {
    }

    public Issued issue(String username, Set<Role> roles, int tokenVersion) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String token = JWT.create().withIssuer(ISSUER).withSubject(username)
                .withClaim("roles", roles.stream().map(Role::name).sorted().toList())
                .withClaim(VERSION_CLAIM, tokenVersion)
                .withIssuedAt(now).withExpiresAt(expires).sign(algorithm);
        return new Issued(token, expires);
    }

    /**
     * The user a token names, if it is ours and has not expired. Roles, the active flag and the
     * token version are checked against the database by the caller.
     */
    public Optional<Verified> verify(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            if (jwt.getExpiresAtAsInstant() == null || !jwt.getExpiresAtAsInstant().isAfter(clock.instant())) {
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
            return Optional.ofNullable(verifier.verify(token).getExpiresAtAsInstant());
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }

    static Set<Role> roles(List<String> names) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        names.forEach(n -> roles.add(Role.from(n)));
        return roles;
    }
}
