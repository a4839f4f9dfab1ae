package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.AUDIT_LOG;
import static dev.lanyard.server.support.Fixture.DAY1;
import static dev.lanyard.server.support.Fixture.checkIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a door may write through {@code POST /ops}, against a real server (ADR 0007). */
class PushAuthorityTest {
    @TempDir
    Path dir;
    Fixture f;
    Fixture.PairedDevice door;
    Participant kim;
    Participant lee;
    /** When the set-up's last write had been made (by the same clock as the server's, in milliseconds). */
    long setUpAt;

    @BeforeEach
    void start() {
        f = new Fixture(Backend.H2, dir);
        door = f.pairDevice();
        kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim", "company", "Acme"));
        lee = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Lee"));
        setUpAt = System.currentTimeMillis();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private OpResult pushPatch(Api as, String deviceId, UUID participant, Map<String, String> fields, Hlc hlc) {
        ParticipantPatch patch = new ParticipantPatch(Ids.newId(), null, participant, fields, hlc, null);
        Api.Res res = as.post(f.eventPath() + "/ops", new PushRequest(deviceId, null, List.of(patch), null, null));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.as(PushResponse.class).results().get(0);
    }

    private OpResult fromDoor(UUID participant, Map<String, String> fields) {
        return pushPatch(door.api(), door.id().toString(), participant, fields, stampOfDoor());
    }

    private Hlc stampOfDoor() {
        return stampAfterSetUp(door.id().toString());
    }

    /**
     * A stamp after the set-up's writes: one in the same millisecond as the organizer's write ties on the wall, and
     * the server's node name sorts after a door's, so the door's patch changed nothing (a fresh-clone CI run of
     * 3d6f6af failed so once).
     */
    private Hlc stampAfterSetUp(String node) {
        long now = System.currentTimeMillis();
        while (now <= setUpAt) {
            Thread.onSpinWait();
            now = System.currentTimeMillis();
        }
        return new Hlc(now, 0, node);
    }

    private Participant stored(UUID id) {
        return f.organizer.get(f.eventPath() + "/participants/" + id)
                .as(dev.lanyard.model.protocol.ParticipantView.class).participant();
    }

    @Test
    void aDoorCannotChangeARegistrationStatusAndNothingOfItsPatchIsApplied() {
        OpResult answer = fromDoor(kim.id(), Map.of("company", "Hanbit", "registrationStatus", "cancelled"));

        assertThat(answer.status()).isEqualTo(OpStatus.REJECTED);
        assertThat(answer.reason()).contains("fields.registrationStatus");
        assertThat(stored(kim.id())).isEqualTo(kim);
    }

    @Test
    void aDoorCannotMergeOneParticipantIntoAnother() {
        OpResult answer = fromDoor(lee.id(), Map.of("mergedInto", kim.id().toString()));

        assertThat(answer.status()).isEqualTo(OpStatus.REJECTED);
        assertThat(answer.reason()).contains("fields.mergedInto");
        assertThat(stored(lee.id()).mergedInto()).isNull();
    }

    @Test
    void aDoorCannotTakeAnotherAttendeesTicketCode() {
        OpResult answer = fromDoor(lee.id(), Map.of("ticketCode", kim.ticketCode()));

        assertThat(answer.status()).isEqualTo(OpStatus.REJECTED);
        assertThat(answer.reason()).contains("fields.ticketCode");
        assertThat(stored(lee.id()).ticketCode()).isEqualTo(lee.ticketCode());
    }

    @Test
    void anOperatorPushesWithADoorsAuthority() {
        OpResult answer = pushPatch(f.operator, null, kim.id(), Map.of("registrationNumber", "12"),
                stampAfterSetUp("oscar"));

        assertThat(answer.status()).isEqualTo(OpStatus.REJECTED);
        assertThat(answer.reason()).contains("fields.registrationNumber");
    }

    @Test
    void aDoorCorrectsContactDetailsAndCustomAnswers() {
        Map<String, String> fields = new HashMap<>();
        fields.put("name", "Kim Minji");
        fields.put("email", "minji@example.org");
        fields.put("phone", "010-1234");
        fields.put("company", null);
        fields.put("custom.diet", "vegan");

        assertThat(fromDoor(kim.id(), fields).status()).isEqualTo(OpStatus.ACCEPTED);
        assertThat(stored(kim.id()).name()).isEqualTo("Kim Minji");
        assertThat(stored(kim.id()).company()).isNull();
    }

    @Test
    void aDoorRegistersAWalkInWithTheFieldsTheKioskSets() {
        UUID walkIn = Ids.newId();
        Map<String, String> fields = Map.of("name", "Park", "email", "park@example.org", "ticketCode",
                TicketCodes.generate(),
                "source", "walk_in", "registrationStatus", "registered");

        assertThat(fromDoor(walkIn, fields).status()).isEqualTo(OpStatus.ACCEPTED);
        assertThat(stored(walkIn).name()).isEqualTo("Park");
    }

    @Test
    void aDoorMayGiveAWalkInBackToAServerThatStillHasIt() {
        UUID walkIn = Ids.newId();
        Map<String, String> fields = Map.of("name", "Park", "ticketCode", TicketCodes.generate(), "source", "walk_in",
                "registrationStatus", "registered");
        Hlc created = stampOfDoor();
        assertThat(pushPatch(door.api(), null, walkIn, fields, created).status()).isEqualTo(OpStatus.ACCEPTED);

        // ADR 0313: after a restore the kiosk re-sends its own writes as new patches with their original stamps
        assertThat(pushPatch(door.api(), null, walkIn, fields, created).status()).isEqualTo(OpStatus.ACCEPTED);
    }

    @Test
    void theOrganizerMaySetEveryFieldThroughAPushToo() {
        Hlc stamp = stampAfterSetUp("olga");
        OpResult answer = pushPatch(f.organizer, null, lee.id(),
                Map.of("registrationStatus", "cancelled", "registrationNumber", "3"), stamp);

        assertThat(answer.status()).as(answer.reason()).isEqualTo(OpStatus.ACCEPTED);
        assertThat(stored(lee.id()).admissible()).isFalse();
    }

    @Test
    void aPushClaimingAnotherDevicesIdIsRefusedAsAWhole() {
        Fixture.PairedDevice otherDoor = f.pairDevice();
        PushRequest claimed = PushRequest.ofOps(otherDoor.id().toString(),
                List.of(checkIn(kim.id(), DAY1, Set.of(), stampOfDoor())));

        Api.Res res = door.api().post(f.eventPath() + "/ops", claimed);

        assertThat(res.status()).isEqualTo(403);
        assertThat(res.json().get("message").asText()).contains("deviceId " + otherDoor.id())
                .contains("this device is " + door.id());
        assertThat(f.organizer.get(f.eventPath() + "/changes?after=0").json().get("changes"))
                .noneMatch(c -> c.path("type").asText().equals("checkin_op"));
    }

    @Test
    void aPersonsPushMayNotClaimADeviceId() {
        Api.Res res = f.operator.post(f.eventPath() + "/ops", PushRequest.ofOps(door.id().toString(),
                List.of(checkIn(kim.id(), DAY1, Set.of(), stampOfDoor()))));

        assertThat(res.status()).isEqualTo(403);
        assertThat(res.json().get("message").asText()).contains("deviceId");
    }

    @Test
    void aDoorRelaysOtherDoorsItemsWithItsOwnAuthority() {
        String otherDoor = "door-" + Ids.newId();
        Hlc theirs = stampAfterSetUp(otherDoor);
        ParticipantPatch edit = new ParticipantPatch(Ids.newId(), null, kim.id(), Map.of("company", "Relayed"), theirs,
                otherDoor);
        ParticipantPatch forged = new ParticipantPatch(Ids.newId(), null, lee.id(),
                Map.of("registrationStatus", "cancelled"), theirs, "server-x");
        PushRequest relay = new PushRequest(door.id().toString(), List.of(checkIn(kim.id(), DAY1, Set.of(), theirs)),
                List.of(edit, forged), null, null);

        Api.Res res = door.api().post(f.eventPath() + "/ops", relay);

        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.as(PushResponse.class).results()).extracting(OpResult::status)
                .containsExactly(OpStatus.ACCEPTED, OpStatus.ACCEPTED, OpStatus.REJECTED);
        assertThat(f.server.database().dsl().select(AUDIT_LOG.ACTOR, AUDIT_LOG.SUBJECT).from(AUDIT_LOG)
                .where(AUDIT_LOG.EVENT_ID.eq(f.event.id())).and(AUDIT_LOG.ACTION.eq("relay")).fetch()
                .map(r -> r.value1() + " " + r.value2()))
                .containsExactly("device:" + door.id() + " 3 items of " + otherDoor + ", server-x");
    }

    @Test
    void aDoorPushingItsOwnItemsRelaysNothing() {
        Hlc mine = stampOfDoor();
        PushRequest own = new PushRequest(door.id().toString(), List.of(checkIn(kim.id(), DAY1, Set.of(), mine)),
                List.of(new ParticipantPatch(Ids.newId(), null, kim.id(), Map.of("company", "Own"), mine, null)), null,
                null);

        assertThat(door.api().post(f.eventPath() + "/ops", own).status()).isEqualTo(200);
        assertThat(f.server.database().dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("relay"))).isZero();
    }
}
