package dev.lanyard.server.sync;

import static dev.lanyard.server.support.Fixture.DAY1;
import static dev.lanyard.server.support.Fixture.DAY2;
import static dev.lanyard.server.support.Fixture.checkIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.PairedDevice;
import dev.lanyard.server.support.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stamps from wrong or hostile clocks against a real server. */
class ClockAheadTest {
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    @TempDir
    Path dir;

    /** Real time: the organizer's token is a JWT, checked against it. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final long YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    private final SettableClock clock = new SettableClock(NOW);

    private Fixture serverAtNow() {
        return new Fixture(new LanyardServer(Backend.H2.config(dir).build(), clock).start());
    }

    private static OpResult pushOne(PairedDevice device, Fixture f, CheckInOp op) {
        var res = device.api().post(f.eventPath() + "/ops", PushRequest.ofOps(device.node(), List.of(op)));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.as(PushResponse.class).results().get(0);
    }

    @Test
    void aStampWithTheLargestCounterPoisonsNoLaterPush() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID p = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim")).id();
            PairedDevice hostile = PairedDevice.pair(f, "Door 1");
            PairedDevice honest = PairedDevice.pair(f, "Door 2");
            long now = System.currentTimeMillis();

            hostile.api().post(f.eventPath() + "/ops", PushRequest.ofOps(hostile.node(),
                    List.of(checkIn(p, DAY1, Set.of(), new Hlc(now + 30 * MINUTE, Integer.MAX_VALUE,
                    hostile.node())))));
            hostile.api().post(f.eventPath() + "/ops", PushRequest.ofOps(hostile.node(),
                    List.of(checkIn(p, DAY1, Set.of(), new Hlc(now + MINUTE, Integer.MAX_VALUE, hostile.node())))));

            assertThat(pushOne(honest, f, checkIn(p, DAY2, Set.of(),
                    new Hlc(System.currentTimeMillis(), 0, honest.node()))).status())
                    .isEqualTo(OpStatus.ACCEPTED);
            assertThat(pushOne(hostile, f, checkIn(p, DAY2, Set.of(),
                    new Hlc(System.currentTimeMillis(), 3, hostile.node()))).status())
                    .isEqualTo(OpStatus.ACCEPTED);
        }
    }

    @Test
    void aPatchStampedIn2100IsRefusedAndTheOrganizersLaterEditWins() {
        try (Fixture f = serverAtNow()) {
            UUID p = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim", "company", "Old Co")).id();
            PairedDevice door = PairedDevice.pair(f, "Door 1");
            ParticipantPatch future = ParticipantPatch.of(null, p, Map.of("company", "Year 2100 Co"),
                    new Hlc(YEAR_2100, 0, door.node()));

            var pushed = door.api().post(f.eventPath() + "/ops",
                    new PushRequest(door.node(), List.of(), List.of(future), null, null));
            clock.advance(Duration.ofMinutes(1));
            var edited = f.organizer.patch(f.eventPath() + "/participants/" + p, Map.of("company", "New Co"));

            assertThat(edited.status()).as(edited.body()).isEqualTo(200);
            assertThat(f.organizer.get(f.eventPath() + "/participants/" + p).json().get("company").asText())
                    .isEqualTo("New Co");
            assertThat(pushed.as(PushResponse.class).results())
                    .containsExactly(OpResult.clockAhead(future.patchId(), NOW.toEpochMilli()));
        }
    }

    @Test
    void anOrganizersEditIsNotHeldToTheBoundAfterTheServersClockSteppedBack() {
        try (Fixture f = serverAtNow()) {
            UUID p = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim", "company", "Old Co")).id();
            PairedDevice door = PairedDevice.pair(f, "Door 1");
            ParticipantPatch nearTheBound = ParticipantPatch.of(null, p, Map.of("company", "Door Co"),
                    new Hlc(NOW.toEpochMilli() + 4 * MINUTE, 0, door.node()));
            var pushed = door.api().post(f.eventPath() + "/ops",
                    new PushRequest(door.node(), List.of(), List.of(nearTheBound), null, null));
            assertThat(pushed.as(PushResponse.class).results().get(0).status()).isEqualTo(OpStatus.ACCEPTED);

            // NTP steps the server's clock back: the organizer's edit is stamped after the door's (ADR 0007),
            // which now lies beyond the bound a caller's stamp is held to
            clock.advance(Duration.ofMinutes(-3));
            var edited = f.organizer.patch(f.eventPath() + "/participants/" + p, Map.of("company", "New Co"));

            assertThat(edited.status()).as(edited.body()).isEqualTo(200);
            assertThat(f.organizer.get(f.eventPath() + "/participants/" + p).json().get("company").asText())
                    .isEqualTo("New Co");
        }
    }

    @Test
    void aFarAheadOpIsRefusedAloneAndPoisonsNothing() {
        try (Fixture f = serverAtNow()) {
            UUID p = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim")).id();
            PairedDevice wrongClock = PairedDevice.pair(f, "Door 1");
            PairedDevice other = PairedDevice.pair(f, "Door 2");
            CheckInOp far = checkIn(p, DAY1, Set.of(), new Hlc(NOW.plus(Duration.ofDays(400)).toEpochMilli(), 0,
                    wrongClock.node()));
            CheckInOp normal = checkIn(p, DAY2, Set.of(), new Hlc(NOW.toEpochMilli(), 0, wrongClock.node()));
            long feedBefore = f.server.feedReader().lastSeq(f.event.id());

            var res = wrongClock.api().post(f.eventPath() + "/ops",
                    PushRequest.ofOps(wrongClock.node(), List.of(far, normal)));
            List<OpResult> answers = res.as(PushResponse.class).results();

            assertThat(answers.get(0)).isEqualTo(OpResult.clockAhead(far.opId(), NOW.toEpochMilli()));
            assertThat(answers.get(1)).isEqualTo(OpResult.accepted(normal.opId(), feedBefore + 1));
            assertThat(f.server.feedReader().lastSeq(f.event.id())).isEqualTo(feedBefore + 1);
            assertThat(pushOne(other, f, checkIn(p, DAY1, Set.of(), new Hlc(NOW.toEpochMilli(), 1, other.node())))
                    .status())
                    .isEqualTo(OpStatus.ACCEPTED);
        }
    }

    @Test
    void theBoundIsTheServersClockPlusTheConfiguredDrift() {
        try (Fixture f = new Fixture(new LanyardServer(Backend.H2.config(dir).maxClockDrift(Duration.ofMinutes(2))
                .build(), clock).start())) {
            UUID p = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim")).id();
            PairedDevice door = PairedDevice.pair(f, "Door 1");
            long bound = NOW.plus(Duration.ofMinutes(2)).toEpochMilli();

            OpResult atTheBound = pushOne(door, f, checkIn(p, DAY1, Set.of(),
                    new Hlc(bound, Integer.MAX_VALUE, door.node())));
            OpResult pastTheBound = pushOne(door, f, checkIn(p, DAY2, Set.of(), new Hlc(bound + 1, 0, door.node())));
            clock.advance(Duration.ofMillis(1));
            OpResult afterTheServerMoved = pushOne(door, f, checkIn(p, DAY2, Set.of(),
                    new Hlc(bound + 1, 0, door.node())));

            assertThat(atTheBound.status()).isEqualTo(OpStatus.ACCEPTED);
            assertThat(pastTheBound.refusedForClock()).isTrue();
            assertThat(afterTheServerMoved.status()).isEqualTo(OpStatus.ACCEPTED);
        }
    }

    @Test
    void aFarAheadDrawingIsRefused() {
        try (Fixture f = serverAtNow()) {
            PairedDevice door = PairedDevice.pair(f, "Door 1");
            PrizeDrawing drawing = new PrizeDrawing(Ids.newId(), null, "Bike", DrawingPool.CHECKED_IN, false, null,
                    List.of(), "olga",
                    NOW, false, new Hlc(YEAR_2100, 0, door.node()), null);
            long feedBefore = f.server.feedReader().lastSeq(f.event.id());

            var res = door.api().post(f.eventPath() + "/ops",
                    new PushRequest(door.node(), List.of(), List.of(), List.of(drawing), null));

            assertThat(res.as(PushResponse.class).results()).containsExactly(
                    OpResult.clockAhead(drawing.drawingId(), NOW.toEpochMilli()));
            assertThat(f.server.feedReader().lastSeq(f.event.id())).isEqualTo(feedBefore);
        }
    }
}
