package dev.lanyard.print.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lanyard.print.ClosedPort;
import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.brother.BrotherPhase;
import dev.lanyard.print.brother.BrotherStatus;
import dev.lanyard.print.brother.BrotherStatusType;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.Fault;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import dev.lanyard.print.transport.Target;
import dev.lanyard.print.transport.TransportOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real path: render, encode, send over loopback TCP to the simulator, read status back. */
class DirectPrinterTcpTest {
    private static final BadgeEncoder ENCODER = new BadgeEncoder();

    private static EncodedJob job(PrinterModel model, Media media, int copies) {
        List<BadgeData> badges = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            badges.add(new BadgeData("홍길동 " + i, "Lanyard", "SPEAKER", "T-" + i));
        }
        return ENCODER.encode(model, media, BadgeTemplate.defaultFor(media), badges, PrintOptions.defaults());
    }

    private static DirectPrinter printer(PrinterModel model, Media media, String target, RunSettings settings) {
        Target t = Target.parse(target);
        return new DirectPrinter(model, media, () -> t.open(TransportOptions.defaults()), settings);
    }

    @Test
    void brotherJobPrintsEveryPageAndReportsEachOne() throws Exception {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 0, null)) {
            List<Integer> done = new ArrayList<>();
            printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, sim.target(), RunSettings.defaults())
                    .print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 3), done::add);
            assertThat(done).containsExactly(0, 1, 2);
            assertThat(sim.pages()).hasSize(3);
            assertThat(sim.violations()).isEmpty();
        }
    }

    @Test
    void theRenderedBadgeArrivesBitmapEqual() throws Exception {
        var badge = ENCODER.render(BrotherLabel.D29x90, BadgeTemplate.defaultFor(BrotherLabel.D29x90),
                List.of(new BadgeData("Zoë Ångström-Łukasiewicz", "ACME", null, "T-9"))).get(0);
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_700, BrotherLabel.D29x90, 0, null)) {
            printer(PrinterModel.QL_700, BrotherLabel.D29x90, sim.target(), RunSettings.defaults())
                    .print(BadgeEncoder.encodeRendered(PrinterModel.QL_700, BrotherLabel.D29x90, List.of(badge),
                    PrintOptions.defaults()), p -> { });
            assertThat(sim.pages()).singleElement().satisfies(p -> assertThat(p.black()).isEqualTo(badge.black()));
        }
    }

    @Test
    void dymoJobPrintsOverTcpWithStatusAfterEachLabel() throws Exception {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.LW_450, DymoLabel.S99014, 0, null)) {
            List<Integer> done = new ArrayList<>();
            printer(PrinterModel.LW_450, DymoLabel.S99014, sim.target(), RunSettings.defaults())
                    .print(job(PrinterModel.LW_450, DymoLabel.S99014, 2), done::add);
            assertThat(done).containsExactly(0, 1);
            assertThat(sim.pages()).hasSize(2);
        }
    }

    @Test
    void coverOpenIsATypedRetryableProblemAndNothingPrints() {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 0, null)) {
            sim.inject(Fault.COVER_OPEN);
            assertThatThrownBy(() -> printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, sim.target(),
                    RunSettings.defaults())
                    .print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1), p -> { }))
                    .isInstanceOfSatisfying(PrinterException.class, e -> {
                        assertThat(e.problem()).isEqualTo(PrinterProblem.COVER_OPEN);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.humanMessage().english()).contains("Cover open");
                        assertThat(e.humanMessage().korean()).contains("덮개");
                        assertThat(e.pagesCompleted()).isZero();
                    });
            assertThat(sim.pages()).isEmpty();
        }
    }

    @Test
    void theWrongRollIsCaughtFromTheStatusBeforeAnyPageIsSent() {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, BrotherLabel.D29x90, 0, null)) {
            assertThatThrownBy(() -> printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, sim.target(),
                    RunSettings.defaults())
                    .print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1), p -> { }))
                    .isInstanceOfSatisfying(PrinterException.class, e -> {
                        assertThat(e.problem()).isEqualTo(PrinterProblem.WRONG_MEDIA);
                        assertThat(e.humanMessage().english()).isEqualTo(
                                "29 x 90 mm labels loaded; this badge needs 62 x 100 mm labels");
                    });
            assertThat(sim.pages()).isEmpty();
            assertThat(sim.violations()).isEmpty();
        }
    }

    /**
     * A QL-800 plugged in where the desk is set up for a QL-820NWB: its first status says so, but the job was sent
     * anyway (with compression the QL-800 does not take) and its refusal retried for hours. Found by a review.
     */
    @Test
    void aStatusFromAnotherKnownModelStopsTheJobBeforeItsLabelsAreSent() {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_800, BrotherLabel.D62x100, 0, null)) {
            assertThatThrownBy(() -> printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, sim.target(),
                    RunSettings.defaults()).print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1), p -> { }))
                    .isInstanceOfSatisfying(PrinterException.class, e -> {
                        assertThat(e.problem()).isEqualTo(PrinterProblem.WRONG_PRINTER_MODEL);
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.humanMessage().english()).contains("QL-800").contains("QL-820NWB");
                    });
            assertThat(sim.pages()).isEmpty();
        }
    }

    /** A QL-810W speaks every command of a QL-820NWB's job: the desk's default model must keep printing on it. */
    @Test
    void aStatusFromAModelThatTakesTheJobPrints() throws Exception {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_810W, BrotherLabel.D62x100, 0, null)) {
            printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, sim.target(), RunSettings.defaults())
                    .print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1), p -> { });
            assertThat(sim.pages()).hasSize(1);
            assertThat(sim.violations()).isEmpty();
        }
    }

    @Test
    void aPrinterThatNeverConfirmsTimesOutCleanly() {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_810W, BrotherLabel.D62x100, 0, null)) {
            sim.inject(Fault.SILENT);
            RunSettings quick = new RunSettings(Duration.ofSeconds(2), Duration.ofMillis(300), true);
            assertThatThrownBy(() -> printer(PrinterModel.QL_810W, BrotherLabel.D62x100, sim.target(), quick)
                    .print(job(PrinterModel.QL_810W, BrotherLabel.D62x100, 1), p -> { }))
                    .isInstanceOfSatisfying(PrinterException.class,
                    e -> assertThat(e.problem()).isEqualTo(PrinterProblem.PAGE_UNCONFIRMED));
        }
    }

    /**
     * A printer that takes the connection and closes it at once (a Brother busy with another host): the job failed for
     * good as "badge could not be printed", and the desk's other printer was never tried.
     */
    @Test
    void aPrinterThatClosesTheConnectionAtOnceIsARetryableConnectionLoss() throws Exception {
        try (ServerSocket printer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                while (!printer.isClosed()) {
                    try (Socket accepted = printer.accept()) {
                        accepted.shutdownOutput(); // closed from its side before a byte of the job arrives
                        Thread.sleep(200);
                    } catch (IOException | InterruptedException closedAtEnd) {
                        return;
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();
            String target = "127.0.0.1:" + printer.getLocalPort();

            assertThatThrownBy(() -> printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, target,
                    RunSettings.defaults()).print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1), p -> { }))
                    .isInstanceOfSatisfying(PrinterException.class, e -> {
                        assertThat(e.problem()).isEqualTo(PrinterProblem.CONNECTION_LOST);
                        assertThat(e.retryable()).isTrue();
                    });
        }
    }

    /**
     * A Brother (or its firmware) that keeps saying "cooling started" and "cooling finished" and never "printing
     * completed": each notice gave the wait a new deadline, so the job, and the desk's print thread, waited for ever.
     */
    @Test
    void aPrinterThatKeepsCoolingWithoutFinishingThePageTimesOut() throws Exception {
        try (ServerSocket printer = fakeBrother((ready, socket) -> {
            BrotherStatus notice = ready.withType(BrotherStatusType.NOTIFICATION, BrotherPhase.PRINTING);
            for (int i = 0; i < 600; i++) {
                int code = i % 2 == 0 ? BrotherStatus.NOTIFY_COOLING_STARTED : BrotherStatus.NOTIFY_COOLING_FINISHED;
                socket.getOutputStream().write(new BrotherStatus(notice.modelCode(), notice.errors(),
                        notice.mediaWidthMm(), notice.mediaType(), notice.mediaLengthMm(), notice.mode(),
                        notice.type(), notice.phase(), notice.phaseNumber(), code).toBytes());
                Thread.sleep(100);
            }
        })) {
            RunSettings quick = new RunSettings(Duration.ofSeconds(2), Duration.ofMillis(300), true,
                    Duration.ofSeconds(1));
            String target = "127.0.0.1:" + printer.getLocalPort();

            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(() -> printer(
                    PrinterModel.QL_820NWB, BrotherLabel.D62x100, target, quick)
                    .print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1), p -> { }))
                    .isInstanceOfSatisfying(PrinterException.class,
                    e -> assertThat(e.problem()).isEqualTo(PrinterProblem.PAGE_UNCONFIRMED)));
        }
    }

    /**
     * A Brother switched off while the page waits reports "turned off" (status type 04) and never "printing
     * completed": the job fails as a power problem at once instead of waiting out the page's time-out.
     */
    @Test
    void aPrinterTurnedOffDuringThePageFailsTheJobAtOnceAsAPowerProblem() throws Exception {
        try (ServerSocket printer = fakeBrother((ready, socket) -> {
            socket.getOutputStream().write(ready.withType(BrotherStatusType.TURNED_OFF, BrotherPhase.RECEIVING)
                    .toBytes());
            socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        })) {
            RunSettings patient = new RunSettings(Duration.ofSeconds(2), Duration.ofSeconds(30), true,
                    Duration.ofSeconds(30));
            String target = "127.0.0.1:" + printer.getLocalPort();
            long start = System.nanoTime();

            assertThatThrownBy(() -> printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, target, patient)
                    .print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1), p -> { }))
                    .isInstanceOfSatisfying(PrinterException.class,
                    e -> assertThat(e.problem()).isEqualTo(PrinterProblem.POWER));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    /**
     * A client that connected to the virtual printer and went silent (a desk killed mid-probe) held its one connection
     * for ever: every later job waited. Like a network printer, the simulator drops a connection idle past a limit.
     */
    @Test
    void aSilentClientDoesNotHoldTheSimulatorFromTheNextJob(@TempDir Path tmp) throws Exception {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 0,
                tmp.resolve("pages"), Duration.ofSeconds(1));
             Socket silent = new Socket(InetAddress.getLoopbackAddress(), sim.port())) {
            Thread.sleep(200);
            RunSettings patient = new RunSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), true);

            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> printer(PrinterModel.QL_820NWB,
                    BrotherLabel.D62x100, sim.target(), patient)
                    .print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1), p -> { }));

            assertThat(sim.pages()).hasSize(1);
            assertThat(sim.violations()).isEmpty();
        }
    }

    /**
     * "Printing completed" carrying "end of labels" (the roll's last label just came out): the label printed, but the
     * error bit was read first and the job failed, so the desk printed the badge again on the next roll. Found by a
     * review.
     */
    @Test
    void aCompletedPageIsCountedPrintedThoughItsStatusSaysTheRollEnded() throws Exception {
        try (ServerSocket printer = fakeBrother((ready, socket) -> {
            BrotherStatus done = ready.withType(BrotherStatusType.PRINTING_COMPLETED, BrotherPhase.RECEIVING);
            socket.getOutputStream().write(new BrotherStatus(done.modelCode(),
                    java.util.Set.of(dev.lanyard.print.brother.BrotherError.END_OF_MEDIA), done.mediaWidthMm(),
                    done.mediaType(), done.mediaLengthMm(), done.mode(), done.type(), done.phase(), done.phaseNumber(),
                    0).toBytes());
            socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        })) {
            RunSettings quick = new RunSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), true);
            String target = "127.0.0.1:" + printer.getLocalPort();
            java.util.List<Integer> printed = new java.util.ArrayList<>();

            printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, target, quick)
                    .print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1), printed::add);

            assertThat(printed).containsExactly(0);
        }
    }

    /** What a fake QL does after it answered the job's status request with "ready". */
    interface AfterReady {
        void send(BrotherStatus ready, Socket printer) throws IOException, InterruptedException;
    }

    /** A QL 820NWB of 62x100 labels on a loopback port: answers the first status request, then {@code after}. */
    private static ServerSocket fakeBrother(AfterReady after) throws IOException {
        ServerSocket printer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread fake = new Thread(() -> {
            try (Socket accepted = printer.accept()) {
                accepted.getInputStream().read(new byte[64]);
                BrotherStatus ready = BrotherStatus.ready(PrinterModel.QL_820NWB, BrotherLabel.D62x100);
                accepted.getOutputStream().write(ready.withType(BrotherStatusType.REPLY, BrotherPhase.RECEIVING)
                        .toBytes());
                after.send(ready, accepted);
            } catch (IOException | InterruptedException ended) {
                // the job gave up, or the test ended
            }
        });
        fake.setDaemon(true);
        fake.start();
        return printer;
    }

    /** A session that failed with an unchecked exception (a page it could not write) ended the simulator's acceptor. */
    @Test
    void aSimulatorSessionThatFailsDoesNotStopTheSimulatorServingTheNext(@TempDir Path tmp) throws Exception {
        Path pages = tmp.resolve("badges");
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 0, pages)) {
            Files.delete(pages);
            Files.createFile(pages); // its folder gone: writing the decoded page fails
            RunSettings quick = new RunSettings(Duration.ofSeconds(3), Duration.ofSeconds(3), true);
            DirectPrinter printer = printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, sim.target(), quick);
            try {
                printer.print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1), p -> { });
            } catch (PrinterException cutOff) {
                // the session ended under the job
            }

            assertThat(printer.status().ok()).isTrue();
            assertThat(sim.violations()).anyMatch(v -> v.contains("cannot write decoded page"));
        }
    }

    @Test
    void statusIsReadAndExplained() throws Exception {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_1100, BrotherLabel.D102x152, 0, null)) {
            sim.inject(Fault.JAM);
            StatusReport report = printer(PrinterModel.QL_1100, BrotherLabel.D102x152, sim.target(),
                    RunSettings.defaults()).status();
            assertThat(report.ok()).isFalse();
            assertThat(report.problems()).containsExactly(PrinterProblem.JAM);
            assertThat(report.explanation()).contains("102 x 153 mm die-cut").contains("Cutter jam");
        }
    }

    /** 32 bytes that are not a Brother status (another device on the printer's address): escaped unchecked. */
    @Test
    void aGarbledStatusReplyIsATypedProblemNotAnUncheckedException() throws Exception {
        try (ServerSocket printer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread garbler = new Thread(() -> {
                try (Socket accepted = printer.accept()) {
                    accepted.getInputStream().read(new byte[64]);
                    accepted.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n....".getBytes());
                    accepted.getInputStream().read(new byte[64]);
                } catch (IOException ended) {
                    // the status request gave up, or the test ended
                }
            });
            garbler.setDaemon(true);
            garbler.start();

            assertThatThrownBy(() -> printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                    "127.0.0.1:" + printer.getLocalPort(), RunSettings.defaults()).status())
                    .isInstanceOfSatisfying(PrinterException.class, e -> {
                        assertThat(e.problem()).isEqualTo(PrinterProblem.UNKNOWN);
                        assertThat(e.humanMessage().english()).contains("not a status");
                    });
        }
    }

    @Test
    void aPortWithNothingListeningIsUnreachableAndTheErrorSaysWhere() throws IOException {
        try (ClosedPort closed = new ClosedPort()) {
            String target = closed.target();
            assertThatThrownBy(() -> printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, target,
                    RunSettings.defaults()).print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1), p -> { }))
                    .isInstanceOfSatisfying(PrinterException.class, e -> {
                        assertThat(e.problem()).isEqualTo(PrinterProblem.UNREACHABLE);
                        assertThat(e.humanMessage().english()).contains(target);
                    });
        }
    }

    @Test
    void aJobForAnotherPrinterIsRefusedBeforeConnecting() {
        EncodedJob dymo = job(PrinterModel.LW_450, DymoLabel.S99014, 1);
        DirectPrinter brother = new DirectPrinter(PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                () -> { throw new AssertionError("must not connect"); }, RunSettings.defaults());
        assertThatThrownBy(() -> brother.print(dymo, p -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LW-450");
    }
}
