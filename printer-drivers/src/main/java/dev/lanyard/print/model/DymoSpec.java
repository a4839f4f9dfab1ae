package dev.lanyard.print.model;

/**
 * Wire facts of one Dymo LabelWriter model.
 *
 * @param headDots       print-head width in dots at 300 dpi
 * @param maxBytesPerLine the largest ESC D value the model accepts
 * @param experimental   true where nobody on the team has printed with it
 */
public record DymoSpec(int headDots, int maxBytesPerLine, boolean experimental) {
    public int headBytes() {
        return (headDots + 7) / 8;
    }
}
