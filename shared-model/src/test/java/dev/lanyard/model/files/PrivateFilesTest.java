package dev.lanyard.model.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests run as root, so they read mode bits instead of expecting access to be denied. */
class PrivateFilesTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void createsMissingFoldersOwnerOnly() throws Exception {
        Path dir = tmp.resolve("a/b");
        PrivateFiles.folder(dir, m -> { });
        assertEquals("rwx------", mode(dir));
        assertEquals("rwx------", mode(tmp.resolve("a")));
    }

    @Test
    void narrowsAWideExistingFolderAndSaysSo() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("wide"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        List<String> said = new ArrayList<>();
        PrivateFiles.folder(dir, said::add);
        assertEquals("rwx------", mode(dir));
        assertEquals(1, said.size());
        assertTrue(said.get(0).contains(dir.toString()), said.get(0));
    }

    @Test
    void leavesAPrivateFolderAloneSilently() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("private"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        List<String> said = new ArrayList<>();
        PrivateFiles.folder(dir, said::add);
        assertEquals(List.of(), said);
    }

    @Test
    void writesANewFileOwnerOnlyWithoutLeavingATemporaryBehind() throws Exception {
        Path file = tmp.resolve("secret");
        PrivateFiles.write(file, "s3cret".getBytes(StandardCharsets.UTF_8));
        assertEquals("rw-------", mode(file));
        assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void narrowsAWideExistingFileAndSaysSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("old-secret"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> said = new ArrayList<>();
        PrivateFiles.narrow(file, said::add);
        assertEquals("rw-------", mode(file));
        assertEquals(1, said.size());
        PrivateFiles.narrow(file, said::add);
        assertEquals(1, said.size(), "an owner-only file is left alone");
    }
}
