package dev.lanyard.bench;

import dev.lanyard.rehearsal.FleetFigures;

/**
 * {@code bench/run fleet}: the issue-13 storm, measured with the rehearsal's own code. Prints
 * one {@code name: value unit} line per figure; progress goes to standard error.
 */
public final class FleetBench {
    private FleetBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(FleetFigures.run(System.out, System.err) ? 0 : 1);
    }
}
