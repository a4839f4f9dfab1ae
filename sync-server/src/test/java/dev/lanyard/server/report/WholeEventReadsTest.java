package dev.lanyard.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.LargeFeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report reads the whole event (O(event) CPU); any paired door may ask for one. Many at once are answered 429 with
 * Retry-After beyond the few the server computes together, instead of taking every core from the doors' pushes.
 */
class WholeEventReadsTest {
    /** Well past the bound on any machine (it is the machine's cores). */
    private static final int ASKING = 4 * WholeEventReads.DEFAULT_AT_ONCE;
    @TempDir
    Path dir;
    Fixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void reportsAskedForAllAtOnceBeyondTheBoundAreAnsweredBusy() throws Exception {
        f = new Fixture(Backend.H2, dir);
        LargeFeed.addParticipants(f, 20_000);
        Api door = f.pairDevice().api();
        String report = f.eventPath() + "/report";
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Res>> asked = new ArrayList<>();
        for (int i = 0; i < ASKING; i++) {
            asked.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return door.get(report);
            }, runnable -> new Thread(runnable).start()));
        }
        start.countDown();

        List<Api.Res> answers = asked.stream().map(CompletableFuture::join).toList();
        List<Api.Res> busy = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(busy).isNotEmpty().allSatisfy(a -> {
            assertThat(a.headers().firstValue("Retry-After")).isPresent();
            assertThat(a.json().path("error").asText()).isEqualTo("busy");
        });
        assertThat(answers).filteredOn(a -> a.status() != 429)
                .hasSizeGreaterThanOrEqualTo(1)
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(door.get(report).status()).as("once the others are done").isEqualTo(200);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
