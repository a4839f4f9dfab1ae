package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.support.Seed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<ReplicaRekey.Column> binary;
        try (Replica replica = Seed.replica(dir)) {
            binary = replica.write(tx -> Jdbc.list(tx, "select lower(table_name), lower(column_name)"
                    + " from information_schema.columns where table_schema = 'PUBLIC'"
                    + " and data_type = 'BINARY VARYING'", r -> new ReplicaRekey.Column(r.getString(1),
                    r.getString(2))));
        }
        List<ReplicaRekey.Column> resealed = new ArrayList<>(ReplicaRekey.SEALED);
        resealed.add(ReplicaRekey.PARTICIPANT_BODY);

        assertThat(binary).isNotEmpty().containsExactlyInAnyOrderElementsOf(resealed);
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
