package dev.lanyard.server.http;

import dev.lanyard.server.errors.ForbiddenException;
import dev.lanyard.model.Event;
import dev.lanyard.model.protocol.PeerKeyRequest;
import dev.lanyard.model.protocol.PeerKeys;
import dev.lanyard.server.auth.PeerKeyService;
import dev.lanyard.server.auth.Principal;
import io.javalin.http.Context;
import java.util.Map;

/** The keys doors show each other when the server is out of reach (issue 14, ADR 0317). */
public final class PeerKeyController {
    private final PeerKeyService keys;
    private final Guard guard;
    private final long maxBody;

    public PeerKeyController(PeerKeyService keys, Guard guard, long maxBody) {
        this.keys = keys;
        this.guard = guard;
        this.maxBody = Math.min(maxBody, Bodies.SMALL_BODY); // every request here is small (ADR 0238)
    }

    /** A device registers its own key; only a device has one. */
    public void register(Context ctx) {
        if (!(guard.principal(ctx) instanceof Principal.Device device)) {
            throw new ForbiddenException("only a paired device registers a peer key");
        }
        PeerKeyRequest request = Bodies.json(ctx, PeerKeyRequest.class, maxBody);
        ctx.json(Map.of("publicKeySha256", keys.register(device.deviceId(), request.publicKey())));
    }

    /** Whoever may see the event may read its doors' keys: they are public keys and revocations. */
    public void list(Context ctx) {
        Event event = guard.visible(ctx);
        ctx.json(new PeerKeys(keys.forEvent(event.id())));
    }
}
