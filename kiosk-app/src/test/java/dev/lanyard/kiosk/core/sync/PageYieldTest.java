package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.events.ReplicaListener;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.merge.ParticipantDay;
import dev.lanyard.model.protocol.Change;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A door catching up applies pages of a thousand entries, each in a transaction, and a desk's scan waited for the whole
 * page (scan_during_catchup p99 143 ms in the kiosk bench, 2026-12-05). A page lets a waiting writer in between steps
 * of {@value ChangeApplier#ENTRIES_PER_STEP} entries, and goes on after it from where it stopped (ADR 0343).
 */
class PageYieldTest {
    private static final int OPS = 20_000;
    private static final String OTHER_DOOR = "0192f0c0-0000-7000-8000-00000000d002";

    @TempDir
    Path dir;
    Kiosk kiosk;
    Event event;
    ChangeApplier applier;

    @BeforeEach
    void open() {
        event = Seed.event(ReentryPolicy.WARN);
        kiosk = Seed.kiosk(dir, event, List.of(Seed.participant(event.id(), "Alice Kim", "a@example.com", null, 1)));
        applier = Seed.applier(kiosk);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void aWriterThatComesDuringALongPageGoesBeforeItsEnd() throws Exception {
        CompletableFuture<ChangeApplier.Applied> catchUp = applyingInTheBackground(otherDoorsAdmissions());

        long positionTheDeskSaw = firstPositionPastTheStart();

        assertThat(positionTheDeskSaw).isBetween(1L, OPS - 1L);
        ChangeApplier.Applied applied = catchUp.get();
        assertThat(applied.applied()).isEqualTo(OPS);
        assertThat(applied.lastSeq()).isEqualTo(OPS);
        long position = replica().write(tx -> EventStore.lastSeq(tx, event.id()));
        int ops = replica().write(CheckInLog::count);
        assertThat(position).isEqualTo(OPS);
        assertThat(ops).isEqualTo(OPS);
    }

    /** A re-read or a rewound server may set the position back while the page waits: the page stops there. */
    @Test
    void aPositionMovedBackBetweenTwoPartsEndsThePageAsAGap() throws Exception {
        CompletableFuture<ChangeApplier.Applied> catchUp = applyingInTheBackground(otherDoorsAdmissions());
        firstPositionPastTheStart();

        replica().write(tx -> {
            EventStore.rewindTo(tx, event.id(), 0);
            return null;
        });

        ChangeApplier.Applied applied = catchUp.get();
        long position = replica().write(tx -> EventStore.lastSeq(tx, event.id()));
        assertThat(applied.gap()).isTrue();
        assertThat(applied.lastSeq()).isZero();
        assertThat(position).isZero();
    }

    @Test
    void aPageNobodyWaitsForIsOneTransaction() {
        List<FeedEntry> page = otherDoorsAdmissions().subList(0, 500);
        List<Long> positionsSeen = new ArrayList<>();
        kiosk.replicaEvents().add(new ReplicaListener() {
            @Override
            public void checkInsChanged(UUID eventId, Collection<ParticipantDay> keys) {
                positionsSeen.add(replica().write(tx -> EventStore.lastSeq(tx, event.id())));
            }
        });

        applier.applyEntries(event.id(), page, true);

        assertThat(positionsSeen).containsExactly(500L);
    }

    private Replica replica() {
        return KioskReplica.of(kiosk);
    }

    private CompletableFuture<ChangeApplier.Applied> applyingInTheBackground(List<FeedEntry> page) {
        return CompletableFuture.supplyAsync(() -> applier.applyEntries(event.id(), page, true));
    }

    /**
     * Asks for the feed position again and again, so a writer nearly always waits, until the page has moved it: the
     * first position seen past 0 (the page's end, when a page does not let a waiting writer in).
     */
    private long firstPositionPastTheStart() {
        long seen;
        do {
            seen = replica().write(tx -> EventStore.lastSeq(tx, event.id()));
        } while (seen == 0);
        return seen;
    }

    /** First admissions of {@value #OPS} people at another door, seqs 1.. in order. */
    private List<FeedEntry> otherDoorsAdmissions() {
        List<FeedEntry> page = new ArrayList<>(OPS);
        for (int i = 1; i <= OPS; i++) {
            CheckInOp op = new CheckInOp(Ids.newId(), event.id(), Ids.newId(), Seed.DAY1, CheckInAction.CHECK_IN,
                    Set.of(), new Hlc(1_000 + i, 0, OTHER_DOOR), null, null, null);
            page.add(FeedEntry.of(Change.of(i, op)));
        }
        return page;
    }
}
