package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.support.FakeSyncServer;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.support.MutableClock;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.PushRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A laptop whose clock is wrong: the kiosk learns the server's time on every answer, and loses nothing the server
 * refused for it.
 */
class ClockCorrectionTest {
    static final Instant SERVER_NOW = Seed.DAY1.atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Seoul")).toInstant();
    static final Duration AHEAD = Duration.ofHours(3).plusMinutes(12);
    static final Duration YEAR = Duration.ofDays(365);

    @TempDir
    Path dir;
    final MockWebServer server = new MockWebServer();
    final FakeSyncServer fake = new FakeSyncServer();
    final List<Participant> people = new ArrayList<>();
    Event event;
    Kiosk kiosk;
    MutableClock laptop;
    MutableClock serverClock = new MutableClock(SERVER_NOW);

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(fake);
        server.start();
        event = Seed.event(ReentryPolicy.WARN);
        for (int i = 0; i < 5; i++) {
            people.add(Seed.participant(event.id(), "Guest " + i, null, null, i));
        }
        Seed.folder(dir, server.url("/").toString(), List.of(event), people);
        fake.serverClock = serverClock::millis;
    }

    void open(Duration laptopAhead) {
        laptop = new MutableClock(SERVER_NOW.plus(laptopAhead));
        kiosk = Kiosk.open(Seed.options(dir, laptop).withBatchSizes(50, 1000), false);
    }

    @AfterEach
    void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
        server.close();
    }

    CheckInOp scan(int who) {
        kiosk.checkIns().scan(event.id(), people.get(who).ticketCode(), Seed.DAY1).join();
        return KioskReplica.of(kiosk).write(tx -> CheckInLog.ops(tx, people.get(who).id(), Seed.DAY1)).get(0);
    }

    @Test
    void anyAnswerTeachesTheOffsetAndStampsThenFollowTheServersClock() {
        open(AHEAD);
        kiosk.status(true); // the health probe: a 404 here, but it carries the server's time like every answer

        assertThat(kiosk.syncStatus().current().clockOffsetMs()).isEqualTo(-AHEAD.toMillis());
        assertThat(kiosk.syncStatus().current().clockOff()).isTrue();
        assertThat(scan(0).hlc().wall()).isEqualTo(SERVER_NOW.toEpochMilli());
    }

    @Test
    void theHlcIsTakenBackAsSoonAsAnAnswerShowsItsLastStampFarAheadNotOnlyAfterARefusal() {
        open(YEAR);
        scan(0);

        kiosk.status(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.clock().peek().wall() <= serverClock.millis());
        assertThat(scan(1).hlc().wall()).isEqualTo(serverClock.millis());
    }

    @Test
    void theOffsetIsKeptSoAKioskRestartedOfflineStillStampsCorrected() {
        open(AHEAD);
        kiosk.status(true);
        kiosk.close();
        server.close();

        kiosk = Kiosk.open(Seed.options(dir, laptop), false);

        assertThat(kiosk.syncStatus().current().clockOffsetMs()).isEqualTo(-AHEAD.toMillis());
        assertThat(scan(1).hlc().wall()).isEqualTo(SERVER_NOW.toEpochMilli());
    }

    @Test
    void answersWithoutAPlausibleServerTimeTeachNothing() {
        open(AHEAD);
        for (String nonsense : List.of("0", "-5", "soon", "99999999999999999", "4102444800001")) {
            fake.serverClock = null;
            fake.fallback = push -> FakeSyncServer.error(503).newBuilder().setHeader("Lanyard-Server-Time", nonsense)
                    .build();
            scan(people.indexOf(people.get(0)));
            kiosk.outbox().flushNow();
        }
        kiosk.status(true);

        assertThat(kiosk.syncStatus().current().clockOffsetMs()).isZero();
        Optional<String> stored = KioskReplica.of(kiosk).write(tx -> Settings.get(tx, Settings.CLOCK_OFFSET));
        assertThat(stored).isEmpty();
    }

    /**
     * Answers every check-in op, patch and drawing stamped further ahead than five minutes as the server on branch
     * clock does.
     */
    void refuseWhatIsAhead() {
        fake.fallback = push -> FakeSyncServer.answer(push, id -> {
            Hlc stamp = stampOf(push, id);
            return stamp != null && stamp.wall() > serverClock.millis() + Duration.ofMinutes(5).toMillis()
                    ? OpResult.clockAhead(id, serverClock.millis())
                    : OpResult.accepted(id, fake.pushes.size() * 100L + push.size());
        });
    }

    static Hlc stampOf(PushRequest push, UUID id) {
        for (CheckInOp o : push.ops()) {
            if (o.opId().equals(id)) {
                return o.hlc();
            }
        }
        for (ParticipantPatch p : push.patches()) {
            if (p.patchId().equals(id)) {
                return p.hlc();
            }
        }
        for (var d : push.drawings()) {
            if (d.drawingId().equals(id)) {
                return d.hlc();
            }
        }
        return null;
    }

    @Test
    void itemsRefusedForTheClockAreReStampedWhereverTheKioskHoldsThemAndSentAgainNeverDeadLettered() {
        open(YEAR);
        List<CheckInOp> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(scan(i));
            laptop.advance(Duration.ofMinutes(2));
            serverClock.advance(Duration.ofMinutes(2));
        }
        kiosk.edits().edit(event.id(), people.get(3).id(), Map.of("name", "Renamed Offline")).join();
        laptop.advance(Duration.ofMinutes(1));
        serverClock.advance(Duration.ofMinutes(1));
        refuseWhatIsAhead();

        OutboxSender.Flush flush = kiosk.outbox().flushNow();

        assertThat(flush.succeeded()).isTrue();
        assertThat(flush.deadLettered()).isZero();
        assertThat(flush.restamped()).isEqualTo(4);
        assertThat(kiosk.deadLetters()).isEmpty();
        assertThat(KioskReplica.of(kiosk).write(OutboxStore::unsent)).isZero();
        PushRequest resent = fake.pushes.get(1);
        assertThat(resent.ops()).extracting(CheckInOp::opId)
                .containsExactlyElementsOf(made.stream().map(CheckInOp::opId).toList());
        for (int i = 0; i < 3; i++) {
            CheckInOp again = resent.ops().get(i);
            // the scan's own time, told by the server's clock: 10:00, 10:02, 10:04
            assertThat(again.hlc().wall()).isEqualTo(SERVER_NOW.plus(Duration.ofMinutes(2L * i)).toEpochMilli());
            assertThat(again.hlc().node()).isEqualTo(Seed.DEVICE);
            assertThat(again.clockCorrectedMs()).isEqualTo(-YEAR.toMillis());
            CheckInOp logged = KioskReplica.of(kiosk).write(tx ->
                    CheckInLog.ops(tx, people.get(again.participantId().equals(made.get(0).participantId())
                    ? 0 : again.participantId().equals(made.get(1).participantId()) ? 1 : 2).id(), Seed.DAY1)).get(0);
            assertThat(logged.opId()).isEqualTo(again.opId());
            assertThat(logged.hlc()).isEqualTo(again.hlc());
            assertThat(logged.clockCorrectedMs()).isEqualTo(-YEAR.toMillis());
        }
        assertThat(KioskReplica.of(kiosk).write(tx -> CheckInLog.state(tx, people.get(0).id(), Seed.DAY1))
                .firstAdmittedAt()).isEqualTo(SERVER_NOW);
        boolean marked = KioskReplica.of(kiosk).write(tx ->
                CheckInLog.firstAdmissionCorrected(tx, people.get(0).id(), Seed.DAY1));
        assertThat(marked).isTrue();
        ParticipantPatch patch = resent.patches().get(0);
        assertThat(patch.hlc().wall()).isEqualTo(SERVER_NOW.plus(Duration.ofMinutes(6)).toEpochMilli());
        Participant edited = KioskReplica.of(kiosk).write(tx -> ParticipantStore.find(tx, people.get(3).id()))
                .orElseThrow();
        assertThat(edited.name()).isEqualTo("Renamed Offline");
        assertThat(edited.stampOf("name")).isEqualTo(patch.hlc());
        // the HLC was taken back: what the kiosk stamps now is the server's time, which the server accepts
        assertThat(kiosk.clock().peek().wall()).isLessThanOrEqualTo(serverClock.millis());
        assertThat(scan(4).hlc().wall()).isEqualTo(serverClock.millis());
        Set<Hlc> stamps = new HashSet<>();
        fake.pushes.stream().skip(1).forEach(p -> p.ops().forEach(o -> assertThat(stamps.add(o.hlc())).isTrue()));
    }
}
