package dev.lanyard.kiosk.core.scan;

import dev.lanyard.model.TicketCodes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ticket codes a scanned string may stand for, most likely first. The text as typed comes
 * first (an imported code may contain any character), unless the door's scanner was calibrated
 * to another layout; then every layout that would read the text differently. The caller takes
 * the first reading that names a participant, so a reading can only win by matching a real
 * ticket: two random 65-bit codes that differ exactly by a layout's swaps do not occur.
 *
 * <p>Only the scan path reads this way; search-as-you-type keeps the text as typed, so a name
 * typed with the Korean input method is searched as Hangul.
 */
public final class ScanReadings {
    private ScanReadings() {
    }

    public static List<String> of(String typed, KeyboardLayout calibrated) {
        Set<String> readings = new LinkedHashSet<>();
        if (calibrated != null) {
            readings.add(calibrated.toQwerty(typed));
        }
        readings.add(typed);
        boolean hangul = HangulKeys.containsHangul(typed);
        for (KeyboardLayout layout : KeyboardLayout.values()) {
            if (layout != KeyboardLayout.KOREAN_2SET || hangul) {
                readings.add(layout.toQwerty(typed));
            }
        }
        return new ArrayList<>(readings);
    }

    /**
     * The reading to report when none names a participant: one that is a well-formed Lanyard
     * code if any (the attendee's ticket is simply not on this door's list), else one that is
     * almost one (misread), else the text as typed.
     */
    public static String bestGuess(List<String> readings) {
        for (TicketCodes.Shape wanted : List.of(TicketCodes.Shape.VALID, TicketCodes.Shape.BAD_CHECK)) {
            for (String reading : readings) {
                if (TicketCodes.shape(reading) == wanted) {
                    return reading;
                }
            }
        }
        return readings.get(0);
    }
}
