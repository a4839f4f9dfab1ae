package dev.lanyard.server.email;

import static dev.lanyard.server.db.jooq.Tables.EVENT_EMAIL_SETTINGS;
import static dev.lanyard.server.db.jooq.Tables.FEED_COUNTER;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What mail is planned when, without an SMTP server: rows stay pending and say so. */
class EmailSchedulingTest {
    @TempDir
    Path dir;
    private static final java.time.ZoneId SEOUL = java.time.ZoneId.of("Asia/Seoul");
    // tokens are checked against the real time too: the test clock starts there, the event lies ahead of it
    private final SettableClock clock = new SettableClock(Instant.now()
            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    private final LocalDate day1 = LocalDate.now(SEOUL).plusDays(10);
    private final LocalDate day2 = day1.plusDays(1);
    private Fixture f;

    @BeforeEach
    void start() {
        f = new Fixture(new LanyardServer(Backend.H2.config(dir).build(), clock).start());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private ObjectNode eventBody(LocalDate start, LocalDate end, Map<String, Object> emails) {
        ObjectNode body = Json.mapper().valueToTree(Fixture.eventInput("Lanyard Conf"));
        body.put("startDate", start.toString()).put("endDate", end.toString());
        body.putObject("hours").put("opens", "10:00").put("closes", "17:00");
        if (emails != null) {
            body.set("emails", Json.mapper().valueToTree(emails));
        }
        return body;
    }

    private Optional<OutboxRow> row(UUID participant, EmailKind kind) {
        return f.server.email().emailsOf(participant).stream().filter(r -> r.kind() == kind).findFirst();
    }

    @Test
    void settingsTravelInTheEventJsonButNotInTheFeedKiosksRead() {
        JsonNode off = f.organizer.get(f.eventPath()).json().get("emails");
        assertThat(off.get("confirmation").asBoolean()).isFalse();
        assertThat(off.get("dayBefore").asBoolean()).isFalse();
        assertThat(off.get("threeHoursBefore").asBoolean()).isFalse();
        assertThat(off.get("thanks").asBoolean()).isFalse();

        var put = f.organizer.put(f.eventPath(), eventBody(day1, day2, Map.of("dayBefore", true,
                "templates", Map.of("dayBefore", Map.of("subject", "내일 {event}")))));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("emails").get("dayBefore").asBoolean()).isTrue();
        assertThat(f.organizer.put(f.eventPath(), eventBody(day1, day2, null)).json().get("emails")
                .get("dayBefore").asBoolean()).as("a body without emails leaves them").isTrue();
        var bad = f.organizer.put(f.eventPath(), eventBody(day1, day2, Map.of("language", "fr")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("emails.language");

        String feed = f.organizer.get(f.eventPath() + "/changes?after=0").body();
        assertThat(feed).contains("Lanyard Conf").doesNotContain("dayBefore");
        var preview = f.organizer.get(f.eventPath() + "/emails/dayBefore/preview?language=ko").json();
        assertThat(preview.get("subject").asText()).isEqualTo("내일 Lanyard Conf");
    }

    @Test
    void remindersArePlannedFromTheEventsHoursInItsTimeZoneAndMoveWithItsDates() {
        Participant kim = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Kim", "email", "kim@example.org"));
        f.organizer.put(f.eventPath(), eventBody(day1, day2,
                Map.of("dayBefore", true, "threeHoursBefore", true, "thanks", true)));
        assertThat(row(kim.id(), EmailKind.DAY_BEFORE).orElseThrow().dueAt())
                .isEqualTo(seoul(day1.minusDays(1), "10:00"));
        assertThat(row(kim.id(), EmailKind.THREE_HOURS_BEFORE).orElseThrow().dueAt()).isEqualTo(seoul(day1, "07:00"));
        assertThat(row(kim.id(), EmailKind.THANKS).orElseThrow().dueAt()).isEqualTo(seoul(day2, "17:00"));
        assertThat(row(kim.id(), EmailKind.CONFIRMATION)).as("confirmations are off").isEmpty();

        f.organizer.put(f.eventPath(), eventBody(day1.plusDays(5), day1.plusDays(5), null));
        await().atMost(Duration.ofSeconds(20)).until(() -> row(kim.id(), EmailKind.DAY_BEFORE).orElseThrow().dueAt()
                .equals(seoul(day1.plusDays(4), "10:00")));
        assertThat(row(kim.id(), EmailKind.THANKS).orElseThrow().dueAt()).isEqualTo(seoul(day1.plusDays(5), "17:00"));

        Participant lee = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Lee", "email", "lee@example.org"));
        await().atMost(Duration.ofSeconds(20)).until(() -> row(lee.id(), EmailKind.THREE_HOURS_BEFORE).isPresent());
        assertThat(row(lee.id(), EmailKind.THREE_HOURS_BEFORE).get().dueAt())
                .isEqualTo(seoul(day1.plusDays(5), "07:00"));
        assertThat(f.organizer.get(f.eventPath() + "/emails").json().get("mail").asText())
                .isEqualTo("mail not configured");
        assertThat(row(lee.id(), EmailKind.THREE_HOURS_BEFORE).get().status()).isEqualTo(EmailStatus.PENDING);
    }

    @Test
    void confirmationsGoToNewcomersIncludingAWalkInPushedByADoorAndToOthersOnlyOnRequest() {
        Participant before = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Early", "email", "early@example.org"));
        f.organizer.put(f.eventPath(), eventBody(day1, day2, Map.of("confirmation", true)));
        Fixture.PairedDevice door = f.pairDevice();
        UUID walkIn = Ids.newId();
        ParticipantPatch patch = new ParticipantPatch(Ids.newId(), null, walkIn,
                Map.of("name", "Walk In", "email", "walk@example.org",
                "source", "walk_in"), new Hlc(clock.millis(), 0, door.id().toString()), null);
        var pushed = door.api().post(f.eventPath() + "/ops",
                new PushRequest(door.id().toString(), null, List.of(patch), null, null));
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.body()).contains("accepted");

        await().atMost(Duration.ofSeconds(20)).until(() -> row(walkIn, EmailKind.CONFIRMATION).isPresent());
        assertThat(row(before.id(), EmailKind.CONFIRMATION)).isEmpty();
        var sent = f.organizer.post(f.eventPath() + "/emails/confirmation/send-pending", null);
        assertThat(sent.json().get("enqueued").asInt()).isEqualTo(1);
        assertThat(row(before.id(), EmailKind.CONFIRMATION)).isPresent();
        var listed = f.organizer.get(f.eventPath() + "/participants/" + walkIn + "/emails").json();
        assertThat(listed.get(0).get("kind").asText()).isEqualTo("confirmation");
        assertThat(listed.get(0).get("status").asText()).isEqualTo("pending");
    }

    @Test
    void cancelledAndAnonymizedParticipantsGetNothingMoreButTheDeletionNotice() {
        Participant kim = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Kim", "email", "kim@example.org"));
        Participant lee = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Lee", "email", "lee@example.org"));
        f.organizer.put(f.eventPath(), eventBody(day1, day2, Map.of("dayBefore", true)));
        assertThat(row(kim.id(), EmailKind.DAY_BEFORE).orElseThrow().status()).isEqualTo(EmailStatus.PENDING);

        f.organizer.patch(f.eventPath() + "/participants/" + kim.id(), Map.of("registrationStatus", "cancelled"));
        await().atMost(Duration.ofSeconds(20)).until(() -> row(kim.id(), EmailKind.DAY_BEFORE).orElseThrow().status()
                == EmailStatus.CANCELLED);

        assertThat(f.organizer.post(f.eventPath() + "/participants/" + lee.id() + "/anonymize", null).status())
                .isEqualTo(200);
        assertThat(row(lee.id(), EmailKind.DAY_BEFORE).orElseThrow().status()).isEqualTo(EmailStatus.CANCELLED);
        assertThat(row(lee.id(), EmailKind.DELETION_CONFIRMED).orElseThrow().status()).isEqualTo(EmailStatus.PENDING);
    }

    /**
     * A participant cancelled by mistake and set back to registered got no reminder: their cancelled rows still
     * existed, so planning them again added nothing, and nothing said so. Found by a review.
     */
    @Test
    void aParticipantSetBackToRegisteredIsRemindedAgain() {
        Participant kim = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Kim", "email", "kim@example.org"));
        f.organizer.put(f.eventPath(), eventBody(day1, day2, Map.of("dayBefore", true)));
        f.organizer.patch(f.eventPath() + "/participants/" + kim.id(), Map.of("registrationStatus", "cancelled"));
        await().atMost(Duration.ofSeconds(20)).until(() -> row(kim.id(), EmailKind.DAY_BEFORE).orElseThrow().status()
                == EmailStatus.CANCELLED);

        f.organizer.patch(f.eventPath() + "/participants/" + kim.id(), Map.of("registrationStatus", "registered"));

        await().atMost(Duration.ofSeconds(20)).until(() -> row(kim.id(), EmailKind.DAY_BEFORE).orElseThrow().status()
                == EmailStatus.PENDING);
    }

    /**
     * Check-ins plan no mail, and the follower looked for participant and event changes after its position without
     * moving it past them: after a storm of admissions every commit made it read all of them again.
     */
    @Test
    void theFollowerMovesPastCheckInsItHasReadSoItDoesNotReadThemAgain() {
        Participant kim = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Kim", "email", "kim@example.org"));
        f.organizer.put(f.eventPath(), eventBody(day1, day2, Map.of("thanks", true)));
        f.server.email().follow(f.event.id());
        var pushed = f.operator.post(f.eventPath() + "/ops", PushRequest.ofOps(null, List.of(
                Fixture.checkIn(kim.id(), day1, java.util.Set.of(), new Hlc(clock.millis(), 0, "door-1")),
                Fixture.checkIn(kim.id(), day2, java.util.Set.of(), new Hlc(clock.millis(), 1, "door-1")))));
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);

        f.server.email().follow(f.event.id());

        assertThat(followedSeq()).isEqualTo(headSeq());
    }

    @Test
    void someoneOnTheListBeforeConfirmationsWereOnGetsNoneWhenEditedAfter() {
        Participant early = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Early", "email", "early@example.org"));
        f.organizer.put(f.eventPath(), eventBody(day1, day2, Map.of("confirmation", true)));
        Participant late = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Late", "email", "late@example.org"));

        f.organizer.patch(f.eventPath() + "/participants/" + early.id(), Map.of("name", "Early Bird"));
        f.server.email().follow(f.event.id());

        assertThat(row(late.id(), EmailKind.CONFIRMATION)).isPresent();
        assertThat(row(early.id(), EmailKind.CONFIRMATION)).isEmpty();
    }

    @Test
    void aRowMadeBeforeItRecordedItsFirstEntryIsAnsweredFromTheLog() {
        Participant early = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Early", "email", "early@example.org"));
        f.organizer.put(f.eventPath(), eventBody(day1, day2, Map.of("confirmation", true)));
        f.server.database().dsl().update(PARTICIPANT).setNull(PARTICIPANT.FIRST_SEQ)
                .where(PARTICIPANT.ID.eq(early.id())).execute(); // as rows made before V13

        f.organizer.patch(f.eventPath() + "/participants/" + early.id(), Map.of("name", "Early Bird"));
        f.server.email().follow(f.event.id());

        assertThat(row(early.id(), EmailKind.CONFIRMATION)).isEmpty();
    }

    /**
     * Whether someone was on the list before confirmations were switched on was asked of the change log, which has no
     * index by participant: each follow that met an edit or a walk-in read the event's log up to that point (100,000
     * entries after a 100,000-person import). H2's query statistics list the statements run.
     */
    @Test
    void askingWhoWasOnTheListBeforeDoesNotReadTheEventsLog() {
        Participant early = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Early", "email", "early@example.org"));
        f.organizer.put(f.eventPath(), eventBody(day1, day2, Map.of("confirmation", true)));
        f.server.email().follow(f.event.id());
        var dsl = f.server.database().dsl();
        dsl.execute("SET QUERY_STATISTICS TRUE");
        try {
            f.organizer.patch(f.eventPath() + "/participants/" + early.id(), Map.of("name", "Early Bird"));
            f.server.email().follow(f.event.id());

            var logLookups = dsl.fetch("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                    + " WHERE UPPER(SQL_STATEMENT) LIKE 'SELECT DISTINCT %CHANGE_LOG%'");
            assertThat(logLookups).isEmpty();
            assertThat(row(early.id(), EmailKind.CONFIRMATION)).isEmpty();
        } finally {
            dsl.execute("SET QUERY_STATISTICS FALSE");
        }
    }

    private long followedSeq() {
        return f.server.database().dsl().select(EVENT_EMAIL_SETTINGS.FOLLOWED_SEQ).from(EVENT_EMAIL_SETTINGS)
                .where(EVENT_EMAIL_SETTINGS.EVENT_ID.eq(f.event.id())).fetchSingle().value1();
    }

    private long headSeq() {
        return f.server.database().dsl().select(FEED_COUNTER.LAST_SEQ).from(FEED_COUNTER)
                .where(FEED_COUNTER.EVENT_ID.eq(f.event.id())).fetchSingle().value1();
    }

    private static Instant seoul(LocalDate day, String time) {
        return day.atTime(java.time.LocalTime.parse(time)).atZone(SEOUL).toInstant();
    }
}
