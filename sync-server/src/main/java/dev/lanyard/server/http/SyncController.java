package dev.lanyard.server.http;

import dev.lanyard.server.errors.ForbiddenException;
import dev.lanyard.model.Event;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.feed.FeedReader;
import dev.lanyard.server.sync.PushService;
import dev.lanyard.server.sync.RelayAudit;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The sync protocol: pull the change feed, push ops. */
public final class SyncController {
    private final FeedReader feed;
    private final PushService push;
    private final RelayAudit relays;
    private final Guard guard;
    private final long maxBody;

    public SyncController(FeedReader feed, PushService push, RelayAudit relays, Guard guard, long maxBody) {
        this.feed = feed;
        this.push = push;
        this.relays = relays;
        this.guard = guard;
        this.maxBody = maxBody;
    }

    /**
     * The page is read whole (bounded, see {@link FeedReader#MAX_PAGE_BYTES}) and only then
     * written, so a slow client holds an HTTP thread but no database connection. Javalin gzips
     * it when the client accepts gzip.
     */
    public void changes(Context ctx) throws IOException {
        Event event = guard.visible(ctx);
        long after = Guard.longQuery(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Guard.longQuery(ctx, "limit", 1_000, 1, FeedReader.MAX_LIMIT);
        FeedReader.JsonPage page = feed.jsonPage(event.id(), after, limit);
        ctx.contentType("application/json");
        page.writeTo(ctx.outputStream());
    }

    public void push(Context ctx) {
        Event event = guard.checkInable(ctx);
        Principal who = guard.principal(ctx);
        // a door marks the push of its fresh scans: they go to the other doors' live sockets at once (ADR 0236)
        boolean fresh = "true".equals(ctx.queryParam("live"));
        // read to the end, so the answer reaches a client still sending, but refused before it is parsed: in a
        // reconnect storm doors are refused again and again, and parsing their pushes took CPU the writes needed
        // (ADR 0237)
        byte[] body = Bodies.bytes(ctx, maxBody);
        // each token has its share of the event's write queue: one door keeping pushes waiting cannot fill it
        String client = who instanceof Principal.Device device ? "device:" + device.deviceId() : "user:" + who.name();
        push.admit(event.id(), fresh && body.length <= PushService.FRESH_BODY_BYTES, client);
        Bodies.requireUtf8(body);
        PushParser.Parsed parsed = PushParser.parse(body);
        requireOwnDeviceId(who, parsed.deviceId());
        PushService.Batch batch = new PushService.Batch(parsed.ops().good(), parsed.patches().good(),
                parsed.drawings().good(),
                parsed.attempts().good(), null);
        PushService.Outcome outcome = push.push(event, batch, guard.policy().writerOf(who, event), fresh, client);
        if (who instanceof Principal.Device device) {
            relays.record(device.name(), device.deviceId().toString(), event.id(), batch);
        }
        List<OpResult> results = new ArrayList<>();
        results.addAll(parsed.ops().merge(outcome.ops()));
        results.addAll(parsed.patches().merge(outcome.patches()));
        results.addAll(parsed.drawings().merge(outcome.drawings()));
        results.addAll(parsed.attempts().merge(outcome.attempts()));
        ctx.json(new PushResponse(results));
    }

    /**
     * A push speaks for the device whose token it carries; the items inside may still be other
     * doors' (a kiosk gives a restored server back what it lost, ADR 0313), and are written with
     * this caller's authority, never with that of the ids they carry.
     */
    private static void requireOwnDeviceId(Principal who, String claimed) {
        if (claimed == null) {
            return;
        }
        if (who instanceof Principal.Device device) {
            if (!claimed.equalsIgnoreCase(device.deviceId().toString())) {
                throw new ForbiddenException("the push names deviceId " + TicketCodes.printable(claimed)
                        + ", but this device is "
                        + device.deviceId() + "; a device pushes under its own id");
            }
            return;
        }
        throw new ForbiddenException("the push names deviceId " + TicketCodes.printable(claimed)
                + ", but it was sent with "
                + who.name() + "'s login, not a device's; leave deviceId out");
    }
}
