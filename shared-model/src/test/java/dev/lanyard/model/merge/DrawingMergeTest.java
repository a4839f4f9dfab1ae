package dev.lanyard.model.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.DrawingWinner;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.clock.Hlc;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DrawingMergeTest {
    private static final UUID ANONYMIZED = Ids.newId();
    private static final UUID OTHER = Ids.newId();

    private static PrizeDrawing drawing(Hlc hlc, List<DrawingWinner> winners) {
        return new PrizeDrawing(UUID.fromString("00000000-0000-7000-8000-0000000000d1"), null, "Bike",
                DrawingPool.CHECKED_IN, false,
                null, winners, "olga", Instant.parse("2026-05-20T10:00:00Z"), false, hlc, null);
    }

    @Test
    void laterVersionWins() {
        PrizeDrawing first = drawing(new Hlc(1_000, 0, "door-1"), List.of());
        PrizeDrawing confirmed = first.confirmedAt(new Hlc(2_000, 0, "door-1"));

        assertThat(DrawingMerge.newer(first, confirmed)).isSameAs(confirmed);
        assertThat(DrawingMerge.newer(confirmed, first)).isSameAs(confirmed);
    }

    @Test
    void winnersWhoseParticipantIsAnonymizedLoseTheirNameOnly() {
        PrizeDrawing drawn = drawing(new Hlc(1_000, 0, "door-1"),
                List.of(new DrawingWinner(ANONYMIZED, "Hong Gildong", 7), new DrawingWinner(OTHER, "Kim Minji", 8)));

        PrizeDrawing served = DrawingMerge.withoutNamesOf(drawn, Set.of(ANONYMIZED)::contains);

        assertThat(served.winners()).containsExactly(new DrawingWinner(ANONYMIZED, Participant.ANONYMIZED_NAME, 7),
                new DrawingWinner(OTHER, "Kim Minji", 8));
        assertThat(served.hlc()).isEqualTo(drawn.hlc());
        assertThat(DrawingMerge.withoutNamesOf(served, Set.of(ANONYMIZED)::contains)).isSameAs(served);
        assertThat(DrawingMerge.withoutNamesOf(drawn, Set.of()::contains)).isSameAs(drawn);
    }
}
