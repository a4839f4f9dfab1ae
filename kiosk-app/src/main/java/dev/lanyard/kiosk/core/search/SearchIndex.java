package dev.lanyard.kiosk.core.search;

import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.model.Participant;
import dev.lanyard.model.RegistrationStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final Comparator<Entry> ORDER = Entry::compareTo;
    private volatile Entry[] entries = new Entry[0];

    /** The result of one search: hits in name order, and whether more matched than the limit. */
    public record Result(List<SearchHit> hits, boolean more) {
    }

    /**
     * One participant, packed: a million-person event holds a million of these in the kiosk's 1 GB heap. An entry keeps
     * its id as two longs, and in one string first what a result row shows (name, company, email, ticket code, their
     * lengths alongside) and then the folded text a search reads; a {@link SearchHit} is made only for the few results
     * a search returns (ADR 0345).
     */
    private static final class Entry {
        private static final short ABSENT = -1;
        /** The shown fields one after another, then from {@link #hayStart} the folded text searched. */
        final String text;
        final int hayStart;
        /** How much of the folded text (name and company) holds Hangul syllables; 0 when none does. */
        final int koreanLength;
        final String koreanInitials;
        final long idHigh;
        final long idLow;
        final short nameLength;
        final short companyLength;
        final short emailLength;
        final short ticketLength;
        final boolean numbered;
        final int registrationNumber;
        final RegistrationStatus status;

        Entry(String hay, int koreanLength, Participant p) {
            String shown = orEmpty(p.name()) + orEmpty(p.company()) + orEmpty(p.email()) + orEmpty(p.ticketCode());
            this.text = shown + hay;
            this.hayStart = shown.length();
            this.koreanLength = koreanLength;
            this.koreanInitials = koreanLength == 0 ? null : HangulMatch.initials(hay.substring(0, koreanLength));
            this.idHigh = p.id().getMostSignificantBits();
            this.idLow = p.id().getLeastSignificantBits();
            this.nameLength = lengthOf(p.name());
            this.companyLength = lengthOf(p.company());
            this.emailLength = lengthOf(p.email());
            this.ticketLength = lengthOf(p.ticketCode());
            this.numbered = p.registrationNumber() != null;
            this.registrationNumber = numbered ? p.registrationNumber() : 0;
            this.status = p.registrationStatus();
        }

        /** Whether the folded text holds {@code word}: the search starts past the shown fields, never matching them. */
        boolean holds(String word) {
            return text.indexOf(word, hayStart) >= 0;
        }

        boolean holdsKorean(String word) {
            return HangulMatch.matches(text, hayStart, hayStart + koreanLength, word);
        }

        boolean is(IdSet ids) {
            return ids.contains(idHigh, idLow);
        }

        /** By folded text (so by name first), then by id as UUID orders them. */
        int compareTo(Entry other) {
            int length = Math.min(text.length() - hayStart, other.text.length() - other.hayStart);
            for (int i = 0; i < length; i++) {
                char a = text.charAt(hayStart + i);
                char b = other.text.charAt(other.hayStart + i);
                if (a != b) {
                    return a - b;
                }
            }
            int byLength = (text.length() - hayStart) - (other.text.length() - other.hayStart);
            if (byLength != 0) {
                return byLength;
            }
            int byHigh = Long.compare(idHigh, other.idHigh);
            return byHigh != 0 ? byHigh : Long.compare(idLow, other.idLow);
        }

        SearchHit hit() {
            int company = Math.max(nameLength, 0);
            int email = company + Math.max(companyLength, 0);
            int ticket = email + Math.max(emailLength, 0);
            return new SearchHit(new UUID(idHigh, idLow), part(0, nameLength), part(company, companyLength),
                    part(email, emailLength), numbered ? registrationNumber : null, part(ticket, ticketLength), status,
                    false);
        }

        private String part(int start, short length) {
            return length == ABSENT ? null : text.substring(start, start + length);
        }

        private static String orEmpty(String value) {
            return value == null ? "" : value;
        }

        /** Participant's own bounds keep every text far below a short (200 characters; ticket codes 128). */
        private static short lengthOf(String value) {
            if (value == null) {
                return ABSENT;
            }
            if (value.length() > Short.MAX_VALUE) {
                throw new IllegalArgumentException("a participant's text is longer than any participant may have");
            }
            return (short) value.length();
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
        Map<UUID, Participant> latest = new LinkedHashMap<>();
        for (Participant p : changed) {
            latest.put(p.id(), p);
        }
        IdSet ids = new IdSet(latest.keySet());
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
            if (e.is(ids)) {
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
        IdSet gone = new IdSet(ids);
        entries = Arrays.stream(entries).filter(e -> !e.is(gone)).toArray(Entry[]::new);
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
                hits.add(e.hit());
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
                return e.koreanInitials != null && e.koreanInitials.contains(initials) && e.holdsKorean(text);
            }
            return e.holds(text) || asTicket != null && e.holds(asTicket);
        }
    }

    static Entry entryOf(Participant p) {
        String name = TextFolding.fold(p.name());
        String company = TextFolding.fold(p.company());
        String ticket = ParticipantStore.ticketKey(p.ticketCode());
        // name and company first and side by side: the Korean matcher reads just them (Entry.koreanLength)
        StringBuilder hay = new StringBuilder(96).append(name).append(SEPARATOR).append(company).append(SEPARATOR)
                .append(TextFolding.fold(p.email())).append(SEPARATOR);
        if (p.registrationNumber() != null) {
            hay.append(p.registrationNumber());
        }
        hay.append(SEPARATOR);
        if (ticket != null) {
            hay.append(ticket.toLowerCase(java.util.Locale.ROOT));
        }
        int namedLength = name.length() + 1 + company.length();
        for (int i = 0; i < namedLength; i++) {
            if (TextFolding.isSyllable(hay.charAt(i))) {
                return new Entry(hay.toString(), namedLength, p);
            }
        }
        return new Entry(hay.toString(), 0, p);
    }
}
