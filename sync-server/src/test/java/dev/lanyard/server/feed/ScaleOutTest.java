package dev.lanyard.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Role;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.WsClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server instances on one PostgreSQL database: a change written through one reaches a
 * WebSocket subscriber of the other, carried by LISTEN/NOTIFY (event id and seq only).
 */
class ScaleOutTest {
    @TempDir
    Path dir;

    @Test
    void aChangeWrittenThroughOneServerReachesSubscribersOfTheOther() throws Exception {
        ServerConfig a = Backend.POSTGRES.config(dir).build();
        ServerConfig b = a.toBuilder().build(); // same database and data directory (same key-encryption key), own port
        try (LanyardServer first = new LanyardServer(a).start(); LanyardServer second = new LanyardServer(b).start();
             WsClient subscriber = new WsClient(second.baseUrl())) {
            first.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
            Event event = first.admin().createEvent(Fixture.eventInput("Two doors"), "olga");
            subscriber.send(new WsMessage.Auth(second.admin().tokenFor("olga")));
            assertThat(subscriber.next().get("type").asText()).isEqualTo("auth_ok");
            subscriber.send(new WsMessage.Subscribe(event.id(), 1L));
            assertThat(subscriber.next().get("type").asText()).isEqualTo("subscribed");

            first.admin().addParticipant(event.id(), Map.of("name", "Through the first"));

            JsonNode changes = subscriber.nextOfType("changes");
            assertThat(changes.get("changes").get(0).get("seq").asLong()).isEqualTo(2L);
            assertThat(changes.get("changes").get(0).get("data").get("name").asText()).isEqualTo("Through the first");
        }
    }

    @Test
    void aChangeCommittedWhileTheOtherServerWasNotListeningStillReachesItsSubscribers() throws Exception {
        ServerConfig a = Backend.POSTGRES.config(dir).build();
        try (LanyardServer first = new LanyardServer(a).start(); LanyardServer second =
                new LanyardServer(a.toBuilder().build()).start();
             WsClient subscriber = new WsClient(second.baseUrl())) {
            first.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
            Event event = first.admin().createEvent(Fixture.eventInput("Dropped connection"), "olga");
            subscriber.send(new WsMessage.Auth(second.admin().tokenFor("olga")));
            assertThat(subscriber.next().get("type").asText()).isEqualTo("auth_ok");
            subscriber.send(new WsMessage.Subscribe(event.id(), 1L));
            assertThat(subscriber.next().get("type").asText()).isEqualTo("subscribed");

            dropListenConnections(a); // both servers stop hearing NOTIFY until they reconnect
            first.admin().addParticipant(event.id(), Map.of("name", "Missed by NOTIFY"));

            JsonNode changes = subscriber.nextOfType("changes");
            assertThat(changes.get("changes").get(0).get("data").get("name").asText()).isEqualTo("Missed by NOTIFY");
        }
    }

