package dev.lanyard.kiosk.ui.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.printing.PrintService;
import dev.lanyard.kiosk.core.printing.PrinterConfig;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.Fault;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The printer strip: problems in plain words next to what to do, in the UI's language, over the real queue and
 * simulator.
 */
class PrintFeedbackTest {
    @TempDir
    Path tmp;
    KioskSession session;
    SimulatorHandle sim;

    PrintFeedback open(UiLanguage language) {
        Event event = People.event(ReentryPolicy.WARN);
        session = Desks.session(tmp.resolve("kiosk"), event, People.participants(event.id(), 3, 1),
                new RecordingSounds());
        sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, MediaCatalog.get("62x100"), 0, null);
        session.printing().configure(new PrinterConfig(sim.target(), PrinterModel.QL_820NWB,
                MediaCatalog.get("62x100")));
        PrintFeedback feedback = new PrintFeedback(session.printing(), Texts.of(language), UiExecutors.direct());
        feedback.start();
        return feedback;
    }

    @AfterEach
    void close() {
        session.close();
        sim.close();
    }

    /**
     * The strip read the waiting jobs on the UI thread when a screen opened, from the job store that keeps its lock
     * while it writes to the replica: a job's update waiting for the sync froze the window.
     */
    @Test
    void theStripReadsTheWaitingJobsOffTheUiThread() throws Exception {
        open(UiLanguage.ENGLISH);
        java.util.concurrent.ExecutorService ui = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newCachedThreadPool();
        java.lang.reflect.Field field = PrintService.class.getDeclaredField("store");
        field.setAccessible(true);
        Object store = field.get(session.printing());
        PrintFeedback strip = new PrintFeedback(session.printing(), Texts.of(UiLanguage.ENGLISH),
                new UiExecutors(background, ui));
        try {
            synchronized (store) { // a job's update waiting for the replica holds it so
                strip.start();
                Thread.sleep(300);

                assertThat(ui.submit(() -> { }).get(2, java.util.concurrent.TimeUnit.SECONDS)).isNull();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ui.submit(() -> strip.statusProperty().get())
                    .get().startsWith("Printer ready"));
        } finally {
            strip.stop();
            ui.shutdownNow();
            background.shutdownNow();
        }
    }

    @Test
    void anOpenCoverIsShownWithWhatToDoAndTheBadgePrintsOnceItIsClosed() {
        PrintFeedback feedback = open(UiLanguage.ENGLISH);
        sim.inject(Fault.COVER_OPEN);

        feedback.submit("badge/x/admit", PrintService.SAMPLE);

        // the queue retries, so "printing…" and the problem alternate: wait for the problem's own words
        await().atMost(Duration.ofSeconds(20)).until(() -> feedback.problemProperty().get()
                && feedback.statusProperty().get().contains("Cover open")
                && feedback.fixProperty().get().equals("Close the printer’s cover firmly."));
        sim.clearFaults();
        // the queue gives up after its attempts; a reprint then goes through
        await().atMost(Duration.ofSeconds(20)).until(() -> feedback.statusProperty().get().contains("was not printed")
                || feedback.statusProperty().get().startsWith("Badge printed"));
        feedback.submit("badge/x/reprint-1", PrintService.SAMPLE);
        await().atMost(Duration.ofSeconds(20)).until(() -> feedback.statusProperty().get()
                .startsWith("Badge printed for 홍길동"));
        assertThat(feedback.problemProperty().get()).isFalse();
        assertThat(sim.pages()).isNotEmpty();
    }

    @Test
    void aCoolingPauseIsShownAsCoolingThenResumingAndIsNoProblem() {
        PrintFeedback feedback = open(UiLanguage.ENGLISH);
        sim.coolAfter(1, Duration.ofMillis(1500));
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Boolean> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        feedback.statusProperty().addListener((o, was, now) -> {
            seen.add(now);
            problems.add(feedback.problemProperty().get());
        });

        feedback.submit("badge/z/admit", PrintService.SAMPLE);

        await().atMost(Duration.ofSeconds(20)).until(() -> feedback.statusProperty().get()
                .startsWith("Badge printed for 홍길동"));
        assertThat(seen).anySatisfy(s -> assertThat(s).contains("cooling").contains("홍길동"));
        assertThat(seen).anySatisfy(s -> assertThat(s).contains("resum"));
        assertThat(problems).containsOnly(false);
        assertThat(sim.pages()).hasSize(1);
    }

    @Test
    void whenTheSecondPrinterTakesOverTheStripSaysWhichPrinterFailedAndWhere() {
        PrintFeedback feedback = open(UiLanguage.ENGLISH);
        try (SimulatorHandle second = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, MediaCatalog.get("62x100"), 0,
                null)) {
            session.printing().configureSecond(new PrinterConfig(second.target(), PrinterModel.QL_820NWB,
                    MediaCatalog.get("62x100")),
                    dev.lanyard.print.queue.DeskPrinters.Mode.FAILOVER);
            sim.inject(Fault.COVER_OPEN);
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            feedback.statusProperty().addListener((o, was, now) -> seen.add(now));

            feedback.submit("badge/f/admit", PrintService.SAMPLE);

            await().atMost(Duration.ofSeconds(20)).until(() -> second.pages().size() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> feedback.statusProperty().get()
                    .startsWith("Badge printed"));
            assertThat(seen).anySatisfy(s -> assertThat(s).contains("Cover open")
                    .contains("printing on QL-820NWB / 62x100 @ " + second.target()));
        }
    }

    @Test
    void aRollTheLabelWriter550RefusesAsNotGenuineIsSaidWithWhatToDo() {
        Event event = People.event(ReentryPolicy.WARN);
        session = Desks.session(tmp.resolve("kiosk"), event, People.participants(event.id(), 3, 1),
                new RecordingSounds());
        sim = PrinterSimulator.startTcp(PrinterModel.LW_550, MediaCatalog.get("99014"), 0, null);
        sim.inject(Fault.NON_GENUINE_ROLL);
        session.printing().configure(new PrinterConfig(sim.target(), PrinterModel.LW_550, MediaCatalog.get("99014")));
        PrintFeedback feedback = new PrintFeedback(session.printing(), Texts.of(UiLanguage.KOREAN),
                UiExecutors.direct());
        feedback.start();

        feedback.submit("badge/w/admit", PrintService.SAMPLE);

        await().atMost(Duration.ofSeconds(20)).until(() -> feedback.problemProperty().get()
                && feedback.statusProperty().get().contains("정품 DYMO")
                && feedback.fixProperty().get().contains("정품 DYMO 롤"));
    }

    @Test
    void problemsAreSaidInKoreanWhenTheUiIsKorean() {
        PrintFeedback feedback = open(UiLanguage.KOREAN);
        sim.inject(Fault.NO_MEDIA);

        feedback.submit("badge/y/admit", PrintService.SAMPLE);

        // the queue retries, so "printing…" and the problem alternate: wait for the problem's own words
        await().atMost(Duration.ofSeconds(20)).until(() -> feedback.problemProperty().get()
                && feedback.statusProperty().get().contains("라벨이 없습니다")
                && feedback.fixProperty().get().equals("프린터에 라벨 롤을 넣어 주세요."));
    }

    @Test
    void withoutAPrinterTheStripSaysWhereToSetOneUp() {
        Event event = People.event(ReentryPolicy.WARN);
        session = Desks.session(tmp.resolve("bare"), event, List.of(), new RecordingSounds());
        sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, MediaCatalog.get("62x100"), 0, null);
        PrintFeedback feedback = new PrintFeedback(session.printing(), Texts.of(UiLanguage.ENGLISH),
                UiExecutors.direct());
        feedback.start();

        assertThat(feedback.submit("badge/z/admit", PrintService.SAMPLE)).isFalse();
        assertThat(feedback.statusProperty().get()).isEqualTo("No printer set up.");
        assertThat(feedback.fixProperty().get()).contains("Ctrl+2");
    }

    /**
     * A badge the queue could not take (its job not written: the replica failing) was shown as "No printer set up",
     * which sent staff to a printer screen that was fine.
     */
    @Test
    void aBadgeTheQueueCannotTakeIsSaidAsNotQueued() {
        PrintFeedback feedback = open(UiLanguage.ENGLISH);
        KioskReplica.of(session.kiosk()).close();

        assertThat(feedback.submit("badge/z/admit", PrintService.SAMPLE)).isFalse();

        assertThat(feedback.statusProperty().get()).startsWith("The badge for " + PrintService.SAMPLE.name()
                + " was not queued").contains("closed");
        assertThat(feedback.fixProperty().get()).contains("F5");
        assertThat(feedback.problemProperty().get()).isTrue();
    }
}
