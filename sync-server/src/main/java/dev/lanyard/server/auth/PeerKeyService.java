package dev.lanyard.server.auth;

import static dev.lanyard.server.db.jooq.Tables.DEVICE;
import static dev.lanyard.server.db.jooq.Tables.DEVICE_EVENT;
import static dev.lanyard.server.db.jooq.Tables.DEVICE_PEER_KEY;

import dev.lanyard.model.protocol.PeerKey;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.errors.ConflictException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The keys doors show each other (issue 14, ADR 0317): a device registers the public key it
 * made, with its own token; the doors of an event read which keys belong to the event's
 * devices and which of those were revoked. The server holds only the keys' hashes: a door
 * compares a peer's certificate key against them, nothing here signs anything.
 */
public final class PeerKeyService {
    private final Database db;
    private final Clock clock;

    public PeerKeyService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Records (or replaces: a kiosk set up again makes a new pair) the device's key.
     *
     * @return the key's SHA-256, hex
     * @throws IllegalArgumentException when {@code publicKeyBase64} is not an EC or RSA public key
     * @throws ConflictException when another device registered the same key
     */
    public String register(UUID deviceId, String publicKeyBase64) {
        byte[] encoded;
        try {
            encoded = Base64.getDecoder().decode(publicKeyBase64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("publicKey: not Base64");
        }
        if (!parses(encoded, "EC") && !parses(encoded, "RSA")) {
            throw new IllegalArgumentException("publicKey: not an X.509 EC or RSA public key");
        }
        String sha256 = sha256(encoded);
        db.dsl().transaction(cfg -> {
            var dsl = org.jooq.impl.DSL.using(cfg);
            // a public key is no secret (a door shows it in its certificate), and doors cannot tell apart two devices
            // listed with one key (ADR 0317): a key is one device's, the first to register it
            if (dsl.fetchExists(DEVICE_PEER_KEY, DEVICE_PEER_KEY.PUBLIC_KEY_SHA256.eq(sha256)
                    .and(DEVICE_PEER_KEY.DEVICE_ID.ne(deviceId)))) {
                throw new ConflictException("publicKey: another device registered this key; a kiosk makes its own");
            }
            int n = dsl.update(DEVICE_PEER_KEY).set(DEVICE_PEER_KEY.PUBLIC_KEY_SHA256, sha256)
                    .set(DEVICE_PEER_KEY.REGISTERED_AT, clock.millis()).where(DEVICE_PEER_KEY.DEVICE_ID.eq(deviceId))
                    .execute();
            if (n == 0) {
                dsl.insertInto(DEVICE_PEER_KEY).set(DEVICE_PEER_KEY.DEVICE_ID, deviceId)
                        .set(DEVICE_PEER_KEY.PUBLIC_KEY_SHA256, sha256)
                        .set(DEVICE_PEER_KEY.REGISTERED_AT, clock.millis()).execute();
            }
        });
        return sha256;
    }

    /** The keys of the devices paired to {@code eventId}, revoked ones included and marked. */
    public List<PeerKey> forEvent(UUID eventId) {
        return db.dsl().select(DEVICE.ID, DEVICE.NAME, DEVICE.REVOKED_AT, DEVICE_PEER_KEY.PUBLIC_KEY_SHA256)
                .from(DEVICE_EVENT).join(DEVICE).on(DEVICE.ID.eq(DEVICE_EVENT.DEVICE_ID))
                .join(DEVICE_PEER_KEY).on(DEVICE_PEER_KEY.DEVICE_ID.eq(DEVICE.ID))
                .where(DEVICE_EVENT.EVENT_ID.eq(eventId)).orderBy(DEVICE.ID)
                .fetch(r -> new PeerKey(r.value1().toString(), r.value2(), r.value4(), r.value3() != null));
    }

    private static boolean parses(byte[] encoded, String algorithm) {
        try {
            KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(encoded));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
