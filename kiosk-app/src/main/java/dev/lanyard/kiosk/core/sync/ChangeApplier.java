package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.notices.ConflictNotice;
import dev.lanyard.kiosk.core.notices.ConflictNotices;
import dev.lanyard.kiosk.core.clock.DeviceClock;
import dev.lanyard.kiosk.core.events.ReplicaEvents;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.DrawingStore;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.NoticeStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Tx;
import dev.lanyard.kiosk.core.store.UnreadChangeStore;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.merge.CheckInMerge;
import dev.lanyard.model.merge.CheckInState;
import dev.lanyard.model.merge.ParticipantDay;
import dev.lanyard.model.merge.ParticipantMerge;
import dev.lanyard.model.protocol.Change;
import dev.lanyard.model.protocol.ChangeType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies change-feed entries to the replica, one page per transaction, and moves the event's
 * feed position with them (so an interrupted bootstrap or pull resumes where it stopped).
 * Every merge decision is shared-model's: participants join register by register
 * ({@link ParticipantJoin}), ops go into the log and the state is re-derived
 * ({@link CheckInLog#recompute}), drawings by DrawingMerge. Applying a change twice changes
 * nothing.
 *
 * <p>Here too the door learns that the merge overturned its own work, and says so once.
 */
public final class ChangeApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /**
     * A page stores its ops this many entries at a time, and between two such steps lets a waiting writer in (a few
     * milliseconds' work at a door catching up).
     */
    static final int ENTRIES_PER_STEP = 200;
    private final Replica replica;
    private final DeviceClock hlc;
    private final Clock clock;
    private final ReplicaEvents events;
    private final ConflictNotices notices;
    private final Runnable outboxWake;
    private final Runnable outboxShrank;

    /** @param outboxWake told when acknowledged items turned out lost and must be sent again */
    public ChangeApplier(Replica replica, DeviceClock hlc, Clock clock, ReplicaEvents events, ConflictNotices notices,
            Runnable outboxWake) {
        this(replica, hlc, clock, events, notices, outboxWake, () -> { });
    }

    /**
     * @param outboxShrank told when the feed confirmed sent items and they left the outbox (the sync bar's counts
     * changed)
     */
    public ChangeApplier(Replica replica, DeviceClock hlc, Clock clock, ReplicaEvents events, ConflictNotices notices,
                         Runnable outboxWake,
                         Runnable outboxShrank) {
        this.replica = replica;
        this.hlc = hlc;
        this.clock = clock;
        this.events = events;
        this.notices = notices;
        this.outboxWake = outboxWake;
        this.outboxShrank = outboxShrank;
    }

    /** What an apply did. {@code gap}: the changes did not continue from the position held, and nothing was applied. */
    public record Applied(int applied, long lastSeq, boolean gap) {
    }

    /**
     * Applies {@code changes} (in seq order) of one event. Changes at or below the position
     * already held are skipped. With {@code contiguous}, a first new change that does not
     * directly follow that position is a gap: nothing is applied and the caller pulls.
     */
    public Applied apply(UUID eventId, List<Change> changes, boolean contiguous) {
        List<FeedEntry> entries = new ArrayList<>(changes.size());
        for (Change c : changes) {
            entries.add(FeedEntry.of(c));
        }
        return applyEntries(eventId, entries, contiguous);
    }

    /** As {@link #apply}, for entries already read into records. */
    public Applied applyEntries(UUID eventId, List<FeedEntry> changes, boolean contiguous) {
        return applyEntries(eventId, changes, contiguous, null);
    }

    /**
     * As {@link #apply}, during a bulk load into a replica that held no participant when it
     * began: {@code loaded} holds the participants written since, so only those are looked up
     * (the lookups of 100,000 new ids would cost a tenth of a bootstrap). New participants are
     * added to it.
     */
    Applied applyEntries(UUID eventId, List<FeedEntry> changes, boolean contiguous, Set<UUID> loaded) {
        return applyEntries(eventId, changes, List.of(), contiguous, loaded);
    }

    /**
     * As {@link #applyEntries(UUID, List, boolean, Set)}, with the entries of the same pages this version could not
     * read: they are counted in the replica (ADR 0335), confirm what the server acknowledged at their seqs, and move
     * the position past them like any other entry.
     */
    Applied applyEntries(UUID eventId, List<FeedEntry> changes, List<FeedPageReader.Unread> unreadable,
                         boolean contiguous, Set<UUID> loaded) {
        long pageEnd = lastSeqOf(changes, unreadable);
        Applied total = null;
        while (true) {
            boolean first = total == null;
            long expected = first ? -1 : total.lastSeq();
            Applied part = replica.write(tx -> applyPart(tx, eventId, changes, unreadable, contiguous, expected,
                    loaded));
            if (part.gap()) {
                return first ? part : new Applied(total.applied(), part.lastSeq(), true);
            }
            total = first ? part : new Applied(total.applied() + part.applied(), part.lastSeq(), false);
            if (part.applied() == 0 || part.lastSeq() >= pageEnd) {
                return total;
            }
        }
    }

    private static boolean consecutive(List<FeedEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).seq() != entries.get(i - 1).seq() + 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * One transaction of a page: the entries after the position held, {@value #ENTRIES_PER_STEP} at a time, all of
     * them unless a writer waits for the replica (a desk's scan) between two steps. Then the part ends there, as if
     * the page had, and the caller applies the rest in the next (ADR 0343).
     */
    private Applied applyPart(Tx tx, UUID eventId, List<FeedEntry> changes, List<FeedPageReader.Unread> unreadable,
                              boolean contiguous, long expected, Set<UUID> loaded) {
        long position = EventStore.lastSeq(tx, eventId);
        if (expected >= 0 && position != expected) {
            // the writer let in between two parts moved the position (a re-read, a rewound server): the rest of the
            // page is not this part's to apply, and a realtime frame reports a gap so its caller pulls from there
            return new Applied(0, position, contiguous);
        }
        List<FeedEntry> fresh = new ArrayList<>(changes.size());
        for (FeedEntry c : changes) {
            if (c.seq() > position) {
                fresh.add(c);
            }
        }
        List<FeedPageReader.Unread> unread = new ArrayList<>(unreadable.size());
        for (FeedPageReader.Unread u : unreadable) {
            if (u.seq() > position) {
                unread.add(u);
            }
        }
        if (fresh.isEmpty() && unread.isEmpty()) {
            return new Applied(0, position, false);
        }
        long first = Math.min(fresh.isEmpty() ? Long.MAX_VALUE : fresh.get(0).seq(),
                unread.isEmpty() ? Long.MAX_VALUE : unread.get(0).seq());
        if (contiguous && expected < 0 && first != position + 1) {
            return new Applied(0, position, true);
        }
        if (contiguous && unread.isEmpty() && !consecutive(fresh)) {
            // a frame that skips seqs inside it: the skipped entries are pulled with the rest, never passed over
            return new Applied(0, position, true);
        }
        boolean awaitingConfirmation = OutboxStore.anyAcknowledged(tx, eventId);
        int unreadConfirmed = unread.isEmpty() ? 0 : setAside(tx, eventId, unread, awaitingConfirmation);
        // entries this version cannot read are set aside whole above, so such a page is not cut
        boolean mayYield = unread.isEmpty();
        Page page = new Page(tx, eventId, loaded);
        page.preload(fresh);
        int confirmed = 0;
        int applied = 0;
        List<UUID> opsShown = new ArrayList<>();
        for (FeedEntry c : fresh) {
            page.apply(c);
            applied++;
            if (awaitingConfirmation) {
                if (c.value() instanceof CheckInOp op) {
                    opsShown.add(op.opId());
                } else {
                    confirmed += confirm(tx, eventId, c);
                }
            }
            if (applied % ENTRIES_PER_STEP == 0 && applied < fresh.size()) {
                if (mayYield && tx.othersWaiting()) {
                    break;
                }
                page.storeOps();
            }
        }
        if (!opsShown.isEmpty()) {
            confirmed += OutboxStore.confirmOps(tx, eventId, opsShown);
        }
        if (confirmed + unreadConfirmed > 0) {
            tx.afterCommit(outboxShrank);
        }
        FeedEntry lastApplied = applied == 0 ? null : fresh.get(applied - 1);
        FeedPageReader.Unread lastUnread = unread.isEmpty() ? null : unread.get(unread.size() - 1);
        boolean unreadLast = lastUnread != null && (lastApplied == null || lastUnread.seq() > lastApplied.seq());
        long last = unreadLast ? lastUnread.seq() : lastApplied.seq();
        page.finish();
        EventStore.setLastSeq(tx, eventId, last, unreadLast ? lastUnread.at() : lastApplied.at());
        if (awaitingConfirmation) {
            int lost = OutboxStore.expireUnconfirmed(tx, eventId, last);
            if (lost > 0) {
                LOG.warn(
                        "the server acknowledged {} items of event {} that its feed does not have; sending them "
                        + "again", lost, eventId);
                tx.afterCommit(outboxWake);
            }
        }
        return new Applied(applied, last, false);
    }

    private static long lastSeqOf(List<FeedEntry> changes, List<FeedPageReader.Unread> unreadable) {
        return Math.max(changes.isEmpty() ? 0 : changes.get(changes.size() - 1).seq(),
                unreadable.isEmpty() ? 0 : unreadable.get(unreadable.size() - 1).seq());
    }

    /**
     * Counts the entries this version cannot read, confirms what the server acknowledged at their seqs, and raises
     * one notice per event and type at the first of a type, so the desk learns this kiosk needs updating.
     *
     * @return how many outbox rows were confirmed
     */
    private int setAside(Tx tx, UUID eventId, List<FeedPageReader.Unread> unread, boolean awaitingConfirmation) {
        Map<String, List<FeedPageReader.Unread>> byType = new LinkedHashMap<>();
        for (FeedPageReader.Unread u : unread) {
            byType.computeIfAbsent(u.type(), t -> new ArrayList<>()).add(u);
        }
        for (Map.Entry<String, List<FeedPageReader.Unread>> type : byType.entrySet()) {
            FeedPageReader.Unread first = type.getValue().get(0);
            List<Long> seqs = type.getValue().stream().map(FeedPageReader.Unread::seq).toList();
            if (UnreadChangeStore.record(tx, eventId, type.getKey(), seqs)) {
                LOG.warn("event {}: this kiosk's version cannot read changes of type \"{}\" (the first at seq {}: {});"
                        + " they are read again once it is updated", eventId, type.getKey(), first.seq(),
                        first.reason());
                notices.raiseOnce(tx, eventId, ConflictNotice.Kind.UNREADABLE_CHANGES, eventId + "/" + type.getKey(),
                        Map.of(ConflictNotice.Param.TYPE, type.getKey()), clock.millis());
            }
        }
        int confirmed = 0;
        if (awaitingConfirmation) {
            for (FeedPageReader.Unread u : unread) {
                confirmed += OutboxStore.confirmUnreadable(tx, eventId, u.seq());
            }
        }
        return confirmed;
    }

    /**
     * Whether a stamp lies further ahead of this door's corrected wall clock than the server takes
     * ({@link dev.lanyard.kiosk.core.clock.ClockOffset#DRIFT}): another door's item stamped so is not applied here
     * (ADR 0353), or it would win every register it writes and pull this door's clock ahead with it.
     */
    public boolean tooFarAhead(Hlc stamp) {
        return millisAhead(stamp) > dev.lanyard.kiosk.core.clock.ClockOffset.DRIFT.toMillis();
    }

    /** How far a stamp lies ahead of this door's corrected wall clock (negative when behind it). */
    public long millisAhead(Hlc stamp) {
        return stamp.wall() - hlc.wallMillis();
    }

    /**
     * An item another door sent that this version cannot read (a newer door's, ADR 0337): logged, and one notice per
     * event and door asks for this kiosk to be updated.
     */
    public void unreadableFromPeer(UUID eventId, String origin, String why) {
        replica.write(tx -> {
            // the origin came from the wire (a relaying door): shown only printable and short
            String door = TicketCodes.printable(origin.length() <= 8 ? origin : origin.substring(origin.length() - 8));
            if (notices.raiseOnce(tx, eventId, ConflictNotice.Kind.UNREADABLE_FROM_PEER, eventId + "/" + origin,
                    Map.of(ConflictNotice.Param.DOOR, door), clock.millis())) {
                LOG.warn("event {}: door {} sent items this kiosk's version cannot read ({}); they are passed on to"
                        + " the server and other doors", eventId, door, why);
            }
            return null;
        });
    }

    /**
     * Items another door made (ADR 0316), applied with the rules of feed entries but without
     * moving the feed position: ops into the log and their states re-derived, a patch joined
     * into its participant (a participant not known here yet starts from the patch alone, the
     * feed brings the rest), drawings merged. Notices are raised as for the feed.
     *
     * @param items {@link CheckInOp}, {@link ParticipantPatch} or {@link PrizeDrawing}, in their origin's order
     * @return the ids of the ops this replica did not hold before
     */
    public Set<UUID> applyFromPeers(UUID eventId, List<Object> items) {
        List<FeedEntry> entries = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof CheckInOp op) {
                entries.add(new FeedEntry(0, ChangeType.CHECKIN_OP, op));
            } else if (item instanceof ParticipantPatch patch) {
                entries.add(new FeedEntry(0, ChangeType.PARTICIPANT,
                        ParticipantMerge.apply(Participant.blank(patch.participantId(), eventId), patch)));
            } else if (item instanceof PrizeDrawing drawing) {
                entries.add(new FeedEntry(0, ChangeType.DRAWING, drawing));
            } else {
                throw new IllegalArgumentException("a peer item must be an op, a patch or a drawing, not " + item);
            }
        }
        return replica.write(tx -> {
            Page page = new Page(tx, eventId, null);
            page.preload(entries);
            entries.forEach(page::apply);
            page.finish();
            return Set.copyOf(page.newOps);
        });
    }

    /**
     * The feed shows an item this device sent: the server has it for good. Check-in ops are confirmed together
     * ({@link OutboxStore#confirmOps}).
     *
     * @return how many outbox rows it removed
     */
    private int confirm(Tx tx, UUID eventId, FeedEntry c) {
        return switch (c.type()) {
            case CHECKIN_OP -> throw new IllegalArgumentException("a page's check-in ops are confirmed together");
            case PARTICIPANT -> OutboxStore.confirm(tx, eventId, OutboxStore.Kind.PATCH,
                    ((Participant) c.value()).id(), c.seq());
            case DRAWING -> OutboxStore.confirm(tx, eventId, OutboxStore.Kind.DRAWING,
                    ((PrizeDrawing) c.value()).drawingId(), c.seq());
            case EVENT -> 0;
        };
    }

    /** One page's worth of changes inside its transaction. */
    private final class Page {
        private final Tx tx;
        private final UUID eventId;
        private final Map<UUID, Participant> current = new HashMap<>();
        /** Participants only this page's ops name, and whom they count for (their records are not opened). */
        private final Map<UUID, UUID> canonicals = new HashMap<>();
        private final Set<UUID> inserted = new LinkedHashSet<>();
        private final Set<UUID> updated = new LinkedHashSet<>();
        private final Set<ParticipantDay> dirty = new LinkedHashSet<>();
        private final Map<ParticipantDay, Boolean> derived = new LinkedHashMap<>();
        private final List<NoticeStore.Row> raised = new ArrayList<>();
        private final Set<UUID> newOps = new HashSet<>();
        /** Ops of this page not stored yet: they go in as one batch (ADR 0322). */
        private final List<CheckInLog.Pending> pendingOps = new ArrayList<>();
        /** This page's new ops by id, as stored: their days' states are derived without reading them back. */
        private final Map<UUID, CheckInOp> pageOps = new HashMap<>();
        /** The same ops by the participant-day they count for. */
        private final Map<ParticipantDay, List<CheckInOp>> pageOpsByDay = new HashMap<>();
        /** Participant-days this page's ops count for that held ops before it. */
        private final Set<ParticipantDay> logged = new HashSet<>();
        /** Participants whose ops moved to another canonical participant in this page, or away from them. */
        private final Set<UUID> remerged = new HashSet<>();
        private Hlc latest = Hlc.ZERO;
        private Event event;

        /** Null, or (bulk load) the only participants the replica can hold. */
        private final Set<UUID> loaded;

        Page(Tx tx, UUID eventId, Set<UUID> loaded) {
            this.tx = tx;
            this.eventId = eventId;
            this.loaded = loaded;
        }

        /**
         * Loads the participants a page changes in a few queries instead of one per change; of those only its ops
         * name, just whom they count for.
         */
        void preload(List<FeedEntry> changes) {
            Set<UUID> ids = new HashSet<>();
            Set<UUID> opsOnly = new HashSet<>();
            for (FeedEntry c : changes) {
                if (c.value() instanceof Participant p) {
                    ids.add(p.id());
                } else if (c.value() instanceof CheckInOp op) {
                    opsOnly.add(op.participantId());
                }
            }
            opsOnly.removeAll(ids);
            if (loaded != null) {
                ids.removeIf(this::notLoaded);
                opsOnly.removeIf(this::notLoaded);
            }
            if (!opsOnly.isEmpty()) {
                Map<UUID, UUID> merged = ParticipantStore.mergedInto(tx, opsOnly);
                for (UUID id : opsOnly) {
                    canonicals.put(id, merged.getOrDefault(id, id));
                }
            }
            if (ids.isEmpty()) {
                return;
            }
            Map<UUID, Participant> found = ParticipantStore.findAll(tx, ids);
            for (UUID id : ids) {
                current.put(id, found.get(id));
            }
        }

        /** During a bulk load: a participant this load has not written is not in the replica (no need to look). */
        private boolean notLoaded(UUID id) {
            if (loaded.contains(id)) {
                return false;
            }
            current.put(id, null);
            return true;
        }

        /** Whom an op of {@code participant} counts for. */
        private UUID canonicalOf(UUID participant) {
            if (!current.containsKey(participant) && canonicals.containsKey(participant)) {
                return canonicals.get(participant);
            }
            Participant p = known(participant);
            return p == null ? participant : p.canonicalId();
        }

        void apply(FeedEntry change) {
            switch (change.type()) {
                case PARTICIPANT -> participant((Participant) change.value());
                case CHECKIN_OP -> op((CheckInOp) change.value());
                case EVENT -> event((Event) change.value());
                case DRAWING -> drawing((PrizeDrawing) change.value());
            }
        }

        private void event(Event incoming) {
            if (incoming.id().equals(eventId)) {
                EventStore.upsert(tx, incoming);
                event = incoming;
            }
        }

        private void drawing(PrizeDrawing incoming) {
            seen(incoming.hlc());
            DrawingStore.merge(tx, incoming.eventId() == null ? incoming.withEventId(eventId) : incoming);
        }

        private void participant(Participant incoming) {
            if (!incoming.eventId().equals(eventId)) {
                return;
            }
            incoming.stamps().values().forEach(this::seen);
            Participant local = known(incoming.id());
            Participant merged = local == null ? incoming : ParticipantJoin.join(local, incoming);
            if (local == null) {
                inserted.add(merged.id());
            } else if (merged.equals(local)) {
                return;
            } else if (!inserted.contains(merged.id())) {
                updated.add(merged.id());
            }
            current.put(merged.id(), merged);
            UUID before = local == null ? null : local.mergedInto();
            if (!Objects.equals(before, merged.mergedInto())) {
                mergeChanged(merged, before);
            }
        }

        /**
         * A participant now counts for another one (or no longer does): its ops move, both sides' states are
         * re-derived.
         */
        private void mergeChanged(Participant p, UUID before) {
            storeOps(); // the ops moved below include this page's
            UUID after = p.mergedInto();
            UUID from = before == null ? p.id() : before;
            UUID to = after == null ? p.id() : after;
            // both sides of every day that moved: the one the ops left and the one they joined
            Set<LocalDate> moved = CheckInLog.recanonicalize(tx, p.id(), from, to);
            for (LocalDate day : moved) {
                dirty.add(new ParticipantDay(from, day));
                dirty.add(new ParticipantDay(to, day));
            }
            remerged.addAll(List.of(p.id(), from, to));
            if (after != null) {
                CheckInLog.clearState(tx, p.id());
                dirty.removeIf(key -> key.participantId().equals(p.id()));
                // its state rows are gone: whoever keeps checked-in days in memory (search, the desk's count) is told
                moved.forEach(day -> derived.put(new ParticipantDay(p.id(), day), false));
                if (p.source() == ParticipantSource.WALK_IN && hlc.deviceId()
                        .equals(p.stampOf(ParticipantField.TICKET_CODE.wire()).node())) {
                    Participant target = known(after);
                    Map<String, String> facts = new HashMap<>();
                    facts.put(ConflictNotice.Param.PARTICIPANT, label(p));
                    if (p.email() != null) {
                        facts.put(ConflictNotice.Param.EMAIL, p.email());
                    }
                    if (target != null && target.name() != null) {
                        facts.put(ConflictNotice.Param.REGISTRATION, target.name());
                    }
                    notice(ConflictNotice.Kind.WALK_IN_MERGED, p.id(), after, facts);
                }
            }
        }

        private void op(CheckInOp incoming) {
            seen(incoming.hlc());
            pendingOps.add(new CheckInLog.Pending(incoming, canonicalOf(incoming.participantId())));
        }

        /** Stores the ops this page brought so far, in one batch; the days of the new ones are to re-derive. */
        private void storeOps() {
            if (pendingOps.isEmpty()) {
                return;
            }
            pendingOps.removeIf(p -> newOps.contains(p.op().opId())); // stored by an earlier batch of this page
            CheckInLog.Added batch = CheckInLog.addAll(tx, pendingOps, eventId, remerged);
            logged.addAll(batch.logged());
            for (CheckInLog.Pending added : batch.fresh()) {
                CheckInOp op = added.op();
                newOps.add(op.opId());
                CheckInOp stored = op.withEventId(eventId);
                pageOps.put(op.opId(), stored);
                ParticipantDay key = added.key();
                dirty.add(key);
                pageOpsByDay.computeIfAbsent(key, k -> new ArrayList<>()).add(stored);
            }
            pendingOps.clear();
        }

        private Participant known(UUID id) {
            Participant p = current.get(id);
            if (p == null && !current.containsKey(id)) {
                p = loaded != null && !loaded.contains(id) ? null : ParticipantStore.find(tx, id).orElse(null);
                current.put(id, p);
            }
            return p;
        }

        private void seen(Hlc stamp) {
            if (stamp.compareTo(latest) > 0) {
                latest = stamp;
            }
        }

        void finish() {
            storeOps();
            List<Participant> newOnes = new ArrayList<>(inserted.size());
            for (UUID id : inserted) {
                newOnes.add(current.get(id));
            }
            ParticipantStore.insertAll(tx, newOnes);
            if (loaded != null) {
                tx.afterCommit(() -> loaded.addAll(inserted));
            }
            List<Participant> changed = new ArrayList<>(newOnes);
            for (UUID id : updated) {
                Participant p = current.get(id);
                ParticipantStore.update(tx, p);
                changed.add(p);
            }
            // drawings merged earlier in this page looked the winners up before these were written
            Set<UUID> anonymized = new HashSet<>();
            changed.stream().filter(Participant::anonymized).forEach(p -> anonymized.add(p.id()));
            if (!anonymized.isEmpty()) {
                DrawingStore.forgetWinners(tx, eventId, anonymized);
                NoticeStore.forgetParticipants(tx, anonymized);
            }
            Set<ParticipantDay> readBack = new LinkedHashSet<>();
            for (ParticipantDay key : dirty) {
                if (logged.contains(key) || remerged.contains(key.participantId())) {
                    readBack.add(key);
                }
            }
            Map<ParticipantDay, List<CheckInOp>> opsByDay = CheckInLog.opsOf(tx, readBack, pageOps);
            Map<ParticipantDay, CheckInState> states = new LinkedHashMap<>();
            for (ParticipantDay key : dirty) {
                List<CheckInOp> ops = readBack.contains(key) ? opsByDay.get(key)
                        : pageOpsByDay.getOrDefault(key, List.of());
                states.put(key, rederive(key, ops));
            }
            Set<ParticipantDay> rowless = new HashSet<>(dirty);
            rowless.removeAll(readBack);
            CheckInLog.writeStates(tx, eventId, states, rowless);
            if (latest != Hlc.ZERO) {
                hlc.observe(latest);
                hlc.persist(tx);
            }
            Event changedEvent = event;
            Map<ParticipantDay, Boolean> checkedIn = new LinkedHashMap<>(derived);
            List<NoticeStore.Row> newNotices = List.copyOf(raised);
            tx.afterCommit(() -> {
                if (changedEvent != null) {
                    events.eventChanged(changedEvent);
                }
                events.participantsChanged(eventId, changed);
                events.checkInsChanged(eventId, checkedIn);
                newNotices.forEach(n -> notices.publish(ConflictNotices.of(n)));
            });
        }

        /** The state of one participant-day from all of its ops (written by the caller, with the page's others). */
        private CheckInState rederive(ParticipantDay key, List<CheckInOp> ops) {
            CheckInState state = CheckInMerge.stateOf(ops);
            derived.put(key, state.checkedIn());
            if (!state.checkedIn()) {
                return state;
            }
            Map<UUID, CheckInOp> byId = new LinkedHashMap<>();
            ops.forEach(o -> byId.put(o.opId(), o));
            for (CheckInOp op : ops) {
                if (!op.isCheckIn() && op.deviceId().equals(hlc.deviceId()) && CheckInMerge.undoOverturned(op, state)) {
                    CheckInOp winner = state.liveCheckIns().stream().filter(id -> !op.observed().contains(id))
                            .map(byId::get)
                            .filter(Objects::nonNull).min(Comparator.comparing(CheckInOp::hlc)).orElse(null);
                    Participant p = known(key.participantId());
                    Map<String, String> facts = new HashMap<>();
                    if (p != null) {
                        facts.put(ConflictNotice.Param.PARTICIPANT, label(p));
                    }
                    if (winner != null) {
                        facts.put(ConflictNotice.Param.DOOR, shortId(winner.deviceId()));
                        facts.put(ConflictNotice.Param.TIME, TIME.format(winner.hlc().instant().atZone(zone())));
                    }
                    facts.put(ConflictNotice.Param.DAY, key.day().toString());
                    notice(ConflictNotice.Kind.UNDO_OVERTURNED, op.opId(), key.participantId(), facts);
                }
            }
            return state;
        }

        private void notice(ConflictNotice.Kind kind, UUID subject, UUID participant, Map<String, String> facts) {
            String stored = ConflictNotices.stored(facts);
            NoticeStore.addIfAbsent(tx, eventId, kind.name(), subject, participant, stored, clock.millis())
                    .ifPresent(raised::add);
        }

        private ZoneId zone() {
            Event e = event != null ? event : EventStore.find(tx, eventId).orElse(null);
            return e == null ? ZoneId.of("UTC") : e.timezone();
        }
    }

    private static String label(Participant p) {
        return p.name() == null ? p.id().toString() : p.name();
    }

    private static String shortId(String deviceId) {
        return deviceId.length() > 8 ? deviceId.substring(deviceId.length() - 8) : deviceId;
    }
}
