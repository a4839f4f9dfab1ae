package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every op a door applies writes its participant-day's state row; the row goes into its key's B-trees and no
 * other (ADR 0327): what reads the states of an event scans the table of a kiosk's one or two events.
 */
class StateIndexTest {
    @TempDir
    Path dir;

    @Test
    void aStateRowIsKeptUnderItsKeyAlone() {
        Event event = Seed.event(ReentryPolicy.WARN);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event),
                List.of(Seed.participant(event.id(), "Alice", "a@example.com", null, 1)));
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            List<String> kinds = replica.read(dsl -> dsl.fetch("select index_type_name from information_schema.indexes"
                    + " where table_name = 'CHECKIN_STATE'").getValues(0, String.class));
            assertThat(kinds).containsExactly("PRIMARY KEY");
        }
    }
}
