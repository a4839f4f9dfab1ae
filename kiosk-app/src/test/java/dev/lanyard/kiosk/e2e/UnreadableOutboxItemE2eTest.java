package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.notices.ConflictNotice;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.LiveServerE2e;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.kiosk.ui.support.MutableClock;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An item this door cannot read back is the server's to judge, as any item is, and the door's other
 * check-ins are not held up behind it. One that names a value the server's version does not know
 * (a newer door's) is answered {@code not_understood} and kept (ADR 0336); one that is wrong in itself
 * is answered {@code rejected} with its reason and becomes a dead letter (ADR 0334).
 */
class UnreadableOutboxItemE2eTest extends LiveServerE2e {
    private Kiosk door;
    private OutboxStore.Item first;

    @BeforeEach
    void threeCheckInsAtOneDoor() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        door = closeMe.keep(live.paired(tmp.resolve("door"), "Door", new MutableClock(Instant.now())));
        List<Participant> guests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            guests.add(live.add("Guest " + i, null, null));
        }
        door.sync().syncUntilIdle();
        guests.forEach(g -> door.checkIns().scan(live.event.id(), g.ticketCode(), live.today).join());
        first = KioskReplica.of(door).write(tx -> OutboxStore.oldest(tx, live.event.id(), 10))
                .stream().filter(i -> i.kind() == OutboxStore.Kind.OP).findFirst().orElseThrow();
    }

    @Test
    void anOpNamingAnActionTheServerDoesNotKnowIsKeptAndTheOthersGoThrough() throws Exception {
        storeFirstWith("action", "teleport");

        door.outbox().flushNow();
        door.sync().syncUntilIdle();

        assertThat(live.opIds()).hasSize(2).doesNotContain(first.itemId());
        assertThat(door.deadLetters()).isEmpty();
        int kept = KioskReplica.of(door).write(tx -> OutboxStore.count(tx, OutboxStore.Kind.OP));
        assertThat(kept).isEqualTo(1);
        assertThat(door.notices().open()).singleElement()
                .satisfies(n -> assertThat(n.kind()).isEqualTo(ConflictNotice.Kind.ITEMS_NOT_UNDERSTOOD));
    }

    @Test
    void anOpThatIsWrongInItselfIsDeadLetteredWithTheServersReasonAndTheOthersGoThrough() throws Exception {
        storeFirstWith("day", "not a date");

        door.outbox().flushNow();
        door.sync().syncUntilIdle();

        assertThat(live.opIds()).hasSize(2).doesNotContain(first.itemId());
        assertThat(door.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.itemId()).isEqualTo(first.itemId());
            assertThat(d.reason()).contains("day");
        });
        assertThat(Replicas.pending(door)).isZero();
    }

    private void storeFirstWith(String field, String value) throws Exception {
        ObjectNode changed = (ObjectNode) Json.mapper().readTree(first.body());
        changed.put(field, value);
        KioskReplica.of(door).write(tx -> {
            OutboxStore.replaceBody(tx, first.id(), changed.toString());
            return null;
        });
    }
}
