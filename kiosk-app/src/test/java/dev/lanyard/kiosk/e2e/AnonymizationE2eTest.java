package dev.lanyard.kiosk.e2e;

import static dev.lanyard.server.db.jooq.Tables.PRIZE_DRAWING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.drawing.DrawRequest;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.DrawingWinner;
import dev.lanyard.model.Participant;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anonymization against the real sync-server in this JVM: a door's offline work cannot undo it. */
class AnonymizationE2eTest {
    @TempDir
    Path tmp;
    LiveServer live;
    Kiosk door;

    @AfterEach
    void stop() {
        if (door != null) {
            door.close();
        }
        if (live != null) {
            live.close();
        }
    }

    @Test
    void anOfflineEditAndDrawingSentAfterTheAnonymizationArrivedLeaveNoNameOnTheKioskOrTheServer() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        Participant guest = live.add("Hong Gildong", "hong@example.org", "Secret Co");
        // its clock runs ahead, so its offline edit is stamped after the server's anonymization
        door = live.paired(tmp.resolve("door"), "Door", Clock.offset(Clock.systemUTC(), Duration.ofMinutes(30)));
        door.edits().edit(live.event.id(), guest.id(), Map.of("name", "Hong Gildong (VIP)", "company",
                "Secret Co Korea")).join();
        PrizeDrawing drawn = door.drawings().draw(live.event.id(),
                new DrawRequest("Bike", DrawingPool.ALL, false, null, 1, "olga")).join();
        assertThat(drawn.winners()).extracting(DrawingWinner::name).containsExactly("Hong Gildong (VIP)");

        live.server.admin().anonymizeParticipant(live.event.id(), guest.id());
        // pulls the feed only: the edit and the drawing are still in the outbox
        door.sync().bootstrap(live.event.id(), p -> { });
        assertThat(Replicas.unsent(door)).isEqualTo(2);

        Participant here = Replicas.participants(door, live.event.id()).get(guest.id());
        assertThat(here.name()).isEqualTo(Participant.ANONYMIZED_NAME);
        assertThat(here.hasPersonalData()).isFalse();
        assertThat(door.drawings().drawings(live.event.id()).join()).singleElement()
                .satisfies(d -> assertThat(d.winners()).extracting(DrawingWinner::name)
                .containsExactly(Participant.ANONYMIZED_NAME));

        door.sync().syncUntilIdle();

        assertThat(Replicas.pending(door)).isZero();
        Participant there = live.participants().get(guest.id());
        assertThat(there.name()).isEqualTo(Participant.ANONYMIZED_NAME);
        assertThat(there.hasPersonalData()).isFalse();
        assertThat(Replicas.participants(door, live.event.id())).isEqualTo(live.participants());
        PrizeDrawing served = Json.read(live.server.database().dsl().select(PRIZE_DRAWING.BODY).from(PRIZE_DRAWING)
                .where(PRIZE_DRAWING.DRAWING_ID.eq(drawn.drawingId())).fetchOne(PRIZE_DRAWING.BODY),
                PrizeDrawing.class);
        assertThat(served.winners()).extracting(DrawingWinner::name).containsExactly(Participant.ANONYMIZED_NAME);
        assertThat(door.drawings().drawings(live.event.id()).join()).containsExactly(served);
    }
}
