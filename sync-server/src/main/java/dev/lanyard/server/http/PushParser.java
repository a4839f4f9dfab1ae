package dev.lanyard.server.http;

import dev.lanyard.server.errors.InvalidInputException;
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
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(Json.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body must be a JSON object with an \"ops\" array");
        }
        if (root.hasNonNull("deviceId") && !root.get("deviceId").isTextual()) {
            throw new InvalidInputException("deviceId: expected a string");
        }
        int total = 0;
        for (String field : List.of("ops", "patches", "drawings", "scanAttempts")) {
            total += root.path(field).size();
        }
        // counted before any item is bound: an oversized batch of bad items costs no more than a good one
        if (total > PushRequest.MAX_ITEMS) {
            throw new InvalidInputException("a push carries at most " + PushRequest.MAX_ITEMS
                    + " items; split the batch");
        }
        return new Parsed(root.hasNonNull("deviceId") ? root.get("deviceId").asText() : null,
                items(root, "ops", "opId", CheckInOp.class),
                items(root, "patches", "patchId", ParticipantPatch.class),
                items(root, "drawings", "drawingId", PrizeDrawing.class),
                items(root, "scanAttempts", "attemptId", ScanAttempt.class));
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

    private static <T> Items<T> items(JsonNode root, String field, String idField, Class<T> type) {
        JsonNode array = root.get(field);
        if (array == null || array.isNull()) {
            return new Items<>(List.of(), List.of(), Map.of(), 0);
        }
        if (!array.isArray()) {
            throw new InvalidInputException(field + ": expected an array");
        }
        List<T> good = new ArrayList<>();
        List<Integer> goodIndex = new ArrayList<>();
        Map<Integer, OpResult> bad = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
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
        return new Items<>(good, goodIndex, bad, array.size());
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
