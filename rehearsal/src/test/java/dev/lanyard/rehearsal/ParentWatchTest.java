package dev.lanyard.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal's children that are not servers (the late door of {@link CatchUp}, which may still be applying 98,000
 * ops) must end with a rehearsal killed outright as its servers do ({@link ServerChildOrphanTest}).
 */
class ParentWatchTest {
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Stands for a rehearsal's child: watches its parent, says so, then works for ever. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            ParentWatch.haltWhenParentEnds();
            System.out.println("WATCHING");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Stands for a rehearsal: starts a child, prints its pid once it watches, and waits to be killed. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            Process child = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                    Child.class.getName()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            if ("WATCHING".equals(out.readLine())) {
                System.out.println("CHILD " + child.pid());
            }
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void aChildEndsWhenTheRehearsalIsKilled() throws Exception {
        Process parent = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                Parent.class.getName()).redirectErrorStream(true).start();
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
