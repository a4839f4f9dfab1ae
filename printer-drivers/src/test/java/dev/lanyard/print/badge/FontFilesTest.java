package dev.lanyard.print.badge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.print.fonts.FontFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FontFilesTest {
    @TempDir
    Path cache;

    @Test
    void loadingTheFontsLeavesNoCopyInTheTemporaryFolder() throws IOException {
        List<Path> before = javaFontCopies();

        new FontSet(new FontFiles(cache));

        assertThat(javaFontCopies()).isSubsetOf(before);
    }

    @Test
    void theFontsAreWrittenToTheCacheOnce() throws IOException {
        new FontSet(new FontFiles(cache));
        List<Path> files = filesIn(cache);
        FileTime written = Files.getLastModifiedTime(files.get(0));
        Files.setLastModifiedTime(files.get(0), FileTime.fromMillis(written.toMillis() - 60_000));

        new FontSet(new FontFiles(cache));

        assertThat(filesIn(cache)).hasSize(4).isEqualTo(files);
        assertThat(Files.getLastModifiedTime(files.get(0)).toMillis()).isEqualTo(written.toMillis() - 60_000);
    }

    @Test
    void aDamagedCachedFontIsWrittenAgain() throws IOException {
        new FontSet(new FontFiles(cache));
        Path font = filesIn(cache).get(0);
        Files.write(font, new byte[] {1, 2, 3});

        FontSet fonts = new FontSet(new FontFiles(cache));

        assertThat(Files.size(font)).isGreaterThan(3);
        assertThat(fonts.firstMissingGlyph("홍길동 Łukasz", true)).isEqualTo(-1);
    }

    @Test
    void aCacheThatCannotBeWrittenStillGivesFonts() throws IOException {
        Path notAFolder = Files.writeString(cache.resolve("file"), "in the way");

        FontSet fonts = new FontSet(new FontFiles(notAFolder.resolve("fonts")));

        assertThat(fonts.firstMissingGlyph("홍길동 Łukasz", false)).isEqualTo(-1);
    }

    private static List<Path> javaFontCopies() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("+~JF")).sorted().toList();
        }
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
