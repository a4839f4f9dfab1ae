package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.events.ReplicaListener;
import dev.lanyard.kiosk.support.Replicas;
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
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a door's live socket hands on (ADR 0236) is applied as a peer's, the door's own ops excepted. */
class LiveCheckInsTest {
    static final String OTHER_DOOR = ChangeApplierTest.OTHER_DOOR;
    @TempDir
    Path dir;
    Kiosk kiosk;
    Event event;
    Participant alice;
    LiveCheckIns live;
    final AtomicInteger changed = new AtomicInteger();

    @BeforeEach
    void open() {
        event = Seed.event(ReentryPolicy.WARN);
        alice = Seed.participant(event.id(), "Alice Kim", "alice@example.com", "Acme", 1);
        kiosk = Seed.kiosk(dir, event, List.of(alice));
        live = new LiveCheckIns(Seed.applier(kiosk), Seed.DEVICE);
        kiosk.replicaEvents().add(new ReplicaListener() {
            @Override
            public void checkInsChanged(UUID eventId, Collection<ParticipantDay> keys) {
                changed.incrementAndGet();
            }
        });
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    private FeedEntry checkInBy(String door) {
        return FeedEntry.of(Change.of(42, new CheckInOp(Ids.newId(), event.id(), alice.id(), Seed.DAY1,
                CheckInAction.CHECK_IN, Set.of(), new Hlc(5_000, 0, door), door, null, null, null)));
    }

    @Test
    void anotherDoorsFreshCheckInIsAppliedWithoutMovingTheFeedPosition() {
        live.live(event.id(), List.of(checkInBy(OTHER_DOOR)));

        assertThat(Replicas.checkInStates(kiosk, event.id()).get(alice.id() + "/" + Seed.DAY1)).startsWith("true");
        assertThat(Replicas.lastSeq(kiosk, event.id())).isZero();
        assertThat(changed).hasValue(1);
    }

    @Test
    void theDoorsOwnCheckInComingBackIsPassedOverWithoutAWrite() {
        live.live(event.id(), List.of(checkInBy(Seed.DEVICE)));

        assertThat(Replicas.checkInStates(kiosk, event.id())).isEmpty();
        assertThat(changed).hasValue(0);
    }
}
