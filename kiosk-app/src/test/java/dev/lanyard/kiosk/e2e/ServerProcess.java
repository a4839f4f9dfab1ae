package dev.lanyard.kiosk.e2e;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.Role;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real sync-server in a child JVM, for tests that must kill it: {@code ServerProcess DIR
 * PORT PARTICIPANTS}. The first start sets up an event with that many participants and writes
 * "eventId code ticket..." to DIR/setup.txt; every start prints READY once serving.
 */
public final class ServerProcess {
    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int participants = Integer.parseInt(args[2]);
        LanyardServer server = new LanyardServer(ServerConfig.builder(dir.resolve("data")).host("127.0.0.1").port(port).bcryptCost(4)
                .heartbeatInterval(Duration.ofMillis(500)).build()).start();
        Path setup = dir.resolve("setup.txt");
        if (!Files.exists(setup)) {
            server.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Event event = server.admin().createEvent(new EventInput("Kill test", null, null, today.minusDays(1), today.plusDays(1),
                    ZoneOffset.UTC, null, null, null, null, ReentryPolicy.WARN, null, null, null), "olga");
            List<String> words = new ArrayList<>(List.of(event.id().toString(), server.admin().createPairingCode(event.id()).code()));
            for (int i = 0; i < participants; i++) {
                Participant p = server.admin().addParticipant(event.id(), Map.of("name", "Guest " + i));
                words.add(p.ticketCode());
            }
            Path tmp = dir.resolve("setup.tmp");
            Files.writeString(tmp, String.join(" ", words), StandardCharsets.UTF_8);
            Files.move(tmp, setup, StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
