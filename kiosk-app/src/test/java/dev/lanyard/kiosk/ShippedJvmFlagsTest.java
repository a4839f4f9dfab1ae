package dev.lanyard.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The kiosk is measured under the JVM flags it ships with (ADR 0215, 0325): the launchers, the installers' app image
 * and {@code bench/run kiosk} must start it alike, or the bench measures a kiosk no venue runs.
 */
class ShippedJvmFlagsTest {
    /** The heap a 1,000,000-participant event fits in, and the collector that leaves the cores to the work. */
    static final String FLAGS = "-Xmx1g -XX:+UseParallelGC";

    @Test
    void theLauncherStartsTheKioskWithTheShippedFlags() throws IOException {
        assertThat(lineOf("lanyard", "kiosk)", "java")).contains("java " + FLAGS + " -jar");
    }

    @Test
    void theWindowsLauncherStartsTheKioskWithTheShippedFlags() throws IOException {
        assertThat(lineOf("lanyard.cmd", "\"kiosk\"", "java")).contains("java " + FLAGS + " -jar");
    }

    @Test
    void theAppImageCarriesTheShippedFlags() throws IOException {
        assertThat(lineOf("installers/pom.xml", "--java-options", "UseParallelGC"))
                .contains("<argument>" + FLAGS + " ");
    }

    @Test
    void theKioskBenchRunsUnderTheShippedFlags() throws IOException {
        assertThat(lineOf("bench/run", "kiosk)", "KioskBench")).contains(FLAGS.replace(' ', ','));
    }

    /** The line of {@code file} (from the repository's root) that holds both markers. */
    private static String lineOf(String file, String marker, String andMarker) throws IOException {
        return Files.readAllLines(Path.of("..").resolve(file), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(marker) && l.contains(andMarker)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no line with " + marker + " and " + andMarker));
    }
}
