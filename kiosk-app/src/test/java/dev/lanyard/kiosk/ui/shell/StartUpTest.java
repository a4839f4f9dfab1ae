package dev.lanyard.kiosk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.LaunchOptions;
import dev.lanyard.kiosk.ui.StaffSecret;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.kiosk.ui.unlock.UnlockViewModel;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up sequence, headless: no JavaFX toolkit is started here. */
class StartUpTest {
    @TempDir
    Path dir;
    private final List<KioskSession> sessions = new ArrayList<>();

    @AfterEach
    void close() {
        sessions.forEach(KioskSession::close);
    }

    private StartUp startUp(Clock clock, String... args) {
        List<String> all = new ArrayList<>(List.of("--data", dir.toString()));
        all.addAll(List.of(args));
        return new StartUp(LaunchOptions.parse(all, null), clock, new RecordingSounds());
    }

    private KioskSession unlock(StartUp startUp, Clock clock, String operator) {
        Kiosk kiosk = Seed.kiosk(dir, clock);
        KioskSession session = startUp.open(new UnlockViewModel.Unlocked(kiosk,
                StaffSecret.of(Seed.SECRET.toCharArray()), operator));
        sessions.add(session);
        return session;
    }

    @Test
    void anEmptyFolderStartsAtFirstRunAndAKioskAtUnlock() {
        Clock clock = Seed.clockAt(Seed.DAY1, 10);
        assertThat(startUp(clock).firstScreen()).isEqualTo(StartUp.FirstScreen.FIRST_RUN);

        Seed.folder(dir, "http://127.0.0.1:9", List.of(Seed.event(ReentryPolicy.ALLOW)), List.of());

        assertThat(startUp(clock).firstScreen()).isEqualTo(StartUp.FirstScreen.UNLOCK);
    }

    @Test
    void oneEventCheckingInTodayLandsOnTheDeskWithTodayChosen() {
        Event event = Seed.event(ReentryPolicy.ALLOW);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event), List.of());
        Clock clock = Seed.clockAt(Seed.DAY1.plusDays(1), 10);
        StartUp startUp = startUp(clock);
        KioskSession session = unlock(startUp, clock, "Mina");

        assertThat(startUp.land(session)).isEqualTo(StartUp.Landing.DESK);
        assertThat(session.eventId()).isEqualTo(event.id());
        assertThat(session.day()).isEqualTo(Seed.DAY1.plusDays(1));
        assertThat(session.operator()).isEqualTo("Mina");
    }

    @Test
    void selfServiceLaunchesLandOnSelfService() {
        Seed.folder(dir, "http://127.0.0.1:9", List.of(Seed.event(ReentryPolicy.ALLOW)), List.of());
        Clock clock = Seed.clockAt(Seed.DAY1, 10);
        StartUp startUp = startUp(clock, "--self-service");

        assertThat(startUp.land(unlock(startUp, clock, null))).isEqualTo(StartUp.Landing.SELF_SERVICE);
    }

    @Test
    void withoutCheckInTodayTheStaffPickTheEventAndDay() {
        Seed.folder(dir, "http://127.0.0.1:9", List.of(Seed.event(ReentryPolicy.ALLOW)), List.of());
        Clock clock = Seed.clockAt(Seed.DAY1.minusDays(3), 10);
        StartUp startUp = startUp(clock);
        KioskSession session = unlock(startUp, clock, null);

        assertThat(startUp.land(session)).isEqualTo(StartUp.Landing.EVENT_PICKER);
        assertThat(session.chosen()).isFalse();
    }

    @Test
    void anUnreachableServerDoesNotStopTheStart() {
        // port 9 (discard) refuses: the bootstrap fails and the door still starts its sync
        Seed.folder(dir, "http://127.0.0.1:9", List.of(Seed.event(ReentryPolicy.ALLOW)), List.of());
        Clock clock = Seed.clockAt(Seed.DAY1, 10);
        StartUp startUp = startUp(clock);
        KioskSession session = unlock(startUp, clock, null);

        startUp.connect(session.kiosk());

        assertThat(startUp.land(session)).isEqualTo(StartUp.Landing.DESK);
    }

    @Test
    void aPrinterGivenAtLaunchIsKeptAndUsed() {
        Seed.folder(dir, "http://127.0.0.1:9", List.of(Seed.event(ReentryPolicy.ALLOW)), List.of());
        Clock clock = Seed.clockAt(Seed.DAY1, 10);
        StartUp startUp = startUp(clock, "--printer", "tcp:127.0.0.1:9100", "--model", "QL-820NWB", "--media",
                "62x100");
        KioskSession session = unlock(startUp, clock, null);

        startUp.takePrinterOption(session);

        assertThat(session.printing().configured()).isTrue();
        assertThat(session.settings().printer()).isPresent();
    }
}
