package dev.lanyard.server.http.console;

import dev.lanyard.model.Event;
import dev.lanyard.server.http.CsvController;
import dev.lanyard.server.http.Guard;
import io.javalin.http.Context;

/**
 * The exports and audit pages; the downloads are the API's own export handlers, reached with the console
 * session, so the same rule (admin, auditor or the event's organizer) and the same audit apply.
 */
public final class ExportPages {
    private static final int AUDIT_ENTRIES = 200;
    private final CsvController csv;
    private final dev.lanyard.server.sync.AuditLog audit;
    private final Guard guard;

    public ExportPages(CsvController csv, dev.lanyard.server.sync.AuditLog audit, Guard guard) {
        this.csv = csv;
        this.audit = audit;
        this.guard = guard;
    }

    /** Who imported, exported or erased this event's personal data: readable by whoever may export it. */
    public void audit(Context ctx) {
        Event event = guard.exportable(ctx);
        Views.html(ctx, "audit.jte", Pages.params(Pages.page(ctx, guard, "events"), "event", event,
                "entries", audit.recent(event.id(), AUDIT_ENTRIES),
                "manage", guard.policy().canManage(guard.principal(ctx), event)));
    }

    public void page(Context ctx) {
        Event event = guard.exportable(ctx);
        Views.html(ctx, "exports.jte", Pages.params(Pages.page(ctx, guard, "events"), "event", event,
                "manage", guard.policy().canManage(guard.principal(ctx), event)));
    }

    public void participants(Context ctx) {
        csv.exportParticipants(ctx);
    }

    public void checkIns(Context ctx) {
        csv.exportCheckIns(ctx);
    }
}
