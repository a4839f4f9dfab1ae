package dev.lanyard.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.lanyard.model.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
    private static final String ISSUER = "lanyard";
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
        Path file = dataDir.resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(dataDir);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(file, Base64.getEncoder().encodeToString(secret), StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system (Windows): the data directory's own permissions apply
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token key in " + dataDir, e);
        }
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(String username, Set<Role> roles) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String token = JWT.create().withIssuer(ISSUER).withSubject(username)
                .withClaim("roles", roles.stream().map(Role::name).sorted().toList())
                .withIssuedAt(now).withExpiresAt(expires).sign(algorithm);
        return new Issued(token, expires);
    }

    /** The user a token names, if it is ours and has not expired. Roles are re-read by the caller. */
    public Optional<String> verify(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            if (jwt.getExpiresAtAsInstant() == null || !jwt.getExpiresAtAsInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.ofNullable(jwt.getSubject());
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
