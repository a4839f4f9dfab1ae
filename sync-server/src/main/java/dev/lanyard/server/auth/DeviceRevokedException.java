package dev.lanyard.server.auth;

import java.util.UUID;

/**
 * A device token that was valid until the host revoked it. Told apart from a token that is
 * merely wrong or unknown because a kiosk erases its replica on this answer and on no other
 * (ADR 0315); mapped to 401 {@code device_revoked} in AppFactory and on the WebSocket.
 */
public final class DeviceRevokedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient UUID deviceId;

    public DeviceRevokedException(UUID deviceId) {
        super("the host revoked this device: it must erase its data and be paired again");
        this.deviceId = deviceId;
    }

    public UUID deviceId() {
        return deviceId;
    }
}
