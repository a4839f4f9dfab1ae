package dev.lanyard.model.merge;

import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.clock.Hlc;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** Terse op construction for merge tests. */
final class Ops {
    static final UUID EVENT = UUID.fromString("00000000-0000-7000-8000-000000000001");
    static final UUID ALICE = UUID.fromString("00000000-0000-7000-8000-0000000000a1");
    static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    private Ops() {
    }

    static CheckInOp checkIn(String id, Hlc hlc, String... observed) {
        return op(id, CheckInAction.CHECK_IN, hlc, observed);
    }

    static CheckInOp undo(String id, Hlc hlc, String... observed) {
        return op(id, CheckInAction.UNDO, hlc, observed);
    }

    static Hlc at(long wall, String node) {
        return new Hlc(wall, 0, node);
    }

    static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static CheckInOp op(String id, CheckInAction action, Hlc hlc, String... observed) {
        Set<UUID> seen = new java.util.HashSet<>();
        for (String o : observed) {
            seen.add(id(o));
        }
        return new CheckInOp(id(id), EVENT, ALICE, DAY, action, seen, hlc, null, "staff", null);
    }
}
