package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that declare a large body and then send nothing, at the route anyone may call first (sign-in): the server
 * holds what they sent, not what they said they would send.
 */
class StalledBodiesTest {
    private static final int STALLED = 60;
    private static final long DECLARED = 8_000_000;

    @TempDir
    Path dir;

    @Test
    void aBodyThatSaysEightMegabytesAndStallsHoldsNoEightMegabytes() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            URI base = URI.create(f.server.baseUrl());
            long before = usedHeapAfterGc();
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < STALLED; i++) {
                    Socket socket = new Socket(base.getHost(), base.getPort());
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + DECLARED + "\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    stalled.add(socket);
                }
                // every request's handler is reading its body by now
                Thread.sleep(2_000);
                long held = usedHeapAfterGc() - before;

                assertThat(held).as("heap held by %d stalled bodies", STALLED).isLessThan(STALLED * DECLARED / 10);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
