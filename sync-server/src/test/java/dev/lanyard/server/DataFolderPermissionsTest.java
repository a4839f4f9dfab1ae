package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder and the secrets in it are owner-only whatever the umask. Tests run as root,
 * who can read anything, so they check mode bits rather than try to be refused.
 */
class DataFolderPermissionsTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static LanyardServer server(Path data) {
        return new LanyardServer(ServerConfig.builder(data).host("127.0.0.1").port(0).bcryptCost(4).tlsSelfSigned(true)
                .build());
    }

    @Test
    void aNewDataFolderAndItsSecretsAreOwnerOnly() throws Exception {
        Path data = tmp.resolve("data");
        try (LanyardServer ignored = server(data)) {
            assertThat(mode(data)).isEqualTo("rwx------");
            for (String secret : new String[] {"key-encryption-key", "tls-self-signed.p12",
                    "tls-self-signed.p12.password", "db-password"}) {
                assertThat(data.resolve(secret)).as(secret).exists();
                assertThat(mode(data.resolve(secret))).as(secret).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void aWideFolderAndWideSecretsFromAnEarlierStartAreNarrowed() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path secret = Files.writeString(data.resolve("key-encryption-key"),
                Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        try (LanyardServer ignored = server(data)) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(secret)).isEqualTo("rw-------");
        }
    }
}
