package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventWriteQueueTest {
    private final ExecutorService writers = Executors.newFixedThreadPool(4);
    private final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstGroupMayFinish = new CountDownLatch(1);

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    /** Answers "batch!" per batch; the first group waits for the test, so that others queue up behind it. */
    private List<String> write(List<String> group, Runnable releaseTurn) {
        groups.add(List.copyOf(group));
        if (groups.size() == 1) {
            try {
                firstGroupMayFinish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (group.size() > 1 && group.contains("bad")) {
            throw new IllegalStateException("the group fails with a bad batch in it");
        }
        if (group.contains("bad")) {
            throw new IllegalArgumentException("bad batch");
        }
        List<String> answers = new ArrayList<>();
        group.forEach(b -> answers.add(b + "!"));
        return answers;
    }

    private List<Future<String>> queueBehindAFirstWriter(EventWriteQueue<String, String> queue, String... batches) {
        List<Future<String>> answers = new ArrayList<>();
        answers.add(writers.submit(() -> queue.write("first", this::write)));
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.size() == 1);
        for (String b : batches) {
            answers.add(writers.submit(() -> queue.write(b, this::write)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.waiting() == batches.length);
        firstGroupMayFinish.countDown();
        return answers;
    }

    @Test
    void batchesThatQueueWhileOneIsWrittenAreWrittenTogetherNextAndEachGetsItsOwnAnswer() throws Exception {
        EventWriteQueue<String, String> queue = new EventWriteQueue<>(100, 100, String::length);

        List<Future<String>> answers = queueBehindAFirstWriter(queue, "a", "b", "c");

        assertThat(answers.get(0).get(30, TimeUnit.SECONDS)).isEqualTo("first!");
        assertThat(answers.get(1).get(30, TimeUnit.SECONDS)).isEqualTo("a!");
        assertThat(answers.get(2).get(30, TimeUnit.SECONDS)).isEqualTo("b!");
        assertThat(answers.get(3).get(30, TimeUnit.SECONDS)).isEqualTo("c!");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(1)).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aBadBatchInAGroupFailsAloneAndTheOthersAreWritten() throws Exception {
        EventWriteQueue<String, String> queue = new EventWriteQueue<>(100, 100, String::length);

        List<Future<String>> answers = queueBehindAFirstWriter(queue, "a", "bad", "c");

        assertThat(answers.get(1).get(30, TimeUnit.SECONDS)).isEqualTo("a!");
        assertThatThrownBy(() -> answers.get(2).get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad batch");
        assertThat(answers.get(3).get(30, TimeUnit.SECONDS)).isEqualTo("c!");
    }

    @Test
    void aGroupHoldsNoMoreItemsThanTheLimit() throws Exception {
        EventWriteQueue<String, String> queue = new EventWriteQueue<>(6, 100, String::length);

        List<Future<String>> answers = queueBehindAFirstWriter(queue, "aaaa", "bbbb", "cccc");
        for (Future<String> answer : answers) {
            answer.get(30, TimeUnit.SECONDS);
        }

        assertThat(groups.subList(1, groups.size())).hasSize(3).allSatisfy(g -> assertThat(g).hasSize(1));
    }

    /** Which waiting writer gets the turn is the threads' race: one that came later must not overfill its group. */
    @Test
    void aWriterThatCameLaterKeepsItsGroupWithinTheLimit() {
        List<String> arrivals = List.of("aaaa", "bbbb", "cc");

        List<String> group = EventWriteQueue.fitting(arrivals, "bbbb", String::length, 6);

        assertThat(group).containsExactly("bbbb", "cc");
    }

    @Test
    void aBatchIsRefusedWhileTheWaitingItemsReachTheBoundAndIsNeverWritten() throws Exception {
        EventWriteQueue<String, String> queue = new EventWriteQueue<>(100, 8, String::length);
        Future<String> first = writers.submit(() -> queue.write("first", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.size() == 1);
        Future<String> a = writers.submit(() -> queue.write("aaaa", this::write));
        Future<String> b = writers.submit(() -> queue.write("bbbb", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.waitingItems() == 8);

        assertThatThrownBy(() -> queue.write("c", this::write)).isInstanceOf(EventBusyException.class)
                .hasMessageContaining("holds 8 items");

        firstGroupMayFinish.countDown();
        assertThat(List.of(first.get(30, TimeUnit.SECONDS), a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS)))
                .containsExactly("first!", "aaaa!", "bbbb!");
        assertThat(queue.waitingItems()).isZero();
        assertThat(queue.write("c", this::write)).isEqualTo("c!");
        assertThat(groups).noneMatch(g -> g.contains("c") && groups.indexOf(g) < groups.size() - 1);
    }

    /** Many small pushes of one client each held a server thread while they waited. Found by a review. */
    @Test
    void aClientsBatchesBeyondItsShareAreRefusedWhileAnotherClientsAreTaken() throws Exception {
        EventWriteQueue<String, String> queue = new EventWriteQueue<String, String>(100, 100, String::length)
                .perClient(5, 2);
        Future<String> first = writers.submit(() -> queue.write("first", false, "writer", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.size() == 1);
        Future<String> a = writers.submit(() -> queue.write("a", false, "greedy", this::write));
        Future<String> b = writers.submit(() -> queue.write("b", false, "greedy", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.waiting() == 2);

        assertThatThrownBy(() -> queue.write("c", false, "greedy", this::write))
                .isInstanceOf(EventBusyException.class);
        assertThatThrownBy(() -> queue.admit(false, "greedy")).isInstanceOf(EventBusyException.class);
        Future<String> other = writers.submit(() -> queue.write("other", false, "other", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.waiting() == 3);

        firstGroupMayFinish.countDown();
        assertThat(List.of(first.get(30, TimeUnit.SECONDS), a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS),
                other.get(30, TimeUnit.SECONDS))).containsExactly("first!", "a!", "b!", "other!");
        assertThat(queue.write("c", false, "greedy", this::write)).isEqualTo("c!");
    }

    /**
     * A door whose full backlog push waits still sends what it scanned just now (the live lane, ADR 0236): refused for
     * the client's items, storm doors' fresh scans waited out a 429 (`bench/run fleet`: door to door p50 5.4 s with the
     * share, 2.4 s without).
     */
    @Test
    void aClientsUrgentBatchIsTakenBesideItsFullBacklog() throws Exception {
        EventWriteQueue<String, String> queue = new EventWriteQueue<String, String>(100, 100, 10, String::length)
                .perClient(5, 4);
        Future<String> first = writers.submit(() -> queue.write("first", false, "writer", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.size() == 1);
        Future<String> backlog = writers.submit(() -> queue.write("fives", false, "door", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.waiting() == 1);

        queue.admit(true, "door");
        Future<String> fresh = writers.submit(() -> queue.write("f", true, "door", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.waiting() == 2);

        firstGroupMayFinish.countDown();
        assertThat(List.of(first.get(30, TimeUnit.SECONDS), fresh.get(30, TimeUnit.SECONDS),
                backlog.get(30, TimeUnit.SECONDS))).containsExactly("first!", "f!", "fives!");
    }

    @Test
    void aClientsFirstBatchIsTakenWhateverItsSizeButNotASecondBeyondItsShare() throws Exception {
        EventWriteQueue<String, String> queue = new EventWriteQueue<String, String>(100, 100, String::length)
                .perClient(5, 4);
        Future<String> first = writers.submit(() -> queue.write("first", false, "writer", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.size() == 1);
        Future<String> big = writers.submit(() -> queue.write("bigger-than-5", false, "greedy", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.waiting() == 1);

        assertThatThrownBy(() -> queue.write("x", false, "greedy", this::write))
                .isInstanceOf(EventBusyException.class);

        firstGroupMayFinish.countDown();
        assertThat(big.get(30, TimeUnit.SECONDS)).isEqualTo("bigger-than-5!");
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first!");
    }

    @Test
    void anUrgentBatchIsTakenWhileTheWaitingItemsReachTheBound() throws Exception {
        EventWriteQueue<String, String> queue = new EventWriteQueue<>(100, 8, 2, String::length);
        Future<String> first = writers.submit(() -> queue.write("first", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.size() == 1);
        Future<String> a = writers.submit(() -> queue.write("aaaaaaaa", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.waitingItems() == 8);

        Future<String> urgent = writers.submit(() -> queue.write("u", true, this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.waitingItems() == 9);
        firstGroupMayFinish.countDown();

        assertThat(List.of(first.get(30, TimeUnit.SECONDS), a.get(30, TimeUnit.SECONDS),
                urgent.get(30, TimeUnit.SECONDS))).containsExactly("first!", "aaaaaaaa!", "u!");
    }

    @Test
    void urgentBatchesAreRefusedBeyondTheirOwnBound() throws Exception {
        EventWriteQueue<String, String> queue = new EventWriteQueue<>(100, 100, 2, String::length);
        Future<String> first = writers.submit(() -> queue.write("first", this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.size() == 1);
        Future<String> urgent = writers.submit(() -> queue.write("uu", true, this::write));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.waitingItems() == 2);

        assertThatThrownBy(() -> queue.write("v", true, this::write)).isInstanceOf(EventBusyException.class);
        assertThat(queue.waiting()).isEqualTo(1);
        firstGroupMayFinish.countDown();
        assertThat(List.of(first.get(30, TimeUnit.SECONDS), urgent.get(30, TimeUnit.SECONDS)))
                .containsExactly("first!", "uu!");
    }

    @Test
    void anUrgentBatchJoinsTheNextGroupAheadOfEarlierArrivals() throws Exception {
        EventWriteQueue<String, String> queue = new EventWriteQueue<>(4, 100, 10, String::length);
        List<Future<String>> answers = new ArrayList<>();
        answers.add(writers.submit(() -> queue.write("first", this::write)));
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.size() == 1);
        for (String b : List.of("aa", "bb")) {
            answers.add(writers.submit(() -> queue.write(b, this::write)));
            await().atMost(Duration.ofSeconds(30)).until(() -> queue.waiting() == answers.size() - 1);
        }
        answers.add(writers.submit(() -> queue.write("u", true, this::write)));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.waiting() == 3);
        firstGroupMayFinish.countDown();
        for (Future<String> answer : answers) {
            answer.get(30, TimeUnit.SECONDS);
        }

        assertThat(groups.get(1)).contains("u");
    }
}
