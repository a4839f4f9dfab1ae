package dev.lanyard.kiosk.core.device;

import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.core.store.Tx;
import java.util.Optional;

/**
 * Who this kiosk is to the server, as pairing left it: device id (also its HLC node), name,
 * bearer token, server URL and, for TLS, the pinned certificate fingerprint. Kept in the
 * replica, the token sealed (ADR 0310), never in a plain file.
 */
public record DeviceIdentity(String deviceId, String deviceName, String token, String serverUrl, String certSha256) {
    @Override
    public String toString() {
        return "DeviceIdentity[deviceId=" + deviceId + ", deviceName=" + deviceName + ", serverUrl=" + serverUrl
                + ", token=***]";
    }

    public static Optional<DeviceIdentity> load(Tx tx) {
        Optional<String> id = Settings.get(tx, Settings.DEVICE_ID);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeviceIdentity(id.get(), Settings.get(tx, Settings.DEVICE_NAME).orElse(null),
                Settings.getSealed(tx, Settings.DEVICE_TOKEN).orElse(null),
                Settings.get(tx, Settings.SERVER_URL).orElse(null),
                Settings.get(tx, Settings.SERVER_CERT_SHA256).orElse(null)));
    }

    public void save(Tx tx) {
        Settings.put(tx, Settings.DEVICE_ID, deviceId);
        Settings.put(tx, Settings.DEVICE_NAME, deviceName);
        Settings.putSealed(tx, Settings.DEVICE_TOKEN, token);
        Settings.put(tx, Settings.SERVER_URL, serverUrl);
        Settings.put(tx, Settings.SERVER_CERT_SHA256, certSha256);
    }
}
