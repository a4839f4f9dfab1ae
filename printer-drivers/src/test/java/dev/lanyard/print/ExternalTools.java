package dev.lanyard.print;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;

/** Tests needing a tool skip without it locally, and fail without it in CI (LANYARD_CI=1). */
public final class ExternalTools {
    private ExternalTools() {
    }

    public static void requireSocat() {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (new File(dir, "socat").canExecute()) {
                present = true;
                break;
            }
        }
        if ("1".equals(System.getenv("LANYARD_CI")) && !present) {
            throw new AssertionError("socat is required in CI (LANYARD_CI=1) but is not on PATH; apt-get install socat");
        }
        assumeTrue(present, "socat not installed; skipping the PTY serial test");
    }
}
