package dev.lanyard.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.model.Event;
import dev.lanyard.model.TicketCodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rehearsal's doors must see each other's check-ins through the realtime socket, as a venue
 * does, not through the pull a door makes while its socket is down (every 20 s by default; here
 * never, so a check-in that arrives at all came by realtime). Against the server as a separate
 * process over TLS, as the rehearsal runs it.
 */
class RealtimeFanoutTest {
    private static final Duration NEVER = Duration.ofDays(1);
    @TempDir
    Path tmp;

    @Test
    void aCheckInAtOneDoorReachesTheOtherThroughTheRealtimeSocketAlone() throws Exception {
        char[] admin = "rehearsal-admin-password-1".toCharArray();
        Path data = tmp.resolve("server/data");
        try (ServerChild server = ServerChild.start(data, "rehearsal", admin, List.of("-Xmx384m"))) {
            Organizer organizer = new Organizer(server.url(), server.certSha256());
            organizer.login("rehearsal", admin);
            LocalDate day = LocalDate.now(ZoneOffset.UTC);
            Event event = organizer.createEvent("Fanout", day);
            String ticket = TicketCodes.generate();
            organizer.importCsv(event.id(), "name,email,ticket_code\nAda,ada@x.invalid," + ticket + "\n");
            char[] secret = "door-unlock-secret-long-1".toCharArray();
            try (Door one = pair(1, organizer, server, event, secret);
                 Door two = pair(2, organizer, server, event, secret)) {
                one.goOnline();
                two.goOnline();
                awaitTrue(() -> one.realtimeOnline() && two.realtimeOnline(), "both doors' realtime sockets up");

                ScanResult scan = one.admitOne(ticket, day).join();
                assertThat(scan.admitted()).isTrue();

                awaitTrue(() -> two.holds(scan.opId()),
                        "door 2 holds door 1's check-in (it never pulls, so only realtime can bring it)");
            }
        }
    }

    private Door pair(int n, Organizer organizer, ServerChild server, Event event, char[] secret) throws Exception {
        KioskOptions options = KioskOptions.defaults(tmp.resolve("door-" + n), secret.clone())
                .withPullWhileOffline(NEVER);
        String code = organizer.pairingCode(event.id()).code();
        Door door = Door.pair(n, options, server.url(), code, server.certSha256(), event.id());
        door.bootstrap();
        return door;
    }

    /** A limit for a machine under load, not a latency target: realtime delivery takes milliseconds on a quiet one. */
    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 90 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
