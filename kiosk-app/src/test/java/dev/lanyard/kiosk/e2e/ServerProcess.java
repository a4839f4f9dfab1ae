package dev.lanyard.kiosk.e2e;

import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.Role;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.server.sync.PushService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The real sync-server in a child JVM, for tests that must kill it: {@code ServerProcess DIR
 * PORT PARTICIPANTS [OPS]}. The first start sets up an event with that many participants (and,
 * when OPS is given, that many check-in ops of them: everyone admitted yesterday, then as many
 * as are left over tomorrow, so today's scans are first admissions) and writes "eventId code
 * ticket..." to DIR/setup.txt; every start prints "READY PORT" once serving. PORT 0 binds any free
 * port, and READY names the one bound: a port picked free beforehand could be taken before the child binds it.
 */
public final class ServerProcess {
    private static final String READY = "READY ";
    private static final String[] FAMILY = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"};
    private static final String[] GIVEN = {"민준", "서연", "도윤", "하은", "시우", "지유", "길동", "수아", "예준", "지호"};
    private static final String[] LATIN = {"Alice", "Bruno", "Chloé", "Dmitri", "Emma", "Farid", "Greta", "Hiro",
            "Inès", "José"};

    private ServerProcess() {
    }

    /** A started child and the port it serves on. */
    public record Running(Process process, int port) {
    }

    /** Reads the child's stdout up to its "READY PORT" line; fails if it ends without one. */
    public static Running awaitReady(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(READY)) {
                return new Running(process, Integer.parseInt(line.substring(READY.length())));
            }
        }
        throw new IllegalStateException("the server process ended before it served");
    }

    /** Participant n: a third Korean names, the rest Latin with accents; every one with email, company and number. */
    static Map<String, String> guest(int n) {
        String name = n % 3 == 0 ? FAMILY[n % 10] + GIVEN[(n / 10) % 10]
                : LATIN[n % 10] + " " + LATIN[(n / 10) % 10] + "son" + (n / 100);
        return Map.of("name", name, "email", "guest" + n + "@example.org", "company", "Company " + (n % 500),
                "registrationNumber", Integer.toString(n));
    }

    public static void main(String[] args) throws Exception {
        // a parent killed outright runs no hook that could stop this child: the child watches it (ServerProcessTest)
        ProcessHandle.current().parent()
                .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int participants = Integer.parseInt(args[2]);
        int ops = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        LanyardServer server = new LanyardServer(ServerConfig.builder(dir.resolve("data")).host("127.0.0.1").port(port)
                .bcryptCost(4)
                .heartbeatInterval(Duration.ofMillis(500)).build()).start();
        Path setup = dir.resolve("setup.txt");
        if (!Files.exists(setup)) {
            server.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Event event = server.admin().createEvent(new EventInput("Kill test", null, null, today.minusDays(1),
                    today.plusDays(1),
                    ZoneOffset.UTC, null, null, null, null, ReentryPolicy.WARN, null, null, null), "olga");
            List<String> words = new ArrayList<>(List.of(event.id().toString(),
                    server.admin().createPairingCode(event.id()).code()));
            List<UUID> ids = new ArrayList<>(participants);
            for (int chunk = 0; chunk < participants; chunk += 5_000) {
                List<ParticipantPatch> patches = new ArrayList<>();
                for (int i = chunk; i < Math.min(participants, chunk + 5_000); i++) {
                    Map<String, String> fields = new HashMap<>(guest(i));
                    fields.put("ticketCode", TicketCodes.generate());
                    words.add(fields.get("ticketCode"));
                    UUID id = Ids.newId();
                    ids.add(id);
                    patches.add(ParticipantPatch.of(event.id(), id, fields, new Hlc(1_700_000_000_000L, i, "import")));
                }
                server.pushService().push(event, PushService.Batch.ofPatches(patches));
            }
            for (int chunk = 0; chunk < ops; chunk += 5_000) {
                List<CheckInOp> batch = new ArrayList<>();
                for (int n = chunk; n < Math.min(ops, chunk + 5_000); n++) {
                    LocalDate day = n < participants ? today.minusDays(1) : today.plusDays(1);
                    batch.add(new CheckInOp(Ids.newId(), null, ids.get(n % participants), day, CheckInAction.CHECK_IN,
                            Set.of(),
                            new Hlc(1_700_000_100_000L + n / 100, n % 100, "door-" + (n % 4)), null, null, null));
                }
                server.pushService().push(event, new PushService.Batch(batch, List.of(), List.of(), List.of(), null));
            }
            Path tmp = dir.resolve("setup.tmp");
            Files.writeString(tmp, String.join(" ", words), StandardCharsets.UTF_8);
            Files.move(tmp, setup, StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println(READY + server.port());
        System.out.flush();
        // each stdin line "code" asks for another pairing code (written to DIR/code.txt); "ops N DOORS" has DOORS
        // other doors admit N participants today (DIR/ops.txt says when they are in the feed)
        java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().startsWith("ops ")) {
                String[] words = line.trim().split(" ");
                otherDoorsAdmit(server, dir, Integer.parseInt(words[1]), Integer.parseInt(words[2]));
            } else if (line.trim().equals("code")) {
                UUID eventId = UUID.fromString(Files.readString(setup).split(" ")[0]);
                Path tmp = dir.resolve("code.tmp");
                Files.writeString(tmp, server.admin().createPairingCode(eventId).code(), StandardCharsets.UTF_8);
                Files.move(tmp, dir.resolve("code.txt"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /** {@code count} first admissions today, from {@code doors} doors in turn, pushed as their batches would be. */
    private static void otherDoorsAdmit(LanyardServer server, Path dir, int count, int doors) throws Exception {
        UUID eventId = UUID.fromString(Files.readString(dir.resolve("setup.txt")).split(" ")[0]);
        Event event = server.admin().event(eventId);
        List<UUID> ids = server.database().dsl()
                .fetch("select id from participant where event_id = ? order by id", eventId).getValues(0, UUID.class);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long wall = System.currentTimeMillis();
        for (int chunk = 0; chunk < count; chunk += 2_000) {
            List<CheckInOp> batch = new ArrayList<>();
            for (int n = chunk; n < Math.min(count, chunk + 2_000); n++) {
                batch.add(new CheckInOp(Ids.newId(), null, ids.get(n % ids.size()), today, CheckInAction.CHECK_IN,
                        Set.of(), new Hlc(wall + n / 100, n % 100, "door-" + (n % doors)), null, null, null));
            }
            server.pushService().push(event, new PushService.Batch(batch, List.of(), List.of(), List.of(), null));
        }
        Path tmp = dir.resolve("ops.tmp");
        Files.writeString(tmp, Integer.toString(count), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("ops.txt"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
