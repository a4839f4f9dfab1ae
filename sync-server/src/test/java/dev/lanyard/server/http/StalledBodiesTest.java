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
                    stalled.add(stall(base, "/api/v1/auth/login", "application/json", DECLARED));
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
            // the idle timeout (30 s) is what frees a thread blocked on a stalled body
            assertThat(msToAnswerBesideStalledSignIns(f, 1_000)).as("ms to answer").isLessThan(10_000);
        }
    }

    @Test
    void signInsDeclaredLongerThanAnyBodyHoldNoThreadWhileTheyStall() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            assertThat(msToAnswerBesideStalledSignIns(f, 9_000_000)).as("ms to answer").isLessThan(10_000);
        }
    }

    @Test
    void uploadsDeclaredLongerThanAnyGuestListHoldNoThreadWhileTheyStall() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            String upload = "/console/events/" + f.event.id() + "/import";
            long declared = 2L << 30;
            assertThat(msToAnswerBesideStalled(f, upload, "multipart/form-data; boundary=x", declared))
                    .as("ms to answer").isLessThan(10_000);
        }
    }

    private static long msToAnswerBesideStalledSignIns(Fixture f, long declared) throws Exception {
        return msToAnswerBesideStalled(f, "/api/v1/auth/login", "application/json", declared);
    }

    /** How long {@code /health} takes beside more stalled requests declaring {@code declared} than HTTP threads. */
    private static long msToAnswerBesideStalled(Fixture f, String path, String type, long declared)
            throws Exception {
        URI base = URI.create(f.server.baseUrl());
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < AppFactory.HTTP_THREADS + 20; i++) {
                stalled.add(stall(base, path, type, declared));
            }
            Thread.sleep(1_000);
            long started = System.nanoTime();
            Api.Res health = f.operator.get("/health");
            assertThat(health.status()).isEqualTo(200);
            return (System.nanoTime() - started) / 1_000_000;
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** A request that declares {@code declared} bytes, sends the first of them and then nothing. */
    private static Socket stall(URI base, String path, String type, long declared) throws java.io.IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Content-Type: " + type + "\r\nContent-Length: " + declared + "\r\n\r\n{")
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
