package dev.lanyard.kiosk.core.search;

import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.model.Participant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An in-memory search index over one event's participants: name, email, company,
 * registration number and ticket code, folded by {@link TextFolding}. RAM is not "at rest", so
 * holding it unencrypted is fine (ADR 0303).
 *
 * <p>Entries sit in an array sorted by folded name, replaced whole on every update
 * (copy-on-write): a search reads a stable snapshot without a lock, walks it in name order and
 * stops at the limit, so results come out sorted for free. An update costs one pass over the
 * array, which is cheap next to the network round trip that brought it.
 */
public final class SearchIndex {
    private static final char SEPARATOR = '\u0001';
    private static final Comparator<Entry> ORDER = Comparator.comparing((Entry e) -> e.hay)
            .thenComparing(e -> e.hit.participantId());
    private volatile Entry[] entries = new Entry[0];

    /** The result of one search: hits in name order, and whether more matched than the limit. */
    public record Result(List<SearchHit> hits, boolean more) {
    }

    private static final class Entry {
        final String hay;
        final String korean;
        final String koreanInitials;
        final SearchHit hit;

        Entry(String hay, String korean, SearchHit hit) {
            this.hay = hay;
            this.korean = korean;
            this.koreanInitials = korean == null ? null : HangulMatch.initials(korean);
            this.hit = hit;
        }
    }

    public int size() {
        return entries.length;
    }

    /** Adds, replaces or (for participants merged into another) removes these participants. */
    public synchronized void update(Collection<Participant> changed) {
        if (changed.isEmpty()) {
            return;
        }
        java.util.Map<UUID, Participant> latest = new java.util.LinkedHashMap<>();
        for (Participant p : changed) {
            latest.put(p.id(), p);
        }
        Set<UUID> ids = latest.keySet();
        List<Entry> fresh = new ArrayList<>(latest.size());
        for (Participant p : latest.values()) {
            if (p.mergedInto() == null) {
                fresh.add(entryOf(p));
            }
        }
        fresh.sort(ORDER);
        Entry[] old = entries;
        Entry[] merged = new Entry[old.length + fresh.size()];
        int n = 0;
        int f = 0;
        for (Entry e : old) {
            if (ids.contains(e.hit.participantId())) {
                continue;
            }
            while (f < fresh.size() && ORDER.compare(fresh.get(f), e) < 0) {
                merged[n++] = fresh.get(f++);
            }
            merged[n++] = e;
        }
        while (f < fresh.size()) {
            merged[n++] = fresh.get(f++);
        }
        entries = n == merged.length ? merged : Arrays.copyOf(merged, n);
    }

    public synchronized void remove(Collection<UUID> ids) {
        Set<UUID> gone = new HashSet<>(ids);
        entries = Arrays.stream(entries).filter(e -> !gone.contains(e.hit.participantId())).toArray(Entry[]::new);
    }

    /**
     * Participants matching every word of {@code query} (each a substring of some field, or
     * Korean initials / a syllable still being typed), at most {@code limit}, in name order.
     * A blank query matches nothing.
     */
    public Result search(String query, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        String folded = TextFolding.fold(query);
        if (folded.isEmpty()) {
            return new Result(List.of(), false);
        }
        Term[] terms = Arrays.stream(folded.split(" ")).map(Term::new).toArray(Term[]::new);
        Entry[] snapshot = entries;
        List<SearchHit> hits = new ArrayList<>(Math.min(limit, 64));
        for (Entry e : snapshot) {
            if (matches(e, terms)) {
                if (hits.size() == limit) {
                    return new Result(hits, true);
                }
                hits.add(e.hit);
            }
        }
        return new Result(hits, false);
    }

    private static boolean matches(Entry e, Term[] terms) {
        for (Term t : terms) {
            if (!t.matches(e)) {
                return false;
            }
        }
        return true;
    }

    /** One query word, with the alternatives it may match as. */
    private static final class Term {
        final String text;
        final String asTicket;
        final boolean korean;
        final String initials;

        Term(String text) {
            this.text = text;
            this.korean = HangulMatch.needed(text);
            this.initials = korean ? HangulMatch.initials(text) : null;
            String ticket = text.length() >= 4 && text.chars()
                    .allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-'))
                    ? ParticipantStore.ticketKey(text) : null;
            this.asTicket = ticket == null || ticket.equalsIgnoreCase(text) ? null
                    : ticket.toLowerCase(java.util.Locale.ROOT);
        }

        boolean matches(Entry e) {
            if (korean) {
                // the intrinsic substring search on initials rules out almost everyone cheaply
                return e.korean != null && e.koreanInitials.contains(initials) && HangulMatch.matches(e.korean, text);
            }
            return e.hay.contains(text) || asTicket != null && e.hay.contains(asTicket);
        }
    }

    static Entry entryOf(Participant p) {
        String name = TextFolding.fold(p.name());
        String company = TextFolding.fold(p.company());
        String ticket = ParticipantStore.ticketKey(p.ticketCode());
        StringBuilder hay = new StringBuilder(96).append(name).append(SEPARATOR).append(TextFolding.fold(p.email()))
                .append(SEPARATOR)
                .append(company).append(SEPARATOR);
        if (p.registrationNumber() != null) {
            hay.append(p.registrationNumber());
        }
        hay.append(SEPARATOR);
        if (ticket != null) {
            hay.append(ticket.toLowerCase(java.util.Locale.ROOT));
        }
        String korean = null;
        String both = name + SEPARATOR + company;
        for (int i = 0; i < both.length(); i++) {
            if (TextFolding.isSyllable(both.charAt(i))) {
                korean = both;
                break;
            }
        }
        SearchHit hit = new SearchHit(p.id(), p.name(), p.company(), p.email(), p.registrationNumber(), p.ticketCode(),
                p.registrationStatus(), false);
        return new Entry(hay.toString(), korean, hit);
    }
}
