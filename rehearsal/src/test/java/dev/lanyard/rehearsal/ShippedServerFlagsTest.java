package dev.lanyard.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal measures the server in the heap a venue's server has (ADR 0504): the launchers, the installers' app
 * image and the rehearsal's server children must start it alike.
 */
class ShippedServerFlagsTest {
    private static final String HEAP = "-Xmx1g";

    @Test
    void theRehearsalStartsItsServersWithTheShippedHeap() {
        assertThat(ServerChild.SHIPPED_JVM_FLAGS).containsExactly(HEAP);
    }

    @Test
    void aPlansOwnFlagsComeAfterTheShippedOnesSoTheyWin() {
        List<String> command = ServerChild.javaCommand(List.of("-Xmx2g"));
        assertThat(command.indexOf(HEAP)).isPositive().isLessThan(command.indexOf("-Xmx2g"));
        assertThat(command.indexOf("-Xmx2g")).isLessThan(command.indexOf(ServerChildMain.class.getName()));
    }

    @Test
    void theLauncherStartsTheServerWithTheShippedHeap() throws IOException {
        assertThat(lineOf("lanyard", "exec java", "$server_jar")).contains("java " + HEAP + " -jar");
    }

    @Test
    void theWindowsLauncherStartsTheServerWithTheShippedHeap() throws IOException {
        assertThat(lineOf("lanyard.cmd", "\"server\"", "java")).contains("java " + HEAP + " -jar");
    }

    @Test
    void theServersAppImageCarriesTheShippedHeap() throws IOException {
        assertThat(lineOf("installers/pom.xml", "--java-options", "-Djava.awt.headless=true"))
                .contains("<argument>" + HEAP + " ");
    }

    /** The line of {@code file} (from the repository's root) that holds both markers. */
    private static String lineOf(String file, String marker, String andMarker) throws IOException {
        return Files.readAllLines(Path.of("..").resolve(file), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(marker) && l.contains(andMarker)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no line with " + marker + " and " + andMarker));
    }
}
