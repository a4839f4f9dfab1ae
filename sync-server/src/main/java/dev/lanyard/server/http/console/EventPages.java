package dev.lanyard.server.http.console;

import dev.lanyard.model.Event;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.email.EmailService;
import dev.lanyard.server.http.Guard;
import dev.lanyard.server.sync.EventService;
import io.javalin.http.Context;
import dev.lanyard.server.errors.ForbiddenException;
import java.util.List;

/** The events list and the event form. */
public final class EventPages {
    private final EventService events;
    private final dev.lanyard.server.auth.UserService users;
    private final EmailService email;
    private final Guard guard;

    public EventPages(EventService events, dev.lanyard.server.auth.UserService users, EmailService email,
                      Guard guard) {
        this.events = events;
        this.users = users;
        this.email = email;
        this.guard = guard;
    }

    /** Assign an operator (a user with the OPERATOR role) to the event, as the API's operator routes do. */
    public void assignOperator(Context ctx) {
        Event event = guard.manageable(ctx);
        String username = ctx.formParam("username");
        boolean operator = username != null && users.find(username)
                .map(u -> u.roles().contains(dev.lanyard.model.Role.OPERATOR)).orElse(false);
        if (!operator) {
            throw new dev.lanyard.server.errors.NotFoundException("operator " + username);
        }
        events.assignOperator(event.id(), username);
        ctx.redirect(ConsoleRoutes.ROOT + "/events/" + event.id() + "/edit?saved=1#operators");
    }

    public void unassignOperator(Context ctx) {
        Event event = guard.manageable(ctx);
        events.unassignOperator(event.id(), ctx.pathParam("username"));
        ctx.redirect(ConsoleRoutes.ROOT + "/events/" + event.id() + "/edit?saved=1#operators");
    }

    /** One row of the list, with what the caller may do to it. */
    public record Row(Event event, boolean manage) {
    }

    public void list(Context ctx) {
        Page page = Pages.page(ctx, guard, "events");
        Principal who = guard.principal(ctx);
        List<Row> rows = events.listLive().stream().filter(e -> guard.policy().canSee(who, e))
                .map(e -> new Row(e, guard.policy().canManage(who, e))).toList();
        Views.html(ctx, "events.jte", Pages.params(page, "rows", rows, "canCreate",
                guard.policy().canCreateEvents(who)));
    }

    public void newForm(Context ctx) {
        requireCreator(ctx);
        form(ctx, null, EventForm.blank(), null, 200);
    }

    public void create(Context ctx) {
        requireCreator(ctx);
        EventForm form = EventForm.read(ctx);
        Event created;
        try {
            created = events.create(form.toInput(null), guard.principal(ctx).name());
            email.update(created, form.mails().over(email.settings(created.id())));
        } catch (IllegalArgumentException | dev.lanyard.server.errors.InvalidInputException e) {
            form(ctx, null, form, e.getMessage(), 400);
            return;
        }
        ctx.redirect(ConsoleRoutes.ROOT + "/events/" + created.id() + "/edit?saved=1");
    }

    public void editForm(Context ctx) {
        Event event = guard.manageable(ctx);
        form(ctx, event, EventForm.of(event, email.settings(event.id())), null, 200);
    }

    public void update(Context ctx) {
        Event event = guard.manageable(ctx);
        EventForm form = EventForm.read(ctx);
        try {
            Event updated = events.update(event.id(), form.toInput(event));
            email.update(updated, form.mails().over(email.settings(event.id())));
        } catch (IllegalArgumentException | dev.lanyard.server.errors.InvalidInputException e) {
            form(ctx, event, form, e.getMessage(), 400);
            return;
        }
        ctx.redirect(ConsoleRoutes.ROOT + "/events/" + event.id() + "/edit?saved=1");
    }

    private void requireCreator(Context ctx) {
        if (!guard.policy().canCreateEvents(guard.principal(ctx))) {
            throw new ForbiddenException("only an admin or an organizer may create events");
        }
    }

    private void form(Context ctx, Event event, EventForm form, String error, int status) {
        Page page = Pages.page(ctx, guard, "events");
        ctx.status(status);
        List<String> assigned = event == null ? List.of() : events.operators(event.id());
        List<String> candidates = users.list().stream().filter(u -> u.active()
                && u.roles().contains(dev.lanyard.model.Role.OPERATOR) && !assigned.contains(u.username()))
                .map(dev.lanyard.server.auth.UserService.UserInfo::username).toList();
        Views.html(ctx, "eventForm.jte", Pages.params(page, "event", event, "form", form, "error", error,
                "operators", assigned, "candidates", candidates,
                "saved", ctx.queryParam("saved") != null, "zones", java.time.ZoneId.getAvailableZoneIds().stream()
                        .filter(z -> z.contains("/") && !z.startsWith("Etc") && !z.startsWith("SystemV"))
                        .sorted().toList()));
    }
}
