package dev.lanyard.kiosk.core.peer;

import dev.lanyard.model.protocol.PeerKey;
import dev.lanyard.model.protocol.PeerKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kept list of an event's door keys, every listing as the server gave it, looked up by key hash (ADR 0317).
 *
 * <p>The server lets any paired device register any public key, and a public key is no secret (every door shows its own
 * in its TLS certificate), so one hash can come listed for several devices. Which of them holds the private key cannot
 * be told from here, so such a hash is no one's: it is accepted for none of its devices, and revoked as soon as any
 * listing of it is (the host stopped someone who may hold it; a door whose key a device copied needs a new pairing
 * once the host revokes the copier). Each device stays listed whatever its key. Indexing a hash to the device listed
 * last let a copier take an honest door's place (and get it revoked with its own), and let a device not revoked lift
 * the revocation of the door whose key it listed.
 */
final class ListedKeys {
    private final List<PeerKey> listings;
    /** Each hash's one device, for hashes with a single device and no revoked listing. */
    private final Map<String, PeerKey> accepted = new HashMap<>();
    private final Set<String> revoked = new TreeSet<>();
    private final Set<String> hashes = new HashSet<>();
    private final Set<String> devices = new HashSet<>();

    ListedKeys(List<PeerKey> listings) {
        this.listings = List.copyOf(listings);
        Map<String, PeerKey> soleHolder = new HashMap<>();
        Set<String> shared = new HashSet<>();
        for (PeerKey key : this.listings) {
            if (key.deviceId() != null) {
                devices.add(key.deviceId());
            }
            String sha = key.publicKeySha256();
            if (sha == null) {
                continue;
            }
            hashes.add(sha);
            if (key.revoked()) {
                revoked.add(sha);
            }
            PeerKey before = soleHolder.putIfAbsent(sha, key);
            if (before != null && !Objects.equals(before.deviceId(), key.deviceId())) {
                shared.add(sha);
            }
        }
        soleHolder.forEach((sha, key) -> {
            if (!shared.contains(sha) && !revoked.contains(sha)) {
                accepted.put(sha, key);
            }
        });
    }

    static ListedKeys of(PeerKeys keys) {
        return new ListedKeys(keys.keys());
    }

    /** Every listing, to keep in the replica as the server's list is kept. */
    PeerKeys asPeerKeys() {
        return new PeerKeys(listings);
    }

    /** The one device of a key not revoked, if exactly one device lists it. */
    Optional<PeerKey> accepted(String keyHash) {
        return Optional.ofNullable(keyHash == null ? null : accepted.get(keyHash));
    }

    boolean isListed(String keyHash) {
        return keyHash != null && hashes.contains(keyHash);
    }

    boolean isRevoked(String keyHash) {
        return keyHash != null && revoked.contains(keyHash);
    }

    /** In order, so what a door tells its peers reads the same every time. */
    Set<String> revokedKeys() {
        return new TreeSet<>(revoked);
    }

    boolean listsDevice(String deviceId) {
        return devices.contains(deviceId);
    }

    /** How many revoked keys are kept that no device lists: those passed on by peers, kept only to pass on. */
    long unlistedRevoked() {
        return listings.stream().filter(k -> k.deviceId() == null).count();
    }

    /** These listings with every listing of {@code listedHashes} marked revoked, and {@code unlisted} added as such. */
    ListedKeys revoking(Set<String> listedHashes, Collection<String> unlisted) {
        List<PeerKey> next = new ArrayList<>(listings.size() + unlisted.size());
        for (PeerKey key : listings) {
            next.add(listedHashes.contains(key.publicKeySha256()) && !key.revoked()
                    ? new PeerKey(key.deviceId(), key.name(), key.publicKeySha256(), true) : key);
        }
        unlisted.forEach(sha -> next.add(new PeerKey(null, null, sha, true)));
        return new ListedKeys(next);
    }
}
