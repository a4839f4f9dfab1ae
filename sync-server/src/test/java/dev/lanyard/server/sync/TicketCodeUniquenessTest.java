package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;
import static dev.lanyard.server.support.Fixture.DAY1;
import static dev.lanyard.server.support.Fixture.checkIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.ImportResult;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.PostgresSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A ticket code admits one person: it is unique within its event, in the database and on every write path. */
class TicketCodeUniquenessTest {
    @TempDir
    Path dir;

    private static Map<String, String> walkIn(String name, String code) {
        return Map.of("name", name, "ticketCode", code, "source", "walk_in", "registrationStatus", "registered");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theDatabaseHoldsOneParticipantPerCodeAndEvent(Backend backend) {
        try (Fixture f = new Fixture(backend, dir)) {
            Participant kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim"));
            Event other = f.server.admin().createEvent(Fixture.eventInput("Other"), "olga");
            var dsl = f.server.database().dsl();

            assertThatThrownBy(() -> dsl.insertInto(PARTICIPANT).set(PARTICIPANT.ID, Ids.newId())
                    .set(PARTICIPANT.EVENT_ID, f.event.id())
                    .set(PARTICIPANT.TICKET_CODE, kim.ticketCode()).set(PARTICIPANT.BODY, "{}")
                    .set(PARTICIPANT.UPDATED_SEQ, 0L).execute())
                    .isInstanceOf(DataAccessException.class);
            dsl.insertInto(PARTICIPANT).set(PARTICIPANT.ID, Ids.newId()).set(PARTICIPANT.EVENT_ID, other.id())
                    .set(PARTICIPANT.TICKET_CODE, kim.ticketCode()).set(PARTICIPANT.BODY, "{}")
                    .set(PARTICIPANT.UPDATED_SEQ, 0L).execute();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDatabaseWhoseParticipantsAlreadyShareACodeStillUpgrades(Backend backend) throws Exception {
        PostgresSupport.Connection_ db = backend == Backend.POSTGRES ? PostgresSupport.freshDatabase()
                : new PostgresSupport.Connection_("jdbc:h2:file:" + dir.resolve("old") + ";WRITE_DELAY=0", null, null);
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).target("1").load().migrate();
        UUID event = Ids.newId();
        UUID first = new UUID(0, 1);
        UUID second = new UUID(0, 2);
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            for (UUID id : List.of(second, first)) {
                try (PreparedStatement insert = c.prepareStatement(
                        "insert into participant (id, event_id, ticket_code, body, updated_seq) values (?, ?, "
                        + "'SHARED', '{}', 1)")) {
                    insert.setObject(1, id);
                    insert.setObject(2, event);
                    insert.executeUpdate();
                }
            }
        }

        try (Database upgraded = new Database(db.url(), db.user(), db.password(), 2)) {
            assertThat(upgraded.dsl().select(PARTICIPANT.ID, PARTICIPANT.TICKET_CODE).from(PARTICIPANT)
                    .orderBy(PARTICIPANT.ID).fetch()
                    .map(r -> r.value1() + "=" + r.value2())).containsExactly(first + "=SHARED", second + "=null");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWalkInWithACodeAlreadyUsedIsRejectedAndTheRestOfItsBatchGoesIn(Backend backend) {
        try (Fixture f = new Fixture(backend, dir)) {
            Participant kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim"));
            Fixture.PairedDevice door = f.pairDevice();
            Hlc stamp = new Hlc(System.currentTimeMillis(), 0, door.id().toString());
            ParticipantPatch copycat = ParticipantPatch.of(null, Ids.newId(), walkIn("Copycat", kim.ticketCode()),
                    stamp);
            ParticipantPatch fine = ParticipantPatch.of(null, Ids.newId(), walkIn("Park", TicketCodes.generate()),
                    stamp);
            PushRequest batch = new PushRequest(door.id().toString(),
                    List.of(checkIn(kim.id(), DAY1, Set.of(), stamp)), List.of(copycat, fine), null, null);

            Api.Res res = door.api().post(f.eventPath() + "/ops", batch);

            assertThat(res.status()).as(res.body()).isEqualTo(200);
            List<OpResult> results = res.as(PushResponse.class).results();
            assertThat(results).extracting(OpResult::status).containsExactly(OpStatus.ACCEPTED, OpStatus.REJECTED,
                    OpStatus.ACCEPTED);
            assertThat(results.get(1).reason()).isEqualTo("fields.ticketCode: " + kim.ticketCode()
                    + " already belongs to another participant of this event");
            assertThat(f.organizer.get(f.eventPath() + "/participants/" + copycat.participantId()).status())
                    .isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theOrganizerCannotGiveOneParticipantAnothersCode(Backend backend) {
        try (Fixture f = new Fixture(backend, dir)) {
            Participant kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim"));
            Participant lee = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Lee"));

            Api.Res res = f.organizer.patch(f.eventPath() + "/participants/" + lee.id(),
                    Map.of("ticketCode", kim.ticketCode()));

            assertThat(res.status()).isEqualTo(400);
            assertThat(res.json().get("message").asText()).contains("already belongs to another participant");
            assertThat(f.organizer.patch(f.eventPath() + "/participants/" + lee.id(), Map.of("ticketCode", "LEE-NEW"))
                    .status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anImportRowWithAUsedCodeIsALineError(Backend backend) {
        try (Fixture f = new Fixture(backend, dir)) {
            Participant kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim"));
            String csv = "name,ticket\nPark,P-1\nCopycat," + kim.ticketCode() + "\nSecond P,P-1\n";

            ImportResult result = f.organizer.postBytes(f.eventPath() + "/participants/import",
                    csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                    .as(ImportResult.class);

            assertThat(result.imported()).isEqualTo(1);
            assertThat(result.errors()).extracting(ImportResult.LineError::line).containsExactly(3L, 4L);
            assertThat(result.errors()).allSatisfy(e -> assertThat(e.message())
                    .contains("already belongs to another participant"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void twoEventsMayUseTheSameCode(Backend backend) {
        try (Fixture f = new Fixture(backend, dir)) {
            Participant kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim"));
            Event other = f.server.admin().createEvent(Fixture.eventInput("Other"), "olga");
            UUID twin = f.server.admin().addParticipant(other.id(),
                    Map.of("name", "Kim", "ticketCode", kim.ticketCode())).id();

            assertThat(f.organizer.get("/api/v1/events/" + other.id() + "/participants/" + twin).json()
                    .get("ticketCode").asText())
                    .isEqualTo(kim.ticketCode());
        }
    }
}
