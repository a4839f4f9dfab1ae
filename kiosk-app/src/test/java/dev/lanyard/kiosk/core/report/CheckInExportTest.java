package dev.lanyard.kiosk.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desk's check-in export, written to a real file while the door scans. */
class CheckInExportTest {
    @TempDir
    Path tmp;
    final Event event = Seed.event(ReentryPolicy.WARN);

    @Test
    void everyParticipantIsWrittenOnceAcrossPages() throws Exception {
        List<Participant> guests = Seed.guests(event.id(), CheckInReport.EXPORT_PAGE + 500);
        Path file = tmp.resolve("checkins.csv");
        try (Kiosk kiosk = Seed.kiosk(tmp.resolve("door"), event, guests)) {
            assertThat(kiosk.report().exportCsv(event, file)).isEqualTo(guests.size());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1 + guests.size());
        assertThat(lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).distinct())
                .hasSize(guests.size());
    }

    /**
     * The export wrote the whole file inside one replica transaction: to a folder whose writes stalled (a network
     * share, a slow stick) every scan of the door waited for it, without a deadline. Found by a review.
     */
    @Test
    void anExportToAFileNobodyReadsDoesNotHoldTheDoorsScans() throws Exception {
        List<Participant> guests = Seed.guests(event.id(), 2_000); // some 150 kB: more than a pipe holds
        Path stalled = tmp.resolve("stalled.csv");
        assertThat(new ProcessBuilder("mkfifo", stalled.toString()).start().waitFor()).isZero();
        try (Kiosk kiosk = Seed.kiosk(tmp.resolve("door"), event, guests)) {
            CompletableFuture<FileInputStream> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return new FileInputStream(stalled.toFile()); // opened, never read
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            CompletableFuture<Integer> export = CompletableFuture.supplyAsync(() -> {
                try {
                    return kiosk.report().exportCsv(event, stalled);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (FileInputStream neverRead = reader.get(10, TimeUnit.SECONDS)) {
                Thread.sleep(500); // the export fills the pipe and waits

                var scan = kiosk.checkIns().scan(event.id(), guests.get(7).ticketCode(), Seed.DAY1)
                        .get(5, TimeUnit.SECONDS);

                assertThat(scan.outcome()).isEqualTo(ScanOutcome.ADMITTED);
                assertThat(export).isNotDone();
            }
            export.handle((n, e) -> null).get(10, TimeUnit.SECONDS); // a broken pipe, once the reader is gone
        }
    }

    /** Names, e-mail addresses and ticket codes (admission credentials) were left readable by every user. */
    @Test
    void anExportAndTheFolderItMadeAreTheOwnersAlone() throws Exception {
        Path file = tmp.resolve("exports/day1/checkins.csv");
        try (Kiosk kiosk = Seed.kiosk(tmp.resolve("door"), event, Seed.guests(event.id(), 3))) {
            kiosk.report().exportCsv(event, file);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }
}
