package dev.lanyard.kiosk.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.search.SearchHit;
import dev.lanyard.kiosk.core.search.SearchService;
import dev.lanyard.kiosk.core.sync.ChangeApplier;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.merge.ParticipantDay;
import dev.lanyard.model.protocol.Change;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search shows who is checked in from memory (ADR 0312): told by the door, by pulled ops, and loaded at start. */
class SearchCheckedInTest {
    @TempDir
    Path dir;
    final Event event = Seed.event(ReentryPolicy.WARN);
    final Participant alice = Seed.participant(event.id(), "Alice Kim", null, "Acme", 1);
    final Participant bob = Seed.participant(event.id(), "Bob Kim", null, "Acme", 2);

    @Test
    void aScanAndItsUndoShowInTheNextSearch() {
        try (Kiosk kiosk = Seed.kiosk(dir, event, List.of(alice, bob))) {
            kiosk.checkIns().scan(event.id(), alice.ticketCode(), null).join();
            assertThat(checkedIn(kiosk, "kim")).containsExactly(true, false);
            kiosk.checkIns().undo(event.id(), alice.id(), null).join();
            assertThat(checkedIn(kiosk, "kim")).containsExactly(false, false);
        }
    }

    @Test
    void aCheckInFromAnotherDoorShowsOnceApplied() {
        try (Kiosk kiosk = Seed.kiosk(dir, event, List.of(alice, bob))) {
            ChangeApplier applier = new ChangeApplier(kiosk.replica(), kiosk.clock(), Seed.clockAt(Seed.DAY1, 10),
                    kiosk.replicaEvents(),
                    kiosk.notices(), () -> { });
            CheckInOp op = new CheckInOp(Ids.newId(), event.id(), bob.id(), Seed.DAY1, CheckInAction.CHECK_IN, Set.of(),
                    new Hlc(5_000, 0, "0192f0c0-0000-7000-8000-00000000d002"), null, null, null);
            applier.apply(event.id(), List.of(Change.of(1, op)), false);
            assertThat(checkedIn(kiosk, "kim")).containsExactly(false, true);
        }
    }

    @Test
    void aReopenedKioskKnowsWhoIsCheckedIn() {
        try (Kiosk kiosk = Seed.kiosk(dir, event, List.of(alice, bob))) {
            kiosk.checkIns().scan(event.id(), bob.ticketCode(), null).join();
        }
        try (Kiosk kiosk = Seed.kiosk(dir, Seed.clockAt(Seed.DAY1, 11))) {
            assertThat(checkedIn(kiosk, "kim")).containsExactly(false, true);
            assertThat(kiosk.search().search(event.id(), "kim", Seed.DAY1.plusDays(1), 10).hits())
                    .extracting(SearchHit::checkedIn)
                    .containsExactly(false, false);
        }
    }

    /**
     * A reopened kiosk indexes its participants a batch at a time ({@code SearchService.LOAD_BATCH}): every one is
     * found, across the batches, as before (when all were read into one list first, a million of them needed more
     * than the kiosk's heap; `KioskBench`'s kiosk_reopen_1m figures).
     */
    @Test
    void aReopenedKioskIndexesEveryParticipantAcrossItsLoadBatches() {
        java.util.List<Participant> many = new java.util.ArrayList<>();
        for (int i = 0; i < SearchService.LOAD_BATCH * 2 + 7; i++) {
            many.add(Seed.participant(event.id(), "Guest " + i, null, null, null));
        }
        try (Kiosk kiosk = Seed.kiosk(dir, event, many)) {
            kiosk.checkIns().scan(event.id(), many.get(many.size() - 1).ticketCode(), null).join();
        }
        try (Kiosk kiosk = Seed.kiosk(dir, Seed.clockAt(Seed.DAY1, 11))) {
            assertThat(kiosk.search().indexedCount(event.id())).isEqualTo(many.size());
            assertThat(checkedIn(kiosk, "Guest " + (many.size() - 1))).containsExactly(true);
            assertThat(checkedIn(kiosk, "Guest 0")).first().isEqualTo(false);
        }
    }

    /** The desk's count of a day, from the per-day sets search keeps (ADR 0344). */
    @Test
    void eachDayCountsItsOwnCheckInsAndAnUndoTakesOneBack() {
        try (Kiosk kiosk = Seed.kiosk(dir, event, List.of(alice, bob))) {
            java.time.LocalDate day2 = Seed.DAY1.plusDays(1);
            var search = kiosk.search();

            search.checkInStatesChanged(event.id(), java.util.Map.of(new ParticipantDay(alice.id(), Seed.DAY1), true,
                    new ParticipantDay(bob.id(), Seed.DAY1), true, new ParticipantDay(alice.id(), day2), true));
            search.checkInStatesChanged(event.id(), java.util.Map.of(new ParticipantDay(bob.id(), Seed.DAY1), false));

            assertThat(search.checkedInCount(event.id(), Seed.DAY1)).isEqualTo(1);
            assertThat(search.checkedInCount(event.id(), day2)).isEqualTo(1);
            assertThat(search.checkedInCount(event.id(), day2.plusDays(1))).isZero();
        }
    }

    private List<Boolean> checkedIn(Kiosk kiosk, String query) {
        return kiosk.search().search(event.id(), query, null, 10).hits().stream().map(SearchHit::checkedIn).toList();
    }
}
