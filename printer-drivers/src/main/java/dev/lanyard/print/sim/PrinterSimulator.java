package dev.lanyard.print.sim;

import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.PrinterModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A simulated Brother QL or Dymo LabelWriter for tests, demos and support: strict about the
 * protocol, answers status requests, decodes printed pages to bitmaps (and PNG files).
 */
public final class PrinterSimulator {
    private PrinterSimulator() {
    }

    /** Listens on 127.0.0.1:{@code port} (0 = any free port); PNGs go to {@code pngOutputDir} if not null. */
    public static SimulatorHandle startTcp(PrinterModel model, Media media, int port, Path pngOutputDir) {
        return startTcp(model, media, port, pngOutputDir, TcpSimulator.IDLE_LIMIT);
    }

    /** As above; a connection that sends nothing for {@code idleLimit} is dropped, as a network printer does. */
    public static SimulatorHandle startTcp(PrinterModel model, Media media, int port, Path pngOutputDir,
            java.time.Duration idleLimit) {
        return new TcpSimulator(new SimulatorState(model, media, pngOutputDir), port, idleLimit);
    }

    /** Creates a PTY pair with socat; the host opens {@code link} as a serial port. */
    public static SimulatorHandle startPty(PrinterModel model, Media media, Path link, Path pngOutputDir) {
        return new PtySimulator(new SimulatorState(model, media, pngOutputDir), link);
    }

    /** What a printer would make of these bytes: the pages, the replies, the complaints. */
    public record Decoded(java.util.List<DecodedPage> pages, byte[] replies, java.util.List<String> violations) {
    }

    public static Decoded decode(PrinterModel model, Media media, byte[] stream) {
        SimulatorState state = new SimulatorState(model, media, null);
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        try {
            Session.forState(state).run(new ByteArrayInputStream(stream), replies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Decoded(state.pages(), replies.toByteArray(), state.violations());
    }
}
