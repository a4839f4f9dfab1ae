package dev.lanyard.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rehearsal killed outright (SIGKILL, the kernel's out-of-memory killer: no shutdown hook runs) must not leave
 * its server behind, holding its port and data folder and a share of the CPU.
 */
class ServerChildOrphanTest {
    @TempDir
    Path dir;

    /** Stands for a rehearsal: starts a server child, prints the child's pid, and waits to be killed. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            ServerChild server = ServerChild.start(Path.of(args[0]), "rehearsal",
                    "rehearsal-admin-password-1".toCharArray(), List.of("-Xmx256m"));
            System.out.println("CHILD " + server.pid());
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void theServerEndsWhenTheRehearsalIsKilled() throws Exception {
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Parent.class.getName(), dir.resolve("server/data").toString())
                .redirectErrorStream(true).start();
        ProcessHandle child = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("CHILD ")) {
                line = out.readLine();
            }
            assertThat(line).as("the rehearsal started its server").isNotNull();
            child = ProcessHandle.of(Long.parseLong(line.substring(6))).orElseThrow();

            parent.destroyForcibly().waitFor();

            ProcessHandle orphan = child;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (orphan.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(orphan.isAlive()).as("the server outlived the rehearsal that started it").isFalse();
        } finally {
            parent.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }
}
