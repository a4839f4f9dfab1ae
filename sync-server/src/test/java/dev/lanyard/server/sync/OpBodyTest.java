package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OpBodyTest {
    private static final UUID EVENT = Ids.newId();

    @Test
    void theSeqAppendedToThePreparedJsonIsTheOpWithItsSeqAsJson() {
        UUID first = Ids.newId();
        CheckInOp plain = new CheckInOp(Ids.newId(), null, Ids.newId(), LocalDate.of(2026, 5, 20),
                CheckInAction.CHECK_IN, Set.of(),
                new Hlc(1_700_000_000_000L, 3, "door-1"), null, null, null);
        CheckInOp full = new CheckInOp(Ids.newId(), EVENT, Ids.newId(), LocalDate.of(2026, 5, 21), CheckInAction.UNDO,
                Set.of(first, Ids.newId()),
                new Hlc(1_700_000_000_001L, 0, "door-2"), "kiosk \"2\" ✓", "olga", 77L);

        for (CheckInOp op : new CheckInOp[] {plain, full}) {
            OpBody body = OpBody.of(op, EVENT);
            for (long seq : new long[] {1, 12_345, Long.MAX_VALUE}) {
                assertThat(body.withSeq(seq)).isEqualTo(Json.write(op.withEventId(EVENT).withSeq(seq)));
            }
        }
    }

    @Test
    void theStoredOpTakesTheEventFromTheUrlAndNoSeqFromTheDevice() {
        CheckInOp sent = new CheckInOp(Ids.newId(), null, Ids.newId(), LocalDate.of(2026, 5, 20),
                CheckInAction.CHECK_IN, Set.of(),
                new Hlc(1, 0, "door-1"), null, null, 5L);

        OpBody body = OpBody.of(sent, EVENT);

        assertThat(body.op().eventId()).isEqualTo(EVENT);
        assertThat(body.op().seq()).isNull();
        assertThat(body.raw()).isSameAs(sent);
    }
}
