package dev.lanyard.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kills a stand-in rehearsal outright and checks that the child it started does not outlive it. The stand-in is a main
 * class that starts one child, prints {@code CHILD <pid>} and waits.
 */
final class KilledParent {
    private KilledParent() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void assertChildEnds(Class<?> parentMain, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                parentMain.getName()));
        command.addAll(List.of(args));
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).start();
        ProcessHandle child = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("CHILD ")) {
                line = out.readLine();
            }
            assertThat(line).as("the rehearsal started its child").isNotNull();
            child = ProcessHandle.of(Long.parseLong(line.substring(6))).orElseThrow();

            parent.destroyForcibly().waitFor();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(child.isAlive()).as("the child outlived the rehearsal that started it").isFalse();
        } finally {
            parent.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }
}
