package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.protocol.PeerKey;
import dev.lanyard.model.protocol.PeerKeys;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys doors of one event show each other: registered by each device, listed per event with revocations. */
class PeerKeysTest {
    @TempDir
    Path dir;

    @Test
    void aDeviceRegistersItsKeyAndTheEventsDoorsSeeItRevokedOnceRevoked() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Fixture.PairedDevice door1 = f.pairDevice();
            Fixture.PairedDevice door2 = f.pairDevice();
            byte[] key1 = ecKey();
            var registered = door1.api().put("/api/v1/devices/self/peer-key",
                    Map.of("publicKey", Base64.getEncoder().encodeToString(key1)));
            assertThat(registered.status()).isEqualTo(200);
            String hash1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key1));
            assertThat(registered.body()).contains(hash1);
            door2.api().put("/api/v1/devices/self/peer-key",
                    Map.of("publicKey", Base64.getEncoder().encodeToString(ecKey())));
            // a device of another event registers too, and is not listed for this one
            var other = f.server.admin().createEvent(Fixture.eventInput("Other"), "olga");
            String code = f.server.admin().createPairingCode(other.id()).code();
            var otherDoor = f.anonymous.post("/api/v1/devices/pair", Map.of("code", code))
                    .as(dev.lanyard.model.protocol.PairResponse.class);
            f.anonymous.as(otherDoor.token()).put("/api/v1/devices/self/peer-key",
                    Map.of("publicKey", Base64.getEncoder().encodeToString(ecKey())));

            PeerKeys keys = door2.api().get(f.eventPath() + "/peer-keys").as(PeerKeys.class);
            assertThat(keys.keys()).extracting(PeerKey::deviceId)
                    .containsExactlyInAnyOrder(door1.id().toString(), door2.id().toString());
            assertThat(keys.keys()).filteredOn(k -> k.deviceId().equals(door1.id().toString())).singleElement()
                    .satisfies(k -> assertThat(k.publicKeySha256()).isEqualTo(hash1))
                    .satisfies(k -> assertThat(k.revoked()).isFalse());

            f.server.admin().revokeDevice(door1.id());
            PeerKeys after = door2.api().get(f.eventPath() + "/peer-keys").as(PeerKeys.class);
            assertThat(after.keys()).filteredOn(k -> k.deviceId().equals(door1.id().toString())).singleElement()
                    .satisfies(k -> assertThat(k.revoked()).isTrue());
        }
    }

    /**
     * A public key is no secret (a door shows its own in its TLS certificate): a paired device registering another
     * door's key got it listed for two devices, which doors can tell apart by no means. Found by a review.
     */
    @Test
    void aKeyAnotherDeviceRegisteredIsRefused() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Fixture.PairedDevice honest = f.pairDevice();
            Fixture.PairedDevice copier = f.pairDevice();
            Map<String, String> key = Map.of("publicKey", Base64.getEncoder().encodeToString(ecKey()));
            assertThat(honest.api().put("/api/v1/devices/self/peer-key", key).status()).isEqualTo(200);

            var copied = copier.api().put("/api/v1/devices/self/peer-key", key);

            assertThat(copied.status()).isEqualTo(409);
            assertThat(honest.api().put("/api/v1/devices/self/peer-key", key).status())
                    .as("its own again").isEqualTo(200);
            PeerKeys keys = honest.api().get(f.eventPath() + "/peer-keys").as(PeerKeys.class);
            assertThat(keys.keys()).extracting(PeerKey::deviceId).containsExactly(honest.id().toString());
        }
    }

    @Test
    void somethingThatIsNotAPublicKeyIsRefusedByName() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            var res = f.pairDevice().api().put("/api/v1/devices/self/peer-key",
                    Map.of("publicKey", Base64.getEncoder().encodeToString(new byte[40])));
            assertThat(res.status()).isEqualTo(400);
            assertThat(res.body()).contains("publicKey: not an X.509 EC or RSA public key");
        }
    }

    private static byte[] ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair().getPublic().getEncoded();
    }
}
