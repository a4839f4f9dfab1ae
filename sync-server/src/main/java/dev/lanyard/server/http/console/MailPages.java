package dev.lanyard.server.http.console;

import dev.lanyard.model.Event;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.calendar.CalendarLink;
import dev.lanyard.server.calendar.CalendarLinks;
import dev.lanyard.server.email.EmailKind;
import dev.lanyard.server.email.EmailService;
import dev.lanyard.server.email.EmailStatus;
import dev.lanyard.server.http.Guard;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The event's mail and calendar page. Same rules as the API: whoever sees the event sees its calendar
 * link (the event's JSON carries it); the outbox and sending are the event's managers' only.
 */
public final class MailPages {
    /** The kinds an organizer switches; the deletion notice is not one of them. */
    static final List<EmailKind> KINDS = Arrays.stream(EmailKind.values())
            .filter(k -> k != EmailKind.DELETION_CONFIRMED).toList();
    private final EmailService email;
    private final CalendarLinks calendars;
    private final Guard guard;

    public MailPages(EmailService email, CalendarLinks calendars, Guard guard) {
        this.email = email;
        this.calendars = calendars;
        this.guard = guard;
    }

    /** One row of the outbox table: a kind, whether it is on, and its count per status. */
    public record KindRow(String kind, boolean enabled, Map<EmailStatus, Integer> counts) {
        public int count(EmailStatus status) {
            return counts.getOrDefault(status, 0);
        }
    }

    public void page(Context ctx) {
        Event event = guard.visible(ctx);
        Principal who = guard.principal(ctx);
        boolean manage = guard.policy().canManage(who, event);
        CalendarLink link = calendars.linkFor(event.id());
        List<KindRow> rows = List.of();
        String mail = null;
        if (manage) {
            EmailService.Status status = email.status(event.id());
            var settings = email.settings(event.id());
            mail = status.mail();
            rows = KINDS.stream().map(k -> new KindRow(k.settingName(), settings.enabled(k),
                    status.counts().getOrDefault(k, Map.of()))).toList();
        }
        Page page = Pages.page(ctx, guard, "events");
        Views.html(ctx, "mail.jte", Pages.params(page, "event", event, "manage", manage, "link", link,
                "mail", mail, "rows", rows, "statuses", List.of(EmailStatus.values()),
                "enqueued", ctx.queryParam("enqueued")));
    }

    /** The same call as {@code POST /events/{id}/emails/confirmation/send-pending}. */
    public void sendPending(Context ctx) {
        Event event = guard.manageable(ctx);
        int enqueued = email.sendPendingConfirmations(event);
        ctx.redirect(ConsoleRoutes.ROOT + "/events/" + event.id() + "/mail?enqueued=" + enqueued);
    }
}
