package dev.lanyard.kiosk.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.DataFolder;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.PeerLogStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.core.sync.ChangeApplier;
import dev.lanyard.kiosk.support.CapturedLog;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.Change;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer log in real replicas: what a door makes is logged in order, and another door takes it only in that order.
 */
class PeerReplicaTest {
    private static final String DEVICE_B = "0192f0c0-0000-7000-8000-00000000d002";
    @TempDir
    Path tmp;

    @Test
    void aDoorTakesAnothersItemsInOrderOnceAndQueuesForTheServerOnlyWhatItDidNotHold() {
        Event event = Seed.event(ReentryPolicy.DENY);
        Participant alice = Seed.participant(event.id(), "Alice Kim", null, null, null);
        Participant bob = Seed.participant(event.id(), "Bob Lee", null, null, null);
        Path dirB = tmp.resolve("b");
        Seed.folder(dirB, "http://127.0.0.1:9", List.of(event), List.of(alice, bob));
        try (Replica replica = Replica.open(DataFolder.at(dirB), Seed.SECRET.toCharArray(), false)) {
            replica.write(tx -> {
                Settings.put(tx, Settings.DEVICE_ID, DEVICE_B);
                return null;
            });
        }
        try (Kiosk a = Seed.kiosk(tmp.resolve("a"), event, List.of(alice, bob));
             Kiosk b = Seed.kiosk(dirB, Seed.clockAt(Seed.DAY1, 11))) {
            ScanResult aliceIn = a.checkIns().scan(event.id(), alice.ticketCode(), Seed.DAY1).join();
            ScanResult bobIn = a.checkIns().scan(event.id(), bob.ticketCode(), Seed.DAY1).join();
            PeerReplica logA = new PeerReplica(KioskReplica.of(a), event.id(), applier(a), () -> { });
            PeerReplica logB = new PeerReplica(KioskReplica.of(b), event.id(), applier(b), () -> { });
            assertThat(logA.vector()).isEqualTo(VersionVector.of(java.util.Map.of(Seed.DEVICE, 2L)));
            List<PeerItem> items = AntiEntropy.delta(logA, logB.vector(), 10, 1_000_000).items();
            assertThat(items).extracting(PeerItem::itemId).containsExactly(aliceIn.opId(), bobIn.opId());

            // bob's op before alice's: a gap, nothing taken
            PeerReplica.Received early = logB.receive(List.of(items.get(1)));
            assertThat(early.fresh()).isZero();
            assertThat(early.gap()).isTrue();
            assertThat(b.checkedInCount(event.id(), Seed.DAY1)).isZero();

            // bob's op reaches b through the server's feed first: held, so not queued for the server again
            CheckInOp bobOp = Json.read(items.get(1).body(), CheckInOp.class);
            applier(b).apply(event.id(), List.of(Change.of(1, bobOp)), true);

            PeerReplica.Received inOrder = logB.receive(items);
            assertThat(inOrder.fresh()).isEqualTo(2);
            assertThat(inOrder.vector()).isEqualTo(logA.vector());
            assertThat(b.checkedInCount(event.id(), Seed.DAY1)).isEqualTo(2);
            java.util.Set<java.util.UUID> queued = KioskReplica.of(b).write(tx -> OutboxStore.itemIds(tx, event.id()));
            assertThat(queued).containsExactly(aliceIn.opId());
            assertThat(b.checkIns().scan(event.id(), alice.ticketCode(), Seed.DAY1).join().outcome())
                    .isEqualTo(ScanOutcome.ALREADY_IN);

            assertThat(logB.receive(items).fresh()).as("a second delivery changes nothing").isZero();
            // b's own scan attempt is no peer item; b's vector now names only a's device
            assertThat(logB.vector().asMap()).containsOnlyKeys(Seed.DEVICE);
        }
    }

