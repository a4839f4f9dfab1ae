package dev.lanyard.print.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.print.TestBitmaps;
import dev.lanyard.print.brother.BrotherEncoder;
import dev.lanyard.print.brother.BrotherJob;
import dev.lanyard.print.brother.BrotherPage;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.model.PrinterModel;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A virtual printer writing its pages to a folder (the demo's) holds only the latest in memory. */
class SimulatorFolderTest {
    @TempDir
    Path dir;

    /** The demo's virtual printer kept every page it printed in memory, about 100 kB each, for as long as it ran. */
    @Test
    void aSimulatorWritingToAFolderKeepsOnlyItsLatestPagesInMemory() throws Exception {
        BrotherLabel media = BrotherLabel.D62x29;
        BrotherPage page = BrotherPage.of(TestBitmaps.pattern(media.printableWidthDots(), media.printableLengthDots(),
                1));
        byte[] job = BrotherEncoder.encode(BrotherJob.of(PrinterModel.QL_820NWB, media,
                Collections.nCopies(105, page))).bytes();
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, media, 0, dir);
             Socket socket = new Socket("127.0.0.1", sim.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(job);
            out.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> pngs() == 105);

            assertThat(sim.violations()).isEmpty();
            assertThat(sim.pages()).hasSize(100);
            assertThat(sim.printed()).isEqualTo(105);
        }
    }

    private long pngs() throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".png")).count();
        }
    }
}
