package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replica's log holds ops as compact records, and, from versions before ADR 0339, as JSON: both are read. */
class StoredOpFormsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 4);
    @TempDir
    Path dir;
    private UUID eventId;

    @BeforeEach
    void folder() {
        eventId = Seed.folderWithOneEvent(dir);
    }

    @Test
    void anOpStoredAsJsonByAnEarlierVersionIsReadBesideOneStoredAsARecord() {
        UUID participant = Ids.newId();
        CheckInOp old = new CheckInOp(Ids.newId(), eventId, participant, DAY, dev.lanyard.model.CheckInAction.CHECK_IN,
                Set.of(), new Hlc(1_700_000_000_000L, 0, "door-1"), null, "Kim", 7L);
        CheckInOp reentry = new CheckInOp(Ids.newId(), eventId, participant, DAY,
                dev.lanyard.model.CheckInAction.CHECK_IN, Set.of(old.opId()), new Hlc(1_700_000_000_500L, 0, "door-2"),
                null, null, null);
        try (Replica replica = open()) {
            replica.write(tx -> {
                CheckInLog.insert(tx, old, eventId, participant);
                CheckInLog.insert(tx, reentry, eventId, participant);
                // the first row as an earlier version stored it
                tx.dsl().execute("update checkin_op set body = ? where op_id = ?",
                        tx.cipher().seal(Json.write(old)), old.opId());
                return null;
            });

            List<CheckInOp> ops = replica.write(tx -> CheckInLog.ops(tx, participant, DAY));

            assertThat(ops).containsExactlyInAnyOrder(old, reentry);
        }
    }

    private Replica open() {
        return Seed.replica(dir);
    }
}
