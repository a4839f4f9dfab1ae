package dev.lanyard.kiosk.core.sync;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
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
 * Reads a change-feed page ({@code {"changes":[{"seq","type","data"}...],"lastSeq","hasMore"}})
 * from the response stream straight into records: each entry's {@code data} is bound to its
 * type as it is parsed, without building a JSON tree first (half the work of
 * {@code ChangesPage} + {@code Change.as}, and no tree of 100,000 participants in memory).
 * When {@code data} comes before {@code type} in an entry (JSON objects are unordered) that
 * one entry falls back to a tree.
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

    /** @param headSeq the event's last committed seq when the page was read; -1 from a server that does not send it */
    record Page(List<FeedEntry> entries, long lastSeq, boolean hasMore, long headSeq) {
        /** This page's position and end with {@code joined}: the entries of consecutive pages ending with it. */
        Page withEntries(List<FeedEntry> joined) {
            return new Page(joined, lastSeq, hasMore, headSeq);
        }
    }

    static Page read(InputStream in) throws IOException {
        try (JsonParser p = Json.mapper().getFactory().createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "a page");
            List<FeedEntry> entries = new ArrayList<>();
            Long lastSeq = null;
            boolean hasMore = false;
            long headSeq = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "changes" -> {
                        expect(value, JsonToken.START_ARRAY, "changes");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            entries.add(entry(p, entries.size()));
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
            long last = lastSeq != null ? lastSeq : entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
            return new Page(entries, last, hasMore, headSeq);
        }
    }

    private static FeedEntry entry(JsonParser p, int index) throws IOException {
        Long seq = null;
        ChangeType type = null;
        Object data = null;
        JsonNode early = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "seq" -> seq = p.getValueAsLong(-1);
                case "type" -> type = ChangeType.from(p.getValueAsString());
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
            return new FeedEntry(seq, type, data);
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
