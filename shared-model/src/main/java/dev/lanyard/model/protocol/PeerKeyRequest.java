package dev.lanyard.model.protocol;

import dev.lanyard.model.Require;

/**
 * A kiosk registers the public key it shows other doors of its event (issue 14).
 *
 * @param publicKey the key's X.509 SubjectPublicKeyInfo, Base64
 */
public record PeerKeyRequest(String publicKey) {
    public PeerKeyRequest {
        Require.text(publicKey, "publicKey", 2_000);
    }
}
