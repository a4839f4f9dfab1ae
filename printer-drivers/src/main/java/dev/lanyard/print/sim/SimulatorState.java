package dev.lanyard.print.sim;

import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.PrinterModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What the simulated printer is and has: loaded roll, faults, printed pages, complaints. Thread-safe. */
final class SimulatorState {
    final PrinterModel model;
    private Media media;
    private final Set<Fault> faults = EnumSet.noneOf(Fault.class);
    /**
     * Pages kept in memory when they are written to a folder: a virtual printer left running (the demo's) kept every
     * page it ever printed, some 100 kB each. Without a folder every page is kept: a test reads them all.
     */
    static final int PAGES_KEPT_WITH_A_FOLDER = 100;
    private final java.util.ArrayDeque<DecodedPage> pages = new java.util.ArrayDeque<>();
    private int printed;
    private final List<String> violations = new ArrayList<>();
    private final Path outputDir;

    SimulatorState(PrinterModel model, Media media, Path outputDir) {
        this.model = model;
        this.media = model.fit(media);
        this.outputDir = outputDir;
        if (outputDir != null) {
            try {
                Files.createDirectories(outputDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create simulator output directory " + outputDir, e);
            }
        }
    }

    private int coolEvery;
    private java.time.Duration coolPause = java.time.Duration.ZERO;
    private int labelsSinceCooling;

    synchronized void coolAfter(int labels, java.time.Duration pause) {
        if (labels < 1 || pause == null || pause.isNegative()) {
            throw new IllegalArgumentException("cooling needs a positive label count and a pause");
        }
        coolEvery = labels;
        coolPause = pause;
        labelsSinceCooling = 0;
    }

    /** Counts a printed label; the pause the head now needs, or zero. */
    synchronized java.time.Duration labelPrintedNeedsCooling() {
        if (coolEvery == 0) {
            return java.time.Duration.ZERO;
        }
        labelsSinceCooling++;
        if (labelsSinceCooling < coolEvery) {
            return java.time.Duration.ZERO;
        }
        labelsSinceCooling = 0;
        return coolPause;
    }

    synchronized Media media() { return media; }

    synchronized void load(Media newMedia) {
        media = model.fit(newMedia);
    }

    synchronized Set<Fault> faults() { return EnumSet.copyOf(faults.isEmpty() ? EnumSet.noneOf(Fault.class) : faults); }

    synchronized boolean has(Fault fault) { return faults.contains(fault); }

    synchronized void inject(Fault fault) { faults.add(fault); }

    synchronized void clear() { faults.clear(); }

    synchronized void violation(String message) { violations.add(message); }

    synchronized List<String> violations() { return List.copyOf(violations); }

    synchronized List<DecodedPage> pages() { return List.copyOf(pages); }

    synchronized int printed() { return printed; }

    void printed(DecodedPage page) {
        int number;
        synchronized (this) {
            pages.add(page);
            number = ++printed;
            if (outputDir != null && pages.size() > PAGES_KEPT_WITH_A_FOLDER) {
                pages.removeFirst();
            }
        }
        if (outputDir != null) {
            try {
                Files.write(outputDir.resolve(String.format("page-%04d.png", number)), page.toPng());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write decoded page " + number, e);
            }
        }
    }
}
