package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.notices.ConflictNotice;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.checkin.WalkIn;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.DrawingStore;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.NoticeStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.ConflictWording;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.DrawingWinner;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.merge.ParticipantMerge;
import dev.lanyard.model.protocol.Change;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeApplierTest {
    static final String OTHER_DOOR = "0192f0c0-0000-7000-8000-00000000d002";
    @TempDir
    Path dir;
    Kiosk kiosk;
    Event event;
    Participant alice;
    ChangeApplier applier;
    final List<ConflictNotice> notices = new CopyOnWriteArrayList<>();
    long seq;

    @BeforeEach
    void open() {
        event = Seed.event(ReentryPolicy.WARN);
        alice = Seed.participant(event.id(), "Alice Kim", "alice@example.com", "Acme", 1);
        kiosk = Seed.kiosk(dir, event, List.of(alice));
        kiosk.notices().addListener(notices::add);
        applier = Seed.applier(kiosk);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    Change change(Object value) {
        return Change.of(++seq, value);
    }

    ChangeApplier.Applied apply(Change... changes) {
        return applier.apply(event.id(), List.of(changes), false);
    }

    @Test
    void thePositionKeepsWhenTheServerCommittedItsEntry() {
        Participant bob = Seed.participant(event.id(), "Bob", null, null, null);
        Change first = change(bob);
        Change second = change(alice);
        apply(new Change(first.seq(), first.type(), first.data(), 1_700_000_000_111L),
                new Change(second.seq(), second.type(), second.data(), 1_700_000_000_222L));

        assertThat(lastAt()).isEqualTo(1_700_000_000_222L);
    }

    @Test
    void anEntryFromAServerThatDoesNotSayWhenLeavesItUnknown() {
        apply(new Change(++seq, dev.lanyard.model.protocol.ChangeType.PARTICIPANT, change(alice).data(),
                1_700_000_000_111L));
        apply(change(Seed.participant(event.id(), "Bob", null, null, null)));

        assertThat(lastAt()).isZero();
    }

    long lastAt() {
        return KioskReplica.of(kiosk).<Long>write(tx -> EventStore.lastAt(tx, event.id()));
    }

    CheckInOp otherDoorCheckIn(Set<java.util.UUID> observed, long wall) {
        return new CheckInOp(Ids.newId(), event.id(), alice.id(), Seed.DAY1, CheckInAction.CHECK_IN, observed,
                new Hlc(wall, 0, OTHER_DOOR), null, null, null);
    }

    /**
     * Conflict notices keep the names (and a walk-in's email) of those they are about: when the feed brought a
     * person's anonymization, their notice kept showing who they were on the desk, and stayed in the replica after
     * staff acknowledged it. Found by a review.
     */
    @Test
    void theNoticesAboutSomeoneAnonymizedAreForgotten() {
        KioskReplica.of(kiosk).write(tx -> NoticeStore.addIfAbsent(tx, event.id(), "WALK_IN_MERGED", Ids.newId(),
                alice.id(), "participant=Alice Kim;email=alice@example.com", 1L));
        Participant erased = ParticipantMerge.apply(alice, ParticipantPatch.of(event.id(), alice.id(),
                java.util.Map.of("anonymized", "true"), new Hlc(9_000_000_000_000L, 0, "server")));

        apply(change(erased));

        assertThat(KioskReplica.of(kiosk).write(NoticeStore::all)).isEmpty();
    }

    @Test
    void newParticipantsArriveAndBecomeSearchable() {
        Participant bob = Seed.participant(event.id(), "Bob Park", null, "Hanbit", 2);
        ChangeApplier.Applied result = apply(change(bob));
        assertThat(result.applied()).isEqualTo(1);
        assertThat(result.lastSeq()).isEqualTo(1);
        Optional<Participant> stored = KioskReplica.of(kiosk).write(tx -> ParticipantStore.find(tx, bob.id()));
        assertThat(stored).contains(bob);
        assertThat(kiosk.search().search(event.id(), "hanbit", null, 5).hits()).hasSize(1);
    }

    @Test
    void aLocalEditNewerThanTheServersStateSurvivesItsArrival() {
        kiosk.edits().edit(event.id(), alice.id(), Map.of("company", "Door edit")).join();
        Participant serverView = ParticipantMerge.apply(alice, new ParticipantPatch(Ids.newId(), event.id(), alice.id(),
                Map.of("name", "Alice K. Kim"), new Hlc(2_000, 0, "server-test"), null));
        apply(change(serverView));
        Participant now = KioskReplica.of(kiosk).write(tx -> ParticipantStore.find(tx, alice.id())).orElseThrow();
        assertThat(now.company()).isEqualTo("Door edit");
        assertThat(now.name()).isEqualTo("Alice K. Kim");
    }

    @Test
    void applyingTheSamePageTwiceChangesNothing() {
        CheckInOp op = otherDoorCheckIn(Set.of(), 5_000);
        Change c = change(op);
        apply(c);
        KioskReplica.of(kiosk).write(tx -> {
            EventStore.rewindTo(tx, event.id(), 0);
            return null;
        });
        ChangeApplier.Applied again = apply(c);
        assertThat(again.applied()).isEqualTo(1);
        int ops = KioskReplica.of(kiosk).write(tx -> CheckInLog.count(tx));
        assertThat(ops).isEqualTo(1);
        assertThat(KioskReplica.of(kiosk).write(tx -> CheckInLog.state(tx, alice.id(), Seed.DAY1)).checkedIn())
                .isTrue();
    }

    @Test
    void changesAtOrBelowThePositionAreSkippedAndAGapIsRefused() {
        apply(change(Seed.participant(event.id(), "One", null, null, null)));
        ChangeApplier.Applied stale = applier.apply(event.id(),
                List.of(Change.of(1, Seed.participant(event.id(), "Old", null, null, null))), true);
        assertThat(stale.applied()).isZero();
        ChangeApplier.Applied gap = applier.apply(event.id(),
                List.of(Change.of(3, Seed.participant(event.id(), "Three", null, null, null))), true);
        assertThat(gap.gap()).isTrue();
        assertThat(gap.lastSeq()).isEqualTo(1);
        assertThat(kiosk.search().search(event.id(), "three", null, 5).hits()).isEmpty();
    }

    @Test
    void anUndoBeatenByAnUnseenCheckInAtAnotherDoorRaisesOneNotice() {
        ScanResult admitted = kiosk.checkIns().scan(event.id(), alice.ticketCode(), null).join();
        kiosk.checkIns().undo(event.id(), alice.id(), null).join();
        assertThat(KioskReplica.of(kiosk).write(tx -> CheckInLog.state(tx, alice.id(), Seed.DAY1)).checkedIn())
                .isFalse();
        // the other door admitted her concurrently, without seeing this door's admission
        CheckInOp concurrent = otherDoorCheckIn(Set.of(), Seed.clockAt(Seed.DAY1, 10).millis() + 60_000);
        apply(change(concurrent));
        assertThat(KioskReplica.of(kiosk).write(tx -> CheckInLog.state(tx, alice.id(), Seed.DAY1)).checkedIn())
                .isTrue();
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(ConflictNotice.Kind.UNDO_OVERTURNED);
            assertThat(n.participantId()).isEqualTo(alice.id());
            assertThat(ConflictWording.of(n, Texts.of(UiLanguage.ENGLISH)))
                    .contains("Alice Kim was checked in again at door").contains("10:01");
        });
        // a later change about the same participant-day does not repeat it
        apply(change(otherDoorCheckIn(Set.of(concurrent.opId()), Seed.clockAt(Seed.DAY1, 11).millis())));
        assertThat(notices).hasSize(1);
        assertThat(kiosk.notices().open()).hasSize(1);
        assertThat(admitted.opId()).isNotNull();
    }

    @Test
    void anUndoThatSawEveryCheckInStandsAndARedeliveryDoesNotOverturnIt() {
        CheckInOp remote = otherDoorCheckIn(Set.of(), 5_000);
        Change delivered = change(remote);
        apply(delivered);
        kiosk.checkIns().undo(event.id(), alice.id(), null).join();
        KioskReplica.of(kiosk).write(tx -> {
            EventStore.rewindTo(tx, event.id(), 0);
            return null;
        });
        apply(delivered);
        assertThat(KioskReplica.of(kiosk).write(tx -> CheckInLog.state(tx, alice.id(), Seed.DAY1)).checkedIn())
                .isFalse();
        assertThat(notices).isEmpty();
    }

    @Test
    void aWalkInMergedIntoAnExistingRegistrationMovesItsCheckInsAndRaisesANotice() {
        Participant walkIn = kiosk.walkIns().register(event.id(),
                new WalkIn("Alice", "alice@example.com", null, null, Map.of()), true, null)
                .join().participant();
        assertThat(KioskReplica.of(kiosk).write(tx -> CheckInLog.state(tx, walkIn.id(), Seed.DAY1)).checkedIn())
                .isTrue();
        Participant merged = ParticipantMerge.apply(walkIn, new ParticipantPatch(Ids.newId(), event.id(), walkIn.id(),
                Map.of("mergedInto", alice.id().toString()), new
                Hlc(Seed.clockAt(Seed.DAY1, 10).millis() + 5, 0, "server-test"), null));
        apply(change(merged));
        assertThat(KioskReplica.of(kiosk).write(tx -> CheckInLog.state(tx, alice.id(), Seed.DAY1)).checkedIn())
                .isTrue();
        assertThat(KioskReplica.of(kiosk).write(tx -> CheckInLog.state(tx, walkIn.id(), Seed.DAY1)).checkedIn())
                .isFalse();
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(ConflictNotice.Kind.WALK_IN_MERGED);
            assertThat(n.subjectId()).isEqualTo(walkIn.id());
            assertThat(ConflictWording.of(n, Texts.of(UiLanguage.ENGLISH))).contains("already registered as Alice Kim");
        });
        // scanning the walk-in's own ticket now counts for the registration it was merged into
        ScanResult scan = kiosk.checkIns().scan(event.id(), walkIn.ticketCode(), null).join();
        assertThat(scan.participantId()).isEqualTo(alice.id());
        assertThat(scan.outcome()).isEqualTo(dev.lanyard.model.ScanOutcome.REENTRY);
    }

    Participant walkInNotYetAdmitted() {
        return kiosk.walkIns().register(event.id(), new WalkIn("Alice", "alice@example.com", null, null, Map.of()),
                false, null).join().participant();
    }

    Participant mergedIntoAlice(Participant walkIn) {
        return ParticipantMerge.apply(walkIn, new ParticipantPatch(Ids.newId(), event.id(), walkIn.id(),
                Map.of("mergedInto", alice.id().toString()), new
                Hlc(Seed.clockAt(Seed.DAY1, 10).millis() + 5, 0, "server-test"), null));
    }

    CheckInOp otherDoorCheckInOf(Participant p) {
        return new CheckInOp(Ids.newId(), event.id(), p.id(), Seed.DAY1, CheckInAction.CHECK_IN, Set.of(),
                new Hlc(Seed.clockAt(Seed.DAY1, 10).millis() + 9, 0, OTHER_DOOR), null, null, null);
    }

    boolean checkedIn(Participant p) {
        return KioskReplica.of(kiosk).write(tx -> CheckInLog.state(tx, p.id(), Seed.DAY1)).checkedIn();
    }

    @Test
    void aMergedWalkInsAdmissionLeavesTheCheckedInDaysKeptInMemory() {
        kiosk.walkIns().register(event.id(), new WalkIn("Alice", "alice@example.com", null, null, Map.of()), true,
                null).join();
        Participant walkIn = kiosk.walkIns().register(event.id(),
                new WalkIn("Alice K", "alice.k@example.com", null, null, Map.of()), true, null).join().participant();

        apply(change(mergedIntoAlice(walkIn)));

        // the first walk-in and Alice (who now holds the merged walk-in's admission); not the merged walk-in
        assertThat(kiosk.search().checkedInCount(event.id(), Seed.DAY1)).isEqualTo(2);
    }

    @Test
    void anOpOfAWalkInMergedEarlierCountsForTheRegistration() {
        Participant walkIn = walkInNotYetAdmitted();
        apply(change(mergedIntoAlice(walkIn)));

        apply(change(otherDoorCheckInOf(walkIn)));

        assertThat(checkedIn(alice)).isTrue();
        assertThat(checkedIn(walkIn)).isFalse();
    }

    @Test
    void anOpOfAWalkInMergedLaterInTheSamePageCountsForTheRegistration() {
        Participant walkIn = walkInNotYetAdmitted();

        apply(change(otherDoorCheckInOf(walkIn)), change(mergedIntoAlice(walkIn)));

        assertThat(checkedIn(alice)).isTrue();
        assertThat(checkedIn(walkIn)).isFalse();
    }

    @Test
    void aWalkInAdmittedHereMergedInThePageThatBringsItsOwnAdmissionBackStoresItOnce() {
        Participant walkIn = kiosk.walkIns().register(event.id(),
                new WalkIn("Alice", "alice@example.com", null, null, Map.of()), true, null).join().participant();
        CheckInOp own = KioskReplica.of(kiosk).write(tx -> CheckInLog.ops(tx, walkIn.id(), Seed.DAY1)).get(0);

        ChangeApplier.Applied applied = apply(change(mergedIntoAlice(walkIn)), change(own.withSeq(seq + 1)));

        assertThat(applied.applied()).isEqualTo(2);
        assertThat(KioskReplica.of(kiosk).write(CheckInLog::count)).isEqualTo(1);
        assertThat(checkedIn(alice)).isTrue();
    }

    @Test
    void anOpOfAWalkInWhoseMergeIsUndoneCountsForTheWalkInAgain() {
        Participant walkIn = walkInNotYetAdmitted();
        Participant merged = mergedIntoAlice(walkIn);
        apply(change(merged), change(otherDoorCheckInOf(walkIn)));

        apply(change(ParticipantMerge.apply(merged, new ParticipantPatch(Ids.newId(), event.id(), walkIn.id(),
                java.util.Collections.singletonMap("mergedInto", null),
                new Hlc(Seed.clockAt(Seed.DAY1, 10).millis() + 20, 0, "server-test"), null))));

        assertThat(checkedIn(walkIn)).isTrue();
        assertThat(checkedIn(alice)).isFalse();
        Map<UUID, UUID> stillMerged = KioskReplica.of(kiosk)
                .write(tx -> ParticipantStore.mergedInto(tx, List.of(walkIn.id())));
        assertThat(stillMerged).isEmpty();
    }

    @Test
    void remoteStampsMoveThisDevicesClockForward() {
        long farAhead = Seed.clockAt(Seed.DAY1, 10).millis() + 30 * 60_000;
        List<Change> page = new ArrayList<>();
        page.add(change(otherDoorCheckIn(Set.of(), farAhead)));
        applier.apply(event.id(), page, false);
        assertThat(kiosk.clock().peek().wall()).isGreaterThanOrEqualTo(farAhead);
    }

    PrizeDrawing drawingOfAlice(UUID id, long wall) {
        return new PrizeDrawing(id, event.id(), "Bike", DrawingPool.ALL, false, null,
                List.of(new DrawingWinner(alice.id(), "Alice Kim", 1)),
                "olga", Instant.parse("2026-05-20T10:00:00Z"), false, new Hlc(wall, 0, OTHER_DOOR), null);
    }

    Participant anonymizedAlice() {
        return ParticipantMerge.apply(alice, ParticipantPatch.of(event.id(), alice.id(), Map.of("anonymized", "true"),
                new Hlc(6_000, 0, "server")));
    }

    Optional<PrizeDrawing> drawing(UUID id) {
        return KioskReplica.of(kiosk).write(tx -> DrawingStore.find(tx, id));
    }

    @Test
    void aDrawingAlreadyHeldLosesTheNameOfAWinnerAnonymizedLater() {
        UUID drawingId = Ids.newId();
        apply(change(drawingOfAlice(drawingId, 5_000)));
        assertThat(drawing(drawingId).orElseThrow().winners().get(0).name()).isEqualTo("Alice Kim");

        apply(change(anonymizedAlice()));

        assertThat(drawing(drawingId).orElseThrow().winners())
                .containsExactly(new DrawingWinner(alice.id(), Participant.ANONYMIZED_NAME, 1));
        assertThat(KioskReplica.of(kiosk).write(tx -> ParticipantStore.find(tx, alice.id())).orElseThrow()
                .hasPersonalData()).isFalse();
    }

    @Test
    void aDrawingVersionArrivingAfterTheAnonymizationCannotBringTheNameBack() {
        UUID drawingId = Ids.newId();
        apply(change(anonymizedAlice()), change(drawingOfAlice(drawingId, 5_000)));
        apply(change(drawingOfAlice(drawingId, 9_000_000)));

        assertThat(drawing(drawingId).orElseThrow().hlc().wall()).isEqualTo(9_000_000);
        assertThat(drawing(drawingId).orElseThrow().winners())
                .containsExactly(new DrawingWinner(alice.id(), Participant.ANONYMIZED_NAME, 1));
    }
}
