package dev.lanyard.kiosk.core.sync;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.json.InvalidMessageException;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.ChangeType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a change-feed page ({@code {"changes":[{"seq","type","at","data"}...],"lastSeq","hasMore"}})
 * from the response stream straight into records: each entry's {@code data} is bound to its
 * type as it is parsed, without building a JSON tree first (half the work of
 * {@code ChangesPage} + {@code Change.as}, and no tree of 100,000 participants in memory).
 * When {@code data} comes before {@code type} in an entry (JSON objects are unordered) that
 * one entry falls back to a tree.
 *
 * <p>A page this version cannot read whole (a newer server's change type, or a value this version
 * does not know inside a known one) is read again {@link #readEntryByEntry entry by entry}: each
 * entry as a tree, the unreadable ones set aside with their seq (ADR 0335).
 */
final class FeedPageReader {
    /** Entries are read one after another from one stream: what follows an entry is not "trailing". */
    private static final ObjectReader READER = Json.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Map<ChangeType, ObjectReader> BY_TYPE = new EnumMap<>(ChangeType.class);

    static {
        for (ChangeType type : ChangeType.values()) {
            BY_TYPE.put(type, READER.forType(FeedEntry.expected(type)));
        }
    }

    private FeedPageReader() {
    }

    /**
     * @param unread the entries this version could not read, in seq order (only a page read entry by entry has any)
     * @param headSeq the event's last committed seq when the page was read; -1 from a server that does not send it
     */
    record Page(List<FeedEntry> entries, List<Unread> unread, long lastSeq, boolean hasMore, long headSeq) {
        Page(List<FeedEntry> entries, long lastSeq, boolean hasMore, long headSeq) {
            this(entries, List.of(), lastSeq, hasMore, headSeq);
        }

        /** Whether the page holds no entry at all, read or not. */
        boolean empty() {
            return entries.isEmpty() && unread.isEmpty();
        }

        /**
         * This page, if it answers "the entries after {@code after}, at most {@code limit}" as the server's feed does
         * (docs/protocol.md): at most {@code limit} entries, each seq above {@code after} and above the one before, and
         * {@code lastSeq} the last of them; an empty page says there is no more. A page that asks for itself again
         * (a {@code lastSeq} that does not move) made a pull loop for good, and one whose {@code lastSeq} passes its
         * last entry made the door skip the entries between for good.
         */
        Page answering(long after, int limit) {
            if (entries.size() + unread.size() > limit) {
                throw new InvalidMessageException(entries.size() + unread.size() + " entries for a page of at most "
                        + limit, null);
            }
            if (empty()) {
                if (hasMore) {
                    throw new InvalidMessageException("an empty page that says more follows", null);
                }
                return this;
            }
            long last = Math.max(increasingAbove(after, entries.stream().mapToLong(FeedEntry::seq).toArray()),
                    increasingAbove(after, unread.stream().mapToLong(Unread::seq).toArray()));
            if (lastSeq != last) {
                throw new InvalidMessageException("lastSeq " + lastSeq + " is not the page's last entry (" + last + ")",
                        null);
            }
            // seqs are dense (ADR 0200; read and unread entries never share one): a page of every seq from after + 1
            // to lastSeq holds exactly that many entries, and one that skips some would move the door past them
            if (last - after != entries.size() + unread.size()) {
                throw new InvalidMessageException("the page skips seqs: " + (entries.size() + unread.size())
                        + " entries from " + (after + 1) + " to " + last, null);
            }
            return this;
        }

        /** The last of {@code seqs}, each above {@code after} and the one before; {@code after} when there is none. */
        private static long increasingAbove(long after, long[] seqs) {
            long before = after;
            for (long seq : seqs) {
                if (seq <= before) {
                    throw new InvalidMessageException("entry " + seq + " does not follow " + before, null);
                }
                before = seq;
            }
            return before;
        }
    }

    /**
     * An entry this version cannot read, bounded as it came off the wire.
     *
     * @param type the entry's type as the feed names it, printable and at most {@value #TYPE_CHARS} characters
     * @param reason why it could not be read, printable and at most {@value #REASON_CHARS} characters
     * @param at when the server committed it, 0 when it did not say
     */
    record Unread(long seq, String type, String reason, long at) {
        static final int TYPE_CHARS = 40;
        static final int REASON_CHARS = 300;

        Unread {
            type = TicketCodes.printable(type, TYPE_CHARS);
            reason = TicketCodes.printable(reason, REASON_CHARS);
        }
    }

    /** The fast path: the whole page or an {@link InvalidMessageException} (or a Jackson one) naming what failed. */
    static Page read(InputStream in) throws IOException {
        return read(in, false);
    }

    /**
     * Each entry read as a tree on its own: one this version cannot read is set aside in {@link Page#unread()}.
     * The page itself must still be whole JSON, and every entry must carry its seq (else it could not be passed).
     */
    static Page readEntryByEntry(InputStream in) throws IOException {
        return read(in, true);
    }

    private static Page read(InputStream in, boolean entryByEntry) throws IOException {
        try (JsonParser p = Json.mapper().getFactory().createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "a page");
            List<FeedEntry> entries = new ArrayList<>();
            List<Unread> unread = new ArrayList<>();
            Long lastSeq = null;
            boolean hasMore = false;
            long headSeq = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "changes" -> {
                        expect(value, JsonToken.START_ARRAY, "changes");
                        int index = 0;
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            if (entryByEntry) {
                                readOne(READER.readTree(p), index, entries, unread);
                            } else {
                                entries.add(entry(p, index));
                            }
                            index++;
                        }
                        expect(p.currentToken(), JsonToken.END_ARRAY, "the end of changes");
                    }
                    case "lastSeq" -> lastSeq = p.getValueAsLong();
                    case "hasMore" -> hasMore = p.getValueAsBoolean();
                    case "headSeq" -> headSeq = value == JsonToken.VALUE_NULL ? -1 : p.getValueAsLong(-1);
                    default -> p.skipChildren();
                }
            }
            expect(p.currentToken(), JsonToken.END_OBJECT, "the end of the page");
            if (p.nextToken() != null) {
                throw new InvalidMessageException("trailing data after the page", null);
            }
            long lastEntry = Math.max(entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq(),
                    unread.isEmpty() ? 0 : unread.get(unread.size() - 1).seq());
            return new Page(entries, unread, lastSeq != null ? lastSeq : lastEntry, hasMore, headSeq);
        }
    }

    private static void readOne(JsonNode tree, int index, List<FeedEntry> entries, List<Unread> unread)
            throws IOException {
        JsonNode seq = tree.get("seq");
        if (seq == null || !seq.canConvertToExactIntegral() || !seq.canConvertToLong() || seq.asLong() < 0) {
            throw new InvalidMessageException("changes[" + index + "]: a seq is required", null);
        }
        try (JsonParser one = READER.treeAsTokens(tree)) {
            one.nextToken();
            entries.add(entry(one, index));
        } catch (InvalidMessageException | com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonNode type = tree.get("type");
            unread.add(new Unread(seq.asLong(), type == null ? "" : type.asText(), Json.describe(e),
                    tree.path("at").canConvertToLong() ? Math.max(0, tree.path("at").asLong()) : 0));
        }
    }

    private static FeedEntry entry(JsonParser p, int index) throws IOException {
        Long seq = null;
        long at = 0;
        ChangeType type = null;
        Object data = null;
        JsonNode early = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "seq" -> seq = p.getValueAsLong(-1);
                case "at" -> at = Math.max(0, p.getValueAsLong(0));
                case "type" -> type = type(p.getValueAsString(), index);
                case "data" -> {
                    if (type != null) {
                        data = bind(p, type, index);
                    } else {
                        early = READER.readTree(p);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (seq == null || type == null || (data == null && early == null)) {
            throw new InvalidMessageException("changes[" + index + "]: seq, type and data are required", null);
        }
        if (data == null) {
            data = BY_TYPE.get(type).readValue(early);
        }
        try {
            return new FeedEntry(seq, type, data, at);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("changes[" + index + "]: " + e.getMessage(), e);
        }
    }

    private static ChangeType type(String wire, int index) {
        try {
            return ChangeType.from(wire);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("changes[" + index + "]: " + e.getMessage(), e);
        }
    }

    private static Object bind(JsonParser p, ChangeType type, int index) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidMessageException("changes[" + index + "].data: expected an object", null);
        }
        return BY_TYPE.get(type).readValue(p);
    }

    private static void expect(JsonToken actual, JsonToken wanted, String what) {
        if (actual != wanted) {
            throw new InvalidMessageException("expected " + what + " (" + wanted + ") but found " + actual, null);
        }
    }
}
