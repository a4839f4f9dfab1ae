package dev.lanyard.kiosk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.checkin.WalkIn;
import dev.lanyard.kiosk.core.checkin.WalkInService;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.FormField;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkInServiceTest {
    @TempDir
    Path dir;
    Kiosk kiosk;
    Event event;
    Participant alice;

    @BeforeEach
    void open() {
        event = Seed.event(ReentryPolicy.WARN, new FormField("tshirt", "T-shirt size", "choice", true,
                List.of("S", "M", "L")));
        alice = Seed.participant(event.id(), "Alice Kim", "alice@example.com", "Acme", 1);
        kiosk = Seed.kiosk(dir, event, List.of(alice));
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void aWalkInIsANewParticipantWithItsOwnIdAndTicketWrittenAsOnePatch() {
        WalkInService.Result result = kiosk.walkIns().register(event.id(),
                new WalkIn(" Bora Lee ", "bora@example.com", "010-1234-5678", "Hanbit", Map.of("tshirt", "M")), false,
                null).join();
        Participant p = result.participant();
        assertThat(p.name()).isEqualTo("Bora Lee");
        assertThat(p.source()).isEqualTo(ParticipantSource.WALK_IN);
        assertThat(TicketCodes.isValid(p.ticketCode())).isTrue();
        assertThat(p.customAnswers()).containsEntry("tshirt", "M");
        assertThat(p.stampOf("name").node()).isEqualTo(Seed.DEVICE);
        List<OutboxStore.Item> outbox = kiosk.replica().write(tx -> OutboxStore.oldest(tx, event.id(), 10));
        assertThat(outbox).hasSize(1);
        ParticipantPatch patch = Json.read(outbox.get(0).body(), ParticipantPatch.class);
        assertThat(patch.participantId()).isEqualTo(p.id());
        assertThat(patch.creates()).isTrue();
        assertThat(patch.fields()).containsEntry("source", "walk_in").containsEntry("ticketCode", p.ticketCode());
        assertThat(kiosk.search().search(event.id(), "bora", null, 10).hits()).extracting(h -> h.participantId())
                .containsExactly(p.id());
    }

    @Test
    void theNewTicketScansRightAway() {
        Participant p = kiosk.walkIns().register(event.id(),
                new WalkIn("Bora", null, null, null, Map.of("tshirt", "S")), false, null)
                .join().participant();
        assertThat(kiosk.checkIns().scan(event.id(), p.ticketCode(), null).join().outcome())
                .isEqualTo(ScanOutcome.ADMITTED);
    }

    @Test
    void registeringCanAdmitAtOnce() {
        WalkInService.Result result = kiosk.walkIns().register(event.id(),
                new WalkIn("Bora", null, null, null, Map.of("tshirt", "L")),
                true, null).join();
        assertThat(result.admission().outcome()).isEqualTo(ScanOutcome.ADMITTED);
    }

    @Test
    void anEmailAlreadyRegisteredIsPointedOutButNotRefused() {
        WalkInService.Result result = kiosk.walkIns().register(event.id(),
                new WalkIn("Alice K.", "ALICE@example.com", null, null, Map.of("tshirt", "M")), false, null).join();
        assertThat(result.sameEmail()).extracting(Participant::id).containsExactly(alice.id());
        assertThat(result.participant().id()).isNotEqualTo(alice.id());
    }

    @Test
    void aMissingRequiredAnswerIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> kiosk.walkIns().register(event.id(), new WalkIn("Bora", null, null, null, Map.of()),
                false, null).join())
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("answers.tshirt (T-shirt size) is required");
        assertThatThrownBy(() -> kiosk.walkIns().register(event.id(),
                new WalkIn("Bora", null, null, null, Map.of("tshirt", "XXL")), false, null).join())
                .hasMessageContaining("answers.tshirt must be one of [S, M, L]");
        assertThatThrownBy(() -> kiosk.walkIns().register(event.id(),
                new WalkIn(" ", null, null, null, Map.of("tshirt", "M")), false, null).join())
                .hasMessageContaining("fields.name");
        assertThatThrownBy(() -> kiosk.walkIns().register(event.id(),
                new WalkIn("Bora", "not-an-email", null, null, Map.of("tshirt", "M")), false, null).join())
                .hasMessageContaining("fields.email is not an email address");
        int outbox = kiosk.replica().write(tx -> OutboxStore.count(tx));
        assertThat(outbox).isZero();
    }
}
