package dev.lanyard.kiosk.core.checkin;

import dev.lanyard.kiosk.core.clock.DeviceClock;
import dev.lanyard.kiosk.core.events.ReplicaEvents;
import dev.lanyard.kiosk.core.events.ReplicaListener;
import dev.lanyard.kiosk.core.scan.KeyboardLayout;
import dev.lanyard.kiosk.core.scan.ScanReadings;
import dev.lanyard.kiosk.core.scan.ScannerProfile;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.PeerLogStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.ScanAttemptLog;
import dev.lanyard.kiosk.core.store.Tx;
import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.CheckInMerge;
import dev.lanyard.model.merge.CheckInState;
import dev.lanyard.model.merge.ParticipantDay;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The door: scan a ticket code, admit or undo by participant. Each call decides from the local
 * replica alone (the network is never waited for) with shared-model's merge rules, and
 * commits the op, the scan attempt and their outbox rows in one transaction before it
 * returns; the replica is configured so a returned commit survives kill -9 (ADR 0302).
 *
 * <p>Calls run on the executor given (never the UI thread); results complete the futures.
 */
public final class CheckInService {
    private final Replica replica;
    private final DeviceClock hlc;
    private final Clock clock;
    private final Executor executor;
    private final Runnable outboxWake;
    private final ReplicaEvents events;
    private volatile String operator;
    private volatile ScannerProfile scanner;
    /** Events as last read or told (an event is opened and parsed once, not on every scan). */
    private final Map<UUID, Event> eventCache = new ConcurrentHashMap<>();

    public CheckInService(Replica replica, DeviceClock hlc, Clock clock, Executor executor, Runnable outboxWake,
            ReplicaEvents events) {
        this.replica = replica;
        this.hlc = hlc;
        this.clock = clock;
        this.executor = executor;
        this.outboxWake = outboxWake;
        this.events = events;
        events.add(new ReplicaListener() {
            @Override
            public void eventChanged(Event event) {
                eventCache.put(event.id(), event);
            }
        });
    }

    private Event cachedEvent(Tx tx, UUID eventId) {
        Event cached = eventCache.get(eventId);
        if (cached != null) {
            return cached;
        }
        Event event = event(tx, eventId);
        eventCache.put(eventId, event);
        return event;
    }

    /** The door's calibrated scanner, whose keyboard layout is tried first on every scan. */
    public void useScanner(ScannerProfile profile) {
        this.scanner = profile;
    }

    /** The staff member at the door, recorded on every op and attempt (null: nobody signed in). */
    public void setOperator(String operator) {
        this.operator = operator == null || operator.isBlank() ? null : operator.trim();
    }

    /** A scanned or typed ticket code. {@code day} null means today in the event's timezone. */
    public CompletableFuture<ScanResult> scan(UUID eventId, String code, LocalDate day) {
        return CompletableFuture.supplyAsync(() -> scanNow(eventId, code, day), executor);
    }

    /** Admit a participant picked from search (same rules as a scan of their ticket). */
    public CompletableFuture<ScanResult> checkIn(UUID eventId, UUID participantId, LocalDate day) {
        return CompletableFuture.supplyAsync(() -> checkInNow(eventId, participantId, day), executor);
    }

    /** Take back the admissions of the day that this door can see. Fails if the participant is not checked in. */
    public CompletableFuture<ScanResult> undo(UUID eventId, UUID participantId, LocalDate day) {
        return CompletableFuture.supplyAsync(() -> undoNow(eventId, participantId, day), executor);
    }

    public CompletableFuture<ScanResult> undoByCode(UUID eventId, String code, LocalDate day) {
        return CompletableFuture.supplyAsync(() -> {
            requireKey(code);
            List<String> readings = ScanReadings.of(code, scannerLayout());
            Participant p = replica.write(tx -> inEvent(tx, eventId,
                    ParticipantStore.ticketKey(firstMatching(tx, code, readings).code())));
            if (p == null) {
                throw new IllegalArgumentException("no participant of this event has ticket code "
                        + TicketCodes.printable(code));
            }
            return undoNow(eventId, p.id(), day);
        }, executor);
    }

    ScanResult scanNow(UUID eventId, String typed, LocalDate requestedDay) {
        requireKey(typed);
        List<String> readings = ScanReadings.of(typed, scannerLayout());
        return replica.write(tx -> {
            Event event = cachedEvent(tx, eventId);
            LocalDate day = dayOf(event, requestedDay);
            long now = clock.millis();
            Reading reading = firstMatching(tx, typed, readings);
            String code = reading.code();
            List<Participant> matches = reading.participants();
            Participant p = matches.stream().filter(m -> m.eventId().equals(eventId)).findFirst().orElse(null);
            if (p == null) {
                ScanOutcome outcome = matches.isEmpty() ? ScanOutcome.UNKNOWN_CODE : ScanOutcome.WRONG_EVENT;
                String detail = outcome == ScanOutcome.WRONG_EVENT ? "this ticket is for another event"
                        : TicketCodes.shape(code) == TicketCodes.Shape.BAD_CHECK
                        ? "the code's check symbol does not match: misread or mistyped"
                        : "no participant has this code";
                return refuse(tx, event, day, code, null, outcome, detail, now);
            }
            return admit(tx, event, p, code, day, now);
        });
    }

