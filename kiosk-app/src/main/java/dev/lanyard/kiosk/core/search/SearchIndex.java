package dev.lanyard.kiosk.core.search;

import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.model.Participant;
import dev.lanyard.model.RegistrationStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
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
 * stops at the limit, so results come out sorted for free. The ids sit in arrays beside the
 * entries, so an update finds what it replaces by reading them in order, and places each new
 * entry by binary search: a feed page costs a copy of the arrays, not a visit to every entry
 * (ADR 0346).
 */
public final class SearchIndex {
    private static final char SEPARATOR = '\u0001';
    private volatile Snapshot snapshot = new Snapshot(new Entry[0], new long[0], new long[0]);

    /** Entries in order and, at the same positions, their ids' two halves. */
    private record Snapshot(Entry[] entries, long[] idHigh, long[] idLow) {
        int size() {
            return entries.length;
        }

        /** Where {@code e} (with this id) goes among positions {@code from} to the end, by folded text then id. */
        int insertionPoint(Entry e, long high, long low, int from) {
            int lo = from;
            int hi = entries.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (e.compareTo(high, low, entries[mid], idHigh[mid], idLow[mid]) > 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        Snapshot without(IdSet ids) {
            int kept = 0;
            for (int i = 0; i < entries.length; i++) {
                if (!ids.contains(idHigh[i], idLow[i])) {
                    kept++;
                }
            }
            if (kept == entries.length) {
                return this;
            }
            Entry[] e = new Entry[kept];
            long[] high = new long[kept];
            long[] low = new long[kept];
            int n = 0;
            for (int i = 0; i < entries.length; i++) {
                if (!ids.contains(idHigh[i], idLow[i])) {
                    e[n] = entries[i];
                    high[n] = idHigh[i];
                    low[n] = idLow[i];
                    n++;
                }
            }
            return new Snapshot(e, high, low);
        }
    }

    /** A new entry with its id, before it has a place. */
    private record Fresh(Entry entry, long high, long low) implements Comparable<Fresh> {
        @Override
        public int compareTo(Fresh other) {
            return entry.compareTo(high, low, other.entry, other.high, other.low);
        }
    }

    /** The result of one search: hits in name order, and whether more matched than the limit. */
    public record Result(List<SearchHit> hits, boolean more) {
    }

    /**
     * One participant, packed: a million-person event holds a million of these in the kiosk's 1 GB heap. An entry keeps
     * in one string first what a result row shows (name, company, email, ticket code, their lengths alongside) and then
     * the folded text a search reads (its id is in the snapshot's arrays); a {@link SearchHit} is made only for the few
     * results a search returns (ADR 0345).
     */
    private static final class Entry {
        private static final short ABSENT = -1;
        /** The shown fields one after another, then from {@link #hayStart} the folded text searched. */
        final String text;
        final int hayStart;
        /** The length of the folded text's name-and-company stretch when it holds a Hangul syllable; else 0. */
        final int koreanLength;
        final String koreanInitials;
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

        /** By folded text (so by name first), then by id as UUID orders them. */
        int compareTo(long idHigh, long idLow, Entry other, long otherHigh, long otherLow) {
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
            int byHigh = Long.compare(idHigh, otherHigh);
            return byHigh != 0 ? byHigh : Long.compare(idLow, otherLow);
        }

        SearchHit hit(long idHigh, long idLow) {
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
        return snapshot.size();
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
        List<Fresh> fresh = new ArrayList<>(latest.size());
        for (Participant p : latest.values()) {
            if (p.mergedInto() == null) {
                fresh.add(new Fresh(entryOf(p), p.id().getMostSignificantBits(), p.id().getLeastSignificantBits()));
            }
        }
        Collections.sort(fresh);
        Snapshot base = snapshot.without(new IdSet(latest.keySet()));
        int size = base.size() + fresh.size();
        Entry[] entries = new Entry[size];
        long[] high = new long[size];
        long[] low = new long[size];
        int from = 0;
        int n = 0;
        for (Fresh f : fresh) {
            int at = base.insertionPoint(f.entry(), f.high(), f.low(), from);
            n = copy(base, from, at, entries, high, low, n);
            entries[n] = f.entry();
            high[n] = f.high();
            low[n] = f.low();
            n++;
            from = at;
        }
        copy(base, from, base.size(), entries, high, low, n);
        snapshot = new Snapshot(entries, high, low);
    }

    private static int copy(Snapshot base, int from, int to, Entry[] entries, long[] high, long[] low, int at) {
        int length = to - from;
        System.arraycopy(base.entries(), from, entries, at, length);
        System.arraycopy(base.idHigh(), from, high, at, length);
        System.arraycopy(base.idLow(), from, low, at, length);
        return at + length;
    }

    public synchronized void remove(Collection<UUID> ids) {
        snapshot = snapshot.without(new IdSet(ids));
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
        Snapshot now = snapshot;
        Entry[] entries = now.entries();
        List<SearchHit> hits = new ArrayList<>(Math.min(limit, 64));
        for (int i = 0; i < entries.length; i++) {
            if (matches(entries[i], terms)) {
                if (hits.size() == limit) {
                    return new Result(hits, true);
                }
                hits.add(entries[i].hit(now.idHigh()[i], now.idLow()[i]));
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
