package dev.lanyard.print.model;

/**
 * Wire facts of one Brother QL model (shared/reference/printers.md, cross-checked with
 * pklaus/brother_ql models.py and lprint-brother.c; see docs/decisions/0100).
 *
 * @param bytesPerLine       raster line width in bytes (90 = 720 pins, 162 = 1296 pins)
 * @param invalidateLength   zero bytes sent before ESC @ to flush a half-received job
 * @param acceptsModeSwitch  whether ESC i a 01 (switch to raster mode) is understood
 * @param compression        whether M 02 (TIFF PackBits lines) is supported
 * @param twoColour          whether black/red printing on DK-22251 is supported
 * @param autoStatusCommand  whether ESC i ! (automatic status notification) is understood
 * @param acceptsBlankLine   whether the 5A zero-line command is understood (never sent by us)
 * @param statusModelCode    byte 4 of the 32-byte status
 * @param extraOffsetRight   pins added to every label's right offset (wide heads)
 * @param minLengthDots      shortest page in raster lines
 * @param maxLengthDots      longest page in raster lines
 * @param wide               whether 102 mm stock fits
 * @param statusCodeVerified false where the model code is our assumption, not a documented value
 */
public record BrotherSpec(int bytesPerLine, int invalidateLength, boolean acceptsModeSwitch, boolean compression,
                          boolean twoColour, boolean autoStatusCommand, boolean acceptsBlankLine, int statusModelCode,
                          int extraOffsetRight, int minLengthDots, int maxLengthDots, boolean wide,
                          boolean statusCodeVerified) {
    public int pins() {
        return bytesPerLine * 8;
    }

    /**
     * Whether a printer of this spec takes a job encoded for {@code encodedFor}: the same head, no command it does not
     * know, the switch to raster mode it needs and zeros enough to flush it (a QL-810W takes a QL-820NWB's jobs; a
     * QL-800 does not, it has no compression; nor does a QL-820NWB take a QL-700's, sent without the mode switch).
     */
    public boolean takesJobsFor(BrotherSpec encodedFor) {
        return bytesPerLine == encodedFor.bytesPerLine && extraOffsetRight == encodedFor.extraOffsetRight
                && (compression || !encodedFor.compression) && (twoColour || !encodedFor.twoColour)
                && (autoStatusCommand || !encodedFor.autoStatusCommand)
                && acceptsModeSwitch == encodedFor.acceptsModeSwitch
                && invalidateLength <= encodedFor.invalidateLength;
    }
}
