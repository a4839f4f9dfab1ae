package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Role;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import io.javalin.testtools.JavalinTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the route table, called by every kind of caller, against the whole app
 * (JavalinTest on a random port): the status each one gets. A route added to the table without
 * a row here fails {@link #everyRouteOfTheTableIsInTheMatrix}.
 */
class RouteRolesTest {
    private static final java.util.concurrent.atomic.AtomicInteger SERIAL =
            new java.util.concurrent.atomic.AtomicInteger();

    enum Caller { ANONYMOUS, ADMIN, OWNER, OTHER_ORGANIZER, OPERATOR, AUDITOR, DEVICE }

    @TempDir
    Path dir;

    /** One route: how to call it as a caller, and the status each caller must get. */
    record Row(Routes.Method method, String path, BiFunction<Ctx, Caller, Api.Res> call,
            Map<Caller, Integer> expected) {
    }

    /** What the calls need: the fixture and one API client per caller. */
    record Ctx(Fixture f, Map<Caller, Api> api, String deviceToken) {
        Api as(Caller c) {
            return api.get(c);
        }

        /** A fresh event of the owner, with the operator assigned, for destructive calls. */
        Event freshEvent() {
            Event e = f.server.admin().createEvent(Fixture.eventInput("Fresh"), "olga");
            f.server.admin().assignOperator(e.id(), "oscar");
            return e;
        }

        String participant() {
            return f.server.admin().addParticipant(f.event.id(), Map.of("name", "P " + Ids.newId())).id().toString();
        }

        /**
         * A caller of the same kind with a token of its own, for calls that end the caller's
         * sessions: the shared tokens must survive them for the rows that follow.
         */
        Api freshAs(Caller who) {
            Role role = switch (who) {
                case ANONYMOUS, DEVICE -> null;
                case ADMIN -> Role.ADMIN;
                case OWNER, OTHER_ORGANIZER -> Role.ORGANIZER;
                case OPERATOR -> Role.OPERATOR;
                case AUDITOR -> Role.AUDITOR;
            };
            if (role == null) {
                return as(who);
            }
            String name = "fresh" + SERIAL.incrementAndGet();
            f.server.admin().createUser(name, "fresh-password", Set.of(role));
            return f.anonymous.as(f.server.admin().tokenFor(name));
        }

        /** The path of the event's current calendar link, as its organizer sees it. */
        String calendarPath() {
            return java.net.URI.create(f.organizer.get(f.eventPath()).json().get("calendarUrl").asText()).getRawPath();
        }

        /** A user for an admin's call to change. */
        String victim() {
            String name = "victim" + SERIAL.incrementAndGet();
            f.server.admin().createUser(name, "victim-password", Set.of(Role.OPERATOR));
            return name;
        }

        PairResponse pairedDevice() {
            var code = f.server.admin().createPairingCode(f.event.id());
            return f.anonymous.post("/api/v1/devices/pair", Map.of("code", code.code())).as(PairResponse.class);
        }
    }

    private static Map<Caller, Integer> expect(int anonymous, int admin, int owner, int other, int operator,
            int auditor, int device) {
        Map<Caller, Integer> m = new EnumMap<>(Caller.class);
        m.put(Caller.ANONYMOUS, anonymous);
        m.put(Caller.ADMIN, admin);
        m.put(Caller.OWNER, owner);
        m.put(Caller.OTHER_ORGANIZER, other);
        m.put(Caller.OPERATOR, operator);
        m.put(Caller.AUDITOR, auditor);
        m.put(Caller.DEVICE, device);
        return m;
    }

    private static Map<Caller, Integer> all(int status) {
        return expect(status, status, status, status, status, status, status);
    }

    static List<Row> matrix() {
        String ev = "/api/v1/events/{id}";
        String parts = ev + "/participants";
        Map<Caller, Integer> readers = expect(401, 200, 200, 404, 200, 200, 200);
        Map<Caller, Integer> managers200 = expect(401, 200, 200, 404, 403, 403, 403);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(Routes.Method.GET, "/health", (c, who) -> c.as(who).get("/health"), all(200)));
        rows.add(new Row(Routes.Method.GET, "/metrics", (c, who) -> c.as(who).get("/metrics"), all(200)));
        rows.add(new Row(Routes.Method.GET, "/api/v1/openapi.json", (c, who) -> c.as(who).get("/api/v1/openapi.json"),
                all(200)));
        // the calendar link needs no login: its token is the key, whoever sends it
        rows.add(new Row(Routes.Method.GET, "/calendar/{token}.ics", (c, who) -> c.as(who).get(c.calendarPath()),
                all(200)));
        rows.add(new Row(Routes.Method.POST, "/api/v1/auth/login", (c, who) -> c.as(who).post("/api/v1/auth/login",
                Map.of("username", "olga", "password", "organizer-password")), all(200)));
        Map<Caller, Integer> people = expect(401, 204, 204, 204, 204, 204, 403);
        rows.add(new Row(Routes.Method.POST, "/api/v1/auth/logout",
                (c, who) -> c.freshAs(who).post("/api/v1/auth/logout", null), people));
        rows.add(new Row(Routes.Method.POST, "/api/v1/auth/password",
                (c, who) -> c.freshAs(who).post("/api/v1/auth/password",
                Map.of("oldPassword", "fresh-password", "newPassword", "changed-password")),
                expect(401, 200, 200, 200, 200, 200, 403)));
        Map<Caller, Integer> admins204 = expect(401, 204, 403, 403, 403, 403, 403);
        rows.add(new Row(Routes.Method.PUT, "/api/v1/users/{username}/disabled",
                (c, who) -> c.as(who).put("/api/v1/users/" + c.victim() + "/disabled",
                Map.of("disabled", true)), admins204));
        rows.add(new Row(Routes.Method.PUT, "/api/v1/users/{username}/password",
                (c, who) -> c.as(who).put("/api/v1/users/" + c.victim() + "/password",
                Map.of("password", "reset-password")), admins204));
        rows.add(new Row(Routes.Method.PUT, "/api/v1/users/{username}/roles",
                (c, who) -> c.as(who).put("/api/v1/users/" + c.victim() + "/roles",
                Map.of("roles", List.of("AUDITOR"))), admins204));
        rows.add(new Row(Routes.Method.GET, "/api/v1/users", (c, who) -> c.as(who).get("/api/v1/users"),
                expect(401, 200, 403, 403, 403, 403, 403)));
        rows.add(new Row(Routes.Method.POST, "/api/v1/users", (c, who) -> c.as(who).post("/api/v1/users",
                Map.of("username", "u" + who.ordinal(), "password", "password-123", "roles", List.of("OPERATOR"))),
                expect(401, 201, 403, 403, 403, 403, 403)));
        rows.add(new Row(Routes.Method.GET, "/api/v1/events", (c, who) -> c.as(who).get("/api/v1/events"),
                expect(401, 200, 200, 200, 200, 200, 200)));
        rows.add(new Row(Routes.Method.POST, "/api/v1/events",
                (c, who) -> c.as(who).post("/api/v1/events", Fixture.eventInput("New")),
                expect(401, 201, 201, 201, 403, 403, 403)));
        rows.add(new Row(Routes.Method.GET, ev, (c, who) -> c.as(who).get(c.f.eventPath()), readers));
        rows.add(new Row(Routes.Method.PUT, ev, (c, who) -> c.as(who)
                .put(c.f.eventPath(), Fixture.eventInput("Renamed")), managers200));
        rows.add(new Row(Routes.Method.DELETE, ev, (c, who) -> c.as(who)
                .delete("/api/v1/events/" + c.freshEvent().id()),
                expect(401, 204, 204, 404, 403, 403, 404)));
        rows.add(new Row(Routes.Method.GET, ev + "/stats", (c, who) -> c.as(who).get(c.f.eventPath() + "/stats"),
                readers));
        rows.add(new Row(Routes.Method.GET, ev + "/report", (c, who) -> c.as(who).get(c.f.eventPath() + "/report"),
                readers));
        rows.add(new Row(Routes.Method.GET, ev + "/report/arrivals.png",
                (c, who) -> c.as(who).get(c.f.eventPath() + "/report/arrivals.png"), readers));
        rows.add(new Row(Routes.Method.POST, ev + "/calendar-token",
                (c, who) -> c.as(who).post(c.f.eventPath() + "/calendar-token", null), managers200));
        rows.add(new Row(Routes.Method.GET, ev + "/operators",
                (c, who) -> c.as(who).get(c.f.eventPath() + "/operators"), managers200));
        rows.add(new Row(Routes.Method.PUT, ev + "/operators/{username}",
                (c, who) -> c.as(who).put(c.f.eventPath() + "/operators/oscar", null),
                expect(401, 204, 204, 404, 403, 403, 403)));
        rows.add(new Row(Routes.Method.DELETE, ev + "/operators/{username}",
                (c, who) -> c.as(who).delete(c.f.eventPath() + "/operators/nobody"),
                expect(401, 204, 204, 404, 403, 403, 403)));
        rows.add(new Row(Routes.Method.GET, parts, (c, who) -> c.as(who).get(c.f.eventPath() + "/participants"),
                readers));
        rows.add(new Row(Routes.Method.POST, parts, (c, who) -> c.as(who)
                .post(c.f.eventPath() + "/participants", Map.of("name", "New")),
                expect(401, 201, 201, 404, 403, 403, 403)));
        rows.add(new Row(Routes.Method.POST, parts + "/import",
                (c, who) -> c.as(who).postBytes(c.f.eventPath() + "/participants/import",
                ("name,email\nImported " + who + ",imp" + who.ordinal() + "@example.org\n")
                .getBytes(StandardCharsets.UTF_8), "text/csv"), managers200));
        rows.add(new Row(Routes.Method.GET, parts + "/{pid}",
                (c, who) -> c.as(who).get(c.f.eventPath() + "/participants/" + c.participant()), readers));
        rows.add(new Row(Routes.Method.PATCH, parts + "/{pid}",
                (c, who) -> c.as(who).patch(c.f.eventPath() + "/participants/" + c.participant(),
                Map.of("company", "Acme")), managers200));
        rows.add(new Row(Routes.Method.POST, parts + "/{pid}/anonymize",
                (c, who) -> c.as(who).post(c.f.eventPath() + "/participants/"
                + c.participant() + "/anonymize", null), managers200));
        rows.add(new Row(Routes.Method.GET, parts + "/{pid}/emails",
                (c, who) -> c.as(who).get(c.f.eventPath() + "/participants/"
                + c.participant() + "/emails"), managers200));
        rows.add(new Row(Routes.Method.POST, ev + "/emails/confirmation/send-pending",
                (c, who) -> c.as(who).post(c.f.eventPath()
                + "/emails/confirmation/send-pending", null), managers200));
        rows.add(new Row(Routes.Method.GET, ev + "/emails", (c, who) -> c.as(who).get(c.f.eventPath() + "/emails"),
                managers200));
        rows.add(new Row(Routes.Method.GET, ev + "/emails/{kind}/preview", (c, who) -> c.as(who).get(c.f.eventPath()
                + "/emails/confirmation/preview"), managers200));
        Map<Caller, Integer> exporters = expect(401, 200, 200, 404, 403, 200, 403);
        rows.add(new Row(Routes.Method.GET, ev + "/exports/participants.csv",
                (c, who) -> c.as(who).get(c.f.eventPath() + "/exports/participants.csv"), exporters));
        rows.add(new Row(Routes.Method.GET, ev + "/exports/checkins.csv",
                (c, who) -> c.as(who).get(c.f.eventPath() + "/exports/checkins.csv"), exporters));
        rows.add(new Row(Routes.Method.GET, ev + "/changes",
                (c, who) -> c.as(who).get(c.f.eventPath() + "/changes?after=0"), readers));
        rows.add(new Row(Routes.Method.POST, ev + "/ops", (c, who) -> c.as(who)
                .post(c.f.eventPath() + "/ops", PushRequest.ofOps(null,
                List.of(Fixture.checkIn(Ids.newId(), Fixture.DAY1, Set.of(), new Hlc(1, 0, "door"))))),
                expect(401, 200, 200, 404, 200, 403, 200)));
        rows.add(new Row(Routes.Method.POST, ev + "/pairing-codes",
                (c, who) -> c.as(who).post(c.f.eventPath() + "/pairing-codes", null),
                expect(401, 201, 201, 404, 403, 403, 403)));
        rows.add(new Row(Routes.Method.POST, "/api/v1/devices/pair", (c, who) -> c.as(who).post("/api/v1/devices/pair",
                Map.of("code", c.f.server.admin().createPairingCode(c.f.event.id()).code())), all(200)));
        rows.add(new Row(Routes.Method.GET, "/api/v1/devices", (c, who) -> c.as(who).get("/api/v1/devices"),
                expect(401, 200, 200, 200, 200, 200, 403)));
        rows.add(new Row(Routes.Method.DELETE, "/api/v1/devices/{deviceId}",
                (c, who) -> c.as(who).delete("/api/v1/devices/" + c.pairedDevice().deviceId()),
                expect(401, 204, 204, 404, 404, 404, 404)));
        rows.add(new Row(Routes.Method.PUT, "/api/v1/devices/self/peer-key",
                (c, who) -> c.as(who).put("/api/v1/devices/self/peer-key",
                Map.of("publicKey", ecPublicKey())), expect(401, 403, 403, 403, 403, 403, 200)));
        rows.add(new Row(Routes.Method.GET, ev + "/peer-keys",
                (c, who) -> c.as(who).get(c.f.eventPath() + "/peer-keys"), readers));
        // last: a rotation ends every user token there is; fresh tokens are made after it
        rows.add(new Row(Routes.Method.POST, "/api/v1/auth/signing-key/rotate",
                (c, who) -> c.freshAs(who).post("/api/v1/auth/signing-key/rotate", null),
                expect(401, 200, 403, 403, 403, 403, 403)));
        return rows;
    }

    private static String ecPublicKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return java.util.Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyRouteOfTheTableIsInTheMatrix() {
        Set<String> table = new HashSet<>();
        Routes.table().forEach(r -> table.add(r.method() + " " + r.path()));
        Set<String> covered = new HashSet<>();
        matrix().forEach(r -> covered.add(r.method() + " " + r.path()));
        assertThat(covered).isEqualTo(table);
    }

    @Test
    void everyCallerGetsTheStatusItsRoleAllows() {
        LanyardServer server = new LanyardServer(Backend.H2.config(dir).build());
        try {
            JavalinTest.test(server.javalin(), (app, client) -> {
                Fixture f = new Fixture(server);
                String deviceToken = f.anonymous.post("/api/v1/devices/pair",
                        Map.of("code", server.admin().createPairingCode(f.event.id()).code())).as(PairResponse.class)
                        .token();
                Map<Caller, Api> api = new EnumMap<>(Caller.class);
                api.put(Caller.ANONYMOUS, f.anonymous);
                api.put(Caller.ADMIN, f.admin);
                api.put(Caller.OWNER, f.organizer);
                api.put(Caller.OTHER_ORGANIZER, f.otherOrganizer);
                api.put(Caller.OPERATOR, f.operator);
                api.put(Caller.AUDITOR, f.auditor);
                api.put(Caller.DEVICE, f.anonymous.as(deviceToken));
                Ctx ctx = new Ctx(f, api, deviceToken);
                List<String> wrong = new ArrayList<>();
                for (Row row : matrix()) {
                    for (Caller who : Caller.values()) {
                        Api.Res res = row.call().apply(ctx, who);
                        int want = row.expected().get(who);
                        if (res.status() != want) {
                            wrong.add(row.method() + " " + row.path() + " as " + who + ": " + res.status() + " (want "
                                    + want + ") " + res.body());
                        } else if (res.status() >= 400) {
                            assertThat(res.json().has("error")).as(row.path() + " " + who).isTrue();
                        }
                    }
                }
                assertThat(wrong).isEmpty();
            });
        } finally {
            server.stop();
        }
    }

    @Test
    void anOrganizerListsOnlyTheirOwnEvents() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            f.server.admin().createEvent(Fixture.eventInput("Otto's"), "otto");
            assertThat(f.organizer.get("/api/v1/events").json()).extracting(e -> e.get("name").asText())
                    .containsExactly("Lanyard Conf");
            assertThat(f.otherOrganizer.get("/api/v1/events").json()).extracting(e -> e.get("name").asText())
                    .containsExactly("Otto's");
            assertThat(f.admin.get("/api/v1/events").json()).hasSize(2);
        }
    }
}
