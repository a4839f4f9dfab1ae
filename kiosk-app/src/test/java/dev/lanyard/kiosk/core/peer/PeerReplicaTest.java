package dev.lanyard.kiosk.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.store.DataFolder;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.core.sync.ChangeApplier;
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
