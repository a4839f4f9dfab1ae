package dev.lanyard.server.support;

import dev.lanyard.model.protocol.PairResponse;
import java.util.Map;
import java.util.UUID;

/** A device paired to the fixture's event through the real pairing endpoint, as a kiosk pairs. */
public record PairedDevice(UUID id, Api api) {
    public static PairedDevice pair(Fixture f, String name) {
        var code = f.server.admin().createPairingCode(f.event.id());
        PairResponse paired = f.anonymous.post("/api/v1/devices/pair", Map.of("code", code.code(), "deviceName", name))
                .as(PairResponse.class);
        return new PairedDevice(paired.deviceId(), f.anonymous.as(paired.token()));
    }

    /** The node name its stamps carry, as a kiosk's clock names itself after its device id. */
    public String node() {
        return id.toString();
    }
}
