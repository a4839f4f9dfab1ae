package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.AUDIT_LOG;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT_PATCH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.DrawingWinner;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.ParticipantMerge;
import dev.lanyard.model.protocol.ChangesPage;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.ParticipantView;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anonymizing and retention purges remove identity from the current state and from the feed's history. */
class PersonalDataTest {
    @TempDir
    Path dir;

    @Test
    void anonymizedParticipantKeepsCheckInsAndLeavesNoTraceInTheFeedFromZero() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID id = Ids.newId();
            ParticipantPatch create = ParticipantPatch.of(null, id,
                    Map.of("name", "Hong Gildong", "email", "hong@example.org",
                    "ticketCode", "T-HONG"), new Hlc(1_000, 0, "door-1"));
            ParticipantPatch edit = ParticipantPatch.of(null, id, Map.of("company", "Secret Co"),
                    new Hlc(2_000, 0, "door-1"));
            PushRequest push = new PushRequest(null, List.of(
                    Fixture.checkIn(id, Fixture.DAY1, Set.of(), new Hlc(3_000, 0, "door-1"))),
                    List.of(create, edit), null, null);
            PushResponse firstAnswer = f.operator.post(f.eventPath() + "/ops", push).as(PushResponse.class);

            assertThat(f.organizer.post(f.eventPath() + "/participants/" + id + "/anonymize", null).status())
                    .isEqualTo(200);

