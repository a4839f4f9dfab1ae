package dev.lanyard.server.http;

import dev.lanyard.server.errors.ForbiddenException;
import dev.lanyard.server.errors.NotFoundException;
import dev.lanyard.model.Event;
import dev.lanyard.model.protocol.PairRequest;
import dev.lanyard.server.auth.DeviceService;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.sync.EventService;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/** Pairing codes, pairing, and device management. */
public final class DeviceController {
    private final DeviceService devices;
    private final EventService events;
    private final Guard guard;
    private final long maxBody;

    public DeviceController(DeviceService devices, EventService events, Guard guard, long maxBody) {
        this.devices = devices;
        this.events = events;
        this.guard = guard;
        this.maxBody = Math.min(maxBody, Bodies.SMALL_BODY); // every request here is small (ADR 0238)
    }

    public void createPairingCode(Context ctx) {
        Event event = guard.manageable(ctx);
        ctx.status(201).json(devices.createPairingCode(event.id(), guard.principal(ctx).name()));
    }

    public void pair(Context ctx) {
        PairRequest request = Bodies.json(ctx, PairRequest.class, maxBody);
        ctx.json(devices.pair(request.code(), request.deviceName(), ClientAddress.of(ctx)));
    }

    /** Devices paired for events the caller manages (all of them for an admin). */
    public void list(Context ctx) {
        Principal who = guard.principal(ctx);
        List<DeviceService.DeviceInfo> visible = devices.list().stream().filter(d -> manages(who, d)).toList();
        if (!(who instanceof Principal.User)) {
            throw new ForbiddenException("devices cannot list devices");
        }
        ctx.json(visible);
    }

    public void revoke(Context ctx) {
        Principal who = guard.principal(ctx);
        UUID id = Guard.uuid(ctx, "deviceId");
        DeviceService.DeviceInfo device = devices.find(id).filter(d -> manages(who, d))
                .orElseThrow(() -> new NotFoundException("device"));
        devices.revoke(device.id());
        ctx.status(204);
    }

    private boolean manages(Principal who, DeviceService.DeviceInfo device) {
        return guard.policy().canManageDevice(who, device.events().stream().map(events::find)
                .flatMap(java.util.Optional::stream).toList());
    }
}
