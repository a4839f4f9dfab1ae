package dev.lanyard.kiosk.ui.printersetup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.queue.BatchProgress;
import dev.lanyard.print.sim.Fault;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import dev.lanyard.print.transport.Discovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Printer setup against the printer-drivers simulator on loopback TCP (the real driver, the real queue). */
class PrinterSetupViewModelTest {
    @TempDir
    Path tmp;
    KioskSession session;
    PrinterSetupViewModel vm;
    SimulatorHandle sim;
    List<Participant> people;

    @BeforeEach
    void setUp() throws Exception {
        Event event = People.event(ReentryPolicy.WARN);
        people = People.participants(event.id(), 12, 1);
        session = Desks.session(tmp.resolve("kiosk"), event, people, new RecordingSounds());
        Files.createDirectories(tmp.resolve("dev-usb"));
        Files.createFile(tmp.resolve("dev-usb").resolve("lp0"));
        vm = new PrinterSetupViewModel(session, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct(),
                new Discovery(tmp.resolve("dev-usb")));
        sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, MediaCatalog.get("62x100"), 0, null);
    }

    @AfterEach
    void tearDown() {
        session.close();
        sim.close();
    }

    void form(String target) {
        vm.targetProperty().set(target);
        vm.modelProperty().set(PrinterModel.QL_820NWB);
        vm.rollProperty().set(MediaCatalog.get("62x100"));
    }

    @Test
    void discoveryListsUsbPrinterDeviceFiles() {
        vm.discover().join();

        assertThat(vm.ports()).extracting(PrinterSetupViewModel.Port::address)
                .contains(tmp.resolve("dev-usb").resolve("lp0").toString());
        vm.usePort(vm.ports().stream().filter(p -> p.address().endsWith("lp0")).findFirst().orElseThrow());
        assertThat(vm.targetProperty().get()).endsWith("lp0");
    }

    @Test
    void aDymoModelOffersOnlyDymoRolls() {
        vm.modelProperty().set(PrinterModel.LW_450);

        assertThat(vm.media()).isNotEmpty().allMatch(m -> m.family() == dev.lanyard.print.media.MediaFamily.DYMO_LW);
        // every size DYMO's driver offers for the 450, 30256 included (clipped to the head), none of the 4XL-only ones
        assertThat(vm.media()).extracting(dev.lanyard.print.media.Media::id).contains("30256", "99014", "30252")
                .doesNotContain("1744907");
        assertThat(vm.rollProperty().get().family()).isEqualTo(dev.lanyard.print.media.MediaFamily.DYMO_LW);
    }

    @Test
    void aSecondPrinterTakesOverWhenTheFirstHasItsCoverOpenAndIsKeptInTheSettings() {
        try (SimulatorHandle second = PrinterSimulator.startTcp(PrinterModel.LW_450, MediaCatalog.get("99014"), 0,
                null)) {
            form(sim.target());
            vm.secondTargetProperty().set(second.target());
            vm.secondModelProperty().set(PrinterModel.LW_450);
            vm.secondRollProperty().set(MediaCatalog.get("99014"));
            assertThat(vm.save()).isTrue();
            sim.inject(Fault.COVER_OPEN);

            assertThat(vm.testPrint()).isTrue();

            await().atMost(Duration.ofSeconds(20)).until(() -> second.pages().size() == 1);
            assertThat(sim.pages()).isEmpty();
            assertThat(session.settings().secondPrinter()).hasValueSatisfying(c -> assertThat(c.model())
                    .isEqualTo(PrinterModel.LW_450));
            assertThat(session.settings().deskMode()).isEqualTo(dev.lanyard.print.queue.DeskPrinters.Mode.FAILOVER);

            vm.secondTargetProperty().set("");
            assertThat(vm.save()).isTrue();
            assertThat(session.settings().secondPrinter()).isEmpty();
        }
    }

    @Test
    void withAlternateOnTheTwoPrintersTakeTurns() {
        try (SimulatorHandle second = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, MediaCatalog.get("62x100"), 0,
                null)) {
            form(sim.target());
            vm.secondTargetProperty().set(second.target());
            vm.secondModelProperty().set(PrinterModel.QL_820NWB);
            vm.secondRollProperty().set(MediaCatalog.get("62x100"));
            vm.alternateProperty().set(true);
            assertThat(vm.testPrint()).isTrue();
            assertThat(vm.testPrint()).isTrue();

            await().atMost(Duration.ofSeconds(20)).until(() -> sim.pages().size() + second.pages().size() == 2);
            assertThat(sim.pages()).hasSize(1);
            assertThat(second.pages()).hasSize(1);
        }
    }

    @Test
    void theStatusCheckShowsTheLoadedRollAndOffersIt() {
        form(sim.target());
        sim.load(MediaCatalog.get("62"));

        assertThat(vm.checkStatus().join()).isFalse();
        assertThat(vm.statusProperty().get())
                .contains("62 mm continuous roll loaded; this badge needs 62 x 100 mm labels");
        assertThat(vm.loadedRollProperty().get()).isEqualTo("Loaded: 62 mm continuous roll");
        assertThat(vm.canUseLoadedRollProperty().get()).isTrue();

        vm.useLoadedRoll();
        assertThat(vm.rollProperty().get().id()).isEqualTo("62");
        assertThat(vm.checkStatus().join()).isTrue();
        assertThat(vm.canUseLoadedRollProperty().get()).isFalse();
    }

    @Test
    void theLoadedRollIsShownInKorean() {
        vm = new PrinterSetupViewModel(session, Texts.of(UiLanguage.KOREAN), UiExecutors.direct(),
                new Discovery(tmp.resolve("dev-usb")));
        form(sim.target());
        sim.load(MediaCatalog.get("62"));

        assertThat(vm.checkStatus().join()).isFalse();
        assertThat(vm.statusProperty().get()).contains("62 mm 연속 롤이 들어 있습니다. 이 배지에는 62 x 100 mm 라벨이 필요합니다");
        assertThat(vm.loadedRollProperty().get()).isEqualTo("넣은 롤: 62 mm 연속 롤");
    }

    @Test
    void theLiveStatusOfAReadyPrinterSaysReady() {
        form(sim.target());

        assertThat(vm.checkStatus().join()).isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo("Printer ready.");
    }

    @Test
    void anOpenCoverIsSaidInPlainWordsWithWhatToDo() {
        form(sim.target());
        sim.inject(Fault.COVER_OPEN);

        assertThat(vm.checkStatus().join()).isFalse();
        assertThat(vm.statusProperty().get()).contains("Cover open").contains("Close the printer’s cover firmly.");
    }

    @Test
    void aWrongRollIsCaughtByTheStatusCheck() {
        form(sim.target());
        sim.load(MediaCatalog.get("29x90"));

        assertThat(vm.checkStatus().join()).isFalse();
        assertThat(vm.statusProperty().get()).containsIgnoringCase("roll");
    }

    @Test
    void anUnreachablePrinterSaysToCheckTheConnection() {
        form("127.0.0.1:9");

        assertThat(vm.checkStatus().join()).isFalse();
        assertThat(vm.statusProperty().get()).contains("Check the printer is on");
    }

    @Test
    void aBadTargetIsRefusedWithTheReasonAndNothingIsSaved() {
        form("not a printer");

        assertThat(vm.save()).isFalse();
        assertThat(vm.messageProperty().get()).contains("cannot tell what kind of printer target");
        assertThat(session.settings().printer()).isEmpty();
        assertThat(session.printing().configured()).isFalse();
    }

    @Test
    void saveKeepsThePrinterAcrossARestartOfTheSettings() {
        form("tcp:" + sim.target());

        assertThat(vm.save()).isTrue();

        assertThat(session.settings().printer()).hasValueSatisfying(c -> assertThat(c.target())
                .isEqualTo(sim.target()));
    }

    @Test
    void aTestPrintComesOutOfThePrinter() {
        form(sim.target());

        assertThat(vm.testPrint()).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> sim.pages().size() == 1);
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    void thePreviewIsAPngOfTheBadge() {
        form(sim.target());

        await().atMost(Duration.ofSeconds(20)).until(() -> vm.previewProperty().get() != null);
        byte[] png = vm.previewProperty().get();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void theBatchPrintsEveryBadgeOnceAndCancelThenResumeFinishesIt() {
        form(sim.target());
        vm.save();
        sim.inject(Fault.COVER_OPEN);

        BatchProgress started = vm.startBatch().join();
        assertThat(started.total()).isEqualTo(12);
        vm.cancelBatch().join();
        await().atMost(Duration.ofSeconds(20)).until(() -> session.printing().progress(vm.batchId()).pending() == 0);
        assertThat(session.printing().progress(vm.batchId()).cancelled()).isGreaterThan(0);

        sim.clearFaults();
        assertThat(vm.resumeBatch().join()).isGreaterThan(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> session.printing().progress(vm.batchId()).succeeded() == 12);
        assertThat(sim.pages()).hasSize(12);

        // pressing start again queues nothing new: each badge has its own key
        assertThat(vm.startBatch().join().total()).isEqualTo(12);
        assertThat(sim.pages()).hasSize(12);
        vm.refreshBatch();
        assertThat(vm.batchTextProperty().get()).startsWith("12 of 12 printed");
        assertThat(vm.batchFractionProperty().get()).isEqualTo(1.0);
    }
}
