package dev.lanyard.kiosk.core.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PushRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A push in {@link PushRequest}'s shape, assembled from the items' stored JSON without reading
 * them back into records. The server judges every item and answers one it cannot read
 * {@code rejected} with the reason, so an item this version of the door cannot read (written by
 * another version, or damaged) is dead-lettered like any rejected item instead of stopping the
 * outbox in front of it; and a door no longer parses what it wrote only to write it again.
 *
 * <p>Each stored body is checked to be exactly one JSON object (a scan of its tokens, no
 * binding), so a damaged one cannot change the request around it; one that is not is left out
 * and reported in {@link #damaged}.
 */
final class PushBody {
    private static final JsonFactory TOKENS = Json.mapper().getFactory();
    /** The request's array for each kind of item, in {@link PushRequest}'s order. */
    private static final Map<OutboxStore.Kind, String> ARRAYS = new EnumMap<>(Map.of(
            OutboxStore.Kind.OP, "ops", OutboxStore.Kind.PATCH, "patches",
            OutboxStore.Kind.DRAWING, "drawings", OutboxStore.Kind.ATTEMPT, "scanAttempts"));

    private final byte[] json;
    private final List<OutboxStore.Item> sent;
    private final List<OutboxStore.Item> damaged;

    private PushBody(byte[] json, List<OutboxStore.Item> sent, List<OutboxStore.Item> damaged) {
        this.json = json;
        this.sent = sent;
        this.damaged = damaged;
    }

    static PushBody of(String deviceId, List<OutboxStore.Item> items) {
        Map<OutboxStore.Kind, StringBuilder> arrays = new EnumMap<>(OutboxStore.Kind.class);
        List<OutboxStore.Item> sent = new ArrayList<>(items.size());
        List<OutboxStore.Item> damaged = new ArrayList<>();
        for (OutboxStore.Item item : items) {
            if (!isOneObject(item.body())) {
                damaged.add(item);
                continue;
            }
            StringBuilder array = arrays.computeIfAbsent(item.kind(), k -> new StringBuilder());
            array.append(array.isEmpty() ? "" : ",").append(item.body());
            sent.add(item);
        }
        StringBuilder out = new StringBuilder(64 + items.size() * 512);
        out.append("{\"deviceId\":").append(Json.write(deviceId));
        ARRAYS.forEach((kind, name) -> {
            StringBuilder array = arrays.get(kind);
            out.append(",\"").append(name).append("\":[").append(array == null ? "" : array).append(']');
        });
        out.append('}');
        return new PushBody(out.toString().getBytes(StandardCharsets.UTF_8), List.copyOf(sent), List.copyOf(damaged));
    }

    static boolean isOneObject(String json) {
        if (json == null) {
            return false; // its sealed bytes did not open
        }
        try (JsonParser p = TOKENS.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    byte[] json() {
        return json;
    }

    /** The items the request carries. */
    List<OutboxStore.Item> sent() {
        return sent;
    }

    /** The items left out: their stored body is not one JSON object. */
    List<OutboxStore.Item> damaged() {
        return damaged;
    }
}
