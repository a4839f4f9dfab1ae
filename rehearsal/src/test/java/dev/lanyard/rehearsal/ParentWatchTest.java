package dev.lanyard.rehearsal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal's children that are not servers (the late door of {@link CatchUp}, which may still be applying 98,000
 * ops) must end with a rehearsal killed outright as its servers do ({@link ServerChildOrphanTest}).
 */
class ParentWatchTest {
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
            Process child = new ProcessBuilder(KilledParent.java(), "-cp", System.getProperty("java.class.path"),
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
        KilledParent.assertChildEnds(Parent.class);
    }
}
