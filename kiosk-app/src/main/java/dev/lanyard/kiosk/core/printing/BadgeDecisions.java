package dev.lanyard.kiosk.core.printing;

import dev.lanyard.kiosk.core.reads.ParticipantReads;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.queue.PrintQueue;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which badge to print and when: on admission (auto-print), on a reprint (asking first when a
 * badge was printed before) and for a pre-print batch. The screens ask here and hand the
 * answer to the printer; they do not read participants themselves.
 */
public final class BadgeDecisions {
    private final ParticipantReads reads;
    private final PrintService printing;

    public BadgeDecisions(ParticipantReads reads, PrintService printing) {
        this.reads = reads;
        this.printing = printing;
    }

    /** One badge to print, under the key that keeps it printed once however often it is asked for. */
    public record Badge(String key, BadgeData data, Participant participant) {
    }

    /** What a reprint request comes to: nobody to print for, a question first, or a badge to print. */
    public record Reprint(Participant participant, int printedBefore, Badge badge) {
        public boolean askFirst() {
            return badge == null && participant != null;
        }
    }

    /** Auto-print prints a first admission only (not a re-entry or a warning), and only when it is on. */
    public static boolean printsOnAdmit(ScanOutcome outcome, boolean autoPrintOn) {
        return outcome == ScanOutcome.ADMITTED && autoPrintOn;
    }

    /** The badge for {@code participantId} admitted by op {@code opId}, if the replica holds them. */
    public Optional<Badge> onAdmit(UUID participantId, UUID opId) {
        return reads.find(participantId).map(p -> admitBadge(p, opId));
    }

    /** The admission badge of a participant the screen already holds. */
    public static Badge admitBadge(Participant p, UUID opId) {
        return new Badge(PrintService.badgeKey(p.id(), "admit-" + opId), PrintService.badgeOf(p), p);
    }

    /**
     * A reprint of {@code participantId}'s badge. When one was printed before and the staff have
     * not confirmed yet, the answer asks first; otherwise it is a badge under a key of its own.
     */
    public Reprint reprint(UUID participantId, boolean confirmed) {
        return reads.find(participantId).map(p -> reprintOf(p, confirmed)).orElseGet(() -> new Reprint(null, 0, null));
    }

    /** {@link #reprint(UUID, boolean)} for a participant the screen already holds. */
    public Reprint reprintOf(Participant p, boolean confirmed) {
        int printed = printing.printedCount(p.id());
        if (printed > 0 && !confirmed) {
            return new Reprint(p, printed, null);
        }
        Badge badge = new Badge(PrintService.badgeKey(p.id(), "reprint-" + UUID.randomUUID()), PrintService.badgeOf(p),
                p);
        return new Reprint(p, printed, badge);
    }

    /** A badge for every admissible participant of {@code event}, each keyed so a batch prints it once. */
    public List<PrintQueue.BatchItem> preprint(UUID event) {
        return reads.admissible(event).stream()
                .map(p -> new PrintQueue.BatchItem(PrintService.badgeKey(p.id(), "preprint"), PrintService.badgeOf(p)))
                .toList();
    }
}
