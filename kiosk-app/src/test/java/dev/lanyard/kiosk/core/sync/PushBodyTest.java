package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PushRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PushBodyTest {
    static final UUID EVENT = UUID.randomUUID();
    static final String DEVICE = "door-1";
    static final LocalDate DAY = LocalDate.of(2026, 12, 4);

    static CheckInOp op() {
        return new CheckInOp(UUID.randomUUID(), EVENT, UUID.randomUUID(), DAY, CheckInAction.CHECK_IN, Set.of(),
                new Hlc(1_780_000_000_000L, 0, DEVICE), DEVICE, "desk", null, null);
    }

    static ScanAttempt attempt() {
        return new ScanAttempt(UUID.randomUUID(), EVENT, UUID.randomUUID(), "T-1", DAY, ScanOutcome.ADMITTED,
                UUID.randomUUID(), DEVICE, "desk", Instant.parse("2026-12-04T10:00:00Z"));
    }

    static OutboxStore.Item item(long id, OutboxStore.Kind kind, UUID itemId, String body) {
        return new OutboxStore.Item(id, EVENT, kind, itemId, itemId, body, 0);
    }

    @Test
    void storedItemsMakeTheRequestTheirRecordsWouldMake() {
        CheckInOp op = op();
        ScanAttempt attempt = attempt();
        List<OutboxStore.Item> items = List.of(item(1, OutboxStore.Kind.OP, op.opId(), Json.write(op)),
                item(2, OutboxStore.Kind.ATTEMPT, attempt.attemptId(), Json.write(attempt)));

        PushBody body = PushBody.of(DEVICE, items);

        PushRequest expected = new PushRequest(DEVICE, List.of(op), null, null, List.of(attempt));
        assertThat(Json.read(body.json(), PushRequest.class)).isEqualTo(expected);
        assertThat(body.sent()).isEqualTo(items);
        assertThat(body.damaged()).isEmpty();
    }

    @Test
    void aStoredBodyThatIsNotOneJsonObjectIsLeftOutAndCannotAddItems() {
        CheckInOp good = op();
        CheckInOp smuggled = op();
        OutboxStore.Item two = item(1, OutboxStore.Kind.OP, UUID.randomUUID(),
                Json.write(op()) + "," + Json.write(smuggled));
        OutboxStore.Item cut = item(2, OutboxStore.Kind.OP, UUID.randomUUID(), "{\"opId\":\"");
        OutboxStore.Item fine = item(3, OutboxStore.Kind.OP, good.opId(), Json.write(good));

        PushBody body = PushBody.of(DEVICE, List.of(two, cut, fine));

        assertThat(Json.read(body.json(), PushRequest.class).ops()).containsExactly(good);
        assertThat(body.damaged()).containsExactly(two, cut);
        assertThat(body.sent()).containsExactly(fine);
    }
}
