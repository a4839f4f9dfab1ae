package dev.lanyard.kiosk.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.attempts.AttemptLimiter;
import dev.lanyard.kiosk.core.attempts.FileAttemptStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limiter's arithmetic and the unlock's file, which must survive restarts and damage. */
class AttemptLimiterTest {
    @TempDir
    Path tmp;
    Instant now = Instant.parse("2025-05-20T01:00:00Z");

    private Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    @Test
    void freeFailuresThenEachFurtherOneDoublesTheWaitUpToTheCap() {
        List<Long> waits = new ArrayList<>();
        for (int attempt = 0; attempt < 12; attempt++) {
            // a new limiter each time: the count lives only in the file, as across restarts
            AttemptLimiter limiter = AttemptLimiter.unlock(tmp, clock());
            assertThat(limiter.begin()).isZero();
            Duration wait = AttemptLimiter.unlock(tmp, clock()).remaining();
            waits.add(wait.toSeconds());
            now = now.plus(wait);
        }
        assertThat(waits).containsExactly(0L, 0L, 0L, 0L, 0L, 30L, 60L, 120L, 240L, 480L, 900L, 900L);
    }

    @Test
    void aSuccessResetsTheCount() {
        for (int i = 0; i < 6; i++) {
            AttemptLimiter.unlock(tmp, clock()).begin();
        }
        now = now.plusSeconds(30);
        AttemptLimiter limiter = AttemptLimiter.unlock(tmp, clock());
        assertThat(limiter.begin()).isZero();
        limiter.succeeded();
        for (int i = 0; i < 5; i++) {
            assertThat(AttemptLimiter.unlock(tmp, clock()).begin()).isZero();
        }
    }

    @Test
    void aDamagedFileCountsAsALockOutNotAsAFreshStart() throws Exception {
        Files.writeString(tmp.resolve(FileAttemptStore.UNLOCK_FILE), "garbage");
        assertThat(AttemptLimiter.unlock(tmp, clock()).begin()).isEqualTo(Duration.ofMinutes(15));
    }

    /**
     * The lock-out of a damaged file was counted from each process's start and never stored: a headless door restarted
     * by its supervisor (each run a new limiter) was locked out for ever. Found by a review.
     */
    @Test
    void aDamagedFilesLockOutEndsFifteenMinutesAfterItWasFirstSeen() throws Exception {
        Files.writeString(tmp.resolve(FileAttemptStore.UNLOCK_FILE), "");
        assertThat(AttemptLimiter.unlock(tmp, clock()).begin()).isEqualTo(Duration.ofMinutes(15));

        now = now.plus(Duration.ofMinutes(16));

        assertThat(AttemptLimiter.unlock(tmp, clock()).begin()).isZero();
    }
}
