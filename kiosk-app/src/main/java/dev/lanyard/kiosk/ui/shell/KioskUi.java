package dev.lanyard.kiosk.ui.shell;

import dev.lanyard.kiosk.ui.LaunchOptions;
import java.util.Arrays;

/**
 * The kiosk window's entry point ({@code java -jar lanyard-kiosk.jar [options]}), reached from
 * {@link dev.lanyard.kiosk.Main}. Not an Application subclass itself, so JavaFX starts from a
 * plain classpath (the shaded jar).
 */
public final class KioskUi {
    private KioskUi() {
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(Arrays.asList(args), System.getenv(LaunchOptions.UNLOCK_ENV));
        } catch (IllegalArgumentException e) {
            System.err.println("lanyard kiosk: " + e.getMessage());
            System.exit(2);
            return;
        }
        KioskApp.launchWith(options);
    }
}
