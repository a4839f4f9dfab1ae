package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.checkin.WalkIn;
import dev.lanyard.kiosk.core.drawing.DrawRequest;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.Participant;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host restores the server from last night's backup in the middle of the event: the
 * check-ins and the walk-in it had acknowledged since are gone from it, but the door still holds
 * them and gives them back.
 */
class ServerRestoredFromBackupE2eTest {
    @TempDir
    Path tmp;
    LiveServer live;
    Kiosk door;
    Kiosk otherDoor;

    @AfterEach
    void stop() {
        if (door != null) {
            door.close();
        }
        if (otherDoor != null) {
            otherDoor.close();
        }
        if (live != null) {
            live.close();
        }
    }

    @Test
    void checkInsAndAWalkInTheRestoredServerLostAreSentAgain() throws Exception {
        Path data = tmp.resolve("server");
        // bound by the server itself; restarts reuse the port it got, where the door looks for it (LiveServer)
        live = LiveServer.start(data, 0, false, ReentryPolicy.WARN);
        List<Participant> people = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            people.add(live.add("Guest " + i, null, null));
        }
        door = live.paired(tmp.resolve("door"), "Door", Clock.systemUTC());
        Path backup = tmp.resolve("backup");
        live = live.backedUpTo(data, backup);

        for (Participant p : people) {
            assertThat(door.checkIns().scan(live.event.id(), p.ticketCode(), live.today).join().outcome())
                    .isEqualTo(ScanOutcome.ADMITTED);
        }
        Participant walkIn = door.walkIns().register(live.event.id(),
                new WalkIn("Late Comer", "late@example.com", null, null, Map.of()),
                true, live.today).join().participant();
        PrizeDrawing drawing = door.drawings().draw(live.event.id(),
                new DrawRequest("Mechanical keyboard", DrawingPool.CHECKED_IN, true, null, 1, "staff"))
                .thenCompose(d -> door.drawings().confirm(live.event.id(), d.drawingId())).join();
        door.sync().syncUntilIdle();
        assertThat(live.opIds()).hasSize(4);
        assertThat(live.drawingIds()).containsExactly(drawing.drawingId());
        long positionBeforeRestore = Replicas.lastSeq(door, live.event.id());

        live = live.restoredFrom(data, backup);
        assertThat(live.opIds()).isEmpty();
        assertThat(live.lastSeq()).isLessThan(positionBeforeRestore);

        door.sync().syncUntilIdle();
        door.sync().syncUntilIdle();
        assertThat(live.opIds()).hasSize(4);
        assertThat(live.drawingIds()).as("the prize drawing made here").containsExactly(drawing.drawingId());
        assertThat(live.participants()).containsKey(walkIn.id());
        assertThat(live.participants().get(walkIn.id()).name()).isEqualTo("Late Comer");
        assertThat(live.checkInStates()).hasSize(4).allSatisfy((key, state) -> assertThat(state).startsWith("true"));
        assertThat(Replicas.checkInStates(door, live.event.id())).isEqualTo(live.checkInStates());
        assertThat(Replicas.pending(door)).isZero();
    }

    /**
     * After the restore another door pushes first, so the server numbers its items with the seqs this door already
     * holds: the feed reaches this door's position again, but with other entries. The door still notices (the entry
     * at its position was committed after the one it applied there), reads the feed again and gives back its lost
     * check-ins.
     */
    @Test
    void aDoorNoticesTheRestoreEvenWhenAnotherDoorsPushesRefilledTheFeedPastItsPosition() throws Exception {
        restoredAndRefilled(false);
    }

    /**
     * The same, with a pull between the refill and the door's reconnect (a door whose socket waits out its backoff
     * pulls every 20 s): the pull applied the other door's entries and took their commit times, and the check on
     * reconnecting then found nothing wrong. Every pull checks now. Found by a review.
     */
    @Test
    void aPullBeforeTheReconnectAlsoNoticesTheRestore() throws Exception {
        restoredAndRefilled(true);
    }

    private void restoredAndRefilled(boolean pullFirst) throws Exception {
        Path data = tmp.resolve("server");
        live = LiveServer.start(data, 0, false, ReentryPolicy.WARN);
        List<Participant> mine = new ArrayList<>();
        List<Participant> theirs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(live.add("Guest " + i, null, null));
        }
        for (int i = 0; i < 8; i++) {
            theirs.add(live.add("Other guest " + i, null, null));
        }
        door = live.paired(tmp.resolve("door"), "Door", Clock.systemUTC());
        otherDoor = live.paired(tmp.resolve("other-door"), "Other door", Clock.systemUTC());
        Path backup = tmp.resolve("backup");
        live = live.backedUpTo(data, backup);

        for (Participant p : mine) {
            assertThat(door.checkIns().scan(live.event.id(), p.ticketCode(), live.today).join().outcome())
                    .isEqualTo(ScanOutcome.ADMITTED);
        }
        door.sync().syncUntilIdle();
        long positionBeforeRestore = Replicas.lastSeq(door, live.event.id());

        live = live.restoredFrom(data, backup);
        for (Participant p : theirs) {
            assertThat(otherDoor.checkIns().scan(live.event.id(), p.ticketCode(), live.today).join().outcome())
                    .isEqualTo(ScanOutcome.ADMITTED);
        }
        otherDoor.sync().syncUntilIdle();
        assertThat(live.lastSeq()).isGreaterThanOrEqualTo(positionBeforeRestore);
        if (pullFirst) {
            door.sync().bootstrap(live.event.id(), null);
        }

        door.sync().syncUntilIdle();
        door.sync().syncUntilIdle();
        otherDoor.sync().syncUntilIdle();
        assertThat(live.opIds()).hasSize(mine.size() + theirs.size());
        assertThat(Replicas.checkInStates(door, live.event.id())).isEqualTo(live.checkInStates());
        assertThat(Replicas.checkInStates(otherDoor, live.event.id())).isEqualTo(live.checkInStates());
        assertThat(Replicas.pending(door)).isZero();
    }


}
