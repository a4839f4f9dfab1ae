package dev.lanyard.kiosk.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.printing.PrinterConfig;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetailViewModelTest {
    @TempDir
    Path tmp;
    KioskSession session;
    DetailViewModel vm;
    List<Participant> people;

    @BeforeEach
    void setUp() {
        Event event = People.event(ReentryPolicy.WARN);
        people = People.participants(event.id(), 4, 2);
        session = Desks.session(tmp.resolve("kiosk"), event, people, new RecordingSounds());
        vm = new DetailViewModel(session, people.get(1).id(), Texts.of(UiLanguage.ENGLISH), UiExecutors.direct());
        vm.load().join();
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    Participant stored() {
        return KioskReplica.of(session.kiosk()).write(tx -> ParticipantStore.find(tx, people.get(1).id()))
                .orElseThrow();
    }

    /**
     * The badge count was read on the UI thread, from the print job store that keeps its lock while it writes to the
     * replica: a print job's update waiting for the sync froze the window opening a participant.
     */
    @Test
    void theBadgeCountIsReadOffTheUiThread() throws Exception {
        java.util.concurrent.ExecutorService ui = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newCachedThreadPool();
        java.lang.reflect.Field field = session.printing().getClass().getDeclaredField("store");
        field.setAccessible(true);
        Object store = field.get(session.printing());
        DetailViewModel opened = new DetailViewModel(session, people.get(2).id(), Texts.of(UiLanguage.ENGLISH),
                new UiExecutors(background, ui));
        java.util.concurrent.CompletableFuture<Void> loading;
        try {
            synchronized (store) { // a job's update waiting for the replica holds it so
                loading = opened.load();
                Thread.sleep(300);

                assertThat(ui.submit(() -> { }).get(2, java.util.concurrent.TimeUnit.SECONDS)).isNull();
            }
            loading.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ui.submit(() -> opened.nameProperty().get()).get()).isEqualTo(people.get(2).name());
        } finally {
            ui.shutdownNow();
            background.shutdownNow();
        }
    }

    @Test
    void showsTheParticipantAndThatTheyAreNotInYet() {
        assertThat(vm.nameProperty().get()).isEqualTo("Olivia Park");
        assertThat(vm.emailProperty().get()).isEqualTo("olivia.park@example.com");
        assertThat(vm.statusProperty().get()).isEqualTo("Not checked in on 2025-05-20");
        assertThat(vm.checkedInProperty().get()).isFalse();
        assertThat(vm.badgesProperty().get()).isEqualTo("0");
    }

    @Test
    void checkInThenUndo() {
        assertThat(vm.checkIn().join().outcome()).isEqualTo(ScanOutcome.ADMITTED);
        assertThat(vm.checkedInProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo("Checked in at 10:00, this door");

        assertThat(vm.undo().join().outcome()).isEqualTo(ScanOutcome.UNDONE);
        assertThat(vm.checkedInProperty().get()).isFalse();
        assertThat(vm.lastResult().outcome()).isEqualTo(ScanOutcome.UNDONE);
    }

    @Test
    void anAdmissionTimeMovedFromAWrongClockIsShownAsAnEstimate() {
        var admitted = vm.checkIn().join();
        KioskReplica.of(session.kiosk()).write(tx -> {
            CheckInOp op = CheckInLog.ops(tx, admitted.participantId(), admitted.day()).get(0);
            CheckInLog.rewrite(tx, op.restamped(new Hlc(op.hlc().wall() - java.time.Duration.ofMinutes(30).toMillis(),
                    0, op.hlc().node())));
            return null;
        });

        vm.load().join();

        assertThat(vm.statusProperty().get())
                .isEqualTo("Checked in at 09:30, this door (time estimated: this laptop's clock was off)");
    }

    @Test
    void anEditIsSavedAsAnEditThatSyncs() {
        int before = KioskReplica.of(session.kiosk()).write(tx -> OutboxStore.count(tx));
        vm.companyProperty().set("  Hanbit Media ");
        vm.phoneProperty().set("010-2222-3333");

        assertThat(vm.save().join()).isTrue();

        assertThat(stored().company()).isEqualTo("Hanbit Media");
        assertThat(stored().phone()).isEqualTo("010-2222-3333");
        assertThat((int) KioskReplica.of(session.kiosk()).write(tx -> OutboxStore.count(tx))).isEqualTo(before + 1);
        assertThat(vm.messageProperty().get()).startsWith("Saved.");
    }

    @Test
    void savingWithNoChangeWritesNothing() {
        assertThat(vm.save().join()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("Nothing changed.");
        assertThat((int) KioskReplica.of(session.kiosk()).write(tx -> OutboxStore.count(tx))).isZero();
    }

    @Test
    void anEmptyNameOrABadEmailIsRefusedAndNothingChanges() {
        vm.nameProperty().set("  ");
        assertThat(vm.save().join()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("The name cannot be empty.");

        vm.nameProperty().set("Olivia Park");
        vm.emailProperty().set("not-an-email");
        assertThat(vm.save().join()).isFalse();
        assertThat(vm.messageProperty().get()).contains("email");
        assertThat(stored().email()).isEqualTo("olivia.park@example.com");
    }

    /** A reprint the queue could not take (the replica failing) was said to be printing all the same. */
    @Test
    void aReprintTheQueueCannotTakeIsNotSaidToPrint() {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, MediaCatalog.get("62x100"), 0,
                null)) {
            session.printing().configure(new PrinterConfig(sim.target(), PrinterModel.QL_820NWB,
                    MediaCatalog.get("62x100")));
            KioskReplica.of(session.kiosk()).close();

            assertThat(vm.reprint().join()).isFalse();

            assertThat(vm.messageProperty().get()).isEqualTo("No badge was queued for " + people.get(1).name()
                    + ": see the printer line below.");
        }
    }

    @Test
    void reprintWithoutAPrinterSaysSo() {
        assertThat(vm.reprint().join()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("No printer set up.");
    }
}
