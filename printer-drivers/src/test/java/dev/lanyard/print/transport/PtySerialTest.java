package dev.lanyard.print.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.print.ExternalTools;
import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.driver.BadgeEncoder;
import dev.lanyard.print.driver.DirectPrinter;
import dev.lanyard.print.driver.PrintOptions;
import dev.lanyard.print.driver.RunSettings;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial / Bluetooth SPP path for real: jSerialComm opens one end of a socat PTY pair by its
 * explicit path (as it would /dev/rfcomm0, which it does not enumerate) and the simulator answers
 * on the other.
 */
class PtySerialTest {
    @TempDir
    Path dir;

    @Test
    void aBadgePrintsOverThePtyWithStatusReadBack() throws Exception {
        ExternalTools.requireSocat();
        Path link = dir.resolve("rfcomm-sim");
        Path pngs = dir.resolve("pages");
        try (SimulatorHandle sim = PrinterSimulator.startPty(PrinterModel.QL_820NWB, BrotherLabel.D62x100, link,
                pngs)) {
            EncodedJob job = new BadgeEncoder().encode(PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                    BadgeTemplate.defaultFor(BrotherLabel.D62x100),
                    List.of(new BadgeData("홍길동", "Lanyard", null, "T-1"), new BadgeData("Kim", null, null, "T-2")),
                    PrintOptions.defaults());
            DirectPrinter printer = new DirectPrinter(PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                    () -> SerialTransport.open(link.toString(), new
                    SerialSettings(115_200, SerialSettings.FlowControl.NONE)),
                    new RunSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), true));

            printer.print(job, p -> { });
            // the line stays up between jobs, like a paired Bluetooth printer
            printer.print(job, p -> { });

            assertThat(sim.pages()).hasSize(4);
            assertThat(sim.violations()).isEmpty();
            assertThat(Files.list(pngs)).hasSize(4);
            assertThat(printer.status().ok()).isTrue();
        }
    }

    @Test
    void theDeviceFileTransportReadsStatusBackThroughTheSameDevice() throws Exception {
        // a PTY stands in for /dev/usb/lp0: write the job, read the printer's replies back
        ExternalTools.requireSocat();
        Path link = dir.resolve("lp-sim");
        try (SimulatorHandle sim = PrinterSimulator.startPty(PrinterModel.QL_700, BrotherLabel.D29x90, link, null)) {
            EncodedJob job = new BadgeEncoder().encode(PrinterModel.QL_700, BrotherLabel.D29x90,
                    BadgeTemplate.defaultFor(BrotherLabel.D29x90),
                    List.of(new BadgeData("Kim", null, null, "T-1")), PrintOptions.defaults());
            DirectPrinter printer = new DirectPrinter(PrinterModel.QL_700, BrotherLabel.D29x90,
                    () -> DeviceFileTransport.open(link, true), new
                    RunSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), true));
            printer.print(job, p -> { });
            printer.print(job, p -> { });
            assertThat(sim.pages()).hasSize(2);
            assertThat(printer.status().ok()).isTrue();
        }
    }

    /**
     * A printer that stopped taking data (flow control held, a Bluetooth link that hangs): a PTY pair whose other end
     * nobody reads. The write gives up at the deadline instead of holding the desk's print thread.
     */
    @Test
    void aWriteToASerialPrinterThatStoppedReadingTimesOut() throws Exception {
        try (NobodyReads pty = new NobodyReads(dir.resolve("stalled"));
             SerialTransport serial = SerialTransport.open(pty.link().toString(),
                     new SerialSettings(4_000_000, SerialSettings.FlowControl.NONE), Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                            () -> serial.write(new byte[1 << 20])))
                    .isInstanceOf(TransportTimeoutException.class)
                    .hasMessageContaining("stopped taking data");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aSlowLineGetsTheTimeItsBaudRateNeedsOnTopOfTheDeadline() throws Exception {
        try (NobodyReads pty = new NobodyReads(dir.resolve("slow"));
             SerialTransport serial = SerialTransport.open(pty.link().toString(),
                     new SerialSettings(9_600, SerialSettings.FlowControl.NONE), Duration.ofSeconds(30))) {
            assertThat(serial.allowedMillis(300_000)).isEqualTo(30_000 + 312_500);
        }
    }

    /**
     * jSerialComm turns a read's time-out into tenths of a second in one byte (termios VTIME): a wait of 26 s became
     * 0.4 s, so a QL cooling its head for half a minute failed a label it then printed, and the retry printed it again.
     * Found by a review.
     */
    @Test
    void aReadWaitsItsWholeTimeOutPastWhatOneSerialTimeOutHolds() throws Exception {
        try (NobodyReads pty = new NobodyReads(dir.resolve("cooling"));
             SerialTransport serial = SerialTransport.open(pty.link().toString(),
                     new SerialSettings(115_200, SerialSettings.FlowControl.NONE), Duration.ofSeconds(5))) {
            java.util.concurrent.CompletableFuture<Void> later = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (java.io.OutputStream far = Files.newOutputStream(Path.of(pty.link() + ".far"))) {
                    Thread.sleep(3_000);
                    far.write(0x42);
                    far.flush();
                    Thread.sleep(1_000);
                } catch (java.io.IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] buffer = new byte[1];

            int n = serial.read(buffer, 0, 1, Duration.ofSeconds(26));

            assertThat(n).isEqualTo(1);
            assertThat(buffer[0]).isEqualTo((byte) 0x42);
            later.join();
        }
    }

    /** A socat PTY pair whose far end nobody opens: a serial port whose printer takes nothing. */
    private static final class NobodyReads implements AutoCloseable {
        private final Path link;
        private final Process socat;

        NobodyReads(Path link) throws java.io.IOException {
            ExternalTools.requireSocat();
            this.link = link;
            this.socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + link,
                    "pty,raw,echo=0,link=" + link + ".far").start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(link));
        }

        Path link() {
            return link;
        }

        @Override
        public void close() {
            socat.destroy();
        }
    }

    @Test
    void aSerialPortThatDoesNotExistIsAClearError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                SerialTransport.open("/dev/rfcomm-does-not-exist", SerialSettings.defaults()))
                .isInstanceOf(PortUnavailableException.class).hasMessageContaining(
                "/dev/rfcomm-does-not-exist does not exist");
    }
}
