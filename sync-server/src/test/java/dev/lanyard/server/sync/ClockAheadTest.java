package dev.lanyard.server.sync;

import static dev.lanyard.server.support.Fixture.DAY1;
import static dev.lanyard.server.support.Fixture.DAY2;
import static dev.lanyard.server.support.Fixture.checkIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.PairedDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stamps from wrong or hostile clocks against a real server. */
class ClockAheadTest {
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    @TempDir
    Path dir;

    private static OpResult pushOne(PairedDevice device, Fixture f, dev.lanyard.model.CheckInOp op) {
        var res = device.api().post(f.eventPath() + "/ops", PushRequest.ofOps(device.node(), List.of(op)));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.as(PushResponse.class).results().get(0);
    }

    @Test
    void aStampWithTheLargestCounterPoisonsNoLaterPush() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID p = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim")).id();
            PairedDevice hostile = PairedDevice.pair(f, "Door 1");
            PairedDevice honest = PairedDevice.pair(f, "Door 2");
            long now = System.currentTimeMillis();

            hostile.api().post(f.eventPath() + "/ops", PushRequest.ofOps(hostile.node(),
                    List.of(checkIn(p, DAY1, Set.of(), new Hlc(now + 30 * MINUTE, Integer.MAX_VALUE, hostile.node())))));
            hostile.api().post(f.eventPath() + "/ops", PushRequest.ofOps(hostile.node(),
                    List.of(checkIn(p, DAY1, Set.of(), new Hlc(now + MINUTE, Integer.MAX_VALUE, hostile.node())))));

            assertThat(pushOne(honest, f, checkIn(p, DAY2, Set.of(), new Hlc(System.currentTimeMillis(), 0, honest.node()))).status())
                    .isEqualTo(OpStatus.ACCEPTED);
            assertThat(pushOne(hostile, f, checkIn(p, DAY2, Set.of(), new Hlc(System.currentTimeMillis(), 3, hostile.node()))).status())
                    .isEqualTo(OpStatus.ACCEPTED);
        }
    }
}
