package dev.lanyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.printing.PrinterConfig;
import dev.lanyard.print.model.PrinterModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void theDemoFlagsAreRead() throws Exception {
        Path secret = Files.writeString(tmp.resolve("pin"), "4321\n");
        LaunchOptions o = LaunchOptions.parse(List.of("--data", tmp.toString(), "--unlock-file", secret.toString(),
                "--pair",
                "http://127.0.0.1:8080", "ABCD-1234", "--name", "Door 2", "--printer", "tcp:127.0.0.1:9100", "--model",
                "QL-820NWB",
                "--media", "62x100", "--lang", "ko", "--self-service"), null);

        assertThat(o.dataDir()).isEqualTo(tmp);
        assertThat(o.secretCopy()).containsExactly('4', '3', '2', '1');
        assertThat(o.pairUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(o.pairCode()).isEqualTo("ABCD-1234");
        assertThat(o.deviceName()).isEqualTo("Door 2");
        assertThat(o.language()).isEqualTo(UiLanguage.KOREAN);
        assertThat(o.selfService()).isTrue();
        PrinterConfig printer = PrinterConfig.parse(o.printerTarget(), o.printerModel(), o.printerMedia());
        assertThat(printer.target()).isEqualTo("127.0.0.1:9100");
        assertThat(printer.model()).isEqualTo(PrinterModel.QL_820NWB);
        assertThat(o.toString()).doesNotContain("4321");
    }

    @Test
    void theSecretComesFromTheEnvironmentWhenNoFileIsGiven() {
        assertThat(LaunchOptions.parse(List.of(), "s3cret").secretCopy()).containsExactly('s', '3', 'c', 'r', 'e', 't');
        assertThat(LaunchOptions.parse(List.of(), null).hasSecret()).isFalse();
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--bogus"), null))
                .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--data"), null))
                .hasMessageContaining("--data needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--printer", "x:1"), null))
                .hasMessageContaining("--model and --media");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--unlock-file", tmp.resolve("none").toString()), null))
                .hasMessageContaining("cannot read the unlock file");
    }

    @Test
    void aPrinterWithARollItCannotTakeIsRefused() {
        assertThatThrownBy(() -> PrinterConfig.parse("127.0.0.1:9100", "LW-450", "62x100"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrinterConfig.parse("", "QL-820NWB", "62x100")).hasMessageContaining("printer target");
    }

    @Test
    void peerDoorsAreNamedByListenAndPeerAndABadPeerIsRefusedByName() {
        LaunchOptions o = LaunchOptions.parse(List.of("--listen", "7443", "--peer", "10.0.0.7:7443", "--peer",
                "door3.local:7443"), null);
        assertThat(o.talksToPeers()).isTrue();
        assertThat(o.peerListen()).isEqualTo(7443);
        assertThat(o.peers()).containsExactly("10.0.0.7:7443", "door3.local:7443");
        assertThat(LaunchOptions.parse(List.of(), null).talksToPeers()).isFalse();
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--peer", "10.0.0.7"), null))
                .hasMessage("--peer must be HOST:PORT, not 10.0.0.7");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--listen", "x"), null))
                .hasMessage("--listen needs a port number");
    }
}
