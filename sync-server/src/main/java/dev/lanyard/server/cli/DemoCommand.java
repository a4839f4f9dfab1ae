package dev.lanyard.server.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.model.Event;
import dev.lanyard.model.EventFeatures;
import dev.lanyard.model.EventStatus;
import dev.lanyard.model.FormField;
import dev.lanyard.model.Location;
import dev.lanyard.model.LocationType;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.Role;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.model.protocol.ImportResult;
import dev.lanyard.model.protocol.PairingCodeResponse;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.server.demo.DemoAttendees;
import dev.lanyard.server.demo.DemoMailSink;
import dev.lanyard.server.email.EmailSettings;
import dev.lanyard.server.email.MailConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: a server with a ready-made event to try Lanyard on. On first start it creates an
 * admin, an event running today and tomorrow, and imports a few thousand generated attendees
 * through the real CSV import; every start issues a fresh pairing code. What a kiosk needs to
 * pair (URL, code) and a few ticket codes go to the console and to {@code demo.json} in the data
 * folder, which the {@code lanyard demo} launcher reads.
 */
@Command(name = "demo", description = "Serve a demo event with generated attendees (for trying Lanyard out)")
final class DemoCommand implements Callable<Integer> {
    static final String ADMIN_PASSWORD = "lanyard-demo";
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @CommandLine.Mixin
    Main.Common common = new Main.Common();
    @Option(names = "--port", description = "port (default 8080; 0 picks a free one)")
    int port = 8080;
    @Option(names = "--attendees", description = "how many attendees to generate on first start (default 3000)")
    int attendees = 3_000;
    @Option(names = "--mail-dir",
            description = "where every mail the server sends is written as .eml (default: mail/ beside the data "
            + "folder, so demo-data/mail)")
    Path mailDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        // TLS like any server (the kiosk pins the certificate from the pairing payload), on loopback only
        ServerConfig.Builder builder = common.withTls(common.config()).port(port).host("127.0.0.1");
        Path dataDir = builder.build().dataDir().toAbsolutePath();
        DemoMailSink sink = new DemoMailSink(mailDir != null ? mailDir : dataDir.resolveSibling("mail"));
        ServerConfig config = builder.mail(new MailConfig(sink.smtp(), 20, java.time.Duration.ofSeconds(2),
                sink.deliveryCheck(),
                null)).build();
        Path infoFile = config.dataDir().resolve("demo.json");
        LanyardServer server = new LanyardServer(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            sink.close();
            stopped.countDown();
        }));

        ObjectNode info = prepare(server, infoFile, attendees);
        Event event = server.admin().event(UUID.fromString(info.get("eventId").asText()));
        String code = info.get("pairingCode").asText();

        System.out.println("Lanyard demo server on " + server.baseUrl() + " (data: "
                + config.dataDir().toAbsolutePath() + ")");
        System.out.println("  event:        " + event.name() + " (" + info.path("imported").asInt() + " attendees)");
        System.out.println("  web console:  " + server.baseUrl() + "/console  (sign in as admin / "
                + ADMIN_PASSWORD + ")");
        System.out.println("  admin login:  admin / " + ADMIN_PASSWORD);
        System.out.println("  pairing code: " + code + " (valid 10 minutes)");
        System.out.println("  mail:         " + sink.folder()
                + " (every mail the server sends, as .eml; confirmations are on "
                + "for people registered from now on, e.g. walk-ins)");
        if (server.certificateFingerprint() != null) {
            System.out.println("  certificate:  SHA-256 " + server.certificateFingerprint());
        } else {
            System.err.println(Main.PLAIN_HTTP_WARNING);
        }
        System.out.println("  tickets to try (type or scan them at the kiosk):");
        for (var sample : info.withArray("sampleTickets")) {
            System.out.println("    " + TicketCodes.display(sample.get("ticketCode").asText()) + "  "
                    + sample.get("name").asText());
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Creates the demo event on first use (or after its data was deleted), issues a fresh pairing
     * code and writes what a kiosk needs into {@code infoFile}; returns the same document.
     */
    static ObjectNode prepare(LanyardServer server, Path infoFile, int attendees) throws IOException {
        ObjectNode info = Files.exists(infoFile) ? (ObjectNode) Json.mapper().readTree(infoFile.toFile()) : null;
        Event event = info == null ? null : existing(server, UUID.fromString(info.get("eventId").asText()));
        if (event != null && !event.hasCheckInOn(LocalDate.now(event.timezone()))) {
            event = null; // a demo folder from last week: start a fresh event that runs today
        }
        if (event == null) {
            if (!server.admin().hasAdmin()) {
                server.admin().createUser("admin", ADMIN_PASSWORD, Set.of(Role.ADMIN));
            }
            event = server.admin().createEvent(demoEvent(LocalDate.now(SEOUL)), "admin");
            List<DemoAttendees.Attendee> people = DemoAttendees.generate(attendees, 20261125L);
            ImportResult imported = server.admin().importCsv(event.id(), DemoAttendees.csv(people));
            // after the import: confirmations for whoever registers from now on (walk-ins at the kiosk), not for the
            // 3,000 imported
            server.email().update(event, new EmailSettings(true, false, false, false, null, null));
            info = Json.mapper().createObjectNode();
            info.put("eventId", event.id().toString());
            info.put("eventName", event.name());
            info.put("imported", imported.imported());
            ArrayNode samples = info.putArray("sampleTickets");
            for (DemoAttendees.Attendee person : people.subList(0, Math.min(6, people.size()))) {
                samples.addObject().put("name", person.name()).put("ticketCode", person.ticketCode());
            }
        }
        PairingCodeResponse pairing = server.admin().createPairingCode(event.id());
        info.put("url", server.baseUrl());
        info.put("pairingCode", pairing.code());
        info.put("pairingPayload", pairing.payload());
        Files.writeString(infoFile, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(info),
                StandardCharsets.UTF_8);
        return info;
    }

    private static Event existing(LanyardServer server, UUID eventId) {
        try {
            return server.admin().event(eventId);
        } catch (RuntimeException gone) {
            return null;
        }
    }

    static EventInput demoEvent(LocalDate today) {
        List<FormField> form = List.of(
                new FormField("role", "Role / 역할", "choice", false, List.of("Attendee", "Speaker", "Staff", "Press")),
                new FormField("dietary", "Dietary needs / 식이 제한", "text", false, null));
        return new EventInput("Lanyard Dev Summit 2026 · 개발자 서밋", "Two days of talks and workshops. 이틀간의 발표와 워크숍.",
                new Location(LocationType.PHYSICAL, "COEX Hall D, Seoul", null), today, today.plusDays(1), SEOUL, null,
                5_000,
                EventStatus.IN_PROGRESS, new EventFeatures(true, true, false, true), ReentryPolicy.WARN, form, null,
                null);
    }
}
