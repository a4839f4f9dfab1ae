package dev.lanyard.print;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;

/** Tests needing a tool skip without it locally, and fail without it in CI (LANYARD_CI=1). */
public final class ExternalTools {
    private ExternalTools() {
    }

    /**
     * The PPDs of a Debian printer driver package, read through its CUPS driver program
     * ({@code /usr/lib/cups/driver/NAME cat URI}), for tests that cross-check Lanyard's label tables.
     */
    public static String vendorPpd(String debianPackage, String driverProgram, String ppdUri) {
        java.nio.file.Path program = java.nio.file.Path.of("/usr/lib/cups/driver", driverProgram);
        boolean present = java.nio.file.Files.isExecutable(program);
        if ("1".equals(System.getenv("LANYARD_CI")) && !present) {
            throw new
                    AssertionError(debianPackage
                    + " is required in CI (LANYARD_CI=1) to cross-check the label table; apt-get install "
                    + debianPackage);
        }
        assumeTrue(present, debianPackage + " not installed (no " + program
                + "); skipping the cross-check of the label table against its PPDs");
        try {
            Process process = new ProcessBuilder(program.toString(), "cat", ppdUri).redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (process.waitFor() != 0 || out.length == 0) {
                throw new AssertionError(program + " cat " + ppdUri + " gave no PPD (exit " + process.exitValue()
                        + ")");
            }
            return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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
            throw new
                    AssertionError("socat is required in CI (LANYARD_CI=1) but is not on PATH; apt-get install socat");
        }
        assumeTrue(present, "socat not installed; skipping the PTY serial test");
    }
}
