package dev.lanyard.kiosk.ui.support;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.StaffSecret;
import dev.lanyard.kiosk.ui.UiSettings;
import dev.lanyard.kiosk.core.printing.PrintService;
import dev.lanyard.kiosk.core.printing.ReplicaPrintJobStore;
import dev.lanyard.kiosk.ui.sound.SoundPlayer;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.print.queue.RetryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Kiosk sessions over seeded data folders (no server), as the UI tests and screenshots use them. */
public final class Desks {
    /** Retries quickly so printer-problem tests do not wait out the door's real backoff. */
    public static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(50), 2, Duration.ofMillis(200));

    private Desks() {
    }

    /**
     * A session on day 1 at 10:00 (Seoul) of {@code event}, with these participants, sounds recorded by {@code sounds}.
     */
    public static KioskSession session(Path dir, Event event, List<Participant> participants, SoundPlayer sounds) {
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event), participants);
        Kiosk kiosk = Seed.kiosk(dir, Seed.clockAt(Seed.DAY1, 10));
        return session(kiosk, event, sounds);
    }

    public static KioskSession session(Kiosk kiosk, Event event, SoundPlayer sounds) {
        return session(kiosk, event, Seed.DAY1, Seed.clockAt(Seed.DAY1, 10), sounds);
    }

    public static KioskSession session(Kiosk kiosk, Event event, java.time.LocalDate day, Clock clock,
            SoundPlayer sounds) {
        KioskSession session = unchosen(kiosk, clock, sounds);
        session.choose(event, day);
        return session;
    }

    /** A session no event was chosen for yet: what start-up lands on the event picker with. */
    public static KioskSession unchosen(Kiosk kiosk, Clock clock, SoundPlayer sounds) {
        UiSettings settings = new UiSettings(kiosk.settings(), kiosk.settings().folder());
        // the queue's retry timing needs a clock that moves, whatever the door's clock says
        PrintService printing = kiosk.openPrinting(Clock.systemUTC(), FAST_RETRY);
        return new KioskSession(kiosk, settings, printing, sounds, StaffSecret.of(Seed.SECRET.toCharArray()), clock);
    }
}
