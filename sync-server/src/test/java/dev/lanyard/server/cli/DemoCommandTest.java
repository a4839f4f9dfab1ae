package dev.lanyard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.model.Event;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.server.demo.DemoAttendees;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's event and guest list, made through the real admin service and CSV import. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void generatedGuestsAreVariedAndUnique() {
        List<DemoAttendees.Attendee> people = DemoAttendees.generate(2_000, 1);

        Set<String> emails = new HashSet<>();
        people.forEach(p -> assertThat(emails.add(p.email())).as(p.email()).isTrue());
        assertThat(people).anySatisfy(p -> assertThat(p.name()).matches("\\p{IsHangul}+"));
        assertThat(people).anySatisfy(p -> assertThat(p.name()).matches("[\\p{IsLatin} ']+"));
        assertThat(people).allSatisfy(p -> assertThat(TicketCodes.isValid(p.ticketCode())).isTrue());
    }

    @Test
    void firstStartCreatesTheEventAndLaterStartsReuseIt() throws Exception {
        try (LanyardServer server = new LanyardServer(ServerConfig.builder(dir).port(0).build()).start()) {
            ObjectNode first = DemoCommand.prepare(server, dir.resolve("demo.json"), 300);
            ObjectNode second = DemoCommand.prepare(server, dir.resolve("demo.json"), 300);

            assertThat(first.get("imported").asInt()).isEqualTo(300);
            assertThat(second.get("eventId")).isEqualTo(first.get("eventId"));
            assertThat(second.get("pairingCode")).isNotEqualTo(first.get("pairingCode"));
            assertThat(second.get("url").asText()).isEqualTo(server.baseUrl());
            Event event = server.admin().event(UUID.fromString(first.get("eventId").asText()));
            assertThat(event.hasCheckInOn(LocalDate.now(event.timezone()))).isTrue();
            assertThat(first.withArray("sampleTickets")).hasSize(6);
        }
    }
}
