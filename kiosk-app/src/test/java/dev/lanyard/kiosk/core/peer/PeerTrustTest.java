package dev.lanyard.kiosk.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.protocol.PeerKey;
import dev.lanyard.model.protocol.PeerKeys;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kept list of door keys, against a real replica: revocations another door passes on (ADR 0319) are bounded where
 * they enter, and a key several devices list is no one's (ADR 0317).
 */
class PeerTrustTest {
    @TempDir
    Path dir;
    Replica replica;
    PeerTrust trust;
    UUID event;
    final String listed = hash(0xabcdef);

    @BeforeEach
    void open() {
        event = Seed.folderWithOneEvent(dir);
        replica = Seed.replica(dir);
        trust = new PeerTrust(replica, event);
        trust.update(new PeerKeys(List.of(new PeerKey("door-2", "Door 2", listed, false))));
    }

    @AfterEach
    void close() {
        replica.close();
    }

    @Test
    void aDoorCannotGrowTheListOfRevokedKeysWithoutEnd() {
        List<String> flood = new ArrayList<>();
        for (int i = 1_000; i < 50_000; i++) {
            flood.add(hash(i));
        }

        trust.learnRevoked(flood);
        trust.learnRevoked(List.of(hash(60_000), hash(60_001)));

        assertThat(trust.revokedKeys()).hasSize(PeerTrust.MAX_UNLISTED_REVOKED);
    }

    @Test
    void aListedKeyIsRevokedWhateverCameBefore() {
        List<String> flood = new ArrayList<>();
        for (int i = 1_000; i < 2_000; i++) {
            flood.add(hash(i));
        }
        trust.learnRevoked(flood);

        assertThat(trust.learnRevoked(List.of(listed))).isTrue();

        assertThat(trust.accepted(listed)).isEmpty();
    }

    @Test
    void whatIsNotAKeyHashIsIgnored() {
        assertThat(trust.learnRevoked(List.of("x".repeat(1_000_000), "", listed.toUpperCase()))).isFalse();

        assertThat(trust.revokedKeys()).isEmpty();
        assertThat(trust.accepted(listed)).isPresent();
    }

    @Test
    void aVenueOfThreeHundredDoorsKeepsItsWholeListOfKeys() {
        List<PeerKey> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(new PeerKey(UUID.randomUUID().toString(), "Entrance door " + i, hash(i), i % 10 == 0));
        }

        trust.update(new PeerKeys(keys));

        assertThat(trust.accepted(hash(299))).isPresent();
        assertThat(trust.revokedKeys()).hasSize(30);
    }

    /**
     * The server lets a paired device register any public key, and a revoked door's is no secret: the key was indexed
     * to whichever device came last, so listing it again under a device not revoked made the revoked door welcome.
     */
    @Test
    void aRevokedDoorsKeyListedAgainUnderAnotherDeviceIsNotAccepted() {
        trust.update(new PeerKeys(List.of(new PeerKey("door-r", "Door R", listed, true),
                new PeerKey("door-z", "Door Z", listed, false))));

        assertThat(trust.accepted(listed)).isEmpty();
    }

    /** The revoked door's own certificate passed the handshake, as the device listed last. */
    @Test
    void aRevokedDoorsKeyListedAgainUnderAnotherDeviceFailsTheHandshake() {
        PeerCredentials revoked = PeerCredentials.generate("door-r");
        trust.update(new PeerKeys(List.of(new PeerKey("door-r", "Door R", revoked.publicKeySha256(), true),
                new PeerKey("door-z", "Door Z", revoked.publicKeySha256(), false))));

        assertThatThrownBy(() -> trust.checkClientTrusted(chainOf(revoked), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    /** Neither of two devices listing one key can be told to be its holder; the one listed last was taken to be. */
    @Test
    void aKeyTwoDevicesListIsAcceptedForNeither() {
        trust.update(new PeerKeys(List.of(new PeerKey("door-a", "Door A", listed, false),
                new PeerKey("door-z", "Door Z", listed, false))));

        assertThat(trust.accepted(listed)).isEmpty();
    }

    /**
     * A key another device also lists is revoked with it, whoever the host stopped may hold it; the listing that came
     * last decided, so with the copier listed first the key stayed accepted for the door listed after it.
     */
    @Test
    void aKeyACopierListsIsRevokedWhenTheCopierIsWhicheverComesFirst() {
        PeerKey door = new PeerKey("door-a", "Door A", listed, false);
        PeerKey copier = new PeerKey("door-z", "Door Z", listed, true);
        for (List<PeerKey> order : List.of(List.of(door, copier), List.of(copier, door))) {
            trust.update(new PeerKeys(order));

            assertThat(trust.accepted(listed)).as("listed %s", order).isEmpty();
            assertThat(trust.revokedKeys()).as("listed %s", order).containsExactly(listed);
        }
    }

    /**
     * A device listing an honest door's key after it took the door's place in the index: the door was no longer
     * listed, and its items counted against the cap of origins no listed door has.
     */
    @Test
    void aDoorWhoseKeyAnotherDeviceCopiedIsStillListed() {
        trust.update(new PeerKeys(List.of(new PeerKey("door-a", "Door A", listed, false),
                new PeerKey("door-z", "Door Z", listed, true))));

        assertThat(trust.lists("door-a")).isTrue();
    }

    /** The list kept after a passed-on revocation was written from the index, which held one device per key. */
    @Test
    void aRestartedDoorStillListsEveryDeviceOfASharedKey() {
        trust.update(new PeerKeys(List.of(new PeerKey("door-a", "Door A", listed, false),
                new PeerKey("door-z", "Door Z", listed, false))));
        trust.learnRevoked(List.of(hash(7)));

        PeerTrust restarted = new PeerTrust(replica, event);

        assertThat(restarted.lists("door-a")).isTrue();
        assertThat(restarted.lists("door-z")).isTrue();
        assertThat(restarted.accepted(listed)).isEmpty();
    }

    private static X509Certificate[] chainOf(PeerCredentials credentials) {
        return ((X509KeyManager) credentials.keyManagers()[0]).getCertificateChain("door");
    }

    private static String hash(int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) (n >> 16);
        bytes[1] = (byte) (n >> 8);
        bytes[2] = (byte) n;
        return HexFormat.of().formatHex(bytes);
    }
}
