package dev.lanyard.kiosk.ui.shell;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.core.printing.PrinterConfig;
import dev.lanyard.kiosk.core.sync.SyncException;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.LaunchOptions;
import dev.lanyard.kiosk.ui.sound.SoundPlayer;
import dev.lanyard.kiosk.ui.unlock.UnlockViewModel;
import dev.lanyard.model.Event;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way from launch to the first working screen, decided without a window: which screen
 * opens first, the session an unlock opens, connecting (bootstrap, sync, peer doors) and where
 * an unlocked, paired kiosk lands. {@link AppShell} shows what this decides.
 */
final class StartUp {
    private static final Logger LOG = LoggerFactory.getLogger(StartUp.class);

    enum FirstScreen { FIRST_RUN, UNLOCK }

    enum Landing { EVENT_PICKER, SELF_SERVICE, DESK }

    private final LaunchOptions options;
    private final Clock clock;
    private final SoundPlayer sounds;

    StartUp(LaunchOptions options, Clock clock, SoundPlayer sounds) {
        this.options = options;
        this.clock = clock;
        this.sounds = sounds;
    }

    /** A data folder without a kiosk starts at first run; one with a kiosk asks for the unlock secret. */
    FirstScreen firstScreen() {
        return Kiosk.exists(options.dataDir()) ? FirstScreen.UNLOCK : FirstScreen.FIRST_RUN;
    }

    /** The session over a kiosk just unlocked, with the operator who unlocked it and the language asked for. */
    KioskSession open(UnlockViewModel.Unlocked unlocked) {
        KioskSession session = KioskSession.open(unlocked.kiosk(), unlocked.staff(), sounds, clock);
        session.setOperator(unlocked.operator());
        if (options.language() != null) {
            session.settings().setLanguage(options.language());
        }
        return session;
    }

    /** A printer given at launch ({@code --printer}) is kept and used; a bad one is logged and ignored. */
    void takePrinterOption(KioskSession session) {
        if (options.printerTarget() == null) {
            return;
        }
        try {
            PrinterConfig config = PrinterConfig.parse(options.printerTarget(), options.printerModel(),
                    options.printerMedia());
            session.settings().setPrinter(config);
            session.printing().configure(config);
        } catch (IllegalArgumentException e) {
            LOG.warn("--printer ignored: {}", e.getMessage());
        }
    }

    /**
     * Bootstraps the events that lack one, starts sync and, when asked for, the peer doors. Runs
     * off the UI thread. An unreachable server is no failure: the door works from its replica.
     */
    void connect(Kiosk kiosk) {
        try {
            kiosk.bootstrap(p -> { });
        } catch (SyncException e) {
            // offline at start: the door works from what the replica holds
            LOG.info("bootstrap skipped: {}", e.getMessage());
        }
        kiosk.startSync();
        if (options.talksToPeers()) {
            try {
                kiosk.startPeers(PeerNode.Options.of(options.peerListen() == null ? -1 : options.peerListen(),
                        PeerNode.Options.addresses(options.peers())));
            } catch (IOException e) {
                LOG.warn("cannot listen for peer doors: {}", e.getMessage());
            }
        }
    }

    /**
     * Where an unlocked, paired session goes: a kiosk serving one event with check-in today
     * chooses it and today; without a choice the event and day picker, else self-service when
     * launched for it, else the desk.
     */
    Landing land(KioskSession session) {
        List<Event> events = session.kiosk().events();
        if (!session.chosen() && events.size() == 1 && events.get(0)
                .hasCheckInOn(events.get(0).dayAt(clock.instant()))) {
            session.choose(events.get(0), KioskSession.defaultDay(events.get(0), clock));
        }
        if (!session.chosen()) {
            return Landing.EVENT_PICKER;
        }
        return options.selfService() ? Landing.SELF_SERVICE : Landing.DESK;
    }
}
