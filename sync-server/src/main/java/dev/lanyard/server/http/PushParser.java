package dev.lanyard.server.http;

import dev.lanyard.server.errors.InvalidInputException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.WireEnum;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.sync.PersonalData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a push body item by item. One malformed op must not hold up a device's whole queue:
 * an item that does not parse but names its id is answered {@code rejected} with the reason
 * ({@code not_understood: ...} when it names a value this version does not know, ADR 0336);
 * only an item without a readable id fails the request.
 */
final class PushParser {
    /**
     * Longer than any item a door writes (the longest, a drawing of 1,000 named winners, is about 500 kB): an item
     * past it is refused unread.
     */
    static final int MAX_ITEM_BYTES = 1 << 20;

    private PushParser() {
    }

    record Items<T>(List<T> good, List<Integer> goodIndex, Map<Integer, OpResult> bad, int size) {
        /** Puts the answers for the good items back between the rejections, in request order. */
        List<OpResult> merge(List<OpResult> answers) {
            List<OpResult> out = new ArrayList<>(size);
            int next = 0;
            for (int i = 0; i < size; i++) {
                OpResult rejected = bad.get(i);
                out.add(rejected != null ? rejected : answers.get(next++));
            }
            return out;
        }
    }

    /** @param deviceId the device the push says it comes from (null: none named) */
    record Parsed(String deviceId, Items<CheckInOp> ops, Items<ParticipantPatch> patches, Items<PrizeDrawing> drawings,
            Items<ScanAttempt> attempts) {
    }

