package dev.lanyard.server.http;

import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.errors.NotFoundException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lanyard.model.Event;
import dev.lanyard.model.json.Json;
import dev.lanyard.server.email.ErasureRequests;
import dev.lanyard.server.sync.ParticipantService;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Participants: list, create, read with check-in state, edit, anonymize. */
public final class ParticipantController {
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() { };
    private final ParticipantService participants;
    private final ErasureRequests erasure;
    private final Guard guard;
    private final long maxBody;

    public ParticipantController(ParticipantService participants, ErasureRequests erasure, Guard guard,
                                 long maxBody) {
        this.participants = participants;
        this.erasure = erasure;
        this.guard = guard;
        this.maxBody = maxBody;
    }

    public void list(Context ctx) {
        Event event = guard.visible(ctx);
        int limit = (int) Guard.longQuery(ctx, "limit", 500, 1, 5_000);
        String after = ctx.queryParam("after");
        UUID afterId = null;
        if (after != null && !after.isBlank()) {
            try {
                afterId = UUID.fromString(after);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("after must be a participant id");
            }
        }
        ParticipantService.Page page = participants.list(event.id(), afterId, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("participants", page.participants());
        body.put("next", page.next());
        ctx.json(body);
    }

    public void create(Context ctx) {
        Event event = guard.manageable(ctx);
        ctx.status(201).json(participants.create(event, fields(ctx)));
    }

    public void get(Context ctx) {
        Event event = guard.visible(ctx);
        UUID id = Guard.uuid(ctx, "pid");
        ctx.json(participants.view(event, id).orElseThrow(() -> new NotFoundException("participant")));
    }

    public void update(Context ctx) {
        Event event = guard.manageable(ctx);
        UUID id = Guard.uuid(ctx, "pid");
        ctx.json(participants.update(event, id, fields(ctx)));
    }

    public void anonymize(Context ctx) {
        Event event = guard.manageable(ctx);
        UUID id = Guard.uuid(ctx, "pid");
        ctx.json(erasure.anonymize(event, id, guard.principal(ctx).name()));
    }

    /** The body is an object of participant fields by wire name, e.g. {"name":"Kim","email":"kim@example.org"}. */
    private Map<String, String> fields(Context ctx) {
        byte[] body = Bodies.bytes(ctx, maxBody);
        Bodies.requireUtf8(body);
        try {
            Map<String, String> fields = Json.mapper().readValue(body, FIELDS);
            if (fields == null || fields.isEmpty()) {
                throw new InvalidInputException("body must be an object of participant fields");
            }
            return fields;
        } catch (java.io.IOException e) {
            throw new InvalidInputException(Json.describe(e));
        }
    }
}
