package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.syncstatus.SyncStatus;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.kiosk.support.TcpProxy;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.desk.SyncBarViewModel;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, "a door with a wrong clock still loses nothing", against the real sync-server: a
 * kiosk paired and bootstrapped normally has its clock set a year ahead, works offline, and
 * comes back. Every check-in counts, its edit neither wins against a later organizer edit nor
 * lands in the dead letters, the desk warned about the clock, and the times shown are marked.
 */
class WrongClockE2eTest {
    @TempDir
    Path tmp;
    LiveServer live;
    TcpProxy link;
    Kiosk kiosk;

    /** The laptop's wall clock: the real one, set off by hand. */
    static final class SettableClock extends Clock {
        volatile Duration off = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(off);
        }
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {kiosk, link, live}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void aDoorWhoseClockIsAYearAheadLosesNothingAndShowsItsTimesAsEstimates() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        List<Participant> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            people.add(live.add("Guest " + i, "guest" + i + "@example.com", "Co " + i));
        }
        LocalDate day = live.today;
        UUID event = live.event.id();
        link = new TcpProxy(live.server.port());
        SettableClock laptop = new SettableClock();
        kiosk = live.kiosk(tmp.resolve("door"), "Door 1", link.url("http"), laptop);
        List<SyncStatus> seen = new CopyOnWriteArrayList<>();
        kiosk.syncStatus().addListener(seen::add);
        SyncBarViewModel bar = new SyncBarViewModel(kiosk.syncStatus(), Texts.of(UiLanguage.ENGLISH),
                UiExecutors.direct(), ZoneOffset.UTC);
        bar.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> kiosk.syncStatus().current().online());
        assertThat(kiosk.syncStatus().current().clockOff()).isFalse();

        link.cut();
        await().atMost(Duration.ofSeconds(20)).until(() -> !kiosk.syncStatus().current().online());
        laptop.off = Duration.ofDays(365);
        long cutAt = System.currentTimeMillis();
        for (Participant p : people) {
            assertThat(kiosk.checkIns().scan(event, p.ticketCode(), day).join().outcome())
                    .isEqualTo(ScanOutcome.ADMITTED);
        }
        Participant renamed = people.get(7);
        kiosk.edits().edit(event, renamed.id(), Map.of("name", "Renamed At The Door")).join();
        assertThat(KioskReplica.of(kiosk).write(tx -> CheckInLog.ops(tx, people.get(0).id(), day)).get(0).hlc().wall())
                .as("offline, the kiosk could only stamp from its wrong clock")
                .isGreaterThan(cutAt + Duration.ofDays(300).toMillis());

        link.heal();
        await().atMost(Duration.ofSeconds(60)).until(() -> Replicas.pending(kiosk) == 0
                && Replicas.caughtUp(kiosk, live));

        Map<String, String> states = live.checkInStates();
        for (Participant p : people) {
            assertThat(states.get(p.id() + "/" + day)).as(p.name()).startsWith("true ");
        }
        assertThat(kiosk.deadLetters()).isEmpty();
        assertThat(live.participants().get(renamed.id()).name()).isEqualTo("Renamed At The Door");
        assertThat(seen).anySatisfy(s -> assertThat(s.clockOff()).isTrue());
        assertThat(bar.clockWarningProperty().get()).isTrue();
        assertThat(bar.clockWarningTextProperty().get()).startsWith(
                "This laptop's clock is 365 d 0 h ahead of the server.");
        // the times shown are the scans' own, told by the server's clock, and marked as estimates
        long firstScan = KioskReplica.of(kiosk).write(tx -> CheckInLog.state(tx, people.get(0).id(), day))
                .firstAdmittedAt().toEpochMilli();
        assertThat(firstScan).isBetween(cutAt - 60_000, System.currentTimeMillis());
        for (Participant p : people) {
            boolean marked = KioskReplica.of(kiosk).write(tx -> CheckInLog.firstAdmissionCorrected(tx, p.id(), day));
            assertThat(marked).as(p.name()).isTrue();
        }
        ScanResult again = kiosk.checkIns().scan(event, people.get(0).ticketCode(), day).join();
        assertThat(again.firstAdmittedEstimated()).isTrue();

        // an organizer edits the same participant afterwards: that edit wins on the server and at the door
        live.organizerPatches(renamed.id(), Map.of("name", "Renamed By The Organizer"));
        assertThat(live.participants().get(renamed.id()).name()).isEqualTo("Renamed By The Organizer");
        await().atMost(Duration.ofSeconds(30)).until(() -> KioskReplica.of(kiosk)
                .write(tx -> ParticipantStore.find(tx, renamed.id()))
                .orElseThrow().name().equals("Renamed By The Organizer"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Replicas.caughtUp(kiosk, live));
        assertThat(Replicas.participants(kiosk, event)).isEqualTo(live.participants());
        assertThat(kiosk.deadLetters()).isEmpty();
    }
}
