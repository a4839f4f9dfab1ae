package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's data folder and its key file are owner-only whatever the umask: the salt and
 * key-check value let whoever copies them guess the unlock secret offline. Tests run as root,
 * so they check mode bits rather than try to be refused.
 */
class DataFolderPermissionsTest {
    private static final KeyDerivation FAST_KDF = new KeyDerivation.Argon2id(64, 1, 1);
    private static final char[] SECRET = "staff-pin-1234".toCharArray();

    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewReplicaFolderAndItsKeyFileAreOwnerOnly() throws Exception {
        Path dir = tmp.resolve("kiosk");
        try (Replica ignored = Replica.open(DataFolder.at(dir, FAST_KDF), SECRET, true)) {
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve(DataFolder.KEY_FILE))).isEqualTo("rw-------");
        }
    }

    @Test
    void aWideFolderAndKeyFileFromAnEarlierVersionAreNarrowedWhenUnlocked() throws Exception {
        Path dir = tmp.resolve("kiosk");
        try (Replica ignored = Replica.open(DataFolder.at(dir, FAST_KDF), SECRET, true)) {
            // created
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve(DataFolder.KEY_FILE), PosixFilePermissions.fromString("rw-r--r--"));
        try (Replica ignored = Replica.open(DataFolder.at(dir, FAST_KDF), SECRET, false)) {
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve(DataFolder.KEY_FILE))).isEqualTo("rw-------");
        }
    }
}
