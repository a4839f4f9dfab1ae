package dev.lanyard.kiosk.ui.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.scan.ScanTerminator;
import dev.lanyard.kiosk.core.scan.ScannerCalibration;
import dev.lanyard.kiosk.core.scan.Typist;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.core.printing.PrinterConfig;
import dev.lanyard.kiosk.ui.sound.Sound;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desk's ViewModel over a real replica, without any JavaFX scene: direct executors, futures joined. */
class DeskViewModelTest {
    @TempDir
    Path tmp;
    RecordingSounds sounds = new RecordingSounds();
    KioskSession session;
    DeskViewModel vm;
    List<Participant> people;
    SimulatorHandle printer;

    void open(ReentryPolicy policy) {
        open(policy, "kiosk");
    }

    void open(ReentryPolicy policy, String folder) {
        Event event = People.event(policy);
        people = People.participants(event.id(), 40, 7);
        session = Desks.session(tmp.resolve(folder), event, people, sounds);
        vm = new DeskViewModel(session, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct());
        vm.start();
    }

    @BeforeEach
    void setUp() {
        open(ReentryPolicy.DENY);
    }

    @AfterEach
    void tearDown() {
        vm.stop();
        session.close();
        if (printer != null) {
            printer.close();
        }
    }

    ScanResult scan(Participant p) {
        return vm.submit(p.ticketCode()).join();
    }

    @Test
    void aScanOfAValidTicketShowsTheGreenPanelWithTheNameAndPlaysTheAdmittedSound() {
        ScanResult r = scan(people.get(0));

        assertThat(r.outcome()).isEqualTo(ScanOutcome.ADMITTED);
        assertThat(vm.resultKindProperty().get()).isEqualTo(ResultKind.ADMITTED);
        assertThat(vm.headlineProperty().get()).isEqualTo("Welcome!");
        assertThat(vm.resultNameProperty().get()).isEqualTo("홍길동");
        assertThat(vm.resultCompanyProperty().get()).isEqualTo("Lanyard 주식회사");
        assertThat(sounds.played()).containsExactly(Sound.ADMITTED);
    }

    @Test
    void theSameTicketAgainIsAmberWithTheTimeAndDoorOfTheFirstAdmission() {
        scan(people.get(1));
        scan(people.get(1));

        assertThat(vm.resultKindProperty().get()).isEqualTo(ResultKind.WARNING);
        assertThat(vm.headlineProperty().get()).isEqualTo("Already checked in");
        assertThat(vm.resultDetailProperty().get()).isEqualTo("First admitted at 10:00, this door");
        assertThat(sounds.played()).containsExactly(Sound.ADMITTED, Sound.ALREADY_IN);
    }

    @Test
    void aFirstAdmissionWhoseTimeWasMovedFromAWrongClockIsMarkedAsAnEstimate() {
        ScanResult first = scan(people.get(2));
        KioskReplica.of(session.kiosk()).write(tx -> {
            CheckInOp op = CheckInLog.ops(tx, first.participantId(), first.day()).get(0);
            CheckInLog.rewrite(tx, op.restamped(new Hlc(op.hlc().wall() - Duration.ofMinutes(75).toMillis(), 0,
                    op.hlc().node())));
            return null;
        });

        scan(people.get(2));

        assertThat(vm.resultDetailProperty().get())
                .isEqualTo("First admitted at 08:45, this door (time estimated: this laptop's clock was off)");
    }

    @Test
    void aReentryUnderTheWarnPolicyIsAmberToo() {
        tearDown();
        open(ReentryPolicy.WARN);
        scan(people.get(1));
        ScanResult again = scan(people.get(1));

        assertThat(again.outcome()).isEqualTo(ScanOutcome.REENTRY);
        assertThat(vm.resultKindProperty().get()).isEqualTo(ResultKind.WARNING);
        assertThat(vm.headlineProperty().get()).isEqualTo("Re-entry: already checked in today");
    }

