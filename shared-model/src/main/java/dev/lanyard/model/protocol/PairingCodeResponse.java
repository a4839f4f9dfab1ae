package dev.lanyard.model.protocol;

import java.time.Instant;

/**
 * A one-time pairing code. {@code payload} is what the pairing QR encodes (see
 * {@link PairingPayload}); staff can also type the code and the server URL by hand.
 */
public record PairingCodeResponse(String code, String payload, Instant expiresAt) {
}
