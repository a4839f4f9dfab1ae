package dev.lanyard.print.sim;

import dev.lanyard.print.media.Media;
import java.util.List;

/** A running simulated printer. */
public interface SimulatorHandle extends AutoCloseable {
    /** TCP port on 127.0.0.1, or -1 for a PTY simulator. */
    int port();

    /** What a client opens: "127.0.0.1:PORT" or the PTY link path. */
    String target();

    /** Pages printed so far, in order. */
    List<DecodedPage> pages();

    /** What the host sent that a real printer would have rejected. Empty when all was well. */
    List<String> violations();

    void inject(Fault fault);

    void clearFaults();

    /** Swap the roll (e.g. to provoke a media mismatch). */
    void load(Media media);

    @Override
    void close();
}
