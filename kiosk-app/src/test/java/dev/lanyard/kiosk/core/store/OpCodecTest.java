package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OpCodecTest {
    @Test
    void everyFieldSurvivesTheRoundTrip() {
        UUID first = Ids.newId();
        CheckInOp op = new CheckInOp(Ids.newId(), Ids.newId(), Ids.newId(), LocalDate.of(2026, 12, 4),
                CheckInAction.UNDO, Set.of(first, Ids.newId()), new Hlc(1_700_000_000_123L, 7, "door-1"), "입구 2",
                "김민지", 123_456L, -86_400_000L);
        assertThat(OpCodec.decode(OpCodec.encode(op))).isEqualTo(op);
    }

    @Test
    void aFirstAdmissionWithoutOptionalFieldsSurvivesTheRoundTrip() {
        CheckInOp op = new CheckInOp(Ids.newId(), null, Ids.newId(), LocalDate.of(1969, 12, 31),
                CheckInAction.CHECK_IN, Set.of(), new Hlc(0, 0, "d"), null, null, null);
        assertThat(OpCodec.decode(OpCodec.encode(op))).isEqualTo(op);
    }

    @Test
    void randomOpsSurviveTheRoundTrip() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            CheckInOp op = random(random);
            assertThat(OpCodec.decode(OpCodec.encode(op))).isEqualTo(op);
        }
    }

    /** Replicas written before the record form hold their ops as JSON; those rows keep being read. */
    @Test
    void anOpStoredAsJsonIsStillRead() {
        CheckInOp op = random(new Random(5));
        assertThat(OpCodec.decode(Json.writeBytes(op))).isEqualTo(op);
    }

    @Test
    void theRecordIsMuchSmallerThanTheJson() {
        CheckInOp op = new CheckInOp(Ids.newId(), Ids.newId(), Ids.newId(), LocalDate.of(2026, 12, 4),
                CheckInAction.CHECK_IN, Set.of(),
                new Hlc(1_700_000_000_123L, 0, "0192f0c0-0000-7000-8000-00000000d001"), null, null, 42L);
        assertThat(OpCodec.encode(op).length).isLessThan(Json.writeBytes(op).length / 2);
    }

    @Test
    void aCutRecordIsRefused() {
        byte[] bytes = OpCodec.encode(random(new Random(3)));
        assertThatThrownBy(() -> OpCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cut short");
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] bytes = OpCodec.encode(random(new Random(4)));
        bytes[0] = 9;
        assertThatThrownBy(() -> OpCodec.decode(bytes)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version 9");
    }

    /** The codec writes each of these; a new component of CheckInOp must be added to it (and here). */
    @Test
    void theCodecKnowsEveryComponentOfCheckInOp() {
        assertThat(Arrays.stream(CheckInOp.class.getRecordComponents()).map(c -> c.getName()).toList())
                .containsExactly("opId", "eventId", "participantId", "day", "action", "observed", "hlc", "deviceId",
                        "operator", "seq", "clockCorrectedMs");
    }

    private static CheckInOp random(Random r) {
        String[] nodes = {"0192f0c0-0000-7000-8000-00000000d001", "door-7", "server"};
        String node = nodes[r.nextInt(nodes.length)];
        Set<UUID> observed = new HashSet<>();
        int count = r.nextInt(4);
        for (int i = 0; i < count; i++) {
            observed.add(UUID.randomUUID());
        }
        CheckInAction action = observed.isEmpty() || r.nextBoolean() ? CheckInAction.CHECK_IN : CheckInAction.UNDO;
        return new CheckInOp(UUID.randomUUID(), r.nextBoolean() ? UUID.randomUUID() : null, UUID.randomUUID(),
                LocalDate.of(2026, 1, 1).plusDays(r.nextInt(2_000) - 1_000), action, observed,
                new Hlc(1_700_000_000_000L + r.nextInt(1_000_000) - 500_000, r.nextInt(70_000), node),
                r.nextBoolean() ? null : "door " + r.nextInt(50), r.nextBoolean() ? "Inès " + r.nextInt() : null,
                r.nextBoolean() ? (long) r.nextInt(Integer.MAX_VALUE) : null,
                r.nextBoolean() ? (long) r.nextInt() : null);
    }
}
