package dev.lanyard.server.http.console;

import dev.lanyard.model.Event;
import dev.lanyard.server.http.Guard;
import dev.lanyard.server.sync.EventActivity;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;

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

    public void stream(Context ctx) throws Exception {
        Event event = guard.visible(ctx);
        new SseHandler(client -> {
            client.keepAlive();
            channel.add(event.id(), client, () -> activity.feedHead(event.id()));
        }).handle(ctx);
    }
}
