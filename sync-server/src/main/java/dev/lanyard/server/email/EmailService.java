package dev.lanyard.server.email;

import static dev.lanyard.server.db.jooq.Tables.CHANGE_LOG;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.sync.EventService;
import dev.lanyard.server.sync.ParticipantService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.ResultQuery;

/**
 * What mail participants get and when: settings, the organizer's send-pending, following the
 * event's change feed (new participants, cancellations, anonymizations, moved dates) and the
 * views the API and host tools show. Sending is {@link MailWorker}'s.
 */
public final class EmailService {
    static final String KIND_OFF = "switched off for the event";
    private static final String NOT_ELIGIBLE = "participant cancelled, anonymized, merged or without an address";
    private final Database db;
    private final EventService events;
    private final ParticipantService participants;
    private final EmailSettingsStore settings;
    private final EmailOutbox outbox;
    private final MailRenderer renderer;
    private final Clock clock;
    private final String mailState;

    /** @param mailState how mail leaves this server, e.g. "smtp://..." or "mail not configured" */
    public EmailService(Database db, EventService events, ParticipantService participants, MailRenderer renderer,
                        Clock clock,
                        String mailState) {
        this.db = db;
        this.events = events;
        this.participants = participants;
        this.settings = new EmailSettingsStore(db);
        this.outbox = new EmailOutbox(db);
        this.renderer = renderer;
        this.clock = clock;
        this.mailState = mailState;
    }

    public EmailOutbox outbox() {
        return outbox;
    }

    public MailRenderer renderer() {
        return renderer;
    }

    public EmailSettings settings(UUID eventId) {
        return settings.settings(eventId);
    }

    /**
     * Replaces an event's settings. Switching confirmations on confirms people who register from
     * now on; those already on the list get one only by {@link #sendPendingConfirmations}. A timed
     * kind switched on is planned for everyone registered; one switched off is cancelled.
     */
    public synchronized EmailSettings update(Event event, EmailSettings wanted) {
        Optional<EmailSettingsStore.Stored> before = settings.find(event.id());
        long head = settings.headSeq(event.id());
        boolean wasConfirming = before.map(s -> s.settings().confirmation()).orElse(false);
        long confirmAfter = wasConfirming ? before.get().confirmAfterSeq() : head;
        settings.save(event.id(), new EmailSettingsStore.Stored(wanted, confirmAfter,
                before.map(EmailSettingsStore.Stored::followedSeq).orElse(head)));
        Instant now = clock.instant();
        for (EmailKind kind : EmailKind.values()) {
            if (!kind.isScheduled()) {
                continue;
            }
            if (!wanted.enabled(kind)) {
                outbox.cancelPending(event.id(), kind, KIND_OFF);
            } else if (EmailSchedule.stillAhead(kind, event, wanted, now)) {
                Instant due = EmailSchedule.due(kind, event, wanted, now);
                outbox.reopenCancelled(event.id(), kind, due);
                outbox.reschedule(event.id(), kind, due);
                outbox.enqueue(EmailOutbox.rows(event.id(), eligible(event), kind, due), now);
            }
        }
        return wanted;
    }

    /**
     * The organizer's action: a confirmation for everyone registered who has none yet, and again for those whose
     * confirmation was cancelled while confirmations were switched off (their rows exist, so they were skipped and
     * never got their ticket). Returns how many were added or put back.
     */
    public int sendPendingConfirmations(Event event) {
        Instant now = clock.instant();
        int back = outbox.reopenCancelled(event.id(), EmailKind.CONFIRMATION, now);
        return back + outbox.enqueue(EmailOutbox.rows(event.id(), eligible(event), EmailKind.CONFIRMATION, now), now);
    }

    /** A participant's data was removed at their request: tell them, at the address they had. */
    public void deletionRequested(Event event, UUID participantId, String address) {
        outbox.cancelPending(participantId, NOT_ELIGIBLE);
        if (address != null) {
            Instant now = clock.instant();
            outbox.enqueue(List.of(new EmailOutbox.NewRow(event.id(), participantId, EmailKind.DELETION_CONFIRMED, now,
                    address)), now);
        }
    }

