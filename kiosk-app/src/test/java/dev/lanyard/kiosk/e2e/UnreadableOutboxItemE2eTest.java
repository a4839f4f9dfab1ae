package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An item this door cannot read back (written by another version of it, or damaged) is the
 * server's to judge, as any item is: it answers that one {@code rejected} with its reason, and
 * the door's other check-ins are not held up behind it.
 */
class UnreadableOutboxItemE2eTest extends LiveServerE2e {
    @Test
    void anOpTheDoorCannotReadIsDeadLetteredWithTheServersReasonAndTheOthersGoThrough() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        Kiosk door = closeMe.keep(live.paired(tmp.resolve("door"), "Door", new MutableClock(Instant.now())));
        List<Participant> guests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            guests.add(live.add("Guest " + i, null, null));
        }
        door.sync().syncUntilIdle();
        guests.forEach(g -> door.checkIns().scan(live.event.id(), g.ticketCode(), live.today).join());
        OutboxStore.Item first = KioskReplica.of(door).write(tx -> OutboxStore.oldest(tx, live.event.id(), 10))
                .stream().filter(i -> i.kind() == OutboxStore.Kind.OP).findFirst().orElseThrow();
        ObjectNode unreadable = (ObjectNode) Json.mapper().readTree(first.body());
        unreadable.put("action", "teleport");
        KioskReplica.of(door).write(tx -> {
            OutboxStore.replaceBody(tx, first.id(), unreadable.toString());
            return null;
        });

        door.outbox().flushNow();
        door.sync().syncUntilIdle();

        List<UUID> held = live.opIds();
        assertThat(held).hasSize(2).doesNotContain(first.itemId());
        assertThat(door.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.itemId()).isEqualTo(first.itemId());
            assertThat(d.reason()).contains("action");
        });
        assertThat(Replicas.pending(door)).isZero();
    }
}
