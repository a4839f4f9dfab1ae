package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerSpillTest {
    @TempDir
    Path dir;

    @Test
    void whatIsAppendedComesBackInOrderAcrossChunks() throws IOException {
        byte[] all = new byte[3 * AnswerSpill.CHUNK + 12_345];
        new Random(7).nextBytes(all);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        try (AnswerSpill spill = AnswerSpill.open(dir)) {
            long appended = 0;
            int[] sizes = {1, 8_192, AnswerSpill.CHUNK + 3, 100_000};
            for (int at = 0, n = 0; at < all.length; n++) {
                int size = Math.min(sizes[n % sizes.length], all.length - at);
                appended += spill.append(ByteBuffer.wrap(all, at, size));
                at += size;
                if (n % 2 == 1) {
                    drain(spill, appended, back); // the sender reads while the app still appends
                }
            }
            drain(spill, appended, back);
        }
        assertThat(back.toByteArray()).isEqualTo(all);
    }

    @Test
    void aReadStopsAtWhatWasAppended() throws IOException {
        try (AnswerSpill spill = AnswerSpill.open(dir)) {
            spill.append(ByteBuffer.wrap(new byte[10]));
            spill.append(ByteBuffer.wrap(new byte[5]));

            assertThat(spill.next(10).remaining()).isEqualTo(10);
            assertThat(spill.next(15).remaining()).isEqualTo(5);
        }
    }

    @Test
    void anAppendTakesAllOfWhatTheAppWrote() throws IOException {
        ByteBuffer written = ByteBuffer.wrap(new byte[1_000], 100, 800);
        try (AnswerSpill spill = AnswerSpill.open(dir)) {
            assertThat(spill.append(written)).isEqualTo(800);
        }
        assertThat(written.hasRemaining()).as("Jetty's buffer is done with").isFalse();
    }

    @Test
    void theDiskHoldsNoneOfTheAnswerReadably() throws IOException {
        byte[] row = "p1@example.org,홍길동,010-1234-5678\n".getBytes(StandardCharsets.UTF_8);
        Path named = dir.resolve("kept.spill");
        try (FileChannel file = FileChannel.open(named, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE); AnswerSpill spill = AnswerSpill.over(file)) {
            for (int i = 0; i < 1_000; i++) {
                spill.append(ByteBuffer.wrap(row));
            }
            assertThat(Files.size(named)).isEqualTo(1_000L * row.length);
            assertThat(new String(Files.readAllBytes(named), StandardCharsets.ISO_8859_1))
                    .doesNotContain(new String(row, 0, 14, StandardCharsets.ISO_8859_1));
            ByteBuffer first = spill.next(row.length);
            byte[] opened = new byte[row.length];
            first.get(opened);
            assertThat(opened).isEqualTo(row);
        }
    }

    private static void drain(AnswerSpill spill, long upTo, ByteArrayOutputStream into) throws IOException {
        long read = into.size();
        while (read < upTo) {
            ByteBuffer chunk = spill.next(upTo);
            assertThat(chunk.remaining()).isPositive().isLessThanOrEqualTo(AnswerSpill.CHUNK);
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            into.writeBytes(bytes);
            read += bytes.length;
        }
    }
}
