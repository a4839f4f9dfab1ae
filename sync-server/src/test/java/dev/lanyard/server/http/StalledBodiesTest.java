package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.server.support.Api;
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
                    stalled.add(stallSignIn(base, DECLARED));
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

    @Test
    void moreStalledBodiesThanHttpThreadsLeaveTheServerAnswering() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            URI base = URI.create(f.server.baseUrl());
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < AppFactory.HTTP_THREADS + 20; i++) {
                    stalled.add(stallSignIn(base, 1_000));
                }
                Thread.sleep(1_000);
                long started = System.nanoTime();
                Api.Res health = f.operator.get("/health");
                long tookMs = (System.nanoTime() - started) / 1_000_000;

                assertThat(health.status()).isEqualTo(200);
                // the idle timeout (30 s) is what frees a thread blocked on a stalled body
                assertThat(tookMs).as("ms to answer beside stalled bodies").isLessThan(10_000);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    /** A sign-in that declares {@code declared} bytes, sends the first of them and then nothing. */
    private static Socket stallSignIn(URI base, long declared) throws java.io.IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
