package dev.lanyard.server.http.console;

import dev.lanyard.model.Event;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.RegistrationStatus;
import dev.lanyard.model.protocol.ParticipantView;
import dev.lanyard.server.http.Guard;
import dev.lanyard.server.email.ErasureRequests;
import dev.lanyard.server.sync.ParticipantSearch;
import dev.lanyard.server.sync.ParticipantService;
import io.javalin.http.Context;
import dev.lanyard.server.errors.NotFoundException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Participants: search as you type (htmx swaps the rows), filter by day and checked-in, and one
 * participant's details with check-ins per day, duplicates merged into them, edit, cancel and
 * anonymize for those who manage the event.
 */
public final class ParticipantPages {
    private static final int LIMIT = 50;
    private final ParticipantSearch search;
    private final ParticipantService participants;
    private final ErasureRequests erasure;
    private final Guard guard;

    public ParticipantPages(ParticipantSearch search, ParticipantService participants, ErasureRequests erasure,
                            Guard guard) {
        this.search = search;
        this.participants = participants;
        this.erasure = erasure;
        this.guard = guard;
    }

    public void list(Context ctx) {
        Event event = guard.visible(ctx);
        ParticipantSearch.Query query = query(ctx);
        Views.html(ctx, "participants.jte", Pages.params(Pages.page(ctx, guard, "events"), "event", event,
                "query", query, "result", search.search(event, query),
                "manage", guard.policy().canManage(guard.principal(ctx), event)));
    }

    /** Only the rows, for htmx to swap in while the user types. */
    public void rows(Context ctx) {
        Event event = guard.visible(ctx);
        Views.html(ctx, "participantRows.jte", Pages.params(Pages.page(ctx, guard, "events"), "event", event,
                "result", search.search(event, query(ctx))));
    }

    public void detail(Context ctx) {
        Event event = guard.visible(ctx);
        render(ctx, event, view(event, Guard.uuid(ctx, "pid")), null, 200);
    }

    public void update(Context ctx) {
        Event event = guard.manageable(ctx);
        UUID id = Guard.uuid(ctx, "pid");
        Map<String, String> fields = new LinkedHashMap<>();
        for (ParticipantField field : new ParticipantField[] {ParticipantField.NAME, ParticipantField.EMAIL,
                ParticipantField.PHONE, ParticipantField.COMPANY}) {
            String value = ctx.formParam(field.wire());
            if (value != null) {
                fields.put(field.wire(), value.trim());
            }
        }
        try {
            participants.update(event, id, fields);
        } catch (dev.lanyard.server.errors.InvalidInputException e) {
            render(ctx, event, view(event, id), e.getMessage(), 400);
            return;
        }
        back(ctx, event, id);
    }

    public void cancel(Context ctx) {
        Event event = guard.manageable(ctx);
        UUID id = Guard.uuid(ctx, "pid");
        participants.update(event, id, Map.of(ParticipantField.REGISTRATION_STATUS.wire(),
                RegistrationStatus.CANCELLED.wire()));
        back(ctx, event, id);
    }

    public void anonymize(Context ctx) {
        Event event = guard.manageable(ctx);
        UUID id = Guard.uuid(ctx, "pid");
        erasure.anonymize(event, id, guard.principal(ctx).name());
        back(ctx, event, id);
    }

    private static void back(Context ctx, Event event, UUID id) {
        ctx.redirect(ConsoleRoutes.ROOT + "/events/" + event.id() + "/participants/" + id + "?saved=1");
    }

    private ParticipantView view(Event event, UUID id) {
        return participants.view(event, id).orElseThrow(() -> new NotFoundException("participant"));
    }

    private void render(Context ctx, Event event, ParticipantView view, String error, int status) {
        ctx.status(status);
        Views.html(ctx, "participant.jte", Pages.params(Pages.page(ctx, guard, "events"), "event", event, "view", view,
                "duplicates", search.mergedInto(event, view.participant().id()), "error", error,
                "saved", ctx.queryParam("saved") != null,
                "manage", guard.policy().canManage(guard.principal(ctx), event)));
    }

    private static ParticipantSearch.Query query(Context ctx) {
        String in = ctx.queryParam("in");
        LocalDate day = null;
        String rawDay = ctx.queryParam("day");
        if (rawDay != null && !rawDay.isBlank()) {
            try {
                day = LocalDate.parse(rawDay);
            } catch (DateTimeParseException e) {
                day = null;
            }
        }
        Boolean checkedIn = "yes".equals(in) ? Boolean.TRUE : "no".equals(in) ? Boolean.FALSE : null;
        return new ParticipantSearch.Query(ctx.queryParam("q"), day, checkedIn, LIMIT);
    }
}
