package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Role;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login limits per user name and per client, and where the client's address comes from. */
class LoginLimitTest {
    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T09:00:00Z"));

    private static Api.Res login(Api api, String user, String password) {
        return api.post("/api/v1/auth/login", Map.of("username", user, "password", password));
    }

    @Test
    void oneUsersTyposBehindATrustedProxyDoNotLockOutAnotherUserOfThatProxy() {
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).trustedProxies(List.of("127.0.0.1"))
                .build(), clock).start()) {
            server.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
            server.admin().createUser("mallory", "the-real-one", Set.of(Role.OPERATOR));
            Api viaProxy = new Api(server.baseUrl(), null);
            Api mallory = viaProxy.forwardedFor("198.51.100.7");
            int refusedAt = -1;
            for (int i = 0; i < 12 && refusedAt < 0; i++) {
                if (login(mallory, "mallory", "typo" + i).status() == 429) {
                    refusedAt = i;
                }
            }
            assertThat(refusedAt).as("mallory is held up after a few failures").isBetween(5, 7);

            // the same proxy, another attendee's laptop and the same laptop: olga is not held up
            assertThat(login(viaProxy.forwardedFor("198.51.100.8"), "olga", "organizer-password").status())
                    .isEqualTo(200);
            assertThat(login(mallory, "olga", "organizer-password").status()).isEqualTo(200);
        }
    }

    @Test
    void aClientOutsideTheTrustedListCannotSpoofForwardedForToEscapeItsLimit() {
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).build(), clock).start()) {
            Api attacker = new Api(server.baseUrl(), null);
            int refused = 0;
            for (int i = 0; i < 40; i++) {
                // a new user name and a new claimed address every time: only the real peer address can stop this
                Api.Res res = login(attacker.forwardedFor("203.0.113." + i), "user" + i, "guess");
                if (res.status() == 429) {
                    refused++;
                }
            }
            assertThat(refused).as("spraying user names from one address is held up").isGreaterThan(15);
        }
    }

    /**
     * A proxy that adds its own X-Forwarded-For line (HAProxy's forwardfor) below the one the client wrote: the
     * client's line is not believed on its own, so rotating it does not escape the limit.
     */
    @Test
    void aClientsOwnForwardedForLineAboveTheProxysDoesNotEscapeItsLimit() throws Exception {
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).trustedProxies(List.of("127.0.0.1"))
                .build(), clock).start()) {
            int refused = 0;
            for (int i = 0; i < 40; i++) {
                if (loginWithTwoForwardedLines(server, "203.0.113." + i, "198.51.100.9", "user" + i).equals("429")) {
                    refused++;
                }
            }
            assertThat(refused).as("spraying user names from one address is held up").isGreaterThan(15);
        }
    }

    /** A login whose request carries two X-Forwarded-For lines, the client's first, then the proxy's. */
    private static String loginWithTwoForwardedLines(LanyardServer server, String clientLine, String proxyLine,
                                                     String user) throws Exception {
        java.net.URI base = java.net.URI.create(server.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            byte[] body = ("{\"username\":\"" + user + "\",\"password\":\"guess\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: "
                    + clientLine + "\r\nX-Forwarded-For: " + proxyLine + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return RawAnswer.read(socket).status();
        }
    }

    @Test
    void aLockedOutLoginSays429WithRetryAfterAndIsLetThroughOnceTheDelayPassed() {
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).build(), clock).start()) {
            server.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
            Api api = new Api(server.baseUrl(), null);
            for (int i = 0; i < 6; i++) {
                assertThat(login(api, "olga", "wrong" + i).status()).isEqualTo(401);
            }
            Api.Res refused = login(api, "olga", "organizer-password");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).isEqualTo("too_many_attempts");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

            clock.advance(Duration.ofSeconds(1));
            assertThat(login(api, "olga", "wrong again").status()).isEqualTo(401);
            assertThat(login(api, "olga", "organizer-password").status()).as("the delay doubled").isEqualTo(429);
            assertThat(login(api, "olga", "organizer-password").headers().firstValue("Retry-After")).hasValue("2");

            clock.advance(Duration.ofSeconds(2));
            assertThat(login(api, "olga", "organizer-password").status()).isEqualTo(200);
            assertThat(login(api, "olga", "wrong after success").status()).as("a success reset the count")
                    .isEqualTo(401);
            assertThat(login(api, "olga", "organizer-password").status()).isEqualTo(200);
        }
    }
}