            String feed = f.operator.get(f.eventPath() + "/changes?after=0&limit=1000").body();
            assertThat(feed).doesNotContain("Hong Gildong").doesNotContain("hong@example.org")
                    .doesNotContain("Secret Co");
            ParticipantView view = f.operator.get(f.eventPath() + "/participants/" + id).as(ParticipantView.class);
            assertThat(view.participant().name()).isEqualTo(PersonalData.ANONYMIZED_NAME);
            assertThat(view.checkIns().get(Fixture.DAY1).checkedIn()).isTrue();
            PushResponse retry = f.operator.post(f.eventPath() + "/ops", push).as(PushResponse.class);
            // a scrubbed patch can no longer be compared with its retry; it is answered as it was first
            assertThat(retry.results()).isEqualTo(firstAnswer.results());
            assertThat(f.server.admin().event(f.event.id())).isNotNull();
        }
    }

    /**
     * A walk-in merged into a registered person is the same person's record: anonymizing the registered one left the
     * walk-in's name, email and phone on the server, in exports and on every door. Found by a review.
     */
    @Test
    void anonymizingSomeoneErasesTheWalkInRecordMergedIntoThem() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID registered = f.server.admin().addParticipant(f.event.id(),
                    Map.of("name", "Kim", "email", "kim@example.org")).id();
            UUID walkIn = Ids.newId();
            ParticipantPatch create = ParticipantPatch.of(null, walkIn, Map.of("name", "Kim W.", "email",
                    "KIM@example.org", "phone", "010-1234-5678", "ticketCode", "W-1", "source", "walk_in"),
                    new Hlc(1_000, 0, "door-1"));
            f.operator.post(f.eventPath() + "/ops", new PushRequest(null, List.of(), List.of(create), null, null));
            assertThat(f.operator.get(f.eventPath() + "/participants/" + walkIn).as(ParticipantView.class)
                    .participant().mergedInto()).isEqualTo(registered);

            f.server.admin().anonymizeParticipant(f.event.id(), registered);

            Participant merged = f.operator.get(f.eventPath() + "/participants/" + walkIn).as(ParticipantView.class)
                    .participant();
            assertThat(merged.name()).isEqualTo(PersonalData.ANONYMIZED_NAME);
            assertThat(merged.email()).isNull();
            assertThat(merged.phone()).isNull();
            String feed = f.operator.get(f.eventPath() + "/changes?after=0&limit=1000").body();
            assertThat(feed).doesNotContainIgnoringCase("kim@example.org").doesNotContain("Kim W.")
                    .doesNotContain("010-1234-5678");
            var export = new java.io.StringWriter();
            f.server.admin().export(f.event.id(), false, export);
            assertThat(export.toString()).doesNotContainIgnoringCase("example.org");
        }
    }

    /**
     * A kiosk whose clock runs ahead, or that edits offline afterwards: its stamp is later than the anonymization's.
     */
    @Test
    void aLaterDevicePatchCannotBringTheNameBack() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID id = Ids.newId();
            push(f, new PushRequest(null, null, List.of(ParticipantPatch.of(null, id, Map.of("name", "Hong Gildong",
                    "email", "hong@example.org", "ticketCode", "T-HONG"), new Hlc(1_000, 0, "door-1"))), null, null));
            assertThat(f.organizer.post(f.eventPath() + "/participants/" + id + "/anonymize", null).status())
                    .isEqualTo(200);

            long ahead = System.currentTimeMillis() + 60_000;
            PushResponse answer = push(f, new PushRequest(null, null, List.of(ParticipantPatch.of(null, id,
                    Map.of("name", "Hong Gildong", "phone", "010-1234-5678", "custom.diet", "vegan"),
                    new Hlc(ahead, 0, "door-1"))), null, null));

            assertThat(answer.results()).extracting(OpResult::status).containsExactly(OpStatus.ACCEPTED);
            Participant p = f.operator.get(f.eventPath() + "/participants/" + id).as(ParticipantView.class)
                    .participant();
            assertThat(p.name()).isEqualTo(PersonalData.ANONYMIZED_NAME);
            assertThat(p.email()).isNull();
            assertThat(p.phone()).isNull();
            assertThat(p.customAnswers()).isEmpty();
            String feed = f.operator.get(f.eventPath() + "/changes?after=0&limit=1000").body();
            assertThat(feed).doesNotContain("Hong Gildong").doesNotContain("010-1234-5678").doesNotContain("vegan");
            assertThat(f.server.database().dsl().select(PARTICIPANT_PATCH.BODY).from(PARTICIPANT_PATCH)
                    .where(PARTICIPANT_PATCH.PARTICIPANT_ID.eq(id)).fetch(PARTICIPANT_PATCH.BODY))
                    .isNotEmpty().noneMatch(body -> body.contains("Hong Gildong") || body.contains("010-1234-5678"));
        }
    }

    @Test
    void aDrawingNeverCarriesTheNameOfAnAnonymizedWinner() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID id = Ids.newId();
            push(f, new PushRequest(null, null, List.of(ParticipantPatch.of(null, id, Map.of("name", "Hong Gildong",
                    "ticketCode", "T-HONG"), new Hlc(1_000, 0, "door-1"))), null, null));
            UUID drawingId = Ids.newId();
            PrizeDrawing drawn = new PrizeDrawing(drawingId, null, "Bike", DrawingPool.CHECKED_IN, false, null,
                    List.of(new DrawingWinner(id, "Hong Gildong", 7)), "olga", Instant.parse("2026-05-20T10:00:00Z"),
                    false,
                    new Hlc(2_000, 0, "door-1"), null);
            PushResponse first = push(f, new PushRequest(null, null, null, List.of(drawn), null));

            assertThat(f.organizer.post(f.eventPath() + "/participants/" + id + "/anonymize", null).status())
                    .isEqualTo(200);
            assertThat(f.operator.get(f.eventPath() + "/changes?after=0&limit=1000").body())
                    .doesNotContain("Hong Gildong");

            // the kiosk still holds the old name and confirms the drawing later
            PushResponse retry = push(f, new PushRequest(null, null, null, List.of(drawn), null));
            PrizeDrawing confirmed = drawn.confirmedAt(new Hlc(System.currentTimeMillis() + 60_000, 0, "door-1"));
            PushResponse answer = push(f, new PushRequest(null, null, null, List.of(confirmed), null));

            assertThat(retry.results()).isEqualTo(first.results());
            assertThat(answer.results()).extracting(OpResult::status).containsExactly(OpStatus.ACCEPTED);
            ChangesPage feed = f.operator.get(f.eventPath() + "/changes?after=0&limit=1000").as(ChangesPage.class);
            assertThat(Json.write(feed)).doesNotContain("Hong Gildong");
            PrizeDrawing last = Json.mapper().convertValue(feed.changes().get(feed.changes().size() - 1).data(),
                    PrizeDrawing.class);
            assertThat(last.confirmed()).isTrue();
            assertThat(last.winners()).containsExactly(new DrawingWinner(id, PersonalData.ANONYMIZED_NAME, 7));
        }
    }

    /**
     * The tombstone cannot be undone, and the anonymize action also scrubs the history and is audited: only it sets the
     * register.
     */
    @Test
    void onlyTheAnonymizeActionSetsTheTombstone() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            UUID id = Ids.newId();
            push(f, new PushRequest(null, null, List.of(ParticipantPatch.of(null, id,
                    Map.of("name", "Hong Gildong", "ticketCode", "T-HONG"),
                    new Hlc(1_000, 0, "door-1"))), null, null));

            PushResponse fromDevice = push(f, new PushRequest(null, null,
                    List.of(ParticipantPatch.of(null, id, Map.of("anonymized", "true"),
                    new Hlc(2_000, 0, "door-1"))), null, null));
            var fromOrganizer = f.organizer.patch(f.eventPath() + "/participants/" + id, Map.of("anonymized", "true"));

            assertThat(fromDevice.results()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(OpStatus.REJECTED);
                assertThat(r.reason()).contains("fields.anonymized");
            });
            assertThat(fromOrganizer.status()).isEqualTo(400);
            assertThat(fromOrganizer.body()).contains("fields.anonymized");
            Participant p = f.operator.get(f.eventPath() + "/participants/" + id).as(ParticipantView.class)
                    .participant();
            assertThat(p.anonymized()).isFalse();
            assertThat(p.name()).isEqualTo("Hong Gildong");
        }
    }

    private static PushResponse push(Fixture f, PushRequest request) {
        var res = f.operator.post(f.eventPath() + "/ops", request);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.as(PushResponse.class);
    }

    @Test
    void eventsPastRetentionArePurgedAndOthersAreNot() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            LocalDate past = LocalDate.now().minusDays(30);
            Event old = f.server.admin().createEvent(new EventInput("Old", null, null, past, past, ZoneId.of("UTC"),
                    null, null, null,
                    null, null, null, null, 7), "olga");
            Event kept = f.server.admin().createEvent(new EventInput("Kept", null, null, past, past, ZoneId.of("UTC"),
                    null, null, null,
                    null, null, null, null, 365), "olga");
            Participant person = f.server.admin().addParticipant(old.id(),
                    Map.of("name", "Old Person", "email", "old@example.org"));
            var drawing = f.admin.post("/api/v1/events/" + old.id() + "/ops",
                    new PushRequest(null, null, null, List.of(new PrizeDrawing(
                    Ids.newId(), null, "Bike", DrawingPool.CHECKED_IN, false, null,
                    List.of(new DrawingWinner(person.id(), "Old Person", null)),
                    "olga", Instant.now(), true, new Hlc(System.currentTimeMillis(), 0, "door"), null)), null));
            assertThat(drawing.status()).as(drawing.body()).isEqualTo(200);
            f.server.admin().addParticipant(kept.id(), Map.of("name", "Kept Person", "email", "kept@example.org"));
            // (the operator is not assigned to this event; a person's push names no deviceId)
            var attempt = f.admin.post("/api/v1/events/" + old.id() + "/ops",
                    new PushRequest(null, null, null, null, List.of(new ScanAttempt(
                    Ids.newId(), null, null, "CODE", past, ScanOutcome.UNKNOWN_CODE, null, "door", null,
                    Instant.now()))));
            assertThat(attempt.status()).as(attempt.body()).isEqualTo(200);

            var purged = f.server.admin().purgeExpired();

            assertThat(purged).extracting(PersonalData.Purged::eventId).containsExactly(old.id());
            assertThat(f.admin.get("/api/v1/events/" + old.id() + "/changes?after=0").body())
                    .doesNotContain("Old Person").doesNotContain("old@example.org");
            assertThat(f.admin.get("/api/v1/events/" + kept.id() + "/changes?after=0").body()).contains("Kept Person");
            assertThat(f.server.admin().purgeExpired()).isEmpty(); // once is enough
        }
    }

    /** Erasing someone with the command line was written nowhere: neither the audit log nor a deletion notice. */
    @Test
    void anErasureFromTheCommandLineIsAuditedAndNoticed() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Participant kim = f.server.admin().addParticipant(f.event.id(),
                    Map.of("name", "Kim", "email", "kim@example.org"));

            f.server.admin().anonymizeParticipant(f.event.id(), kim.id());

            assertThat(f.server.database().dsl().select(AUDIT_LOG.ACTOR).from(AUDIT_LOG)
                    .where(AUDIT_LOG.ACTION.eq("anonymize_participant")).and(AUDIT_LOG.SUBJECT.eq(kim.id().toString()))
                    .fetch(AUDIT_LOG.ACTOR)).containsExactly("command line");
            assertThat(f.server.email().emailsOf(kim.id())).extracting(r -> r.kind())
                    .contains(dev.lanyard.server.email.EmailKind.DELETION_CONFIRMED);
        }
    }

    /**
     * The retention purge left the mail outbox alone: a deletion notice never sent (no SMTP) kept the erased person's
     * address for ever, and an SMTP reply quoting it stayed in the row's reason. Found by a review.
     */
    @Test
    void aPurgedEventsMailOutboxKeepsNoAddress() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            LocalDate past = LocalDate.now().minusDays(30);
            Event old = f.server.admin().createEvent(new EventInput("Old", null, null, past, past, ZoneId.of("UTC"),
                    null, null, null, null, null, null, null, 7), "olga");
            Participant kim = f.server.admin().addParticipant(old.id(),
                    Map.of("name", "Kim", "email", "kim@example.org"));
            Participant lee = f.server.admin().addParticipant(old.id(),
                    Map.of("name", "Lee", "email", "lee@example.org"));
            f.server.email().update(old, new dev.lanyard.server.email.EmailSettings(true, false, false, false, null,
                    null));
            f.server.email().sendPendingConfirmations(old);
            UUID bounced = f.server.email().emailsOf(lee.id()).get(0).id();
            f.server.email().outbox().retryAt(bounced, Instant.now().plusSeconds(3_600),
                    "550 5.1.1 <lee@example.org>: Recipient address rejected");
            assertThat(f.admin.post("/api/v1/events/" + old.id() + "/participants/" + kim.id() + "/anonymize", null)
                    .status()).isEqualTo(200);
            UUID notice = f.server.email().emailsOf(kim.id()).stream()
                    .filter(r -> r.kind() == dev.lanyard.server.email.EmailKind.DELETION_CONFIRMED).findFirst()
                    .orElseThrow().id();

            assertThat(f.server.admin().purgeExpired()).extracting(PersonalData.Purged::eventId).contains(old.id());

            assertThat(f.server.email().outbox().recipient(notice)).isEmpty();
            assertThat(f.server.email().emailsOf(lee.id())).allSatisfy(row ->
                    assertThat(String.valueOf(row.reason())).doesNotContain("@example.org"));
        }
    }

    /**
     * No anonymizing patch of a purge is refused by today's rules, so the check that guards the marker is tested on its
     * own.
     */
    @Test
    void aPurgeIsCompleteOnlyWhenEveryPatchWasAcceptedAndNobodyIsLeftIdentifiable() {
        UUID event = Ids.newId();
        Hlc tombstone = new Hlc(5_000, 0, "server");
        UUID goneId = Ids.newId();
        UUID namedId = Ids.newId();
        Participant gone = ParticipantMerge.fold(goneId, event, List.of(
                ParticipantPatch.of(event, goneId, Map.of("name", "Lee", "email", "lee@example.org"),
                new Hlc(1_000, 0, "door")),
                ParticipantPatch.of(event, goneId, Map.of("anonymized", "true"), tombstone)));
        Participant named = ParticipantMerge.fold(namedId, event,
                List.of(ParticipantPatch.of(event, namedId, Map.of("name", "Kim"), tombstone)));
        UUID patch = Ids.newId();

        assertThat(PersonalData.leftovers(List.of(OpResult.accepted(patch, 3), OpResult.duplicate(Ids.newId(), 3)),
                List.of(gone))).isEmpty();
        assertThat(PersonalData.leftovers(List.of(OpResult.rejected(patch, "participant belongs to another event")),
                List.of(gone)))
                .singleElement().asString().contains(patch.toString()).contains("belongs to another event");
        assertThat(PersonalData.leftovers(List.of(OpResult.accepted(patch, 3)), List.of(gone, named)))
                .singleElement().asString().contains(named.id().toString());
    }
}
