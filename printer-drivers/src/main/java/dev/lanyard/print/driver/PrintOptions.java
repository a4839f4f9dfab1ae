package dev.lanyard.print.driver;

import dev.lanyard.print.dymo.DymoDensity;

/** Cutting and darkness choices for a job. Brother: auto cut each label, cut at end. */
public record PrintOptions(boolean autoCut, int cutEvery, boolean cutAtEnd, Boolean compress, DymoDensity density,
        int jobId) {
    public PrintOptions {
        density = density == null ? DymoDensity.NORMAL : density;
    }

    public static PrintOptions defaults() {
        return new PrintOptions(true, 1, true, null, DymoDensity.NORMAL, 1);
    }
}
