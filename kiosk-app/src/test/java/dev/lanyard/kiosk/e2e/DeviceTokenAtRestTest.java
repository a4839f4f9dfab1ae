package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lanyard.kiosk.cli.KioskCli;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.ByteSearch;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The device token is usable only with the unlock secret (issue 12, ADR 0310/0314): after
 * pairing, bootstrap, realtime sync, a scan pushed, the CLI's status and sync, no file of the
 * kiosk's data folder holds the token in any encoding, and no log line quotes it. What is on
 * disk is the token sealed under the data key, which only the unlock secret unwraps.
 */
class DeviceTokenAtRestTest {
    @TempDir
    Path tmp;

    @Test
    void noFileOfTheDataFolderAndNoLogLineHoldsTheDeviceToken() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.setContext(logging);
        logged.start();
        root.addAppender(logged);
        ch.qos.logback.classic.Level before = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        Path dir = tmp.resolve("door");
        String token;
        try (LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN)) {
            Participant guest = live.add("Yoon Ara", "ara@example.org", null);
            try (Kiosk door = live.kiosk(dir, "Door 1", live.url(), Clock.systemUTC())) {
                token = door.identity().token();
                door.checkIns().scan(live.event.id(), guest.ticketCode(), live.today).join();
                await().atMost(Duration.ofSeconds(10)).until(() -> live.opIds().size() == 1
                        && door.status(false).pendingItems() == 0);
            }
            StringWriter out = new StringWriter();
            KioskCli.run(new PrintWriter(out), Seed.SECRET, "--data", dir.toString(), "sync");
            KioskCli.run(new PrintWriter(out), Seed.SECRET, "--data", dir.toString(), "status");
            assertThat(out.toString()).doesNotContain(token);
        } finally {
            root.detachAppender(logged);
            root.setLevel(before);
        }
        assertThat(token).startsWith("lyd_");

        List<byte[]> forms = List.of(token.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_16LE),
                token.getBytes(StandardCharsets.UTF_16BE), token.substring(4).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(token.substring(4)));
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("replica.mv.db", "unlock.params");
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (byte[] form : forms) {
                assertThat(ByteSearch.indexOf(bytes, form)).as("the device token in " + file).isEqualTo(-1);
            }
        }
        assertThat(logged.list).isNotEmpty();
        for (ILoggingEvent event : logged.list) {
            assertThat(event.getFormattedMessage()).as("a log line").doesNotContain(token.substring(4));
        }
    }
}
