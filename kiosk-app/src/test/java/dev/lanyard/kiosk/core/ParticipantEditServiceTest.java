package dev.lanyard.kiosk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParticipantEditServiceTest {
    @TempDir
    Path dir;
    Kiosk kiosk;
    Event event;
    Participant alice;

    @BeforeEach
    void open() {
        event = Seed.event(ReentryPolicy.WARN);
        alice = Seed.participant(event.id(), "Alice Kim", "alice@example.com", "Acme", 1);
        kiosk = Seed.kiosk(dir, event, List.of(alice));
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void anEditIsAStampedPatchAppliedHereAndQueued() {
        Map<String, String> fields = new HashMap<>();
        fields.put("company", "Hanbit");
        fields.put("phone", null);
        Participant edited = kiosk.edits().edit(event.id(), alice.id(), fields).join();
        assertThat(edited.company()).isEqualTo("Hanbit");
        assertThat(edited.stampOf("company").node()).isEqualTo(Seed.DEVICE);
        assertThat(edited.stampOf("company").isAfter(alice.stampOf("company"))).isTrue();
        Optional<Participant> stored = kiosk.replica().write(tx -> ParticipantStore.find(tx, alice.id()));
        assertThat(stored).contains(edited);
        int patches = kiosk.replica().write(tx -> OutboxStore.count(tx, OutboxStore.Kind.PATCH));
        assertThat(patches).isEqualTo(1);
        assertThat(kiosk.search().search(event.id(), "hanbit", null, 5).hits()).hasSize(1);
    }

    @Test
    void fieldsOwnedElsewhereCannotBeEdited() {
        assertThatThrownBy(() -> kiosk.edits().edit(event.id(), alice.id(), Map.of("ticketCode", "X")).join())
                .hasMessageContaining("fields.ticketCode cannot be edited at the door");
        // the server would refuse these from a door (FieldAuthority): they must not wait in the outbox to become dead
        // letters
        assertThatThrownBy(() -> kiosk.edits().edit(event.id(), alice.id(), Map.of("registrationStatus", "cancelled"))
                .join())
                .hasMessageContaining("fields.registrationStatus cannot be edited at the door");
        assertThatThrownBy(() -> kiosk.edits().edit(event.id(), alice.id(), Map.of("registrationNumber", "4")).join())
                .hasMessageContaining("fields.registrationNumber cannot be edited at the door");
        assertThatThrownBy(() -> kiosk.edits().edit(event.id(), alice.id(), Map.of("shoeSize", "X")).join())
                .hasMessageContaining("fields.shoeSize is not a participant field");
        int outbox = kiosk.replica().write(tx -> OutboxStore.count(tx));
        assertThat(outbox).isZero();
    }
}