    ScanResult checkInNow(UUID eventId, UUID participantId, LocalDate requestedDay) {
        return replica.write(tx -> {
            Event event = cachedEvent(tx, eventId);
            Participant p = participant(tx, eventId, participantId);
            return admit(tx, event, p, p.ticketCode(), dayOf(event, requestedDay), clock.millis());
        });
    }

    ScanResult undoNow(UUID eventId, UUID participantId, LocalDate requestedDay) {
        return replica.write(tx -> {
            Event event = cachedEvent(tx, eventId);
            LocalDate day = dayOf(event, requestedDay);
            Participant canonical = canonical(tx, participant(tx, eventId, participantId));
            List<CheckInOp> ops = CheckInLog.ops(tx, canonical.id(), day);
            CheckInState state = CheckInMerge.stateOf(ops);
            if (!state.checkedIn()) {
                throw new IllegalStateException(label(canonical) + " is not checked in on " + day);
            }
            Hlc stamp = hlc.stamp(tx);
            CheckInOp op = new CheckInOp(Ids.newId(), eventId, canonical.id(), day, CheckInAction.UNDO,
                    observable(state), stamp,
                    null, operator, null);
            return record(tx, event, canonical, canonical.ticketCode(), day, ops, op, ScanOutcome.UNDONE, null, false,
                    null, clock.millis());
        });
    }

    private ScanResult admit(Tx tx, Event event, Participant scanned, String code, LocalDate day, long now) {
        if (!event.hasCheckInOn(day)) {
            return refuse(tx, event, day, code, scanned, ScanOutcome.NOT_TODAY, "no check-in on " + day
                    + " for this event", now);
        }
        Participant p = canonical(tx, scanned);
        if (!p.admissible()) {
            return refuse(tx, event, day, code, p, ScanOutcome.CANCELLED, "registration is "
                    + p.registrationStatus().wire(), now);
        }
        List<CheckInOp> ops = CheckInLog.ops(tx, p.id(), day);
        CheckInState state = CheckInMerge.stateOf(ops);
        if (state.checkedIn()) {
            if (event.reentryPolicy() == ReentryPolicy.DENY) {
                return refuse(tx, event, day, code, p, ScanOutcome.ALREADY_IN, null, now, state);
            }
            CheckInOp op = new CheckInOp(Ids.newId(), event.id(), p.id(), day, CheckInAction.CHECK_IN,
                    observable(state),
                    hlc.stamp(tx), null, operator, null);
            return record(tx, event, p, code, day, ops, op, ScanOutcome.REENTRY, state, event.reentryPolicy()
                    == ReentryPolicy.WARN, null, now);
        }
        CheckInOp op = new CheckInOp(Ids.newId(), event.id(), p.id(), day, CheckInAction.CHECK_IN, Set.of(),
                hlc.stamp(tx), null, operator, null);
        return record(tx, event, p, code, day, ops, op, ScanOutcome.ADMITTED, null, false, null, now);
    }

    /**
     * The live admissions a new op of the participant-day observes: all of them, or the newest
     * {@link CheckInOp#MAX_OBSERVED} (op ids are time-ordered) when doors made more concurrently. More do not fit in
     * an op, and a re-entry or an undo must not fail for what other doors made (ADR 0353); an undo then leaves the
     * rest live, and the next one takes them.
     */
    static Set<UUID> observable(CheckInState state) {
        Set<UUID> live = state.liveCheckIns();
        if (live.size() <= CheckInOp.MAX_OBSERVED) {
            return live;
        }
        return new TreeSet<>(live).descendingSet().stream().limit(CheckInOp.MAX_OBSERVED)
                .collect(Collectors.toSet());
    }

    /** @param ops the ops of the participant-day before {@code op}, as just read in this transaction */
    private ScanResult record(Tx tx, Event event, Participant p, String code, LocalDate day, List<CheckInOp> ops,
                              CheckInOp op,
                              ScanOutcome outcome, CheckInState before, boolean warn, String detail, long now) {
        CheckInLog.insert(tx, op, event.id(), p.id());
        List<CheckInOp> withNew = new ArrayList<>(ops);
        withNew.add(op);
        CheckInState after = CheckInMerge.stateOf(withNew);
        CheckInLog.writeState(tx, event.id(), p.id(), day, after);
        ScanAttempt attempt = attempt(event, p, code, day, outcome, op.opId(), now);
        ScanAttemptLog.add(tx, attempt);
        String body = Json.write(op);
        OutboxStore.add(tx, event.id(), OutboxStore.Kind.OP, op.opId(), op.opId(), body, now);
        PeerLogStore.made(tx, event.id(), op.deviceId(), OutboxStore.Kind.OP, op.opId(), body);
        OutboxStore.add(tx, event.id(), OutboxStore.Kind.ATTEMPT, attempt.attemptId(), attempt.attemptId(),
                Json.write(attempt), now);
        ParticipantDay key = new ParticipantDay(p.id(), day);
        boolean checkedIn = after.checkedIn();
        tx.afterCommit(() -> events.checkInsChanged(event.id(), Map.of(key, checkedIn)));
        tx.afterCommit(outboxWake);
        CheckInState shown = before != null ? before : after;
        boolean showsFirst = outcome != ScanOutcome.ADMITTED && outcome != ScanOutcome.UNDONE;
        return new ScanResult(outcome, event.id(), day, printable(code), p.id(), p.name(), p.company(),
                showsFirst ? shown.firstAdmittedAt() : null, showsFirst ? shown.device() : null,
                after.duplicate(), warn, op.opId(), attempt.attemptId(), detail,
                showsFirst && CheckInLog.admissionCorrected(withNew, shown) ? Boolean.TRUE : null);
    }