    @Test
    void anUnknownCodeIsRedWithTheRefusedSound() {
        vm.submit("NOT-A-REAL-TICKET-123").join();

        assertThat(vm.resultKindProperty().get()).isEqualTo(ResultKind.REFUSED);
        assertThat(vm.headlineProperty().get()).isEqualTo("Unknown ticket");
        assertThat(sounds.last()).isEqualTo(Sound.REFUSED);
    }

    @Test
    void aMistypedLanyardCodeSaysItWasMisread() {
        String code = people.get(0).ticketCode();
        char last = code.charAt(code.length() - 1);
        String wrong = code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');

        vm.submit(wrong).join();

        assertThat(vm.resultKindProperty().get()).isEqualTo(ResultKind.REFUSED);
        assertThat(vm.resultDetailProperty().get()).contains("misread");
    }

    @Test
    void theCountersDoNotWaitForTheReplicaWhileASyncPageHoldsIt() throws Exception {
        scan(people.get(2));
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread page = new Thread(() -> KioskReplica.of(session.kiosk()).write(tx -> {
            held.countDown();
            try {
                return release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        page.start();
        held.await();
        try {
            // the counters are re-read after every commit; on the replica they queued behind each page and scan
            java.util.concurrent.CompletableFuture.runAsync(() -> vm.refreshCounters().join())
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(vm.checkedInTodayProperty().get()).isEqualTo(1);
            assertThat(vm.registeredProperty().get()).isEqualTo(40);
        } finally {
            release.countDown();
            page.join();
        }
    }

    @Test
    void undoTakesBackTheLastAdmissionAndTheCounterFollows() {
        scan(people.get(2));
        vm.refreshCounters().join();
        assertThat(vm.checkedInTodayProperty().get()).isEqualTo(1);

        ScanResult undone = vm.undoLast().join();

        assertThat(undone.outcome()).isEqualTo(ScanOutcome.UNDONE);
        assertThat(vm.resultKindProperty().get()).isEqualTo(ResultKind.UNDONE);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.checkedInTodayProperty().get() == 0);
        assertThat(vm.registeredProperty().get()).isEqualTo(40);
    }

    /**
     * After an error the red panel named no one, yet F8 took back the admission of the person shown before it: staff
     * undoing "the last one" undid someone else.
     */
    @Test
    void afterAnErrorUndoTakesBackNobody() {
        scan(people.get(2));
        assertThat(vm.checkIn(java.util.UUID.randomUUID()).join()).as("a check-in that fails").isNull();
        assertThat(vm.resultKindProperty().get()).isEqualTo(ResultKind.REFUSED);

        assertThat(vm.undoLast().join()).isNull();

        assertThat(session.kiosk().checkedInCount(session.eventId(), session.day())).isEqualTo(1);
    }

    @Test
    void undoWithNothingShownSaysSoAndChangesNothing() {
        assertThat(vm.undoLast().join()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("Nothing to undo yet.");
        assertThat(vm.resultKindProperty().get()).isEqualTo(ResultKind.IDLE);
    }

    @Test
    void undoOfSomeoneNotCheckedInIsShownAsAnErrorNotThrown() {
        vm.undo(people.get(3).id()).join();

        assertThat(vm.resultKindProperty().get()).isEqualTo(ResultKind.REFUSED);
        assertThat(vm.resultDetailProperty().get()).contains("is not checked in");
    }

    @Test
    void aScanTypedThroughTheKoreanInputMethodAdmitsTheTicketsHolder() {
        Participant p = people.get(3);

        ScanResult r = vm.submit(Typist.korean2Set(p.ticketCode())).join();

        assertThat(r.outcome()).isEqualTo(ScanOutcome.ADMITTED);
        assertThat(r.participantId()).isEqualTo(p.id());
    }

    @Test
    void aScanTypedThroughAzertyAdmitsOnceTheScannerIsCalibrated() {
        session.kiosk().scanner().save(ScannerCalibration.detect(Typist.azerty(ScannerCalibration.SAMPLE),
                ScanTerminator.ENTER).orElseThrow());
        Participant p = people.get(4);

        ScanResult r = vm.submit(Typist.azerty(p.ticketCode())).join();

        assertThat(r.outcome()).isEqualTo(ScanOutcome.ADMITTED);
        assertThat(r.participantId()).isEqualTo(p.id());
    }

    @Test
    void aScanTypedThroughQwertzAdmitsEvenUncalibrated() {
        Participant p = people.stream().filter(x -> x.ticketCode().matches(".*[YZ].*")).findFirst().orElseThrow();

        ScanResult r = vm.submit(Typist.qwertz(p.ticketCode())).join();

        assertThat(r.outcome()).isEqualTo(ScanOutcome.ADMITTED);
        assertThat(r.participantId()).isEqualTo(p.id());
    }

    @Test
    void aNameTypedInKoreanIsStillSearchedAsHangul() {
        vm.search("홍길").join();

        assertThat(vm.searchResults()).extracting(SearchRow::name).contains("홍길동");
    }

    @Test
    void searchAsYouTypeFindsByNameAndMarksWhoIsIn() {
        scan(people.get(0));

        vm.search("홍길").join();

        assertThat(vm.searchResults()).extracting(SearchRow::name).contains("홍길동");
        assertThat(vm.searchResults()).filteredOn(r -> r.name().equals("홍길동")).first().matches(SearchRow::checkedIn);
    }

    @Test
    void aOneLetterQueryClearsTheResults() {
        vm.search("Olivia").join();
        assertThat(vm.searchResults()).isNotEmpty();

        vm.search("O").join();

        assertThat(vm.searchResults()).isEmpty();
    }

    @Test
    void aSoundPlayerThatThrowsDoesNotStopTheCheckIn() {
        tearDown();
        Event event = People.event(ReentryPolicy.DENY);
        people = People.participants(event.id(), 5, 3);
        session = Desks.session(tmp.resolve("loud"), event, people, sound -> {
            throw new IllegalStateException("no audio device");
        });
        vm = new DeskViewModel(session, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct());
        vm.start();

        ScanResult r = scan(people.get(0));

        assertThat(r.outcome()).isEqualTo(ScanOutcome.ADMITTED);
        assertThat(vm.resultKindProperty().get()).isEqualTo(ResultKind.ADMITTED);
    }

    void printerOn() {
        printer = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, MediaCatalog.get("62x100"), 0, null);
        PrinterConfig config = new PrinterConfig(printer.target(), PrinterModel.QL_820NWB, MediaCatalog.get("62x100"));
        session.settings().setPrinter(config);
        session.printing().configure(config);
    }

    @Test
    void anAdmissionPrintsTheBadgeWhenAutoPrintIsOn() {
        printerOn();

        scan(people.get(0));

        await().atMost(Duration.ofSeconds(20)).until(() -> session.printing().printedCount(people.get(0).id()) == 1);
        assertThat(printer.pages()).hasSize(1);
        assertThat(printer.violations()).isEmpty();
    }

    /**
     * An admission whose badge could not be read back or queued (the replica failing after the scan's commit) printed
     * nothing and said nothing: staff sent the attendee off without a badge.
     */
    @Test
    void anAdmissionWhoseBadgeCannotBeQueuedSaysSoOnThePrinterStrip() {
        vm.stop();
        session.close();
        // the replica fails just after the scan's commit: when the admission is shown, before its badge is read back
        sounds = new RecordingSounds(() -> KioskReplica.of(session.kiosk()).close());
        open(ReentryPolicy.DENY, "failing");
        printerOn();

        ScanResult admitted = scan(people.get(0));

        assertThat(admitted.admitted()).isTrue();
        assertThat(vm.printFeedback().statusProperty().get())
                .isEqualTo("The badge for " + admitted.name() + " was not queued: the replica is closed");
        assertThat(vm.printFeedback().problemProperty().get()).isTrue();
    }

    @Test
    void noBadgeIsPrintedWhenAutoPrintIsOff() {
        printerOn();
        session.settings().setAutoPrint(false);

        scan(people.get(0));

        assertThat(session.printing().waitingCount(people.get(0).id())
                + session.printing().printedCount(people.get(0).id())).isZero();
    }

    @Test
    void aReprintAfterAPrintedBadgeAsksFirstAndPrintsOnTheSecondPress() {
        printerOn();
        scan(people.get(0));
        await().atMost(Duration.ofSeconds(20)).until(() -> session.printing().printedCount(people.get(0).id()) == 1);

        assertThat(vm.reprintLast().join()).isFalse();
        assertThat(vm.reprintPendingProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).contains("already has 1 printed badge");

        assertThat(vm.reprintLast().join()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> session.printing().printedCount(people.get(0).id()) == 2);
        assertThat(printer.pages()).hasSize(2);
    }

    @Test
    void escapeDropsAPendingReprintConfirmation() {
        printerOn();
        scan(people.get(0));
        await().atMost(Duration.ofSeconds(20)).until(() -> session.printing().printedCount(people.get(0).id()) == 1);
        vm.reprintLast().join();

        vm.clearReprint();

        assertThat(vm.reprintPendingProperty().get()).isFalse();
        assertThat(vm.reprintLast().join()).isFalse();
    }

    @Test
    void aConflictNoticeShowsAsABannerUntilStaffDismissIt() {
        Participant p = people.get(4);
        dev.lanyard.kiosk.core.notices.ConflictNotice notice = KioskReplica.of(session.kiosk())
                .write(tx -> dev.lanyard.kiosk.core.store.NoticeStore
                .addIfAbsent(tx, session.eventId(), "UNDO_OVERTURNED", java.util.UUID.randomUUID(), p.id(),
                        "Checked in again at Door 2 — 10:02", 0).map(dev.lanyard.kiosk.core.notices.ConflictNotices::of)
                        .orElseThrow());
        session.kiosk().notices().publish(notice);

        assertThat(vm.conflictVisibleProperty().get()).isTrue();
        assertThat(vm.conflictTextProperty().get()).isEqualTo("Checked in again at Door 2 — 10:02");

        vm.acknowledgeConflict().join();

        assertThat(vm.conflictVisibleProperty().get()).isFalse();
        assertThat(session.kiosk().notices().open()).isEmpty();
    }

    /**
     * The banner read the open notices on the UI thread: while the sync held the replica (a catch-up raising notices),
     * the whole window froze, scans and sounds with it.
     */
    @Test
    void aConflictNoticeIsReadOffTheUiThreadWhileTheReplicaIsBusy() throws Exception {
        java.util.concurrent.ExecutorService ui = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newCachedThreadPool();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        vm.stop(); // its direct executors would read on this thread
        try {
            DeskViewModel desk = new DeskViewModel(session, Texts.of(UiLanguage.ENGLISH),
                    new UiExecutors(background, ui));
            desk.start();
            Participant p = people.get(5);
            dev.lanyard.kiosk.core.notices.ConflictNotice notice = KioskReplica.of(session.kiosk())
                    .write(tx -> dev.lanyard.kiosk.core.store.NoticeStore.addIfAbsent(tx, session.eventId(),
                            "UNDO_OVERTURNED", java.util.UUID.randomUUID(), p.id(), "Checked in again at Door 2", 0)
                            .map(dev.lanyard.kiosk.core.notices.ConflictNotices::of).orElseThrow());
            background.execute(() -> KioskReplica.of(session.kiosk()).write(tx -> {
                held.countDown();
                try {
                    release.await(); // the sync's long transaction
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(held.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            session.kiosk().notices().publish(notice);

            // the UI thread takes other work at once
            assertThat(ui.submit(() -> { }).get(2, java.util.concurrent.TimeUnit.SECONDS)).isNull();
            release.countDown();
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> ui.submit(
                    () -> desk.conflictVisibleProperty().get()).get());
            desk.stop();
        } finally {
            release.countDown();
            ui.shutdownNow();
            background.shutdownNow();
        }
    }

    @Test
    void reprintWithoutAPrinterSaysWhatToDo() {
        scan(people.get(0));

        assertThat(vm.reprintLast().join()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("No printer set up.");
    }
}
