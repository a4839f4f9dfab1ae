package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.SETTING;

import java.util.Base64;
import java.util.Optional;

/** Single named values: pairing, device identity, the persisted HLC and clock offset. */
public final class Settings {
    public static final String DEVICE_ID = "device.id";
    public static final String DEVICE_NAME = "device.name";
    public static final String DEVICE_TOKEN = "device.token";
    public static final String SERVER_URL = "server.url";
    public static final String SERVER_CERT_SHA256 = "server.certSha256";
    public static final String HLC = "clock.hlc";
    /** Server clock minus this laptop's clock in ms, as last learned (see ClockOffset). */
    /** Corrected wall time at which the HLC was last taken back from stamps a wrong clock pushed ahead. */
    public static final String HLC_REBASED_AT = "clock.hlcRebasedAt";
    /** The last stamp given to an item re-stamped after the server refused it for its clock. */
    public static final String HLC_RESTAMP = "clock.hlcRestamp";
    public static final String CLOCK_OFFSET = "clock.offsetMs";
    public static final String ACTIVE_EVENT = "event.active";
    /** The door's private key for its peers' TLS (PeerCredentials, ADR 0317). */
    public static final String PEER_PRIVATE_KEY = "peer.privateKey";
    /** Which data key the replica's sealed values are under (DataFolder.Keys#keyId; not secret: the key is random). */
    public static final String KEY_ID = "replica.keyId";
    /** The settings stored with {@link #putSealed}: a re-key must move them too (ReplicaRekey). */
    public static final java.util.Set<String> SEALED = java.util.Set.of(DEVICE_TOKEN, PEER_PRIVATE_KEY);

    private static final String GET = "select val from setting where name = ?";
    private static final String PUT = "merge into setting (name, val) key (name) values (?, ?)";

    private Settings() {
    }

    public static Optional<String> get(Tx tx, String name) {
        return Optional.ofNullable(Jdbc.first(tx, GET, r -> r.getString(1), name));
    }

    /** A value stored sealed (the device token: whoever holds it can read the event's participants from the server). */
    public static Optional<String> getSealed(Tx tx, String name) {
        return get(tx, name).map(v -> tx.cipher().open(Base64.getDecoder().decode(v)));
    }

    public static void putSealed(Tx tx, String name, String value) {
        if (!SEALED.contains(name)) {
            // a sealed setting the re-key does not know of would stay under the old key (ReplicaRekey)
            throw new IllegalArgumentException(name + " is not among Settings.SEALED");
        }
        put(tx, name, value == null ? null : Base64.getEncoder().encodeToString(tx.cipher().seal(value)));
    }

    /** Fixed SQL (ADR 0331): every stamp of the device's clock is put here in the transaction that carries it. */
    public static void put(Tx tx, String name, String value) {
        Jdbc.update(tx, PUT, name, value);
    }

    public static void remove(Tx tx, String name) {
        tx.dsl().deleteFrom(SETTING).where(SETTING.NAME.eq(name)).execute();
    }
}