    /** Participant and event changes a follow reads at most; the next one reads on from the last of them. */
    static final int FOLLOW_BATCH = 5_000;

    /** Every event with mail settings catches up with its feed. */
    public void followAll() {
        for (UUID eventId : settings.events()) {
            follow(eventId);
        }
    }

    /**
     * Reads the event's change feed after the follower's position: participants who appeared or
     * changed get what they are due (nothing twice: the outbox's key), and lose what they are no
     * longer due; a changed event moves its timed rows. Runs after the writes committed, never in
     * their transaction, and can run any number of times.
     */
    public synchronized void follow(UUID eventId) {
        Optional<EmailSettingsStore.Stored> stored = settings.find(eventId);
        if (stored.isEmpty()) {
            return;
        }
        long from = stored.get().followedSeq();
        // every entry up to the head has committed (the counter moves in the transaction that appends them, ADR 0200):
        // once read, the position moves there even when none of them plans mail, as check-ins do not; it stayed at the
        // last registration, and during a storm each commit read every check-in since then again (ADR 0247)
        long head = settings.headSeq(eventId);
        if (head <= from) {
            return;
        }
        var changes = db.dsl().select(CHANGE_LOG.SEQ, CHANGE_LOG.CHANGE_TYPE, CHANGE_LOG.ENTITY_ID).from(CHANGE_LOG)
                .where(CHANGE_LOG.EVENT_ID.eq(eventId).and(CHANGE_LOG.SEQ.gt(from)).and(CHANGE_LOG.SEQ.le(head))
                        .and(CHANGE_LOG.CHANGE_TYPE.in(ChangeType.PARTICIPANT.wire(), ChangeType.EVENT.wire())))
                .orderBy(CHANGE_LOG.SEQ).limit(FOLLOW_BATCH).fetch();
        long reached = changes.size() < FOLLOW_BATCH ? head : changes.get(changes.size() - 1).value1();
        if (changes.isEmpty()) {
            settings.followed(eventId, reached);
            return;
        }
        Set<UUID> touched = new LinkedHashSet<>();
        boolean eventChanged = false;
        for (var c : changes) {
            if (ChangeType.PARTICIPANT.wire().equals(c.value2())) {
                touched.add(c.value3());
            } else {
                eventChanged = true;
            }
        }
        Optional<Event> event = events.find(eventId);
        if (event.isEmpty() || event.get().isDeleted()) {
            for (EmailKind kind : EmailKind.values()) {
                outbox.cancelPending(eventId, kind, "event deleted");
            }
        } else {
            EmailSettings s = stored.get().settings();
            if (eventChanged) {
                reschedule(event.get(), s);
            }
            planFor(event.get(), s, stored.get().confirmAfterSeq(), touched);
        }
        settings.followed(eventId, reached);
    }

    private void reschedule(Event event, EmailSettings s) {
        Instant now = clock.instant();
        for (EmailKind kind : EmailKind.values()) {
            if (kind.isScheduled() && s.enabled(kind)) {
                outbox.reschedule(event.id(), kind, EmailSchedule.due(kind, event, s, now));
            }
        }
    }

    private void planFor(Event event, EmailSettings s, long confirmAfterSeq, Set<UUID> touched) {
        Instant now = clock.instant();
        List<EmailOutbox.NewRow> rows = new ArrayList<>();
        Set<UUID> seenBefore = s.confirmation() ? seenBefore(event.id(), touched, confirmAfterSeq) : Set.of();
        for (UUID id : touched) {
            Optional<Participant> p = participants.find(event.id(), id);
            if (p.isEmpty() || !eligible(p.get())) {
                outbox.cancelPending(id, NOT_ELIGIBLE);
                continue;
            }
            if (s.confirmation() && !seenBefore.contains(id)) {
                rows.add(new EmailOutbox.NewRow(event.id(), id, EmailKind.CONFIRMATION, now, null));
            }
            for (EmailKind kind : EmailKind.values()) {
                if (kind.isScheduled() && s.enabled(kind) && EmailSchedule.stillAhead(kind, event, s, now)) {
                    rows.add(new EmailOutbox.NewRow(event.id(), id, kind, EmailSchedule.due(kind, event, s, now),
                            null));
                }
            }
        }
        // someone cancelled by mistake and set back: their rows cancelled for that are due again
        outbox.enqueue(rows, NOT_ELIGIBLE, now);
    }