    /**
     * A page's vector and items were read in replica transactions of their own; read a few items at a time so as to
     * stop at its byte bound (AntiEntropy.delta), a page of 500 small items would take some 200, each a wait for a
     * desk's scan.
     */
    @Test
    void aPageIsReadInOneReplicaTransactionHoweverManyReadsItTakes() {
        Event event = Seed.event(ReentryPolicy.DENY);
        Seed.folder(tmp, "http://127.0.0.1:9", List.of(event), List.of());
        try (Replica replica = Replica.open(DataFolder.at(tmp), Seed.SECRET.toCharArray(), false)) {
            replica.write(tx -> {
                for (int i = 1; i <= 500; i++) {
                    PeerLogStore.append(tx, event.id(), new PeerLogStore.Row(Seed.DEVICE, i, "OP",
                            dev.lanyard.model.Ids.newId(), "x".repeat(400)));
                }
                return null;
            });
            PeerReplica log = new PeerReplica(replica, event.id(), null, () -> { });
            long before = replica.transactions();
            AntiEntropy.Delta page = log.delta(VersionVector.EMPTY, 500, 1_000_000);

            assertThat(page.items()).hasSize(500);
            assertThat(replica.transactions() - before).isEqualTo(1);
        }
    }

    @Test
    void anItemOfANewerDoorIsKeptPassedOnAndQueuedForTheServerAndTheItemsAfterItAreTaken() throws Exception {
        Event event = Seed.event(ReentryPolicy.DENY);
        List<Participant> guests = List.of(Seed.participant(event.id(), "Alice Kim", null, null, null),
                Seed.participant(event.id(), "Bob Lee", null, null, null),
                Seed.participant(event.id(), "Cho Min", null, null, null));
        Path dirB = secondDoor(event, guests);
        try (Kiosk a = Seed.kiosk(tmp.resolve("a"), event, guests);
             Kiosk b = Seed.kiosk(dirB, Seed.clockAt(Seed.DAY1, 11))) {
            guests.forEach(g -> a.checkIns().scan(event.id(), g.ticketCode(), Seed.DAY1).join());
            PeerReplica logA = new PeerReplica(KioskReplica.of(a), event.id(), applier(a), () -> { });
            PeerReplica logB = new PeerReplica(KioskReplica.of(b), event.id(), applier(b), () -> { });
            List<PeerItem> items = new java.util.ArrayList<>(
                    AntiEntropy.delta(logA, logB.vector(), 10, 1_000_000).items());
            PeerItem middle = items.get(1);
            com.fasterxml.jackson.databind.node.ObjectNode newer =
                    (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(middle.body());
            newer.put("action", "checkout"); // an action a newer door knows and this one does not
            items.set(1, new PeerItem(middle.origin(), middle.counter(), middle.kind(), middle.itemId(),
                    newer.toString()));

            PeerReplica.Received received = logB.receive(items);

            assertThat(received.fresh()).isEqualTo(3);
            assertThat(received.vector()).isEqualTo(logA.vector());
            assertThat(b.checkedInCount(event.id(), Seed.DAY1)).isEqualTo(2);
            assertThat(AntiEntropy.delta(logB, VersionVector.of(java.util.Map.of()), 10, 1_000_000).items())
                    .extracting(PeerItem::body).contains(newer.toString());
            java.util.Set<java.util.UUID> queued = KioskReplica.of(b).write(tx -> OutboxStore.itemIds(tx, event.id()));
            assertThat(queued).contains(middle.itemId());
            assertThat(b.notices().open()).singleElement().satisfies(n -> assertThat(n.kind())
                    .isEqualTo(dev.lanyard.kiosk.core.notices.ConflictNotice.Kind.UNREADABLE_FROM_PEER));
        }
    }

    @Test
    void anItemThatIsWrongInItselfRefusesThePage() throws Exception {
        Event event = Seed.event(ReentryPolicy.DENY);
        List<Participant> guests = List.of(Seed.participant(event.id(), "Alice Kim", null, null, null));
        Path dirB = secondDoor(event, guests);
        try (Kiosk a = Seed.kiosk(tmp.resolve("a"), event, guests);
             Kiosk b = Seed.kiosk(dirB, Seed.clockAt(Seed.DAY1, 11))) {
            a.checkIns().scan(event.id(), guests.get(0).ticketCode(), Seed.DAY1).join();
            PeerReplica logA = new PeerReplica(KioskReplica.of(a), event.id(), applier(a), () -> { });
            PeerReplica logB = new PeerReplica(KioskReplica.of(b), event.id(), applier(b), () -> { });
            PeerItem item = AntiEntropy.delta(logA, logB.vector(), 10, 1_000_000).items().get(0);
            PeerItem broken = new PeerItem(item.origin(), item.counter(), item.kind(), item.itemId(),
                    item.body().replace(Seed.DAY1.toString(), "not a date"));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> logB.receive(List.of(broken)))
                    .isInstanceOf(RuntimeException.class);
            assertThat(logB.vector().asMap()).isEmpty();
        }
    }

