package dev.lanyard.kiosk;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Why the kiosk window cannot open, said so a new user knows what to do. JavaFX reports a missing
 * display or GTK 3 as an exception deep in its start-up; the message it carries is all there is,
 * so the known ones are recognised here and turned into advice (which package to install).
 */
public final class WindowTrouble {
    /** Every line of advice starts with this, so a launcher can pick it out of a log. */
    public static final String PREFIX = "lanyard-kiosk: ";

    static final String NO_DISPLAY = PREFIX + "there is no display to open the kiosk window on. Start it from a desktop"
            + " session, run it under `xvfb-run -a` for a try-out, or use the headless `cli` command.";
    static final String NO_GTK = PREFIX + "GTK 3 is missing; JavaFX draws the kiosk window with it. Install it:"
            + " `sudo apt-get install libgtk-3-0` on Debian and Ubuntu (`libgtk-3-0t64` on Ubuntu 24.04 and later),"
            + " `sudo dnf install gtk3` on Fedora.";
    static final String NO_GRAPHICS = PREFIX + "JavaFX found no graphics pipeline (no OpenGL and no software renderer"
            + " could start). Install the Mesa drivers (`sudo apt-get install libgl1 libegl1`) or start with "
            + "-Dprism.order=sw.";

    private WindowTrouble() {
    }

    /** A problem that is certain before JavaFX even starts (a Linux machine without any display). */
    public static Optional<String> beforeLaunch(Map<String, String> env, String osName) {
        boolean linux = osName.toLowerCase(Locale.ROOT).contains("linux");
        if (linux && blank(env.get("DISPLAY")) && blank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.of(NO_DISPLAY);
        }
        return Optional.empty();
    }

    /** Advice for a failed launch, when the failure is one a user can fix. */
    public static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains("Unable to load glass GTK library")) {
                return Optional.of(NO_GTK);
            }
            if (message.contains("Unable to open DISPLAY")) {
                return Optional.of(NO_DISPLAY);
            }
            if (message.contains("no suitable pipeline") || message.contains("Graphics Device initialization failed")) {
                return Optional.of(NO_GRAPHICS);
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
