package dev.lanyard.print.sim;

import dev.lanyard.print.media.Media;
import java.util.List;

/** A running simulated printer. */
public interface SimulatorHandle extends AutoCloseable {
    /** TCP port on 127.0.0.1, or -1 for a PTY simulator. */
    int port();

    /** What a client opens: "127.0.0.1:PORT" or the PTY link path. */
    String target();

    /**
     * Pages printed so far, in order; a simulator writing pages to a folder keeps only the last
     * 100 here (the folder has them all; SimulatorState.PAGES_KEPT_WITH_A_FOLDER).
     */
    List<DecodedPage> pages();

    /** How many pages it printed since it started, those no longer in {@link #pages()} included. */
    int printed();

    /** What the host sent that a real printer would have rejected. Empty when all was well. */
    List<String> violations();

    void inject(Fault fault);

    void clearFaults();

    /** Swap the roll (e.g. to provoke a media mismatch). */
    void load(Media media);

    /**
     * Models a print head that needs cooling: after every {@code labels} labels the printer pauses
     * for {@code pause} (a Brother QL sends "cooling started" / "cooling finished" notifications;
     * a LabelWriter 400/450 answers its status without "top of form" until it is done).
     */
    void coolAfter(int labels, java.time.Duration pause);

    @Override
    void close();
}
