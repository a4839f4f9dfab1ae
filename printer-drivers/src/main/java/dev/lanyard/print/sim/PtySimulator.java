package dev.lanyard.print.sim;

import dev.lanyard.print.media.Media;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulator on one end of a pseudo-terminal pair made by socat; the host opens the other end
 * ({@code link}) as a serial port, exactly as it would /dev/rfcomm0. The simulator keeps its end
 * open for its whole life, so the host may open and close its end between jobs.
 */
final class PtySimulator implements SimulatorHandle {
    private final SimulatorState state;
    private final Path link;
    private final Path simulatorEnd;
    private final Process socat;
    private final Thread reader;
    private volatile boolean closed;

    PtySimulator(SimulatorState state, Path link) {
        this.state = state;
        this.link = link.toAbsolutePath();
        this.simulatorEnd = Path.of(this.link + ".printer");
        try {
            Files.deleteIfExists(this.link);
            Files.deleteIfExists(simulatorEnd);
            socat = new ProcessBuilder("socat", "-d", "-d",
                    "pty,raw,echo=0,link=" + this.link,
                    "pty,raw,echo=0,link=" + simulatorEnd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start socat (install the Debian package socat)", e);
        }
        waitForLinks();
        reader = new Thread(this::serve, "printer-sim-pty-" + state.model);
        reader.setDaemon(true);
        reader.start();
    }

    private void waitForLinks() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(link) && Files.exists(simulatorEnd))) {
            if (!socat.isAlive()) {
                throw new IllegalStateException("socat exited with " + socat.exitValue() + " before creating " + link);
            }
            if (System.nanoTime() > deadline) {
                socat.destroy();
                throw new IllegalStateException("socat did not create " + link + " within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting socat", e);
            }
        }
    }

    private void serve() {
        try (InputStream in = Files.newInputStream(simulatorEnd, StandardOpenOption.READ);
             OutputStream out = Files.newOutputStream(simulatorEnd, StandardOpenOption.WRITE)) {
            Session session = Session.forState(state);
            session.run(in, out);
        } catch (IOException e) {
            if (!closed) {
                state.violation("PTY failed: " + e.getMessage());
            }
        }
    }

    @Override public int port() { return -1; }
    @Override public String target() { return link.toString(); }
    @Override public List<DecodedPage> pages() { return state.pages(); }

    @Override public int printed() { return state.printed(); }
    @Override public List<String> violations() { return state.violations(); }
    @Override public void inject(Fault fault) { state.inject(fault); }
    @Override public void clearFaults() { state.clear(); }
    @Override public void load(Media media) { state.load(media); }
    @Override public void coolAfter(int labels, java.time.Duration pause) { state.coolAfter(labels, pause); }

    @Override
    public void close() {
        closed = true;
        socat.destroy();
        try {
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
