package dev.lanyard.model.protocol;

/**
 * A door of an event as its peers may trust it: the SHA-256 (hex) of the public key it
 * registered, and whether its device was revoked (a revoked door is refused by its peers).
 */
public record PeerKey(String deviceId, String name, String publicKeySha256, boolean revoked) {
}
