package dev.lanyard.server.http;

import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.errors.ForbiddenException;
import dev.lanyard.server.errors.NotFoundException;
import dev.lanyard.model.Event;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.sync.EventService;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Events and their operator assignments. */
public final class EventController {
    private final EventService events;
    private final dev.lanyard.server.sync.ParticipantService participants;
    private final dev.lanyard.server.auth.UserService users;
    private final Guard guard;
    private final long maxBody;

    public EventController(EventService events, dev.lanyard.server.sync.ParticipantService participants,
                           dev.lanyard.server.auth.UserService users, Guard guard, long maxBody) {
        this.events = events;
        this.participants = participants;
        this.users = users;
        this.guard = guard;
        this.maxBody = maxBody;
    }

    public void list(Context ctx) {
        Principal who = guard.principal(ctx);
        List<Event> visible = events.listLive().stream().filter(e -> guard.policy().canSee(who, e)).toList();
        ctx.json(visible);
    }

    public void create(Context ctx) {
        Principal who = guard.principal(ctx);
        if (!guard.policy().canCreateEvents(who)) {
            throw new ForbiddenException("only an admin or an organizer may create events");
        }
        EventInput input = Bodies.json(ctx, EventInput.class, maxBody);
        ctx.status(201).json(events.create(input, who.name()));
    }

    public void get(Context ctx) {
        ctx.json(guard.visible(ctx));
    }

    public void update(Context ctx) {
        Event event = guard.manageable(ctx);
        EventInput input = Bodies.json(ctx, EventInput.class, maxBody);
        ctx.json(events.update(event.id(), input));
    }

    public void delete(Context ctx) {
        Event event = guard.manageable(ctx);
        events.delete(event.id());
        ctx.status(204);
    }

    /** Live counts: participants, registered, checked in and duplicate admissions per day. */
    public void stats(Context ctx) {
        ctx.json(participants.stats(guard.visible(ctx)));
    }

    public void operators(Context ctx) {
        Event event = guard.manageable(ctx);
        ctx.json(Map.of("operators", events.operators(event.id())));
    }

    public void assignOperator(Context ctx) {
        Event event = guard.manageable(ctx);
        String username = username(ctx);
        if (users.find(username).isEmpty()) {
            throw new NotFoundException("user " + username);
        }
        events.assignOperator(event.id(), username);
        ctx.status(204);
    }

    public void unassignOperator(Context ctx) {
        Event event = guard.manageable(ctx);
        events.unassignOperator(event.id(), username(ctx));
        ctx.status(204);
    }

    private static String username(Context ctx) {
        String name = ctx.pathParam("username");
        if (!name.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new InvalidInputException("username may contain letters, digits and . _ @ - only");
        }
        return name;
    }
}
