package dev.lanyard.model.protocol;

import dev.lanyard.model.Require;
import java.util.UUID;

/**
 * What the pairing QR carries, as JSON: where the server is, the code, and, when the server
 * speaks TLS, the SHA-256 fingerprint of its certificate for the kiosk to pin.
 */
public record PairingPayload(String server, String code, UUID eventId, String certSha256) {
    public PairingPayload {
        Require.text(server, "server", 500);
        Require.text(code, "code", 64);
        if (certSha256 != null && !certSha256.matches("[0-9a-fA-F:]{64,95}")) {
            throw new IllegalArgumentException("certSha256 must be a hex SHA-256 fingerprint");
        }
    }
}
