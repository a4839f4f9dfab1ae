package dev.lanyard.server.http;

import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.errors.ForbiddenException;
import dev.lanyard.server.errors.NotFoundException;
import dev.lanyard.model.Event;
import dev.lanyard.server.auth.AccessPolicy;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.sync.EventService;
import io.javalin.http.Context;
import java.util.UUID;

/** Loads the event a route names and checks the caller's right to it; an event the caller may not see answers 404. */
public final class Guard {
    private final BearerAuth auth;
    private final EventService events;
    private final AccessPolicy policy;

    public Guard(BearerAuth auth, EventService events, AccessPolicy policy) {
        this.auth = auth;
        this.events = events;
        this.policy = policy;
    }

    public Principal principal(Context ctx) {
        return auth.require(ctx);
    }

    public Event visible(Context ctx) {
        Principal who = auth.require(ctx);
        Event event = events.findLive(uuid(ctx, "id")).orElseThrow(() -> new NotFoundException("event"));
        if (!policy.canSee(who, event)) {
            throw new NotFoundException("event");
        }
        return event;
    }

    public Event manageable(Context ctx) {
        Event event = visible(ctx);
        if (!policy.canManage(auth.require(ctx), event)) {
            throw new ForbiddenException("only an admin or the event's organizer may do this");
        }
        return event;
    }

    public Event checkInable(Context ctx) {
        Event event = visible(ctx);
        if (!policy.canCheckIn(auth.require(ctx), event)) {
            throw new ForbiddenException("your role may read this event but not check people in");
        }
        return event;
    }

    public Event exportable(Context ctx) {
        Event event = visible(ctx);
        if (!policy.canExport(auth.require(ctx), event)) {
            throw new ForbiddenException("only an admin, an auditor or the event's organizer may export personal data");
        }
        return event;
    }

    /** The calling person; a device has no password or session of its own. */
    public Principal.User requireUser(Context ctx) {
        if (auth.require(ctx) instanceof Principal.User user) {
            return user;
        }
        throw new ForbiddenException("only a person may do this, not a device");
    }

    public void requireAdmin(Context ctx) {
        if (!policy.isAdmin(auth.require(ctx))) {
            throw new ForbiddenException("only an admin may do this");
        }
    }

    public AccessPolicy policy() {
        return policy;
    }

    public static UUID uuid(Context ctx, String param) {
        String raw = ctx.pathParam(param);
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(param + " " + dev.lanyard.model.TicketCodes.printable(raw));
        }
    }

    public static long longQuery(Context ctx, String name, long fallback, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < min || value > max) {
                throw new InvalidInputException(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be a whole number, not " + dev.lanyard.model.TicketCodes.printable(raw));
        }
    }
}
