package dev.lanyard.rehearsal;

import java.nio.file.Path;
import java.util.List;
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
        KilledParent.assertChildEnds(Parent.class, dir.resolve("server/data").toString());
    }
}
