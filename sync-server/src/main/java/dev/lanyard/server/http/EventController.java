package dev.lanyard.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.errors.ForbiddenException;
import dev.lanyard.server.errors.NotFoundException;
import dev.lanyard.model.Event;
import dev.lanyard.model.json.Json;
import dev.lanyard.server.email.EmailSettings;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.calendar.CalendarLink;
import dev.lanyard.server.calendar.CalendarLinks;
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

    private final CalendarLinks calendars;
    private final dev.lanyard.server.email.EmailService email;

    public EventController(EventService events, dev.lanyard.server.sync.ParticipantService participants,
                           dev.lanyard.server.auth.UserService users, Guard guard, long maxBody,
                           CalendarLinks calendars, dev.lanyard.server.email.EmailService email) {
        this.calendars = calendars;
        this.email = email;
        this.events = events;
        this.participants = participants;
        this.users = users;
        this.guard = guard;
        this.maxBody = maxBody;
    }

    public void list(Context ctx) {
        Principal who = guard.principal(ctx);
        List<Event> visible = events.listLive().stream().filter(e -> guard.policy().canSee(who, e)).toList();
        ctx.json(visible.stream().map(this::withEmails).toList());
    }

    public void create(Context ctx) {
        Principal who = guard.principal(ctx);
        if (!guard.policy().canCreateEvents(who)) {
            throw new ForbiddenException("only an admin or an organizer may create events");
        }
        JsonNode body = Bodies.json(ctx, JsonNode.class, maxBody);
        EmailSettings emails = emails(body);
        Event created = events.create(input(body), who.name());
        if (emails != null) {
            email.update(created, emails);
        }
        ctx.status(201).json(withEmails(created));
    }

    public void get(Context ctx) {
        ctx.json(withEmails(guard.visible(ctx)));
    }

    public void update(Context ctx) {
        Event event = guard.manageable(ctx);
        JsonNode body = Bodies.json(ctx, JsonNode.class, maxBody);
        EmailSettings emails = emails(body);
        Event updated = events.update(event.id(), input(body));
        if (emails != null) {
            email.update(updated, emails);
        }
        ctx.json(withEmails(updated));
    }

    /**
     * The event as the API shows it: the shared-model event plus its calendar links and its
     * {@code emails} settings, which live on the server only (the feed and the kiosks never carry
     * them; ADR 0223, ADR 0220).
     */
    private JsonNode withEmails(Event event) {
        ObjectNode node = Json.mapper().valueToTree(event);
        CalendarLink link = calendars.linkFor(event.id());
        node.put("calendarUrl", link.calendarUrl().toString());
        node.put("webcalUrl", link.webcalUrl().toString());
        node.set("emails", Json.mapper().valueToTree(email.settings(event.id())));
        return node;
    }

    private static EventInput input(JsonNode body) {
        try {
            return Json.mapper().treeToValue(body, EventInput.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(e instanceof JsonProcessingException j ? Json.describe(j) : e.getMessage());
        }
    }

    /**
     * The body's {@code emails}, or null when it has none (a client that does not know them leaves them as they are).
     */
    private static EmailSettings emails(JsonNode body) {
        JsonNode node = body.get("emails");
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Json.mapper().treeToValue(node, EmailSettings.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("emails." + Json.describe(e));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
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
