package dev.lanyard.server.http.console;

import dev.lanyard.model.Event;
import dev.lanyard.model.protocol.PairingCodeResponse;
import dev.lanyard.server.auth.DeviceService;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.http.Guard;
import dev.lanyard.server.sync.EventService;
import io.javalin.http.Context;
import dev.lanyard.server.errors.NotFoundException;
import java.util.List;
import java.util.UUID;

/** An event's doors: a new pairing code as a QR code on screen, the paired devices, revoke. */
public final class DevicePages {
    private final DeviceService devices;
    private final EventService events;
    private final Guard guard;

    public DevicePages(DeviceService devices, EventService events, Guard guard) {
        this.devices = devices;
        this.events = events;
        this.guard = guard;
    }

    public void list(Context ctx) {
        Event event = guard.manageable(ctx);
        render(ctx, event, null);
    }

    public void createPairingCode(Context ctx) {
        Event event = guard.manageable(ctx);
        PairingCodeResponse code = devices.createPairingCode(event.id(), guard.principal(ctx).name());
        ConsoleSession.Pairing shown = new ConsoleSession.Pairing(event.id(), ConsoleSessions.randomToken(),
                code.code(),
                code.payload(), code.expiresAt());
        ConsoleGate.session(ctx).pairing(shown);
        render(ctx, event, shown);
    }

    /** The QR image of the pairing code this session was shown last. */
    public void pairingQr(Context ctx) {
        Event event = guard.manageable(ctx);
        ConsoleSession.Pairing shown = ConsoleGate.session(ctx).pairing();
        if (shown == null || !shown.eventId().equals(event.id()) || !shown.nonce().equals(ctx.queryParam("n"))) {
            throw new NotFoundException("no pairing code was shown here");
        }
        ctx.contentType("image/png").result(QrImage.png(shown.payload()));
    }

    public void revoke(Context ctx) {
        Event event = guard.manageable(ctx);
        Principal who = guard.principal(ctx);
        UUID id = Guard.uuid(ctx, "deviceId");
        DeviceService.DeviceInfo device = devices.find(id).filter(d -> d.events().contains(event.id()))
                .filter(d -> guard.policy().canManageDevice(who, pairedFor(d)))
                .orElseThrow(() -> new NotFoundException("device"));
        devices.revoke(device.id());
        ctx.redirect(ConsoleRoutes.ROOT + "/events/" + event.id() + "/devices?revoked=1");
    }

    private List<Event> pairedFor(DeviceService.DeviceInfo device) {
        return device.events().stream().map(events::find).flatMap(java.util.Optional::stream).toList();
    }

    private void render(Context ctx, Event event, ConsoleSession.Pairing shown) {
        List<DeviceService.DeviceInfo> doors = devices.list().stream().filter(d -> d.events().contains(event.id()))
                .toList();
        Views.html(ctx, "devices.jte", Pages.params(Pages.page(ctx, guard, "events"), "event", event, "doors", doors,
                "pairing", shown, "revoked", ctx.queryParam("revoked") != null));
    }
}
