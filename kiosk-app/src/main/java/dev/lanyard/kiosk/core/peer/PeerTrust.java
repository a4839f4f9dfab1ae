package dev.lanyard.kiosk.core.peer;

import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PeerKey;
import dev.lanyard.model.protocol.PeerKeys;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.net.ssl.X509TrustManager;

/**
 * Whom a door accepts as a peer (ADR 0317): a TLS peer whose certificate key's SHA-256 the
 * server listed for this door's event and not as revoked. The list is kept in the replica, so
 * a door that cannot reach the server still knows its peers; it is replaced whenever the
 * server answers. Anyone else (a door of another event, a revoked door, a stranger) fails the
 * TLS handshake, in both directions.
 */
public final class PeerTrust implements X509TrustManager {
    /** A key's SHA-256 as every door writes it ({@code PeerCredentials}): 64 lower-case hex digits. */
    static final java.util.regex.Pattern KEY_HASH = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    /** Revoked keys the server has not listed to this door that it keeps to pass on (ADR 0319). */
    static final int MAX_UNLISTED_REVOKED = 256;
    private final Replica replica;
    private final UUID eventId;
    private volatile Map<String, PeerKey> byKey;
    /** The device ids of {@link #byKey}, asked for every origin a peer's page brings ({@link #lists}). */
    private volatile Set<String> listedDevices = Set.of();
    private volatile Runnable unknownKey = () -> { };

    public PeerTrust(Replica replica, UUID eventId) {
        this.replica = replica;
        this.eventId = eventId;
        this.byKey = index(replica.write(tx -> Settings.get(tx, setting(eventId)))
                .map(json -> Json.read(json, PeerKeys.class)).orElse(new PeerKeys(null)));
        listedDevices = devicesOf(byKey);
    }

    static String setting(UUID eventId) {
        return "peer.keys." + eventId;
    }

    /** Told when a key not on the list knocks: a door paired since the list was fetched may be on the server's. */
    public void onUnknownKey(Runnable action) {
        this.unknownKey = action;
    }

    /** The server's current list replaces the one kept. */
    public synchronized void update(PeerKeys keys) {
        replica.write(tx -> {
            Settings.put(tx, setting(eventId), Json.write(keys));
            return null;
        });
        byKey = index(keys);
        listedDevices = devicesOf(byKey);
    }

    private static Set<String> devicesOf(Map<String, PeerKey> keys) {
        Set<String> out = new java.util.HashSet<>();
        keys.values().forEach(k -> {
            if (k.deviceId() != null) {
                out.add(k.deviceId());
            }
        });
        return Set.copyOf(out);
    }

    private static Map<String, PeerKey> index(PeerKeys keys) {
        Map<String, PeerKey> out = new HashMap<>();
        keys.keys().forEach(k -> out.put(k.publicKeySha256(), k));
        return out;
    }

    /** The key hashes the kept list marks as revoked: what this door tells its peers (ADR 0319). */
    public Set<String> revokedKeys() {
        Set<String> out = new TreeSet<>();
        byKey.values().stream().filter(PeerKey::revoked).forEach(k -> out.add(k.publicKeySha256()));
        return out;
    }

    /**
     * Revocations a peer door passed on (it saw them on the server's list, or was told): they
     * are only ever added, never lifted, so a peer can make this door trust fewer doors, never
     * more. Kept with the list until the server's next list replaces it. True if any was new.
     */
    public synchronized boolean learnRevoked(Collection<String> keyHashes) {
        Map<String, PeerKey> next = new HashMap<>(byKey);
        boolean changed = false;
        long unknown = next.values().stream().filter(k -> k.deviceId() == null).count();
        for (String sha : keyHashes) {
            if (sha == null || !KEY_HASH.matcher(sha).matches()) {
                continue;
            }
            PeerKey known = next.get(sha);
            if (known == null) {
                // a key the server has not listed here yet: kept only to pass on, and only so many, so a door cannot
                // grow every door's list (and its "revoked" frame) without end
                if (unknown >= MAX_UNLISTED_REVOKED) {
                    continue;
                }
                unknown++;
                next.put(sha, new PeerKey(null, null, sha, true));
                changed = true;
            } else if (!known.revoked()) {
                next.put(sha, new PeerKey(known.deviceId(), known.name(), sha, true));
                changed = true;
            }
        }
        if (changed) {
            PeerKeys keys = new PeerKeys(List.copyOf(next.values()));
            replica.write(tx -> {
                Settings.put(tx, setting(eventId), Json.write(keys));
                return null;
            });
            byKey = next;
            listedDevices = devicesOf(byKey);
        }
        return changed;
    }

    /** Whether the server listed this device as a door of the event (revoked or not): its items may be new here. */
    public boolean lists(String deviceId) {
        return deviceId != null && listedDevices.contains(deviceId);
    }

    /** The device this key belongs to, if it is an accepted door of the event. */
    public Optional<PeerKey> accepted(String publicKeySha256) {
        PeerKey key = byKey.get(publicKeySha256);
        return key == null || key.revoked() ? Optional.empty() : Optional.of(key);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer showed no certificate");
        }
        String sha = PeerCredentials.sha256(chain[0].getPublicKey());
        PeerKey key = byKey.get(sha);
        if (key == null) {
            unknownKey.run();
            throw new CertificateException("key " + sha.substring(0, 16) + "... is not a door of event " + eventId);
        }
        if (key.revoked()) {
            throw new CertificateException("door " + key.deviceId() + " was revoked");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
