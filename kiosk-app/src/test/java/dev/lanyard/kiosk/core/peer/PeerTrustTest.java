package dev.lanyard.kiosk.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.protocol.PeerKey;
import dev.lanyard.model.protocol.PeerKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revocations another door passes on (ADR 0319), against a real replica: bounded where they enter. */
class PeerTrustTest {
    @TempDir
    Path dir;
    Replica replica;
    PeerTrust trust;
    final String listed = hash(0xabcdef);

    @BeforeEach
    void open() {
        UUID event = Seed.folderWithOneEvent(dir);
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

    private static String hash(int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) (n >> 16);
        bytes[1] = (byte) (n >> 8);
        bytes[2] = (byte) n;
        return HexFormat.of().formatHex(bytes);
    }
}
