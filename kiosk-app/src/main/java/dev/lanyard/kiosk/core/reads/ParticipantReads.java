package dev.lanyard.kiosk.core.reads;

import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.Participant;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * What the screens read about participants, each answer from one replica transaction. The UI
 * asks here instead of opening transactions itself (ADR 0320).
 */
public final class ParticipantReads {
    private final Replica replica;

    public ParticipantReads(Replica replica) {
        this.replica = replica;
    }

    /** A participant's check-in on one day, as the detail screen shows it. */
    public record DayStanding(Participant participant, boolean checkedIn, Instant firstAdmittedAt, String firstDevice,
                              boolean duplicate, boolean firstAdmissionCorrected) {
    }

    public Optional<Participant> find(UUID participantId) {
        return participantId == null ? Optional.empty() : replica.write(tx -> ParticipantStore.find(tx, participantId));
    }

    /** The registrations of {@code event} with exactly this email, leaving out those merged into another. */
    public List<Participant> activeByEmail(UUID event, String email) {
        return replica.write(tx -> ParticipantStore.byEmail(tx, event, email)).stream()
                .filter(p -> p.mergedInto() == null).toList();
    }

    /** The participant of {@code event} holding this ticket code, if any. */
    public Optional<Participant> byTicket(UUID event, String ticketCode) {
        return replica.write(tx -> ParticipantStore.byTicket(tx, ParticipantStore.ticketKey(ticketCode)).stream()
                .filter(p -> p.eventId().equals(event)).findFirst());
    }

    /** How many participants {@code event} has registered. */
    public int count(UUID event) {
        return replica.write(tx -> ParticipantStore.count(tx, event));
    }

    /** @throws IllegalArgumentException when the replica holds no such participant */
    public DayStanding standing(UUID participantId, LocalDate day) {
        return replica.write(tx -> {
            Participant p = ParticipantStore.find(tx, participantId)
                    .orElseThrow(() -> new IllegalArgumentException("no participant " + participantId));
            CheckInLog.DayState state = CheckInLog.state(tx, p.canonicalId(), day);
            boolean corrected = state.checkedIn() && CheckInLog.firstAdmissionCorrected(tx, p.canonicalId(), day);
            return new DayStanding(p, state.checkedIn(), state.firstAdmittedAt(), state.firstDevice(),
                    state.duplicate(),
                    corrected);
        });
    }

    /** Every participant of {@code event} a badge may be printed for: admissible and not merged into another. */
    public List<Participant> admissible(UUID event) {
        List<Participant> out = new ArrayList<>();
        replica.write(tx -> {
            ParticipantStore.forEach(tx, event, p -> {
                if (p.mergedInto() == null && p.admissible()) {
                    out.add(p);
                }
            });
            return null;
        });
        return out;
    }

    /** Up to {@code size} names from a drawing's pool, sampled evenly (for display only). */
    public List<String> sampleNames(UUID event, DrawingPool pool, int size, Random random) {
        List<String> names = new ArrayList<>();
        replica.write(tx -> {
            Set<UUID> in = pool == DrawingPool.CHECKED_IN ? CheckInLog.checkedInOnAnyDay(tx, event) : null;
            int[] seen = {0};
            ParticipantStore.forEach(tx, event, p -> {
                // the pool's people as the drawing takes them (PrizeDrawingService): no erased or cancelled names roll
                if (p.name() == null || p.mergedInto() != null || p.anonymized() || !p.admissible()
                        || in != null && !in.contains(p.id())) {
                    return;
                }
                // reservoir sample
                seen[0]++;
                if (names.size() < size) {
                    names.add(p.name());
                } else {
                    int j = random.nextInt(seen[0]);
                    if (j < size) {
                        names.set(j, p.name());
                    }
                }
            });
            return null;
        });
        return names;
    }
}
