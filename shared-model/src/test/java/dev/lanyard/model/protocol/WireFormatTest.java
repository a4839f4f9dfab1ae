package dev.lanyard.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.RegistrationStatus;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.InvalidMessageException;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.CheckInState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JSON shapes of the API contract in docs/protocol.md, byte for byte where it matters. */
class WireFormatTest {
    private static final UUID OP = UUID.fromString("0190d1a4-0000-7000-8000-000000000001");
    private static final UUID SEEN = UUID.fromString("0190d1a4-0000-7000-8000-000000000002");
    private static final UUID PERSON = UUID.fromString("0190d1a4-0000-7000-8000-0000000000aa");

    private static final String CONTRACT_OP = """
            {"opId":"0190d1a4-0000-7000-8000-000000000001","participantId":"0190d1a4-0000-7000-8000-0000000000aa",
             "day":"2026-11-25","action":"UNDO","observed":["0190d1a4-0000-7000-8000-000000000002"],
             "hlc":{"wall":1795000000000,"counter":3,"node":"door-2"}}""";

    @Test
    void readsAnOpAsTheContractSpellsIt() {
        CheckInOp op = Json.read(CONTRACT_OP, CheckInOp.class);

        assertThat(op.opId()).isEqualTo(OP);
        assertThat(op.participantId()).isEqualTo(PERSON);
        assertThat(op.day()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(op.action()).isEqualTo(CheckInAction.UNDO);
        assertThat(op.observed()).containsExactly(SEEN);
        assertThat(op.hlc()).isEqualTo(new Hlc(1_795_000_000_000L, 3, "door-2"));
        assertThat(op.deviceId()).isEqualTo("door-2");
        assertThat(op.eventId()).isNull();
    }

    @Test
    void writesAnOpWithTheContractFieldNames() {
        CheckInOp op = Json.read(CONTRACT_OP, CheckInOp.class);
        JsonNode json = Json.mapper().valueToTree(op);

        assertThat(json.get("opId").asText()).isEqualTo(OP.toString());
        assertThat(json.get("day").asText()).isEqualTo("2026-11-25");
        assertThat(json.get("action").asText()).isEqualTo("UNDO");
        assertThat(json.get("hlc").get("wall").asLong()).isEqualTo(1_795_000_000_000L);
        assertThat(json.get("hlc").get("node").asText()).isEqualTo("door-2");
        assertThat(json.has("seq")).isFalse();
        assertThat(json.has("clockCorrectedMs")).isFalse();
        assertThat(Json.read(Json.write(op), CheckInOp.class)).isEqualTo(op);
    }

    @Test
    void anOpReStampedFromAWrongClockSaysByHowMuchItsTimeWasMoved() {
        CheckInOp op = Json.read(CONTRACT_OP, CheckInOp.class)
                .restamped(new Hlc(1_795_000_000_000L - 3_600_000, 0, "door-2"));

        JsonNode json = Json.mapper().valueToTree(op);

        assertThat(json.get("opId").asText()).isEqualTo(OP.toString());
        assertThat(json.get("hlc").get("wall").asLong()).isEqualTo(1_795_000_000_000L - 3_600_000);
        assertThat(json.get("clockCorrectedMs").asLong()).isEqualTo(-3_600_000L);
        assertThat(Json.read(Json.write(op), CheckInOp.class)).isEqualTo(op);
        assertThat(op.restamped(new Hlc(1_795_000_000_000L - 3_000_000, 0, "door-2")).clockCorrectedMs())
                .isEqualTo(-3_000_000L);
    }

    @Test
    void toleratesFieldsItDoesNotKnow() {
        String newer = CONTRACT_OP.replace("\"day\"", "\"geo\":{\"lat\":37.5},\"day\"");

        assertThat(Json.read(newer, CheckInOp.class).opId()).isEqualTo(OP);
    }

    @Test
    void rejectsAnInvalidValueNamingTheField() {
        assertThatThrownBy(() -> Json.read(CONTRACT_OP.replace("\"UNDO\"", "\"MAYBE\""), CheckInOp.class))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("action").hasMessageContaining("CHECK_IN, UNDO");
        assertThatThrownBy(() -> Json.read(CONTRACT_OP.replace("1795000000000", "\"soon\""), CheckInOp.class))
                .hasMessageContaining("hlc.wall");
        assertThatThrownBy(() -> Json.read(CONTRACT_OP.replace("2026-11-25", "25/11/2026"), CheckInOp.class))
                .hasMessageContaining("day");
        assertThatThrownBy(() -> Json.read(CONTRACT_OP.replace("\"opId\":\"0190d1a4-0000-7000-8000-000000000001\",",
                ""), CheckInOp.class))
                .hasMessageContaining("opId is required");
    }

    @Test
    void pathOfAnErrorInsideABatchNamesTheItem() {
        String batch = "{\"deviceId\":\"door-2\",\"ops\":[" + CONTRACT_OP + ","
                + CONTRACT_OP.replace("\"observed\":[\"0190d1a4-0000-7000-8000-000000000002\"],", "") + "]}";

        assertThatThrownBy(() -> Json.read(batch, PushRequest.class))
                .hasMessageStartingWith("ops[1]")
                .hasMessageContaining("observed must name the check-ins an UNDO cancels");
    }

    @Test
    void malformedJsonSaysSo() {
        assertThatThrownBy(() -> Json.read("{\"opId\":", CheckInOp.class)).hasMessageStartingWith("malformed JSON");
    }

    @Test
    void pushResultsUseLowerCaseStatuses() {
        PushResponse response = new PushResponse(List.of(OpResult.accepted(OP, 41), OpResult.duplicate(SEEN, 7),
                OpResult.rejected(PERSON, "participant not in this event"),
                OpResult.clockAhead(SEEN, 1_700_000_000_000L)));

        assertThat(Json.write(response)).isEqualTo("{\"results\":["
                + "{\"opId\":\"" + OP + "\",\"status\":\"accepted\",\"seq\":41},"
                + "{\"opId\":\"" + SEEN + "\",\"status\":\"duplicate\",\"seq\":7},"
                + "{\"opId\":\"" + PERSON + "\",\"status\":\"rejected\",\"reason\":\"participant not in this event\"},"
                + "{\"opId\":\"" + SEEN
                + "\",\"status\":\"rejected\",\"reason\":\"clock_ahead\",\"serverTime\":1700000000000}]}");
        assertThat(Json.read(Json.write(response), PushResponse.class)).isEqualTo(response);
    }

    @Test
    void changeFeedPageCarriesTypedData() {
        CheckInOp op = Json.read(CONTRACT_OP, CheckInOp.class).withSeq(12);
        Participant person = new Participant(PERSON, Ids.newId(), "홍길동", "hong@example.kr", null, "Lanyard", null, 1,
                "7K3MQ9XD2RTABG", RegistrationStatus.REGISTERED, null, null, Map.of("name", new Hlc(5, 0, "server")));
        ChangesPage page = new ChangesPage(List.of(Change.of(11, person), Change.of(12, op)), 12, false);

        JsonNode json = Json.mapper().valueToTree(page);
        assertThat(json.get("lastSeq").asLong()).isEqualTo(12);
        assertThat(json.get("hasMore").asBoolean()).isFalse();
        JsonNode first = json.get("changes").get(0);
        assertThat(first.get("type").asText()).isEqualTo("participant");
        assertThat(first.get("data").get("ticketCode").asText()).isEqualTo("7K3MQ9XD2RTABG");
        assertThat(first.get("data").get("registrationStatus").asText()).isEqualTo("registered");
        assertThat(json.get("changes").get(1).get("type").asText()).isEqualTo("checkin_op");

        ChangesPage back = Json.read(Json.write(page), ChangesPage.class);
        assertThat(back.changes().get(0).value()).isEqualTo(person);
        assertThat(back.changes().get(1).value()).isEqualTo(op);
        assertThat(json.has("headSeq")).isFalse();
        assertThat(back.headSeq()).isNull();
    }

    @Test
    void anonymizationTravelsAsAStampOfItsOwnRegister() {
        Participant person = new Participant(PERSON, Ids.newId(), Participant.ANONYMIZED_NAME, null, null, null, null,
                1, "7K3MQ9XD2RTABG",
                null, null, null, Map.of("anonymized", new Hlc(9, 0, "server"), "name", new Hlc(9, 0, "server")));

        JsonNode json = Json.mapper().valueToTree(person);
        assertThat(json.get("stamps").get("anonymized").get("node").asText()).isEqualTo("server");
        assertThat(json.has("anonymized")).isFalse();
        assertThat(json.has("hasPersonalData")).isFalse();
        Participant back = Json.read(Json.write(person), Participant.class);
        assertThat(back).isEqualTo(person);
        assertThat(back.anonymized()).isTrue();
    }

    @Test
    void changesPageCarriesTheHeadSeqForProgress() {
        ChangesPage page = new ChangesPage(List.of(), 12, true, 40_000L);

        JsonNode json = Json.mapper().valueToTree(page);
        assertThat(json.get("headSeq").asLong()).isEqualTo(40_000);
        assertThat(Json.read("{\"changes\":[],\"lastSeq\":12,\"hasMore\":true,\"headSeq\":40000}", ChangesPage.class))
                .isEqualTo(page);
    }

    @Test
    void webSocketEnvelopesAreToldApartByType() {
        UUID event = Ids.newId();
        assertThat(Json.read("{\"type\":\"auth\",\"token\":\"abc\"}", WsMessage.class))
                .isEqualTo(new WsMessage.Auth("abc"));
        assertThat(Json.read("{\"type\":\"subscribe\",\"eventId\":\"" + event + "\",\"afterSeq\":40}", WsMessage.class))
                .isEqualTo(new WsMessage.Subscribe(event, 40L));
        assertThat(Json.write(new WsMessage.AuthOk(null))).isEqualTo("{\"type\":\"auth_ok\"}");
        assertThat(Json.write(new WsMessage.AuthOk("door", 1_700_000_000_000L)))
                .isEqualTo("{\"type\":\"auth_ok\",\"subject\":\"door\",\"serverTime\":1700000000000}");
        assertThat(Json.read("{\"type\":\"auth_ok\",\"subject\":\"door\",\"serverTime\":5}", WsMessage.class))
                .isEqualTo(new WsMessage.AuthOk("door", 5L));
        assertThat(Json.read("{\"type\":\"auth_ok\",\"subject\":\"door\"}", WsMessage.class))
                .isEqualTo(new WsMessage.AuthOk("door"));
        assertThat(Json.write(new WsMessage.Heartbeat(5))).isEqualTo("{\"type\":\"heartbeat\",\"ts\":5}");
        assertThat(Json.write(new WsMessage.Error("unauthorized", "bad token")))
                .isEqualTo("{\"type\":\"error\",\"error\":\"unauthorized\",\"message\":\"bad token\"}");
        String changes = Json.write(new WsMessage.Changes(event, List.of(), 9));
        assertThat(changes).startsWith("{\"type\":\"changes\",\"eventId\":\"" + event + "\"").contains("\"lastSeq\":9");
        assertThatThrownBy(() -> Json.read("{\"type\":\"teleport\"}", WsMessage.class))
                .isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void participantViewIsFlatWithCheckInsPerDay() {
        Participant person = new Participant(PERSON, Ids.newId(), "Zoë Ångström", null, null, null, null, null, "CODE",
                null, null, null, null);
        CheckInState state = new CheckInState(true, new Hlc(1_795_000_000_000L, 0, "door-1"), "door-1", true, 0,
                Set.of(OP));
        ParticipantView view = new ParticipantView(person, Map.of(LocalDate.of(2026, 11, 25), DayCheckIn.of(state)), 1,
                1);

        JsonNode json = Json.mapper().valueToTree(view);
        assertThat(json.get("name").asText()).isEqualTo("Zoë Ångström");
        JsonNode day = json.get("checkIns").get("2026-11-25");
        assertThat(day.get("checkedIn").asBoolean()).isTrue();
        assertThat(day.get("firstAdmittedAt").asText()).isEqualTo(Instant.ofEpochMilli(1_795_000_000_000L).toString());
        assertThat(day.get("device").asText()).isEqualTo("door-1");
        assertThat(day.get("duplicate").asBoolean()).isTrue();
        assertThat(Json.read(Json.write(view), ParticipantView.class)).isEqualTo(view);
    }

    @Test
    void eventDefaultsItsDaysAndRejectsAnUnknownTimezone() {
        String body = "{\"id\":\"" + Ids.newId()
                + "\",\"name\":\"Dev "
                + "Day\",\"startDate\":\"2026-11-25\",\"endDate\":\"2026-11-27\",\"timezone\":\"Asia/Seoul\"}";
        Event event = Json.read(body, Event.class);

        assertThat(event.days()).containsExactly(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 26),
                LocalDate.of(2026, 11, 27));
        assertThatThrownBy(() -> Json.read(body.replace("Asia/Seoul", "Mars/Olympus"), Event.class))
                .hasMessageContaining("timezone");
        assertThatThrownBy(() -> Json.read(body.replace("2026-11-27", "2026-11-20"), Event.class))
                .hasMessageContaining("endDate must not be before startDate");
    }

    @Test
    void patchCarriesNullToClearAField() {
        String body = "{\"patchId\":\"" + OP + "\",\"participantId\":\"" + PERSON
                + "\",\"fields\":{\"phone\":null,\"company\":\"Acme\"},"
                + "\"hlc\":{\"wall\":1,\"counter\":0,\"node\":\"door-1\"}}";
        ParticipantPatch patch = Json.read(body, ParticipantPatch.class);

        assertThat(patch.fields()).containsEntry("phone", null).containsEntry("company", "Acme");
        assertThat(Json.write(patch)).contains("\"phone\":null");
    }

    @Test
    void loginResponseWritesItsExpiryAsAnInstant() {
        assertThat(Json.write(new LoginResponse("t", Instant.parse("2026-11-25T10:00:00Z"))))
                .isEqualTo("{\"token\":\"t\",\"expiresAt\":\"2026-11-25T10:00:00Z\"}");
        assertThat(new LoginRequest("kim", "secret").toString()).doesNotContain("secret");
    }
}
