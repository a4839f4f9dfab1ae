package dev.lanyard.print.model;

/**
 * Wire facts of one Dymo LabelWriter model.
 *
 * @param headDots       print-head width in dots at 300 dpi
 * @param maxBytesPerLine the largest ESC D value the model accepts
 * @param experimental   true where nobody on the team has printed with it
 */
public record DymoSpec(int headDots, int maxBytesPerLine, boolean experimental) {
    /** The 4-inch heads (4XL, 5XL), which take the extra sizes DYMO lists for the 4XL. */
    public boolean wideHead() {
        return headDots > 672;
    }

    public int headBytes() {
        return (headDots + 7) / 8;
    }
}
