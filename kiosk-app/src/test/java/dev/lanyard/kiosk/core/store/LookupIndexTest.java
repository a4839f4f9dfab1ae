package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ticket and email indexes a first bootstrap drops for its bulk load (ADR 0311). */
class LookupIndexTest {
    @TempDir
    Path dir;

    @Test
    void lookupsWorkWhileTheIndexesAreDropped() {
        Event event = Seed.event(ReentryPolicy.WARN);
        Participant alice = Seed.participant(event.id(), "Alice", "Alice@Example.com", null, 1);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event),
                List.of(alice, Seed.participant(event.id(), "Bob", "bob@example.com", null, 2)));
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            replica.write(tx -> {
                ParticipantStore.dropLookupIndexes(tx);
                return null;
            });
            assertThat(indexes(replica)).doesNotContain("PARTICIPANT_TICKET", "PARTICIPANT_EMAIL");
            List<Participant> byTicket = replica.write(tx ->
                    ParticipantStore.byTicket(tx, ParticipantStore.ticketKey(alice.ticketCode())));
            List<Participant> byEmail = replica.write(tx -> ParticipantStore.byEmail(tx, event.id(),
                    "alice@example.COM"));
            assertThat(byTicket).containsExactly(alice);
            assertThat(byEmail).containsExactly(alice);
        }
    }

    @Test
    void openingAReplicaRebuildsIndexesAnInterruptedLoadLeftDropped() {
        Event event = Seed.event(ReentryPolicy.WARN);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event),
                List.of(Seed.participant(event.id(), "Alice", "a@example.com", null, 1)));
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            replica.write(tx -> {
                ParticipantStore.dropLookupIndexes(tx);
                return null;
            });
        }
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            assertThat(indexes(replica)).contains("PARTICIPANT_TICKET", "PARTICIPANT_EMAIL");
        }
    }

    static List<String> indexes(Replica replica) {
        List<String> names = replica.read(dsl -> dsl.fetch(
                "select index_name from information_schema.indexes where table_name = 'PARTICIPANT'")
                .getValues(0, String.class));
        return names;
    }
}