    /**
     * A NAT or firewall that forgets the second server's idle LISTEN connection sends no reset: the connection looks
     * open and only ever times out waiting for notifications, so the second server never heard the first again, and
     * its doors (online on its socket, so not pulling) stayed behind for good. Found by a review.
     */
    @Test
    void aListenConnectionThatWentSilentIsNoticedAndTheChangesReachTheOtherServersSubscribers() throws Exception {
        ServerConfig a = Backend.POSTGRES.config(dir).build();
        java.net.URI db = java.net.URI.create(a.jdbcUrl().substring("jdbc:".length()));
        try (dev.lanyard.server.support.FreezingProxy proxy = new dev.lanyard.server.support.FreezingProxy(
                db.getHost(), db.getPort())) {
            String throughProxy = a.jdbcUrl().replace(":" + db.getPort() + "/", ":" + proxy.port() + "/");
            try (LanyardServer first = new LanyardServer(a).start();
                 LanyardServer second = new LanyardServer(a.toBuilder().jdbcUrl(throughProxy).build()).start();
                 WsClient subscriber = new WsClient(second.baseUrl())) {
                first.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
                Event event = first.admin().createEvent(Fixture.eventInput("Forgotten by the firewall"), "olga");
                subscriber.send(new WsMessage.Auth(second.admin().tokenFor("olga")));
                assertThat(subscriber.next().get("type").asText()).isEqualTo("auth_ok");
                subscriber.send(new WsMessage.Subscribe(event.id(), 1L));
                assertThat(subscriber.next().get("type").asText()).isEqualTo("subscribed");

                assertThat(proxy.freezeWhereClientSent("LISTEN")).isEqualTo(1);
                first.admin().addParticipant(event.id(), Map.of("name", "Said while nobody heard"));

                JsonNode changes = subscriber.nextOfTypeWithin("changes", 40_000);
                assertThat(changes).as("the second server's subscriber got the change").isNotNull();
                assertThat(changes.get("changes").get(0).get("data").get("name").asText())
                        .isEqualTo("Said while nobody heard");
            }
        }
    }

