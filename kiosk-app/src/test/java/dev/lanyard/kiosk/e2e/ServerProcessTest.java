package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bench or test JVM killed outright (SIGKILL: no shutdown hook runs) must not leave its server child behind: an
 * orphaned server sat beside an hour of benchmark runs at ~6 % of a core before anyone saw it.
 */
class ServerProcessTest {
    @TempDir
    Path dir;

    /** Stands for a bench JVM: starts a server child, prints the child's pid, and waits to be killed. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            Process child = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                    ServerProcess.class.getName(), args[0], "0", "0").redirectErrorStream(true).start();
            ServerProcess.awaitReady(child);
            System.out.println("CHILD " + child.pid());
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void theServerChildEndsWhenItsParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder(List.of(java(), "-cp", System.getProperty("java.class.path"),
                Parent.class.getName(), dir.toString())).redirectErrorStream(true).start();
        ProcessHandle child = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("CHILD ")) {
                line = out.readLine();
            }
            if (line != null) {
                child = ProcessHandle.of(Long.parseLong(line.substring(6))).orElseThrow();
            }
            assertThat(child).as("the parent started a server child").isNotNull();
            assertThat(child.isAlive()).isTrue();

            parent.destroyForcibly().waitFor();

            ProcessHandle orphan = child;
            await().atMost(Duration.ofSeconds(30)).until(() -> !orphan.isAlive());
        } finally {
            parent.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