    private ScanResult refuse(Tx tx, Event event, LocalDate day, String code, Participant p, ScanOutcome outcome,
            String detail, long now) {
        return refuse(tx, event, day, code, p, outcome, detail, now, null);
    }

    private ScanResult refuse(Tx tx, Event event, LocalDate day, String code, Participant p, ScanOutcome outcome,
                              String detail, long now,
                              CheckInState state) {
        ScanAttempt attempt = attempt(event, p, code, day, outcome, null, now);
        ScanAttemptLog.add(tx, attempt);
        OutboxStore.add(tx, event.id(), OutboxStore.Kind.ATTEMPT, attempt.attemptId(), attempt.attemptId(),
                Json.write(attempt), now);
        tx.afterCommit(outboxWake);
        return new ScanResult(outcome, event.id(), day, printable(code), p == null ? null : p.id(), p == null ? null
                : p.name(),
                p == null ? null : p.company(), state == null ? null : state.firstAdmittedAt(), state == null ? null
                : state.device(),
                state != null && state.duplicate(), false, null, attempt.attemptId(), detail,
                state != null && p != null && CheckInLog.firstAdmissionCorrected(tx, p.id(), day) ? Boolean.TRUE
                : null);
    }

    private ScanAttempt attempt(Event event, Participant p, String code, LocalDate day, ScanOutcome outcome, UUID opId,
            long now) {
        return new ScanAttempt(Ids.newId(), event.id(), p == null ? null : p.id(), code, day, outcome, opId,
                hlc.deviceId(), operator,
                Instant.ofEpochMilli(now));
    }

    private static String printable(String code) {
        return code == null ? null : TicketCodes.printable(code);
    }

    /** A reading of a scanned text and the participants (of any event) whose ticket it names. */
    private record Reading(String code, List<Participant> participants) {
    }

    private static Reading firstMatching(Tx tx, String typed, List<String> readings) {
        for (String reading : readings) {
            String key = ParticipantStore.ticketKey(reading);
            if (key != null && key.length() <= 128) {
                List<Participant> matches = ParticipantStore.byTicket(tx, key);
                if (!matches.isEmpty()) {
                    // a reading other than the text as typed is recorded as the code it names
                    return new Reading(reading.equals(typed) ? typed : key, matches);
                }
            }
        }
        return new Reading(ScanReadings.bestGuess(readings), List.of());
    }

    private KeyboardLayout scannerLayout() {
        return scanner == null ? null : scanner.current().layout();
    }

    static String requireKey(String code) {
        String key = ParticipantStore.ticketKey(code);
        if (key == null) {
            throw new IllegalArgumentException("ticket code is empty");
        }
        if (key.length() > 128) {
            throw new IllegalArgumentException("ticket code is longer than 128 characters");
        }
        return key;
    }

    private static Participant inEvent(Tx tx, UUID eventId, String key) {
        if (key == null) {
            return null;
        }
        return ParticipantStore.byTicket(tx, key).stream().filter(m -> m.eventId().equals(eventId)).findFirst()
                .orElse(null);
    }

    /** The paired event; an argument error when this kiosk is not paired to it (shared by the door services). */
    public static Event event(Tx tx, UUID eventId) {
        return EventStore.find(tx, eventId)
                .orElseThrow(() -> new IllegalArgumentException("this kiosk is not paired to event " + eventId));
    }

    /** The participant of {@code eventId}, refused as an argument error otherwise (shared by the door services). */
    public static Participant participant(Tx tx, UUID eventId, UUID participantId) {
        Optional<Participant> p = ParticipantStore.find(tx, participantId);
        if (p.isEmpty() || !p.get().eventId().equals(eventId)) {
            throw new IllegalArgumentException("no participant " + participantId + " in event " + eventId);
        }
        return p.get();
    }

    /** Whose check-ins these are: a walk-in merged into an earlier registration counts as that one. */
    static Participant canonical(Tx tx, Participant p) {
        if (p.mergedInto() == null) {
            return p;
        }
        return ParticipantStore.find(tx, p.mergedInto()).orElse(p);
    }

    private LocalDate dayOf(Event event, LocalDate requested) {
        return requested != null ? requested : event.dayAt(clock.instant());
    }

    static String label(Participant p) {
        return p.name() != null ? p.name() : "participant " + p.id();
    }
}
