package dev.lanyard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.server.cli.Main;
import dev.lanyard.server.realtime.Realtime;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.WsClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 and 13: the token signing key in the database (ADR 0209), on a real H2 file database
 * and over real HTTP and WebSockets: an installed server's old key is imported, a backup cannot
 * sign, a rotation ends every user token and socket and leaves paired kiosks alone.
 */
class SigningKeyTest {
    @TempDir
    Path dir;

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** A token as the version before key ids signed it: HS256 with the jwt-secret file's key, no kid. */
    private static String oldStyleToken(byte[] secret, String username, int version) {
        return JWT.create().withIssuer("lanyard").withSubject(username).withClaim("roles", List.of("ADMIN"))
                .withClaim("ver", version)
                .withIssuedAt(Instant.now()).withExpiresAt(Instant.now().plusSeconds(3600))
                .sign(Algorithm.HMAC256(secret));
    }

    private static ServerConfig.Builder config(Path data) {
        return ServerConfig.builder(data).host("127.0.0.1").port(0).bcryptCost(4);
    }

    @Test
    void anInstalledServersKeyIsImportedSoItsTokensStayValidAndTheFileIsGone() {
        Path data = dir.resolve("data");
        byte[] secret = randomSecret();
        try (LanyardServer first = new LanyardServer(config(data).build())) {
            first.admin().createUser("admin", "admin-password", java.util.Set.of(dev.lanyard.model.Role.ADMIN));
        }
        // as an installed server left it: its key in the file, the database without one
        dropSigningKeys(data);
        writeLegacy(data, secret);
        String issuedBefore = oldStyleToken(secret, "admin", 0);

        try (LanyardServer server = new LanyardServer(config(data).build()).start()) {
            assertThat(new Api(server.baseUrl(), issuedBefore).get("/api/v1/users").status()).isEqualTo(200);
            assertThat(data.resolve(SigningKeys.LEGACY_FILE)).doesNotExist();
            // new tokens name the imported key
            String kid = JWT.decode(server.admin().tokenFor("admin")).getKeyId();
            assertThat(kid).isNotBlank();
            // a token signed by another key is refused, with or without a kid
            assertThat(new Api(server.baseUrl(), oldStyleToken(randomSecret(), "admin", 0)).get("/api/v1/users")
                    .status()).isEqualTo(401);
        }
    }

    @Test
    void aBackupHoldsNoUsableSigningKey() throws Exception {
        Path data = dir.resolve("data");
        byte[] secret = randomSecret();
        writeLegacy(data, secret);
        String token;
        try (LanyardServer server = new LanyardServer(config(data).build()).start()) {
            server.admin().createUser("admin", "admin-password", java.util.Set.of(dev.lanyard.model.Role.ADMIN));
            token = server.admin().tokenFor("admin");
            Path zip = dir.resolve("backup.zip");
            // with the server running, as lanyard-server-backup runs it
            assertThat(Main.run("backup-database", "--data", data.toString(), "--to", zip.toString())).isZero();

            byte[] copy = unzipped(zip);
            for (String form : List.of(Base64.getEncoder().encodeToString(secret), HexFormat.of().formatHex(secret))) {
                assertThat(contains(copy, form.getBytes(StandardCharsets.US_ASCII))).as(form).isFalse();
            }
            assertThat(contains(copy, secret)).isFalse();
            assertThat(new String(copy, StandardCharsets.ISO_8859_1)).contains("SIGNING_KEY");

            // restored on another machine: the data folder's key-encryption key is not in the backup
            Path restored = restore(zip, dir.resolve("restored"), data);
            try (LanyardServer elsewhere = new LanyardServer(config(restored).build()).start()) {
                assertThat(new Api(elsewhere.baseUrl(), token).get("/api/v1/users").status()).isEqualTo(401);
                assertThat(new Api(elsewhere.baseUrl(), elsewhere.admin().tokenFor("admin")).get("/api/v1/users")
                        .status()).isEqualTo(200);
            }
        }
        // restored next to the key-encryption key it was sealed under (the same machine): tokens stay valid
        Path sameHost = restore(dir.resolve("backup.zip"), dir.resolve("same-host"), data);
        Files.copy(data.resolve(KeyEncryptionKey.FILE), sameHost.resolve(KeyEncryptionKey.FILE));
        try (LanyardServer again = new LanyardServer(config(sameHost).build()).start()) {
            assertThat(new Api(again.baseUrl(), token).get("/api/v1/users").status()).isEqualTo(200);
        }
    }

