package dev.lanyard.print.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetAndDeviceFileTest {
    @TempDir
    Path dir;

    @Test
    void parsesEveryKindOfTarget() {
        assertThat(Target.parse("192.168.1.50:9100")).isEqualTo(new Target(Target.Kind.TCP, "192.168.1.50", 9100));
        assertThat(Target.parse("tcp://printer.local:9100"))
                .isEqualTo(new Target(Target.Kind.TCP, "printer.local", 9100));
        assertThat(Target.parse("/dev/usb/lp0").kind()).isEqualTo(Target.Kind.DEVICE_FILE);
        assertThat(Target.parse("/dev/rfcomm0").kind()).isEqualTo(Target.Kind.SERIAL);
        assertThat(Target.parse("COM5").kind()).isEqualTo(Target.Kind.SERIAL);
        assertThat(Target.parse("serial:/tmp/ptyA")).isEqualTo(new Target(Target.Kind.SERIAL, "/tmp/ptyA", 0));
        assertThat(Target.parse("file:/tmp/out.bin")).isEqualTo(new Target(Target.Kind.DEVICE_FILE, "/tmp/out.bin", 0));
    }

    @Test
    void nonsenseIsRejectedWithAHint() {
        assertThatThrownBy(() -> Target.parse("my printer")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> Target.parse("host:70000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..65535");
    }

    @Test
    void aDeviceFileReceivesExactlyTheBytes() throws Exception {
        Path file = dir.resolve("lp0");
        Files.createFile(file);
        try (DeviceFileTransport t = DeviceFileTransport.open(file)) {
            t.write(new byte[] {1, 2, 3});
            t.write(new byte[] {4});
            assertThat(t.canRead()).isFalse();
        }
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3, 4);
    }

    /** /dev/zero answers every read at once: a device that never stops sending. */
    @Test
    void aDeviceThatKeepsSendingIsHeldBackNotBuffered() throws Exception {
        try (DeviceFileTransport t = DeviceFileTransport.open(Path.of("/dev/zero"), true)) {
            byte[] one = new byte[1];
            assertThat(t.read(one, 0, 1, java.time.Duration.ofSeconds(2))).isOne();
            Thread.sleep(300);

            assertThat(t.heldReplies()).isLessThanOrEqualTo(DeviceFileTransport.MAX_HELD_REPLIES);
        }
    }

    /** A FIFO nobody reads stands in for a printer device that stopped taking data: writes block past 64 KB. */
    @Test
    void aWriteToADeviceThatStoppedTakingDataTimesOut() throws Exception {
        Path fifo = dir.resolve("lp-stalled");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // read back: opened read-write, which a FIFO allows with no reader; nothing reads until a job asks
        try (DeviceFileTransport t = DeviceFileTransport.open(fifo, true, java.time.Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(20), () -> t.write(new byte[1 << 20])))
                    .isInstanceOf(TransportTimeoutException.class)
                    .hasMessageContaining("stopped taking data");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(
                    java.time.Duration.ofSeconds(10));
        }
    }

    @Test
    void aMissingUsbDeviceIsAClearError() {
        assertThatThrownBy(() -> DeviceFileTransport.open(Path.of("/dev/usb/lp97")))
                .isInstanceOf(PortUnavailableException.class).hasMessageContaining("/dev/usb/lp97 does not exist");
    }

    @Test
    void discoveryListsUsbPrinterDeviceFiles() throws Exception {
        Files.createFile(dir.resolve("lp1"));
        Files.createFile(dir.resolve("lp0"));
        Files.createFile(dir.resolve("hiddev0"));
        assertThat(new Discovery(dir).usbPrinterDevices()).extracting(Discovery.Found::address)
                .containsExactly(dir.resolve("lp0").toString(), dir.resolve("lp1").toString());
        assertThat(new Discovery(dir).manual("10.0.0.9:9100").address()).isEqualTo("10.0.0.9:9100");
    }

    @Test
    void tcpReadTimesOutWithATypedException() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             TcpTransport t = TcpTransport.connect("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> t.readFully(32, Duration.ofMillis(100)))
                    .isInstanceOf(TransportTimeoutException.class)
                    .hasMessageContaining("expected 32 bytes");
        }
    }

    /**
     * A printer that takes the connection and then reads nothing (its Wi-Fi module wedged mid-page): a socket's write
     * has no timeout of its own, so the write waited for ever, and with it the desk's one print thread.
     */
    @Test
    void aTcpWriteToAPrinterThatStoppedReadingTimesOutWithATypedException() throws Exception {
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, loopback)) {
            server.setReceiveBufferSize(4_096);
            try (TcpTransport t = TcpTransport.connect("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2),
                    Duration.ofSeconds(1));
                 java.net.Socket printer = server.accept()) {
                byte[] pages = new byte[16 * 1024 * 1024]; // far more than both sides' buffers hold

                org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(15),
                        () -> assertThatThrownBy(() -> t.write(pages)).isInstanceOf(TransportTimeoutException.class)
                                .hasMessageContaining("took nothing"));
            }
        }
    }
}
