package dev.lanyard.server.support;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Role;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.server.LanyardServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/** A running server with an admin, an organizer, an operator, an auditor and one event. */
public final class Fixture implements AutoCloseable {
    public static final LocalDate DAY1 = LocalDate.of(2026, 5, 20);
    public static final LocalDate DAY2 = DAY1.plusDays(1);
    public final LanyardServer server;
    public final Event event;
    public final Api admin;
    public final Api organizer;
    public final Api operator;
    public final Api auditor;
    public final Api otherOrganizer;
    public final Api anonymous;

    public Fixture(Backend backend, Path dir) {
        this(new LanyardServer(backend.config(dir).build()).start());
    }

    public Fixture(LanyardServer server) {
        this.server = server;
        var a = server.admin();
        a.createUser("admin", "admin-password", Set.of(Role.ADMIN));
        a.createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
        a.createUser("otto", "organizer-password", Set.of(Role.ORGANIZER));
        a.createUser("oscar", "operator-password", Set.of(Role.OPERATOR));
        a.createUser("aude", "auditor-password", Set.of(Role.AUDITOR));
        event = a.createEvent(eventInput("Lanyard Conf"), "olga");
        a.assignOperator(event.id(), "oscar");
        String base = server.baseUrl();
        anonymous = new Api(base, null);
        admin = new Api(base, a.tokenFor("admin"));
        organizer = new Api(base, a.tokenFor("olga"));
        otherOrganizer = new Api(base, a.tokenFor("otto"));
        operator = new Api(base, a.tokenFor("oscar"));
        auditor = new Api(base, a.tokenFor("aude"));
    }

    public static EventInput eventInput(String name) {
        return new EventInput(name, null, null, DAY1, DAY2, ZoneId.of("Asia/Seoul"), null, 500, null, null, null, null,
                null, null);
    }

    /** A device paired for the event, as a kiosk pairs: its id and an API client holding its token. */
    public record PairedDevice(UUID id, Api api) {
    }

    public PairedDevice pairDevice() {
        String code = server.admin().createPairingCode(event.id()).code();
        PairResponse paired = anonymous.post("/api/v1/devices/pair", java.util.Map.of("code", code))
                .as(PairResponse.class);
        return new PairedDevice(paired.deviceId(), anonymous.as(paired.token()));
    }

    public String eventPath() {
        return "/api/v1/events/" + event.id();
    }

    public static Hlc hlc(long wall, String node) {
        return new Hlc(wall, 0, node);
    }

    public static CheckInOp checkIn(UUID participant, LocalDate day, Set<UUID> observed, Hlc hlc) {
        return new CheckInOp(Ids.newId(), null, participant, day, dev.lanyard.model.CheckInAction.CHECK_IN, observed,
                hlc, null, null, null);
    }

    public static CheckInOp undo(UUID participant, LocalDate day, Set<UUID> observed, Hlc hlc) {
        return new CheckInOp(Ids.newId(), null, participant, day, dev.lanyard.model.CheckInAction.UNDO, observed, hlc,
                null, null, null);
    }

    @Override
    public void close() {
        server.stop();
    }
}