    /** Ends both servers' LISTEN connections, and checks that it did: a drop that hit nothing proves nothing. */
    private static void dropListenConnections(ServerConfig config) throws Exception {
        int dropped = 0;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(config.jdbcUrl(), config.dbUser(),
                config.dbPassword());
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity"
                     + " where application_name = '" + PostgresChangeHub.APPLICATION_NAME + "'"
                     + " and pid <> pg_backend_pid()")) {
            while (r.next()) {
                dropped += r.getBoolean(1) ? 1 : 0;
            }
        }
        assertThat(dropped).as("LISTEN connections ended (one per server)").isEqualTo(2);
    }

    @Test
    void revokingADeviceOnOneServerClosesItsSocketOnTheOther() throws Exception {
        ServerConfig a = Backend.POSTGRES.config(dir).build();
        try (LanyardServer first = new LanyardServer(a).start(); LanyardServer second =
                new LanyardServer(a.toBuilder().build()).start();
             WsClient door = new WsClient(second.baseUrl())) {
            Event event = first.admin().createEvent(Fixture.eventInput("Two doors"), "admin");
            var code = first.admin().createPairingCode(event.id());
            var paired = new dev.lanyard.server.support.Api(second.baseUrl(), null)
                    .post("/api/v1/devices/pair", Map.of("code", code.code()))
                    .as(dev.lanyard.model.protocol.PairResponse.class);
            door.send(new WsMessage.Auth(paired.token()));
            assertThat(door.next().get("type").asText()).isEqualTo("auth_ok");

            first.admin().revokeDevice(paired.deviceId());

            assertThat(door.closed.get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(dev.lanyard.server.realtime.Realtime.POLICY_VIOLATION);
        }
    }

    private static WsClient olgasSocket(LanyardServer first, LanyardServer second) throws Exception {
        first.admin().createUser("admin", "admin-password", Set.of(Role.ADMIN));
        first.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
        WsClient ws = new WsClient(second.baseUrl());
        ws.send(new WsMessage.Auth(second.admin().tokenFor("olga")));
        assertThat(ws.next().get("type").asText()).isEqualTo("auth_ok");
        return ws;
    }

    @Test
    void disablingAUserOnOneServerClosesTheirSocketOnTheOtherWithinASecond() throws Exception {
        ServerConfig a = Backend.POSTGRES.config(dir).build();
        try (LanyardServer first = new LanyardServer(a).start(); LanyardServer second =
                new LanyardServer(a.toBuilder().build()).start();
             WsClient olga = olgasSocket(first, second)) {
            first.admin().setUserActive("olga", false);

            assertThat(olga.closed.get(1, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(dev.lanyard.server.realtime.Realtime.POLICY_VIOLATION);
        }
    }

    @Test
    void unassigningAnOperatorOnOneServerEndsTheirSubscriptionOnTheOtherWithinASecond() throws Exception {
        ServerConfig a = Backend.POSTGRES.config(dir).build();
        try (LanyardServer first = new LanyardServer(a).start(); LanyardServer second =
                new LanyardServer(a.toBuilder().build()).start();
             WsClient oscar = new WsClient(second.baseUrl())) {
            first.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
            first.admin().createUser("oscar", "operator-password", Set.of(Role.OPERATOR));
            Event event = first.admin().createEvent(Fixture.eventInput("Unassigned"), "olga");
            first.admin().assignOperator(event.id(), "oscar");
            oscar.send(new WsMessage.Auth(second.admin().tokenFor("oscar")));
            oscar.nextOfType("auth_ok");
            oscar.send(new WsMessage.Subscribe(event.id(), 0L));
            oscar.nextOfType("subscribed");

            Api olga = new Api(first.baseUrl(), first.admin().tokenFor("olga"));
            assertThat(olga.delete("/api/v1/events/" + event.id() + "/operators/oscar").status()).isEqualTo(204);

            JsonNode error = oscar.nextOfTypeWithin("error", 1_000);
            assertThat(error).as("an error for the event within a second").isNotNull();
            assertThat(error.get("error").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void aFreshPushOnOneServerReachesALiveSocketOnTheOtherOnce() throws Exception {
        ServerConfig a = Backend.POSTGRES.config(dir).build();
        try (LanyardServer first = new LanyardServer(a).start(); LanyardServer second =
                new LanyardServer(a.toBuilder().build()).start();
             WsClient live = new WsClient(second.baseUrl())) {
            first.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
            Event event = first.admin().createEvent(Fixture.eventInput("Live"), "olga");
            live.send(new WsMessage.Auth(second.admin().tokenFor("olga")));
            live.nextOfType("auth_ok");
            live.send(new WsMessage.SubscribeLive(event.id()));
            live.nextOfType("subscribed");

            Api olga = new Api(first.baseUrl(), first.admin().tokenFor("olga"));
            CheckInOp op = Fixture.checkIn(Ids.newId(), Fixture.DAY1, Set.of(), new Hlc(1_000, 0, "door-1"));
            assertThat(olga.post("/api/v1/events/" + event.id() + "/ops?live=true",
                    PushRequest.ofOps(null, List.of(op))).status()).isEqualTo(200);

            JsonNode frame = live.nextOfTypeWithin("live", 5_000);
            assertThat(frame).as("a live frame from the other server").isNotNull();
            assertThat(frame.get("changes").get(0).get("data").get("opId").asText()).isEqualTo(op.opId().toString());
            assertThat(live.nextOfTypeWithin("live", 1_000)).as("the same check-in a second time").isNull();
        }
    }

    @Test
    void aSessionEndedWhileNobodyListenedIsFoundWhenTheListenerReconnects() throws Exception {
        ServerConfig a = Backend.POSTGRES.config(dir).build();
        try (LanyardServer first = new LanyardServer(a).start(); LanyardServer second =
                new LanyardServer(a.toBuilder().build()).start();
             WsClient olga = olgasSocket(first, second)) {
            // a change no NOTIFY announces stands for one sent while the listener was down
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(a.jdbcUrl(), a.dbUser(), a.dbPassword());
                 java.sql.Statement s = c.createStatement()) {
                s.execute("update app_user set active = false where username = 'olga'");
            }
            assertThat(olga.closed).isNotDone();

            dropListenConnections(a);

            assertThat(olga.closed.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(dev.lanyard.server.realtime.Realtime.POLICY_VIOLATION);
        }
    }

    /**
     * A second server on the database of {@code a}, with a data folder of its own: nothing shared but the database and
     * the given key file.
     */
    private static ServerConfig.Builder onTheSameDatabase(ServerConfig a, Path data) {
        return ServerConfig.builder(data).host("127.0.0.1").port(0).bcryptCost(4)
                .heartbeatInterval(java.time.Duration.ofMillis(300))
                .jdbcUrl(a.jdbcUrl()).dbUser(a.dbUser()).dbPassword(a.dbPassword());
    }

    @Test
    void aTokenFromOneServerWorksOnTheOtherUntilARotationOnTheFirstEndsItThereWithItsSocket() throws Exception {
        Path kek = dir.resolve("config").resolve("key-encryption-key");
        ServerConfig a = Backend.POSTGRES.config(dir.resolve("a")).keyEncryptionKeyFile(kek).build();
        ServerConfig b = onTheSameDatabase(a, dir.resolve("b")).keyEncryptionKeyFile(kek).build();
        try (LanyardServer first = new LanyardServer(a).start(); LanyardServer second = new LanyardServer(b).start()) {
            first.admin().createUser("admin", "admin-password", Set.of(Role.ADMIN));
            first.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
            String madeOnFirst = first.admin().tokenFor("olga");
            var onSecond = new dev.lanyard.server.support.Api(second.baseUrl(), madeOnFirst);
            assertThat(onSecond.get("/api/v1/events").status()).isEqualTo(200);
            try (WsClient olga = new WsClient(second.baseUrl())) {
                olga.send(new WsMessage.Auth(madeOnFirst));
                assertThat(olga.next().get("type").asText()).isEqualTo("auth_ok");

                var rotated = new dev.lanyard.server.support.Api(first.baseUrl(), first.admin().tokenFor("admin"))
                        .post("/api/v1/auth/signing-key/rotate", null);
                assertThat(rotated.status()).isEqualTo(200);

                assertThat(onSecond.get("/api/v1/events").status()).isEqualTo(401);
                assertThat(olga.closed.get(1, java.util.concurrent.TimeUnit.SECONDS))
                        .isEqualTo(dev.lanyard.server.realtime.Realtime.POLICY_VIOLATION);
                // the second server signs with the key the first one made
                String madeOnSecond = second.admin().tokenFor("olga");
                assertThat(new dev.lanyard.server.support.Api(first.baseUrl(), madeOnSecond).get("/api/v1/events")
                        .status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aServerWithoutTheKeyEncryptionKeyRefusesToStartRatherThanReplaceTheSharedKeys() {
        ServerConfig a = Backend.POSTGRES.config(dir.resolve("a")).build();
        try (LanyardServer first = new LanyardServer(a).start()) {
            first.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
            String token = first.admin().tokenFor("olga");

            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    new LanyardServer(onTheSameDatabase(a, dir.resolve("b")).build()))
                    .hasMessageContaining("key-encryption key").hasMessageContaining("rotate-signing-key");

            assertThat(new dev.lanyard.server.support.Api(first.baseUrl(), token).get("/api/v1/events").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void bothServersCountTheSameFailedLogins() {
        ServerConfig a = Backend.POSTGRES.config(dir).build();
        try (LanyardServer first = new LanyardServer(a).start(); LanyardServer second =
                new LanyardServer(a.toBuilder().build()).start()) {
            first.admin().createUser("olga", "organizer-password", Set.of(dev.lanyard.model.Role.ORGANIZER));
            var one = new dev.lanyard.server.support.Api(first.baseUrl(), null);
            var other = new dev.lanyard.server.support.Api(second.baseUrl(), null);
            for (int i = 0; i < 6; i++) {
                // alternating servers, as a round-robin proxy would send them
                var server = i % 2 == 0 ? one : other;
                assertThat(server.post("/api/v1/auth/login", Map.of("username", "olga", "password", "guess" + i))
                        .status()).isEqualTo(401);
            }
            assertThat(one.post("/api/v1/auth/login", Map.of("username", "olga", "password", "organizer-password"))
                    .status()).isEqualTo(429);
            assertThat(other.post("/api/v1/auth/login", Map.of("username", "olga", "password", "organizer-password"))
                    .status()).isEqualTo(429);
        }
    }
}
