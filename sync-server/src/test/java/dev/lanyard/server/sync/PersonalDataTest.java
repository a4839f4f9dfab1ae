package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.ParticipantView;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anonymizing and retention purges remove identity from the current state and from the feed's history. */
class PersonalDataTest {
    @TempDir
    Path dir;

    @Test
    void anonymizedParticipantKeepsCheckInsAndLeavesNoTraceInTheFeedFromZero() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID id = Ids.newId();
            ParticipantPatch create = ParticipantPatch.of(null, id, Map.of("name", "Hong Gildong", "email", "hong@example.org",
                    "ticketCode", "T-HONG"), new Hlc(1_000, 0, "door-1"));
            ParticipantPatch edit = ParticipantPatch.of(null, id, Map.of("company", "Secret Co"), new Hlc(2_000, 0, "door-1"));
            PushRequest push = new PushRequest(null, List.of(Fixture.checkIn(id, Fixture.DAY1, Set.of(), new Hlc(3_000, 0, "door-1"))),
                    List.of(create, edit), null, null);
            PushResponse firstAnswer = f.operator.post(f.eventPath() + "/ops", push).as(PushResponse.class);

            assertThat(f.organizer.post(f.eventPath() + "/participants/" + id + "/anonymize", null).status()).isEqualTo(200);

            String feed = f.operator.get(f.eventPath() + "/changes?after=0&limit=1000").body();
            assertThat(feed).doesNotContain("Hong Gildong").doesNotContain("hong@example.org").doesNotContain("Secret Co");
            ParticipantView view = f.operator.get(f.eventPath() + "/participants/" + id).as(ParticipantView.class);
            assertThat(view.participant().name()).isEqualTo(PersonalData.ANONYMIZED_NAME);
            assertThat(view.checkIns().get(Fixture.DAY1).checkedIn()).isTrue();
            PushResponse retry = f.operator.post(f.eventPath() + "/ops", push).as(PushResponse.class);
            // a scrubbed patch can no longer be compared with its retry; it is answered as it was first
            assertThat(retry.results()).isEqualTo(firstAnswer.results());
            assertThat(f.server.admin().event(f.event.id())).isNotNull();
        }
    }

    @Test
    void eventsPastRetentionArePurgedAndOthersAreNot() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            LocalDate past = LocalDate.now().minusDays(30);
            Event old = f.server.admin().createEvent(new EventInput("Old", null, null, past, past, ZoneId.of("UTC"), null, null, null,
                    null, null, null, null, 7), "olga");
            Event kept = f.server.admin().createEvent(new EventInput("Kept", null, null, past, past, ZoneId.of("UTC"), null, null, null,
                    null, null, null, null, 365), "olga");
            f.server.admin().addParticipant(old.id(), Map.of("name", "Old Person", "email", "old@example.org"));
            f.server.admin().addParticipant(kept.id(), Map.of("name", "Kept Person", "email", "kept@example.org"));
            f.operator.post("/api/v1/events/" + old.id() + "/ops", new PushRequest(null, null, null, null, List.of(new ScanAttempt(
                    Ids.newId(), null, null, "CODE", past, ScanOutcome.UNKNOWN_CODE, null, "door", null, Instant.now()))));

            var purged = f.server.admin().purgeExpired();

            assertThat(purged).extracting(PersonalData.Purged::eventId).containsExactly(old.id());
            assertThat(f.admin.get("/api/v1/events/" + old.id() + "/changes?after=0").body()).doesNotContain("Old Person").doesNotContain("old@example.org");
            assertThat(f.admin.get("/api/v1/events/" + kept.id() + "/changes?after=0").body()).contains("Kept Person");
            assertThat(f.server.admin().purgeExpired()).isEmpty(); // once is enough
        }
    }
}
