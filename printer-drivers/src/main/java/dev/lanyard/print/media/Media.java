package dev.lanyard.print.media;

/**
 * A label stock a badge is printed on. All sizes are in printer dots at 300 dpi; the printable
 * area is what a badge may use (the rest is the label's unprintable rim).
 */
public sealed interface Media permits BrotherLabel, DymoLabel {
    int DPI = 300;

    /** The catalog id used on the command line and in templates ("62x100", "99014"). */
    String id();

    MediaFamily family();

    MediaForm form();

    /** Printable width across the print head, in dots. */
    int printableWidthDots();

    /** Printable length along the feed in dots; 0 for endless media (the badge decides). */
    int printableLengthDots();

    /** Whether the roll can print red as well as black (Brother DK-22251). */
    boolean twoColour();

    /** A one-line description for listings and error messages. */
    String description();

    static double dotsToMm(int dots) {
        return dots * 25.4 / DPI;
    }

    static int mmToDots(double mm) {
        return (int) Math.round(mm * DPI / 25.4);
    }
}
