package dev.lanyard.kiosk.core.peer;

import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PeerKey;
import dev.lanyard.model.protocol.PeerKeys;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.X509TrustManager;

/**
 * Whom a door accepts as a peer (ADR 0317): a TLS peer whose certificate key's SHA-256 the
 * server listed for this door's event for one device alone and not as revoked ({@link ListedKeys}
 * says why a key several devices list is no one's). The list is kept in the replica, so
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
    /** Read by every handshake and every page a peer sends, replaced whole when the list changes. */
    private volatile ListedKeys list;
    private volatile Runnable unknownKey = () -> { };

    public PeerTrust(Replica replica, UUID eventId) {
        this.replica = replica;
        this.eventId = eventId;
        this.list = ListedKeys.of(replica.write(tx -> Settings.get(tx, setting(eventId)))
                .map(json -> Json.read(json, PeerKeys.class)).orElse(new PeerKeys(null)));
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
        keep(ListedKeys.of(keys));
    }

    private void keep(ListedKeys next) {
        PeerKeys listings = next.asPeerKeys();
        replica.write(tx -> {
            Settings.put(tx, setting(eventId), Json.write(listings));
            return null;
        });
        list = next;
    }

    /** The key hashes the kept list marks as revoked: what this door tells its peers (ADR 0319). */
    public Set<String> revokedKeys() {
        return list.revokedKeys();
    }

    /**
     * Revocations a peer door passed on (it saw them on the server's list, or was told): they
     * are only ever added, never lifted, so a peer can make this door trust fewer doors, never
     * more. Kept with the list until the server's next list replaces it. True if any was new.
     */
    public synchronized boolean learnRevoked(Collection<String> keyHashes) {
        ListedKeys before = list;
        Set<String> listed = new HashSet<>();
        Set<String> unlisted = new LinkedHashSet<>();
        long room = MAX_UNLISTED_REVOKED - before.unlistedRevoked();
        for (String sha : keyHashes) {
            if (sha == null || !KEY_HASH.matcher(sha).matches() || before.isRevoked(sha)) {
                continue;
            }
            if (before.isListed(sha)) {
                listed.add(sha);
            } else if (unlisted.size() < room) {
                // a key the server has not listed here yet: kept only to pass on, and only so many, so a door cannot
                // grow every door's list (and its "revoked" frame) without end
                unlisted.add(sha);
            }
        }
        if (listed.isEmpty() && unlisted.isEmpty()) {
            return false;
        }
        keep(before.revoking(listed, unlisted));
        return true;
    }

    /** Whether the server listed this device as a door of the event (revoked or not): its items may be new here. */
    public boolean lists(String deviceId) {
        return deviceId != null && list.listsDevice(deviceId);
    }

    /** The device this key belongs to, if it is an accepted door of the event (a key several devices list is not). */
    public Optional<PeerKey> accepted(String publicKeySha256) {
        return list.accepted(publicKeySha256);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer showed no certificate");
        }
        String sha = PeerCredentials.sha256(chain[0].getPublicKey());
        ListedKeys kept = list;
        if (!kept.isListed(sha)) {
            unknownKey.run();
            throw new CertificateException("key " + sha.substring(0, 16) + "... is not a door of event " + eventId);
        }
        if (kept.isRevoked(sha)) {
            throw new CertificateException("key " + sha.substring(0, 16) + "... was revoked");
        }
        if (kept.accepted(sha).isEmpty()) {
            throw new CertificateException("key " + sha.substring(0, 16) + "... is listed for more than one device");
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
