package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.ParticipantView;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An organizer merging duplicates by hand: check-in state is derived one merge deep (a participant and the records
 * merged into it), so a merge that would make a chain, or a loop, is refused; before, a chain lost the check-ins of
 * the record at its far end and a participant merged into itself dropped out of every count. Found by a review.
 */
class OrganizerMergeTest {
    @TempDir
    Path dir;

    private static String path(Fixture f, UUID id) {
        return f.eventPath() + "/participants/" + id;
    }

    @Test
    void aParticipantCannotBeMergedIntoItself() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim")).id();

            var res = f.organizer.patch(path(f, kim), Map.of("mergedInto", kim.toString()));

            assertThat(res.status()).isEqualTo(400);
            assertThat(res.body()).contains("itself");
            assertThat(f.organizer.get(f.eventPath() + "/participants").json().path("participants")).hasSize(1);
        }
    }

    @Test
    void aParticipantOthersAreMergedIntoIsNotMergedOnward() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID kim = f.server.admin().addParticipant(f.event.id(),
                    Map.of("name", "Kim", "email", "kim@example.org")).id();
            UUID other = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim Again")).id();
            UUID walkIn = Ids.newId();
            ParticipantPatch create = ParticipantPatch.of(null, walkIn, Map.of("name", "Kim W.", "email",
                    "KIM@example.org", "ticketCode", "W-1", "source", "walk_in"), new Hlc(1_000, 0, "door-1"));
            f.operator.post(f.eventPath() + "/ops", new PushRequest(null, List.of(Fixture.checkIn(walkIn,
                    Fixture.DAY1, Set.of(), new Hlc(1_001, 0, "door-1"))), List.of(create), null, null));

            var res = f.organizer.patch(path(f, kim), Map.of("mergedInto", other.toString()));

            assertThat(res.status()).isEqualTo(400);
            assertThat(res.body()).contains("merged into it");
            assertThat(f.organizer.get(path(f, kim)).as(ParticipantView.class).checkIns().get(Fixture.DAY1)
                    .checkedIn()).isTrue();
        }
    }

    @Test
    void aParticipantIsNotMergedIntoOneThatIsItselfMerged() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim")).id();
            UUID lee = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Lee")).id();
            UUID park = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Park")).id();
            assertThat(f.organizer.patch(path(f, lee), Map.of("mergedInto", kim.toString())).status())
                    .isEqualTo(200);

            var res = f.organizer.patch(path(f, park), Map.of("mergedInto", lee.toString()));

            assertThat(res.status()).isEqualTo(400);
            assertThat(res.body()).contains(kim.toString());
        }
    }

    @Test
    void aParticipantIsNotMergedIntoSomeoneOfAnotherEventOrNobody() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim")).id();
            var other = f.server.admin().createEvent(Fixture.eventInput("Other"), "olga");
            UUID stranger = f.server.admin().addParticipant(other.id(), Map.of("name", "Lee")).id();

            assertThat(f.organizer.patch(path(f, kim), Map.of("mergedInto", stranger.toString())).status())
                    .isEqualTo(400);
            assertThat(f.organizer.patch(path(f, kim), Map.of("mergedInto", Ids.newId().toString())).status())
                    .isEqualTo(400);
        }
    }
}