    /**
     * Of the given participants, those the feed held already when confirmations were switched on: their first entry is
     * at or before {@code seq}. Asked of their rows (ADR 0248); a row older than its first_seq column is asked of the
     * change log, which has no index by participant, so that reads the event's entries up to {@code seq}.
     */
    private Set<UUID> seenBefore(UUID eventId, Set<UUID> ids, long seq) {
        Set<UUID> seen = new HashSet<>();
        List<UUID> unknown = new ArrayList<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 500) {
            List<UUID> chunk = all.subList(i, Math.min(all.size(), i + 500));
            Map<UUID, Long> firstSeqs = new HashMap<>();
            firstSeqsQuery(db.dsl(), chunk).fetch().forEach(r -> firstSeqs.put(r.value1(), r.value2()));
            for (UUID id : chunk) {
                Long first = firstSeqs.get(id);
                if (first == null) {
                    unknown.add(id);
                } else if (first <= seq) {
                    seen.add(id);
                }
            }
        }
        for (int i = 0; i < unknown.size(); i += 500) {
            seen.addAll(db.dsl().selectDistinct(CHANGE_LOG.ENTITY_ID).from(CHANGE_LOG)
                    .where(CHANGE_LOG.EVENT_ID.eq(eventId).and(CHANGE_LOG.SEQ.le(seq))
                            .and(CHANGE_LOG.ENTITY_ID.in(unknown.subList(i, Math.min(unknown.size(), i + 500)))))
                    .fetch(CHANGE_LOG.ENTITY_ID));
        }
        return seen;
    }

    /** The feed position of each participant's first entry, where its row knows it. */
    static ResultQuery<Record2<UUID, Long>> firstSeqsQuery(DSLContext dsl, List<UUID> ids) {
        return dsl.select(PARTICIPANT.ID, PARTICIPANT.FIRST_SEQ).from(PARTICIPANT).where(PARTICIPANT.ID.in(ids));
    }

    private List<UUID> eligible(Event event) {
        List<UUID> ids = new ArrayList<>();
        participants.forEach(event.id(), p -> {
            if (eligible(p)) {
                ids.add(p.id());
            }
        });
        return ids;
    }

    /** Registered, with an address, not anonymized and not merged into someone else. */
    public static boolean eligible(Participant p) {
        return p.email() != null && p.admissible() && !p.anonymized() && p.mergedInto() == null;
    }

    /** Counts per kind and status, and how mail leaves this server. */
    public record Status(String mail, Map<EmailKind, Map<EmailStatus, Integer>> counts) {
    }

    public Status status(UUID eventId) {
        return new Status(mailState, outbox.counts(eventId));
    }

    public List<OutboxRow> emailsOf(UUID participantId) {
        return outbox.forParticipant(participantId);
    }

    /** Failed and unknown mail of the event is tried again (the host decided a second copy is better than none). */
    public int retry(UUID eventId) {
        return outbox.retry(eventId, clock.instant());
    }

    /** A kind rendered for an event with a made-up participant, for the organizer to look at. */
    public MailContent preview(Event event, EmailKind kind, String language) {
        EmailSettings s = settings(event.id());
        if (language != null) {
            s = new EmailSettings(s.confirmation(), s.dayBefore(), s.threeHoursBefore(), s.thanks(), language,
                    s.templates(), s.reportTo());
        }
        Participant sample = new Participant(UUID.randomUUID(), event.id(),
                "ko".equals(MailTexts.eventLanguage(event, s))
                ? "홍길동" : "Alex Kim", "participant@example.org", null, null, null, null, "LNY4K7Q2M9XW3", null, null,
                null, null);
        return renderer.render(kind, event, s, kind == EmailKind.DELETION_CONFIRMED ? null : sample);
    }
}