    static Parsed parse(byte[] body) {
        try {
            // the common case, a well-formed batch, is read in one pass; the item-by-item path below is for batches
            // with bad items
            PushRequest whole = Json.mapper().readValue(body, PushRequest.class);
            if (whole != null && whole.patches().stream().noneMatch(PushParser::anonymizes)) {
                return new Parsed(whole.deviceId(), all(whole.ops()), all(whole.patches()), all(whole.drawings()),
                        all(whole.scanAttempts()));
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // fall through: find out which item is bad
        }
        try {
            return itemByItem(body);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(Json.describe(e));
        }
    }

    /** The four item arrays of a push, in the order {@link Parsed} takes them. */
    private static final List<String> ARRAYS = List.of("ops", "patches", "drawings", "scanAttempts");

    /**
     * The batch read again one item at a time, straight from the bytes: what lies beside the items is skipped unread,
     * and each item becomes a tree only while it is bound (a tree of the whole body is some thirty times its size for
     * empty objects). Items are counted first, before any is bound.
     */
    private static Parsed itemByItem(byte[] body) throws java.io.IOException {
        int total = 0;
        for (String field : ARRAYS) {
            total += Math.max(0, countItems(body, field));
        }
        // counted before any item is bound: an oversized batch of bad items costs no more than a good one
        if (total > PushRequest.MAX_ITEMS) {
            throw new InvalidInputException("a push carries at most " + PushRequest.MAX_ITEMS
                    + " items; split the batch");
        }
        String deviceId = null;
        Map<String, Items<?>> items = new HashMap<>();
        try (JsonParser p = Json.mapper().getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException("body must be a JSON object with an \"ops\" array");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "deviceId" -> {
                        if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
                            throw new InvalidInputException("deviceId: expected a string");
                        }
                        deviceId = value == JsonToken.VALUE_NULL ? null : p.getText();
                    }
                    case "ops" -> items.put(field, items(p, body, field, "opId", CheckInOp.class));
                    case "patches" -> items.put(field, items(p, body, field, "patchId", ParticipantPatch.class));
                    case "drawings" -> items.put(field, items(p, body, field, "drawingId", PrizeDrawing.class));
                    case "scanAttempts" -> items.put(field, items(p, body, field, "attemptId", ScanAttempt.class));
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                // as the one-pass read refuses it: a second document after the first is not part of this push
                throw new InvalidInputException("trailing data after the push");
            }
        }
        return new Parsed(deviceId, itemsOf(items, "ops"), itemsOf(items, "patches"), itemsOf(items, "drawings"),
                itemsOf(items, "scanAttempts"));
    }

    @SuppressWarnings("unchecked")
    private static <T> Items<T> itemsOf(Map<String, Items<?>> items, String field) {
        Items<?> read = items.get(field);
        return read == null ? new Items<>(List.of(), List.of(), Map.of(), 0) : (Items<T>) read;
    }

    /**
     * How many entries the top-level arrays named {@code field} have together; -1 none. Every one is read item by item
     * (the last one named wins only in the answer), so every one counts.
     */
    private static int countItems(byte[] body, String field) throws java.io.IOException {
        int count = -1;
        try (JsonParser p = Json.mapper().getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean counted = field.equals(p.currentName());
                if (p.nextToken() == JsonToken.START_ARRAY && counted) {
                    count = Math.max(count, 0);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                        count++;
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return count;
    }

    /** Devices never send the tombstone: it cannot be undone, and only the anonymize action also scrubs the history. */
    private static boolean anonymizes(ParticipantPatch patch) {
        return patch.fields().containsKey(ParticipantField.ANONYMIZED.wire());
    }

    private static <T> Items<T> all(List<T> items) {
        List<Integer> index = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            index.add(i);
        }
        return new Items<>(items, index, Map.of(), items.size());
    }

    /** The entries of the array the parser is at; each bound from its own bytes, one at a time. */
    private static <T> Items<T> items(JsonParser p, byte[] body, String field, String idField, Class<T> type)
            throws java.io.IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return new Items<>(List.of(), List.of(), Map.of(), 0);
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidInputException(field + ": expected an array");
        }
        List<T> good = new ArrayList<>();
        List<Integer> goodIndex = new ArrayList<>();
        Map<Integer, OpResult> bad = new HashMap<>();
        int i = 0;
        for (; p.nextToken() != JsonToken.END_ARRAY; i++) {
            int start = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            p.finishToken(); // a string item is read lazily: its end is known once it is finished
            int length = (int) p.currentLocation().getByteOffset() - start;
            if (length > MAX_ITEM_BYTES) {
                String reason = field + "[" + i + "]: longer than any item (" + length + " bytes; at most "
                        + MAX_ITEM_BYTES + ")";
                UUID id = idAt(body, start, length, idField);
                if (id == null) {
                    throw new InvalidInputException(reason);
                }
                bad.put(i, OpResult.rejected(id, reason));
                continue;
            }
            JsonNode item = Json.mapper().readTree(body, start, length);
            try {
                T value = Json.mapper().treeToValue(item, type);
                if (value == null) {
                    throw new InvalidInputException(field + "[" + i + "]: expected an object");
                }
                if (value instanceof ParticipantPatch patch && anonymizes(patch)) {
                    throw new IllegalArgumentException(PersonalData.ONLY_BY_ANONYMIZING);
                }
                good.add(value);
                goodIndex.add(i);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                String reason = field + "[" + i + "]: " + (e instanceof
                        com.fasterxml.jackson.core.JsonProcessingException j ? Json.describe(j) : e.getMessage());
                UUID id = idOf(item, idField);
                if (id == null) {
                    throw new InvalidInputException(reason);
                }
                // a newer door's value is not the item's fault: it keeps the item for an updated server (ADR 0336)
                bad.put(i, WireEnum.namesUnknownValue(e) ? OpResult.notUnderstood(id, reason)
                        : OpResult.rejected(id, reason));
            }
        }
        return new Items<>(good, goodIndex, bad, i);
    }

    /** The id an item too long to bind names at its top level, read without building anything else. */
    private static UUID idAt(byte[] body, int start, int length, String idField) throws java.io.IOException {
        try (JsonParser p = Json.mapper().getFactory().createParser(body, start, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean id = idField.equals(p.currentName());
                JsonToken value = p.nextToken();
                if (id && value == JsonToken.VALUE_STRING) {
                    try {
                        return UUID.fromString(p.getText());
                    } catch (IllegalArgumentException notAnId) {
                        return null;
                    }
                }
                p.skipChildren();
            }
        }
        return null;
    }

    private static UUID idOf(JsonNode item, String idField) {
        if (item == null || !item.path(idField).isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(item.get(idField).asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
