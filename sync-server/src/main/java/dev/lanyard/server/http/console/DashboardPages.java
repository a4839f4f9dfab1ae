package dev.lanyard.server.http.console;

import dev.lanyard.model.Event;
import dev.lanyard.server.http.Guard;
import dev.lanyard.server.sync.EventActivity;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;

/** The live dashboard: the page, its panel (fetched again on every change) and the change stream. */
public final class DashboardPages {
    private final EventActivity activity;
    private final DashboardChannel channel;
    private final Guard guard;

    public DashboardPages(EventActivity activity, DashboardChannel channel, Guard guard) {
        this.activity = activity;
        this.channel = channel;
        this.guard = guard;
    }

    public void page(Context ctx) {
        Event event = guard.visible(ctx);
        Views.html(ctx, "dashboard.jte", Pages.params(Pages.page(ctx, guard, "events"), "event", event,
                "snapshot", activity.of(event), "manage", guard.policy().canManage(guard.principal(ctx), event)));
    }

    /** The feed position a panel shows at least: the page asks again until it has seen the last change announced. */
    static final String SEQ_HEADER = "X-Lanyard-Seq";

    public void panel(Context ctx) {
        Event event = guard.visible(ctx);
        EventActivity.Snapshot snapshot = activity.of(event);
        ctx.header(SEQ_HEADER, Long.toString(snapshot.seq()));
        Views.html(ctx, "dashboardPanel.jte", Pages.params(Pages.page(ctx, guard, "events"), "event", event,
                "snapshot", snapshot));
    }

    /** The change stream (server-sent events) of a page that asked for one; held open until the viewer goes. */
    public void stream(Context ctx) {
        Event event = guard.visible(ctx);
        String viewer = guard.principal(ctx).name();
        String accept = ctx.header(Header.ACCEPT);
        if (accept == null || !accept.contains("text/event-stream")) {
            ctx.status(HttpStatus.NOT_ACCEPTABLE);
            return;
        }
        ctx.status(HttpStatus.OK).contentType("text/event-stream;charset=utf-8")
                .header(Header.CACHE_CONTROL, "no-cache")
                .header(Header.X_ACCEL_BUFFERING, "no"); // nginx in front passes each event on as it comes
        ctx.future(() -> {
            jakarta.servlet.AsyncContext async = ctx.req().getAsyncContext();
            async.setTimeout(0); // open as long as the page is; a connection gone is noticed on the next write
            try {
                return channel.add(event.id(), DashboardStream.of(async, viewer), () -> activity.feedHead(event.id()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