    /** A second door's folder with its own device id. */
    @Test
    void originsNoListedDoorHasAreTakenOnlySoManyAndAListedDoorsItemsStillAre() {
        Event event = Seed.event(ReentryPolicy.WARN);
        Participant alice = Seed.participant(event.id(), "Alice Kim", null, null, null);
        Path dirB = secondDoor(event, List.of(alice));
        try (Kiosk a = Seed.kiosk(tmp.resolve("a"), event, List.of(alice));
             Kiosk b = Seed.kiosk(dirB, Seed.clockAt(Seed.DAY1, 11))) {
            a.checkIns().scan(event.id(), alice.ticketCode(), Seed.DAY1).join();
            PeerReplica logA = new PeerReplica(KioskReplica.of(a), event.id(), applier(a), () -> { });
            PeerReplica logB = new PeerReplica(KioskReplica.of(b), event.id(), applier(b), () -> { },
                    Seed.DEVICE::equals);
            List<PeerItem> invented = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String origin = "invented-door-" + i;
                CheckInOp op = new CheckInOp(dev.lanyard.model.Ids.newId(), event.id(), alice.id(), Seed.DAY1,
                        dev.lanyard.model.CheckInAction.CHECK_IN, java.util.Set.of(),
                        new dev.lanyard.model.clock.Hlc(Seed.DAY1.toEpochDay() * 86_400_000L + i, 0, origin), origin,
                        null, null, null);
                invented.add(new PeerItem(origin, 1, PeerItem.Kind.OP, op.opId(), Json.write(op)));
            }

            logB.receive(invented);
            PeerReplica.Received listed = logB.receive(AntiEntropy.delta(logA, logB.vector(), 10, 1_000_000).items());

            assertThat(logB.vector().asMap()).hasSize(PeerReplica.MAX_UNLISTED_ORIGINS + 1);
            assertThat(listed.fresh()).isEqualTo(1);
        }
    }

    /**
     * An unlisted origin beyond the cap was skipped item by item, its next item counted as a gap, and the door asked
     * again with the same vector for the same page, for ever; a page full of it hid the origins after it.
     */
    @Test
    void anOriginBeyondTheUnlistedCapIsAskedPastAndTheOriginsAfterItStillCome() {
        Asked asked = askPastUnlistedOrigins(java.util.Map.of("0-new-door", 600), 3);

        assertThat(asked.gap()).isFalse();
        assertThat(asked.held().get(Seed.DEVICE)).isEqualTo(1);
        assertThat(asked.held().get("0-new-door")).isZero();
    }

    /**
     * Each page asked past only its own unlisted origin: a page full of one asked past it and forgot the one the page
     * before had asked past, so two such origins took turns for ever and the listed origins after them never came.
     */
    @Test
    void twoOriginsBeyondTheUnlistedCapAreBothAskedPastAndTheOriginsAfterThemCome() {
        Asked asked = askPastUnlistedOrigins(java.util.Map.of("0-new-door-a", PeerNode.PAGE_ITEMS,
                "0-new-door-b", PeerNode.PAGE_ITEMS), 4);

        assertThat(asked.held().get(Seed.DEVICE)).isEqualTo(1);
    }

    private record Asked(VersionVector held, boolean gap) {
    }

    /**
     * Door A holds {@code unlisted}'s items (origin, count; origins this side of the listed door's) and one scan of
     * its own; door B already holds as many unlisted origins as it takes, and asks A page after page as PeerNode does,
     * at most {@code rounds} times, until it has A's scan.
     */
    private Asked askPastUnlistedOrigins(java.util.Map<String, Integer> unlisted, int rounds) {
        Event event = Seed.event(ReentryPolicy.WARN);
        Participant alice = Seed.participant(event.id(), "Alice Kim", null, null, null);
        Path dirB = secondDoor(event, List.of(alice));
        try (Kiosk a = Seed.kiosk(tmp.resolve("a"), event, List.of(alice));
             Kiosk b = Seed.kiosk(dirB, Seed.clockAt(Seed.DAY1, 11))) {
            PeerReplica logA = new PeerReplica(KioskReplica.of(a), event.id(), applier(a), () -> { }, o -> true);
            unlisted.forEach((origin, count) -> {
                List<PeerItem> newDoor = new java.util.ArrayList<>();
                for (int i = 1; i <= count; i++) {
                    newDoor.add(op(event, java.util.UUID.randomUUID(), origin, i, 0));
                }
                logA.receive(newDoor);
            });
            a.checkIns().scan(event.id(), alice.ticketCode(), Seed.DAY1).join();
            PeerReplica logB = new PeerReplica(KioskReplica.of(b), event.id(), applier(b), () -> { },
                    Seed.DEVICE::equals);
            List<PeerItem> invented = new java.util.ArrayList<>();
            for (int i = 0; i < PeerReplica.MAX_UNLISTED_ORIGINS; i++) {
                invented.add(op(event, java.util.UUID.randomUUID(), "zz-invented-" + i, 1, 0));
            }
            logB.receive(invented);

            VersionVector asked = logB.vector();
            boolean gap = false;
            for (int round = 0; round < rounds && logB.vector().get(Seed.DEVICE) == 0; round++) {
                PeerReplica.Received got = logB.receive(AntiEntropy.delta(logA, asked, PeerNode.PAGE_ITEMS,
                        PeerNode.PAGE_BYTES).items(), asked);
                gap |= got.gap();
                asked = got.askWith();
            }
            return new Asked(logB.vector(), gap);
        }
    }

    /**
     * The outbox keeps an item under its log id and the server answers by its body's: a newer door's item under another
     * id made every flush fail on an answer that named nothing sent, and the door's own items waited behind it.
     */
    @Test
    void aNewerDoorsItemUnderAnotherIdThanItsBodysRefusesThePage() throws Exception {
        Event event = Seed.event(ReentryPolicy.WARN);
        Participant alice = Seed.participant(event.id(), "Alice Kim", null, null, null);
        Path dirB = secondDoor(event, List.of(alice));
        try (Kiosk b = Seed.kiosk(dirB, Seed.clockAt(Seed.DAY1, 11))) {
            PeerReplica logB = new PeerReplica(KioskReplica.of(b), event.id(), applier(b), () -> { },
                    Seed.DEVICE::equals);
            PeerItem item = op(event, alice.id(), Seed.DEVICE, 1, 0);
            com.fasterxml.jackson.databind.node.ObjectNode newer =
                    (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(item.body());
            newer.put("action", "checkout");
            PeerItem misnamed = new PeerItem(item.origin(), 1, item.kind(), java.util.UUID.randomUUID(),
                    newer.toString());

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> logB.receive(List.of(misnamed)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(queued(b, event)).isEmpty();
        }
    }

    /**
     * A listed door's patch setting what no door may set (here a cancelled registration and the anonymization
     * tombstone) was applied at every door, which the server then refused: doors and server disagreed for good.
     */
    @Test
    void aPatchNoDoorMayMakeIsPassedOnButNeitherAppliedNorQueued() {
        Event event = Seed.event(ReentryPolicy.DENY);
        Participant alice = Seed.participant(event.id(), "Alice Kim", "alice@example.com", null, null);
        Path dirB = secondDoor(event, List.of(alice));
        try (Kiosk b = Seed.kiosk(dirB, Seed.clockAt(Seed.DAY1, 11))) {
            PeerReplica logB = new PeerReplica(KioskReplica.of(b), event.id(), applier(b), () -> { },
                    Seed.DEVICE::equals);
            dev.lanyard.model.ParticipantPatch cancel = new dev.lanyard.model.ParticipantPatch(
                    dev.lanyard.model.Ids.newId(), event.id(), alice.id(),
                    java.util.Map.of("registrationStatus", "cancelled", "anonymized", "true"),
                    new dev.lanyard.model.clock.Hlc(Seed.DAY1.toEpochDay() * 86_400_000L, 0, Seed.DEVICE),
                    Seed.DEVICE);

            PeerReplica.Received received = logB.receive(List.of(new PeerItem(Seed.DEVICE, 1, PeerItem.Kind.PATCH,
                    cancel.patchId(), Json.write(cancel))));

            assertThat(received.fresh()).isEqualTo(1);
            Participant after = KioskReplica.of(b).write(tx ->
                    dev.lanyard.kiosk.core.store.ParticipantStore.find(tx, alice.id())).orElseThrow();
            assertThat(after.registrationStatus()).isEqualTo(dev.lanyard.model.RegistrationStatus.REGISTERED);
            assertThat(after.anonymized()).isFalse();
            assertThat(queued(b, event)).isEmpty();
        }
    }

    /**
     * A walk-in's patches in one page were each judged against the participant as it was before the page, so a second
     * patch setting its ticket code passed as part of its creation; the server judges it after the first, and refuses.
     */
    @Test
    void aPatchIsJudgedAfterThePatchesBeforeItInItsPage() {
        Event event = Seed.event(ReentryPolicy.DENY);
        Path dirB = secondDoor(event, List.of());
        try (Kiosk b = Seed.kiosk(dirB, Seed.clockAt(Seed.DAY1, 11))) {
            PeerReplica logB = new PeerReplica(KioskReplica.of(b), event.id(), applier(b), () -> { },
                    Seed.DEVICE::equals);
            java.util.UUID walkIn = dev.lanyard.model.Ids.newId();
            String first = dev.lanyard.model.TicketCodes.generate();
            long wall = Seed.DAY1.toEpochDay() * 86_400_000L;
            dev.lanyard.model.ParticipantPatch create = new dev.lanyard.model.ParticipantPatch(
                    dev.lanyard.model.Ids.newId(), event.id(), walkIn, java.util.Map.of("name", "Dana Park",
                    "ticketCode", first, "source", "walk_in", "registrationStatus", "registered"),
                    new dev.lanyard.model.clock.Hlc(wall, 0, Seed.DEVICE), Seed.DEVICE);
            dev.lanyard.model.ParticipantPatch recode = new dev.lanyard.model.ParticipantPatch(
                    dev.lanyard.model.Ids.newId(), event.id(), walkIn,
                    java.util.Map.of("ticketCode", dev.lanyard.model.TicketCodes.generate()),
                    new dev.lanyard.model.clock.Hlc(wall + 1, 0, Seed.DEVICE), Seed.DEVICE);

            logB.receive(List.of(
                    new PeerItem(Seed.DEVICE, 1, PeerItem.Kind.PATCH, create.patchId(), Json.write(create)),
                    new PeerItem(Seed.DEVICE, 2, PeerItem.Kind.PATCH, recode.patchId(), Json.write(recode))));

            Participant after = KioskReplica.of(b).write(tx ->
                    dev.lanyard.kiosk.core.store.ParticipantStore.find(tx, walkIn)).orElseThrow();
            assertThat(after.ticketCode()).isEqualTo(first);
            assertThat(queued(b, event)).containsExactly(create.patchId());
        }
    }

    /**
     * An item stamped years ahead won every register it wrote at every door and pulled each door's clock an hour
     * ahead, so their own next items came back clock_ahead from the server.
     */
    @Test
    void anItemStampedFurtherAheadThanTheServerTakesIsQueuedButNotAppliedAndLeavesTheClock() {
        Event event = Seed.event(ReentryPolicy.DENY);
        Participant alice = Seed.participant(event.id(), "Alice Kim", null, null, null);
        Path dirB = secondDoor(event, List.of(alice));
        try (Kiosk b = Seed.kiosk(dirB, Seed.clockAt(Seed.DAY1, 11))) {
            PeerReplica logB = new PeerReplica(KioskReplica.of(b), event.id(), applier(b), () -> { },
                    Seed.DEVICE::equals);
            long clockBefore = b.clock().peek().wall();
            PeerItem ahead = op(event, alice.id(), Seed.DEVICE, 1, 253_000_000_000_000L);

            assertThat(logB.receive(List.of(ahead)).fresh()).isEqualTo(1);

            assertThat(b.checkedInCount(event.id(), Seed.DAY1)).isZero();
            assertThat(b.clock().peek().wall()).isLessThan(clockBefore + 60_000);
            assertThat(queued(b, event)).contains(ahead.itemId());
        }
    }

    /** The warning said how far ahead of this laptop's uncorrected clock the item was, not of the clock judging it. */
    @Test
    void anItemTooFarAheadIsLoggedWithHowFarAheadOfTheDoorsCorrectedClockItIs() {
        Event event = Seed.event(ReentryPolicy.DENY);
        Participant alice = Seed.participant(event.id(), "Alice Kim", null, null, null);
        Path dirB = secondDoor(event, List.of(alice));
        java.time.Clock doorClock = Seed.clockAt(Seed.DAY1, 11);
        try (Kiosk b = Seed.kiosk(dirB, doorClock); CapturedLog log = CapturedLog.of(PeerReplica.class)) {
            PeerReplica logB = new PeerReplica(KioskReplica.of(b), event.id(), applier(b), () -> { },
                    Seed.DEVICE::equals);

            logB.receive(List.of(op(event, alice.id(), Seed.DEVICE, 1, doorClock.millis() + 600_000)));

            assertThat(log.events()).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("600000 ms ahead"));
        }
    }

    /** 257 concurrent admissions from other doors made this door's own re-entry and undo throw. */
    @Test
    void aReentryAndAnUndoWorkWithMoreConcurrentAdmissionsThanAnOpObserves() {
        Event event = Seed.event(ReentryPolicy.WARN);
        Participant alice = Seed.participant(event.id(), "Alice Kim", null, null, null);
        Path dirB = secondDoor(event, List.of(alice));
        try (Kiosk b = Seed.kiosk(dirB, Seed.clockAt(Seed.DAY1, 11))) {
            PeerReplica logB = new PeerReplica(KioskReplica.of(b), event.id(), applier(b), () -> { },
                    Seed.DEVICE::equals);
            List<PeerItem> many = new java.util.ArrayList<>();
            for (int i = 1; i <= CheckInOp.MAX_OBSERVED + 1; i++) {
                many.add(op(event, alice.id(), Seed.DEVICE, i, 0));
            }
            logB.receive(many);

            ScanResult reentry = b.checkIns().scan(event.id(), alice.ticketCode(), Seed.DAY1).join();
            b.checkIns().undo(event.id(), alice.id(), Seed.DAY1).join();

            assertThat(reentry.outcome()).isEqualTo(ScanOutcome.REENTRY);
        }
    }

    /**
     * A listed door of one event sent an op naming a participant this kiosk holds under another of its events: the op
     * was stored and the participant's day re-derived, so at that other event the participant scanned as already in.
     */
    @Test
    void anOpForAParticipantOfAnotherEventLeavesThatEventsCheckInsAlone() {
        TwoEvents two = twoEventsAtDoorB();
        try (Kiosk b = Seed.kiosk(tmp.resolve("b"), Seed.clockAt(Seed.DAY1, 11))) {
            PeerItem op = op(two.ours(), two.theirs().id(), Seed.DEVICE, 1, 0);

            peerLogOf(b, two.ours()).receive(List.of(op));

            KioskReplica.of(b).write(tx -> {
                assertThat(CheckInLog.ops(tx, two.theirs().id(), Seed.DAY1)).isEmpty();
                assertThat(CheckInLog.state(tx, two.theirs().id(), Seed.DAY1)).isEqualTo(CheckInLog.DayState.NONE);
                return null;
            });
            assertThat(queued(b, two.ours())).isEmpty();
        }
    }

    /**
     * A listed door of one event sent a patch naming a participant this kiosk holds under another of its events: the
     * patch was joined into that participant, which kept its own event, so the other event's record was overwritten.
     */
    @Test
    void aPatchForAParticipantOfAnotherEventLeavesThatParticipantAlone() {
        TwoEvents two = twoEventsAtDoorB();
        try (Kiosk b = Seed.kiosk(tmp.resolve("b"), Seed.clockAt(Seed.DAY1, 11))) {
            Participant before = participantAt(b, two.theirs().id());

            peerLogOf(b, two.ours()).receive(List.of(renaming(two.ours(), two.theirs().id(), 1)));

            assertThat(participantAt(b, two.theirs().id())).isEqualTo(before);
            assertThat(queued(b, two.ours())).isEmpty();
        }
    }

    /** A refused item was kept in this door's log, so every door that asked this one got it too. */
    @Test
    void anItemForAParticipantOfAnotherEventIsNotPassedOn() {
        TwoEvents two = twoEventsAtDoorB();
        try (Kiosk b = Seed.kiosk(tmp.resolve("b"), Seed.clockAt(Seed.DAY1, 11))) {
            PeerReplica logB = peerLogOf(b, two.ours());

            PeerItem op = op(two.ours(), two.theirs().id(), Seed.DEVICE, 1, 0);

            PeerReplica.Received received = logB.receive(List.of(op));

            assertThat(received.fresh()).isZero();
            assertThat(logB.vector().asMap()).isEmpty();
        }
    }

    /**
     * Not a failure before: a refused item leaves its origin's later items one short of what this door holds, and
     * counted as a gap they would be asked for again with the same vector, for the same page, without end.
     */
    @Test
    void theItemsAfterARefusedOneAreAskedPastNotWaitedFor() {
        TwoEvents two = twoEventsAtDoorB();
        try (Kiosk b = Seed.kiosk(tmp.resolve("b"), Seed.clockAt(Seed.DAY1, 11))) {
            PeerItem refused = op(two.ours(), two.theirs().id(), Seed.DEVICE, 1, 0);
            PeerItem after = op(two.ours(), two.ourGuest().id(), Seed.DEVICE, 2, 0);

            PeerReplica.Received received = peerLogOf(b, two.ours()).receive(List.of(refused, after));

            assertThat(received.gap()).isFalse();
            assertThat(received.askWith().get(Seed.DEVICE)).isEqualTo(2);
        }
    }

    /** Each door offering a refused item offers it again at every exchange: one warning is enough, and names no one. */
    @Test
    void aRefusedItemIsWarnedOfOnceWithoutWhomItNames() {
        TwoEvents two = twoEventsAtDoorB();
        try (Kiosk b = Seed.kiosk(tmp.resolve("b"), Seed.clockAt(Seed.DAY1, 11));
             CapturedLog log = CapturedLog.of(PeerReplica.class)) {
            PeerReplica logB = peerLogOf(b, two.ours());
            PeerItem op = op(two.ours(), two.theirs().id(), Seed.DEVICE, 1, 0);

            logB.receive(List.of(op));
            logB.receive(List.of(op));

            assertThat(log.events()).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                            .doesNotContain(two.theirs().id().toString(), two.theirs().name()));
        }
    }

    /** A newer door's op (unreadable here, so not applied) for another event's participant was queued as it came. */
    @Test
    void aNewerDoorsOpForAParticipantOfAnotherEventIsNotQueued() throws Exception {
        TwoEvents two = twoEventsAtDoorB();
        try (Kiosk b = Seed.kiosk(tmp.resolve("b"), Seed.clockAt(Seed.DAY1, 11))) {
            PeerItem op = op(two.ours(), two.theirs().id(), Seed.DEVICE, 1, 0);
            com.fasterxml.jackson.databind.node.ObjectNode newer =
                    (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(op.body());
            newer.put("action", "checkout"); // an action a newer door knows and this one does not
            PeerItem unreadable = new PeerItem(op.origin(), 1, op.kind(), op.itemId(), newer.toString());

            peerLogOf(b, two.ours()).receive(List.of(unreadable));

            assertThat(queued(b, two.ours())).isEmpty();
        }
    }

    /** A walk-in another door made is no participant of this kiosk yet: its items go in as before. */
    @Test
    void anItemForAParticipantThisDoorDoesNotHoldIsStillTaken() {
        TwoEvents two = twoEventsAtDoorB();
        try (Kiosk b = Seed.kiosk(tmp.resolve("b"), Seed.clockAt(Seed.DAY1, 11))) {
            PeerItem op = op(two.ours(), dev.lanyard.model.Ids.newId(), Seed.DEVICE, 1, 0);

            PeerReplica.Received received = peerLogOf(b, two.ours()).receive(List.of(op));

            assertThat(received.fresh()).isEqualTo(1);
            assertThat(queued(b, two.ours())).containsExactly(op.itemId());
        }
    }

    /** Door B paired to two events: ours, whose peer log it runs, with one guest, and another event's participant. */
    private record TwoEvents(Event ours, Participant ourGuest, Participant theirs) {
    }

    private TwoEvents twoEventsAtDoorB() {
        Event ours = Seed.event(ReentryPolicy.DENY);
        Event other = Seed.event(ReentryPolicy.DENY);
        Participant ourGuest = Seed.participant(ours.id(), "Alice Kim", null, null, null);
        Participant theirs = Seed.participant(other.id(), "Frank Oh", "frank@example.com", null, null);
        Path dirB = tmp.resolve("b");
        Seed.folder(dirB, "http://127.0.0.1:9", List.of(ours, other), List.of(ourGuest, theirs));
        try (Replica replica = Replica.open(DataFolder.at(dirB), Seed.SECRET.toCharArray(), false)) {
            replica.write(tx -> {
                Settings.put(tx, Settings.DEVICE_ID, DEVICE_B);
                return null;
            });
        }
        return new TwoEvents(ours, ourGuest, theirs);
    }

    private static PeerReplica peerLogOf(Kiosk kiosk, Event event) {
        return new PeerReplica(KioskReplica.of(kiosk), event.id(), applier(kiosk), () -> { }, Seed.DEVICE::equals);
    }

    private static Participant participantAt(Kiosk kiosk, java.util.UUID id) {
        return KioskReplica.of(kiosk).write(tx -> dev.lanyard.kiosk.core.store.ParticipantStore.find(tx, id))
                .orElseThrow();
    }

    /** A patch another door made renaming a participant, as {@link #op} stamps its ops. */
    private static PeerItem renaming(Event event, java.util.UUID participant, long counter) {
        dev.lanyard.model.ParticipantPatch patch = new dev.lanyard.model.ParticipantPatch(
                dev.lanyard.model.Ids.newId(), event.id(), participant, java.util.Map.of("name", "Mallory"),
                new dev.lanyard.model.clock.Hlc(Seed.DAY1.toEpochDay() * 86_400_000L + counter, 0, Seed.DEVICE),
                Seed.DEVICE);
        return new PeerItem(Seed.DEVICE, counter, PeerItem.Kind.PATCH, patch.patchId(), Json.write(patch));
    }

    private static java.util.Set<java.util.UUID> queued(Kiosk kiosk, Event event) {
        return KioskReplica.of(kiosk).write(tx -> OutboxStore.itemIds(tx, event.id()));
    }

    /** A check-in another door made, stamped on DAY1 after {@code counter} ms, or at {@code wall} when not 0. */
    private static PeerItem op(Event event, java.util.UUID participant, String origin, long counter, long wall) {
        CheckInOp op = new CheckInOp(dev.lanyard.model.Ids.newId(), event.id(), participant, Seed.DAY1,
                dev.lanyard.model.CheckInAction.CHECK_IN, java.util.Set.of(),
                new dev.lanyard.model.clock.Hlc(wall != 0 ? wall : Seed.DAY1.toEpochDay() * 86_400_000L + counter, 0,
                        origin), origin, null, null, null);
        return new PeerItem(origin, counter, PeerItem.Kind.OP, op.opId(), Json.write(op));
    }

    private Path secondDoor(Event event, List<Participant> people) {
        Path dirB = tmp.resolve("b");
        Seed.folder(dirB, "http://127.0.0.1:9", List.of(event), people);
        try (Replica replica = Replica.open(DataFolder.at(dirB), Seed.SECRET.toCharArray(), false)) {
            replica.write(tx -> {
                Settings.put(tx, Settings.DEVICE_ID, DEVICE_B);
                return null;
            });
        }
        return dirB;
    }

    private static ChangeApplier applier(Kiosk kiosk) {
        return new ChangeApplier(KioskReplica.of(kiosk), kiosk.clock(), java.time.Clock.systemUTC(),
                kiosk.replicaEvents(), kiosk.notices(), () -> { });
    }
}