    @Test
    void rotatingEndsEveryUserTokenAndSocketButNoDevice() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Fixture.PairedDevice door = f.pairDevice();
            try (WsClient olga = open(f, f.organizer.token()); WsClient kiosk = open(f, door.api().token())) {
                var rotated = f.admin.post("/api/v1/auth/signing-key/rotate", null);
                assertThat(rotated.status()).isEqualTo(200);
                assertThat(rotated.json().get("retiredKeys").asInt()).isEqualTo(1);

                assertThat(olga.closed.get(1, TimeUnit.SECONDS)).isEqualTo(Realtime.POLICY_VIOLATION);
                assertThat(f.organizer.get(f.eventPath()).status()).isEqualTo(401);
                assertThat(f.admin.get("/api/v1/users").status()).isEqualTo(401);
                // kiosks are not signed by the key: the door keeps its socket and its token
                assertThat(kiosk.closed).isNotDone();
                assertThat(door.api().get(f.eventPath()).status()).isEqualTo(200);
                // a new login signs with the new key
                String fresh = f.anonymous.post("/api/v1/auth/login",
                        java.util.Map.of("username", "olga", "password", "organizer-password"))
                        .json().get("token").asText();
                assertThat(JWT.decode(fresh).getKeyId()).isEqualTo(rotated.json().get("keyId").asText());
                assertThat(f.organizer.as(fresh).get(f.eventPath()).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void theHostCommandRotatesUnderARunningServerWhichClosesItsSockets() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir); WsClient olga = open(f, f.organizer.token())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            java.io.PrintStream old = System.out;
            int code;
            try {
                System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
                // another process would reach the database through AUTO_SERVER; the running server hears of it only
                // from the database
                code = Main.run("rotate-signing-key", "--data", dir.toString());
            } finally {
                System.setOut(old);
            }
            assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 older key(s) retired");

            assertThat(f.organizer.get(f.eventPath()).status()).isEqualTo(401);
            // the server looks at the current key every second
            assertThat(olga.closed.get(3, TimeUnit.SECONDS)).isEqualTo(Realtime.POLICY_VIOLATION);
        }
    }

    /**
     * A user disabled by the host command under a running server on H2: the command's own process told only itself,
     * so the user's open WebSocket kept streaming every event it could subscribe to until its token expired, though
     * every HTTP request was refused at once. Found by a review.
     */
    @Test
    void theHostCommandDisablingAUserClosesTheirSocketsOnTheRunningServer() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir); WsClient olga = open(f, f.organizer.token())) {
            int code = Main.run("disable-user", "--data", dir.toString(), "--username", "olga");

            assertThat(code).isZero();
            assertThat(f.organizer.get(f.eventPath()).status()).isEqualTo(401);
            assertThat(olga.closed.get(3, TimeUnit.SECONDS)).isEqualTo(Realtime.POLICY_VIOLATION);
        }
    }

    private static WsClient open(Fixture f, String token) throws InterruptedException {
        WsClient ws = new WsClient(f.server.baseUrl());
        ws.send(new WsMessage.Auth(token));
        assertThat(ws.next().get("type").asText()).isEqualTo("auth_ok");
        return ws;
    }

    private static void writeLegacy(Path data, byte[] secret) {
        try {
            Files.createDirectories(data);
            Files.writeString(data.resolve(SigningKeys.LEGACY_FILE), Base64.getEncoder().encodeToString(secret));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void dropSigningKeys(Path data) {
        try (LanyardServer s = new LanyardServer(config(data).build())) {
            s.database().dsl().deleteFrom(dev.lanyard.server.db.jooq.Tables.SIGNING_KEY).execute();
        }
    }

    /** The backup's database file with the other files of the data folder, as lanyard-server-restore does it. */
    private static Path restore(Path zip, Path target, Path from) throws Exception {
        Files.createDirectories(target);
        org.h2.tools.Restore.execute(zip.toString(), target.toString(), "lanyard");
        // the backup scripts keep db-password (the copy cannot be opened without it) and leave the key files out
        Files.copy(from.resolve("db-password"), target.resolve("db-password"));
        return target;
    }

    private static byte[] unzipped(Path zip) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            while (in.getNextEntry() != null) {
                in.transferTo(all);
            }
        }
        return all.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
