package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Participant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A re-key leaves nothing under the old key only if it knows every sealed place the schema has. */
class ReplicaRekeyTest {
    @TempDir
    Path dir;

    @BeforeEach
    void pairedFolder() {
        Seed.folderWithOneEvent(dir);
    }

    @Test
    void everyBinaryColumnOfTheSchemaIsResealed() {
        List<String> binary;
        try (Replica replica = Seed.replica(dir)) {
            binary = replica.write(tx -> Jdbc.list(tx, "select lower(table_name) || '.' || lower(column_name)"
                    + " from information_schema.columns where table_schema = 'PUBLIC'"
                    + " and data_type = 'BINARY VARYING'", r -> r.getString(1)));
        }
        List<String> resealed = new ArrayList<>();
        ReplicaRekey.SEALED.forEach(c -> resealed.add(c.table() + "." + c.sealed()));
        resealed.add(ReplicaRekey.PARTICIPANT_BODY.table() + "." + ReplicaRekey.PARTICIPANT_BODY.sealed());

        assertThat(binary).isNotEmpty().containsExactlyInAnyOrderElementsOf(resealed);
    }

    /**
     * Rows were written back by H2's row key, which pages well but which H2 answers, in an UPDATE, by walking the
     * whole table: a re-key of 100,000 people took about a quarter of an hour. Found by a review.
     */
    @Test
    void theReKeyWritesEachRowWithoutWalkingItsTable() {
        try (Replica replica = Seed.replica(dir)) {
            UUID event = replica.write(tx -> Jdbc.first(tx, "select id from kiosk_event", r -> r.getObject(1,
                    UUID.class)));
            List<Participant> people = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                people.add(Seed.participant(event, "Person " + i, "p" + i + "@example.org", null, i));
            }
            String plan = replica.write(tx -> {
                people.forEach(p -> ParticipantStore.insert(tx, p));
                return Jdbc.first(tx, "explain analyze " + ReplicaRekey.PARTICIPANT_BODY.update(
                        ReplicaRekey.PARTICIPANT_SET), r -> r.getString(1), new byte[] {1}, 1L, 2L,
                        people.get(200).id());
            });

            java.util.regex.Matcher scanned = java.util.regex.Pattern.compile("scanCount: (\\d+)").matcher(plan);
            assertThat(scanned.find()).as(plan).isTrue();
            assertThat(Integer.parseInt(scanned.group(1))).as(plan).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aSettingOutsideTheSealedListIsNotStoredSealed() {
        try (Replica replica = Seed.replica(dir)) {
            assertThatThrownBy(() -> replica.write(tx -> {
                Settings.putSealed(tx, "some.new.secret", "value");
                return null;
            })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Settings.SEALED");
        }
    }
}
