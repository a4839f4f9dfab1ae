package dev.lanyard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.Role;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.ChangesPage;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.server.http.console.ConsoleGate;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.PostgresSupport;
import dev.lanyard.server.support.WsClient;
import dev.lanyard.server.sync.PushService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * {@code bench/run server}: the server figures, printed as {@code name: value unit}, each next
 * to its floor measured in the same run and the ratio to it. Every figure runs in a JVM of its
 * own, started for it: its first round is what a freshly started server does (the cold figure,
 * the headline); warm rounds follow, their counts fixed here before any result was seen.
 * <ul>
 *   <li>{@code server_ingest_h2_*}, {@code server_ingest_pg_*}: four doors push check-ins of real
 *   participants over HTTP in batches of 100; only ops answered {@code accepted} count; every op of the
 *   cold and warm rounds is a first admission (checked), {@code _reentry_} times a round admitting people
 *   already in on that day. PostgreSQL
 *   runs durable ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes} on, checked
 *   before measuring), H2 as the server runs it (WRITE_DELAY=0). Floor: the same rows (feed entry,
 *   op row, state row per op) inserted with raw JDBC batches, one commit per 100 ops, four threads,
 *   same database.</li>
 *   <li>{@code bootstrap_100k_*}: an event of 100,000 participants and 150,000 check-in ops pulled
 *   page by page with gzip and parsed. Floor: the same gzip pages served from memory by a trivial
 *   HTTP server, fetched the same way and decompressed into nothing.</li>
 *   <li>{@code ws_fanout_50_p99_ms}: push to delivery at 50 WebSocket subscribers.</li>
 *   <li>{@code slow_readers_20_push_p99_ms}: 20 clients bootstrap a 10,000-participant event reading 1 KB/s
 *   while a door pushes; floor: the same pushes with no reader.</li>
 *   <li>{@code server_ingest_h2_dashboards_open_ops_per_s}: two warm ingest rounds (as above) while
 *   {@value #DASHBOARD_VIEWERS} organizers' dashboards ask for their panel over HTTP as the page does while the feed
 *   moves (every 2 s, ADR 0246). Floor: two rounds alternated with them, no dashboard open.</li>
 *   <li>{@code server_ingest_h2_mail_on_ops_per_s}: the same rounds to an event that sends participants mail, so the
 *   mail follower reads the feed after each commit. Floor: two rounds alternated with them to an event without.</li>
 *   <li>{@code server_import_1m_s}, {@code server_import_1m_heap_mb}: a 1,000,000-row CSV file posted to
 *   the import endpoint of a real server in a child JVM started with {@code -Xmx512m}; the heap figure is
 *   the most the child's heap held before any of its collections (its GC log). Floor: the same file
 *   posted to a trivial HTTP server that reads it into nothing.</li>
 * </ul>
 * Arguments pick figures: ingest-h2, ingest-pg, bootstrap, fanout, slow-readers, dashboards, mail-on, import-1m.
 */
public final class ServerBench {
    static final List<String> FIGURES =
            List.of("ingest-h2", "ingest-pg", "bootstrap", "fanout", "slow-readers", "dashboards", "mail-on",
                    "import-1m");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int SENDERS = 4;
    private static final int BATCHES_PER_SENDER = 50;
    private static final int OPS_PER_BATCH = 100;
    private static final int OPS_PER_ROUND = SENDERS * BATCHES_PER_SENDER * OPS_PER_BATCH;
    /** Round 0 is the cold figure; rounds 1-3 are warm, their median reported. */
    private static final int INGEST_ROUNDS = 4;
    private static final int FLOOR_WARM_UP = 1;
    private static final int FLOOR_MEASURED = 3;
    private static final int BIG_PARTICIPANTS = 100_000;
    private static final int BIG_OPS = 150_000;
    /** Round 0 cold, then two warm rounds (the best one reported). */
    private static final int BOOTSTRAP_ROUNDS = 3;

    private ServerBench() {
    }

    /** Runs every figure, or those named, each in a fresh JVM; {@code --in-this-jvm FIGURE} is what such a JVM runs. */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--in-this-jvm")) {
            try {
                runHere(args[1]);
            } finally {
                TEMP.forEach(ServerBench::deleteQuietly);
            }
            System.exit(0);
        }
        List<String> figures = args.length == 0 ? FIGURES : List.of(args);
        int status = 0;
        for (String figure : figures) {
            if (!FIGURES.contains(figure)) {
                throw new IllegalArgumentException("unknown figure " + figure + "; one of " + FIGURES);
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerBench.class.getName(),
                    "--in-this-jvm", figure));
            System.err.printf("%s: fresh JVM, load average %s%n", figure, loadAverage());
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            System.err.printf("%s: done, load average %s%n", figure, loadAverage());
            status |= exit;
        }
        System.exit(status);
    }

    private static void runHere(String figure) throws Exception {
        switch (figure) {
            case "ingest-h2" -> ingest(Backend.H2, "h2");
            case "ingest-pg" -> {
                try {
                    ingest(Backend.POSTGRES, "pg");
                } catch (org.opentest4j.TestAbortedException e) {
                    System.err.println("server_ingest_pg skipped: " + e.getMessage());
                }
            }
            case "bootstrap" -> bootstrap();
            case "fanout" -> System.out.printf("ws_fanout_50_p99_ms: %.1f ms%n", fanout());
            case "slow-readers" -> slowReaders();
            case "dashboards" -> dashboards();
            case "mail-on" -> mailOn();
            case "import-1m" -> import1m();
            default -> throw new IllegalArgumentException(figure);
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static final List<Path> TEMP = new ArrayList<>();

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static LanyardServer start(Backend backend) throws Exception {
        Path dir = Files.createTempDirectory("lanyard-bench");
        TEMP.add(dir);
        // test settings (bcrypt cost, heartbeat); the database is chosen below
        ServerConfig.Builder config = Backend.H2.config(dir);
        if (backend == Backend.POSTGRES) {
            PostgresSupport.Connection_ pg = PostgresSupport.freshDurableDatabase();
            config.jdbcUrl(pg.url()).dbUser(pg.user()).dbPassword(pg.password());
        }
        // the pool a server ships with (ServerConfig's default), not one sized for the bench
        LanyardServer server = new LanyardServer(config.build()).start();
        server.admin().createUser("bench", "bench-password", Set.of(Role.ADMIN));
        if (backend == Backend.POSTGRES) {
            requireDurable(server);
        }
        return server;
    }

    /** Refuses to measure a PostgreSQL that may lose acknowledged commits: production runs it durable. */
    private static void requireDurable(LanyardServer server) throws Exception {
        try (Connection c = server.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String setting : PostgresSupport.DURABLE.keySet()) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    if (!"on".equals(rs.getString(1))) {
                        throw new IllegalStateException("PostgreSQL " + setting + " is " + rs.getString(1)
                                + "; the bench measures durable commits");
                    }
                }
            }
        }
        System.err.println("PostgreSQL: fsync, synchronous_commit and full_page_writes on");
    }

    private static HttpResponse<byte[]> post(LanyardServer server, String token, String path, byte[] body) throws
            Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Ops answered accepted; anything else in a push the bench made to be accepted is a failure. */
    private static int accepted(HttpResponse<byte[]> response, int sent) throws IOException {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("push answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        PushResponse answer = Json.mapper().readValue(response.body(), PushResponse.class);
        int accepted = 0;
        for (OpResult r : answer.results()) {
            if (r.status() == OpStatus.ACCEPTED) {
                accepted++;
            }
        }
        if (accepted != sent) {
            throw new IllegalStateException(accepted + " of " + sent + " ops accepted: " + answer.results().get(0));
        }
        return accepted;
    }

    /**
     * Numbers of participants not created yet in this JVM. Each participant gets its own (in its email and
     * registration number): a second set numbered from 0 again shares the first one's emails, and the server
     * merges each newcomer into the registration with its email (a walk-in merge), so its "first admissions"
     * would be admissions of people already in.
     */
    private static final AtomicInteger NEXT_PARTICIPANT = new AtomicInteger();

    /** {@code count} new participants, imported as the server imports them. */
    private static List<UUID> participants(LanyardServer server, Event event, int count) {
        List<UUID> ids = new ArrayList<>(count);
        int first = NEXT_PARTICIPANT.getAndAdd(count);
        for (int from = first; from < first + count; from += 5_000) {
            List<ParticipantPatch> patches = new ArrayList<>(5_000);
            for (int n = from; n < Math.min(first + count, from + 5_000); n++) {
                UUID id = Ids.newId();
                ids.add(id);
                patches.add(ParticipantPatch.of(event.id(), id,
                        Map.of("name", "Participant " + n, "email", "p" + n + "@example.org",
                        "company", "Company " + (n % 500), "ticketCode", TicketCodes.generate(), "registrationNumber",
                        Integer.toString(n)),
                        new Hlc(1_700_000_000_000L, n, "import")));
            }
            server.pushService().push(event, PushService.Batch.ofPatches(patches));
        }
        return ids;
    }

    private static CheckInOp admission(UUID participant, LocalDate day, long wall, int counter, String door) {
        return new CheckInOp(Ids.newId(), null, participant, day, dev.lanyard.model.CheckInAction.CHECK_IN, Set.of(),
                new Hlc(wall, counter, door), null, null, null);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void printWithFloor(String name, double value, String unit, String floorName, double floor,
            String format) {
        System.out.printf("%s: " + format + " %s%n", name, value, unit);
        System.out.printf("%s_floor: " + format + " %s (%s)%n", name, floor, unit, floorName);
        System.out.printf("%s_vs_floor: %.2f ratio%n", name, value / floor);
    }

    // ---------------------------------------------------------------- ingest

    /**
     * Each round admits {@value #OPS_PER_ROUND} participants who were not in yet (rounds 0 and 1
     * on the event's two days for one set of participants, rounds 2 and 3 for a second set). A last
     * round, timed apart, admits the first set again on the first day: re-entries, whose participant-days
     * hold ops already, so the server reads those back to derive the new state.
     */
    static void ingest(Backend backend, String tag) throws Exception {
        LanyardServer server = start(backend);
        try {
            String token = server.admin().tokenFor("bench");
            Event event = server.admin().createEvent(Fixture.eventInput("Bench"), "bench");
            List<List<UUID>> sets = List.of(participants(server, event, OPS_PER_ROUND),
                    participants(server, event, OPS_PER_ROUND));
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
            List<Double> warm = new ArrayList<>();
            double cold = 0;
            for (int round = 0; round < INGEST_ROUNDS; round++) {
                double perSecond = ingestRound(server, token, event, pool, sets.get(round / 2),
                        round % 2 == 0 ? Fixture.DAY1 : Fixture.DAY2, round);
                System.err.printf("%s ingest round %d: %.0f accepted ops/s, load %s%n", tag, round, perSecond,
                        loadAverage());
                if (round == 0) {
                    cold = perSecond;
                } else {
                    warm.add(perSecond);
                }
            }
            requireFirstAdmissions(server, event, INGEST_ROUNDS * OPS_PER_ROUND);
            double reentries = ingestRound(server, token, event, pool, sets.get(0), Fixture.DAY1, INGEST_ROUNDS);
            System.err.printf("%s re-entry round: %.0f accepted ops/s, load %s%n", tag, reentries, loadAverage());
            double floor = ingestFloor(server, event, pool, tag);
            pool.shutdown();
            String floorName = "raw JDBC batch insert of the same rows";
            printWithFloor("server_ingest_" + tag + "_cold_ops_per_s", cold, "ops/s", floorName, floor, "%.0f");
            printWithFloor("server_ingest_" + tag + "_ops_per_s", median(warm), "ops/s", floorName, floor, "%.0f");
            printWithFloor("server_ingest_" + tag + "_reentry_ops_per_s", reentries, "ops/s", floorName, floor,
                    "%.0f");
        } finally {
            server.stop();
        }
    }

    /** One round: every sender pushes its batches of admissions of {@code people} on {@code day}; accepted ops/s. */
    private static double ingestRound(LanyardServer server, String token, Event event, ExecutorService pool,
            List<UUID> people, LocalDate day, int round) throws Exception {
        List<List<byte[]>> bodies = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            List<byte[]> mine = new ArrayList<>();
            for (int b = 0; b < BATCHES_PER_SENDER; b++) {
                List<CheckInOp> ops = new ArrayList<>(OPS_PER_BATCH);
                for (int i = 0; i < OPS_PER_BATCH; i++) {
                    int n = (s * BATCHES_PER_SENDER + b) * OPS_PER_BATCH + i;
                    ops.add(admission(people.get(n), day, 1_700_000_000_000L + round * 1_000_000L + b, i,
                            "door-" + s));
                }
                mine.add(Json.writeBytes(PushRequest.ofOps(null, ops)));
            }
            bodies.add(mine);
        }
        AtomicInteger accepted = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            List<byte[]> mine = bodies.get(s);
            running.add(pool.submit(() -> {
                for (byte[] body : mine) {
                    accepted.addAndGet(accepted(post(server, token, "/api/v1/events/" + event.id() + "/ops",
                            body), OPS_PER_BATCH));
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        return accepted.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Every op the rounds sent was a first admission: one checked-in participant-day each, none counted twice. */
    private static void requireFirstAdmissions(LanyardServer server, Event event, int expected) throws Exception {
        try (Connection c = server.database().dataSource().getConnection();
                PreparedStatement count = c.prepareStatement("select count(*) from checkin_state where event_id = ?"
                        + " and checked_in and not duplicate_admission and reentries = 0")) {
            count.setObject(1, event.id());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                if (rows.getInt(1) != expected) {
                    throw new IllegalStateException("the rounds admitted " + rows.getInt(1) + " participant-days "
                            + "for the first time, not " + expected + ": the bench measured something else");
                }
            }
        }
    }

    /**
     * What every op costs at least: its feed entry (the op's JSON), its op row and its state row,
     * inserted by four threads with raw JDBC batches and one commit per 100 ops, in the server's
     * own database (same durability) through its own pool, into tables shaped as the server's.
     */
    private static double ingestFloor(LanyardServer server, Event event, ExecutorService pool, String tag) throws
            Exception {
        try (Connection c = server.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(
                    "create table floor_change_log (event_id uuid not null, seq bigint not null, change_type "
                    + "varchar(20) not null,"
                    + " entity_id uuid not null, body varchar(1000000) not null, committed_at bigint not null, "
                    + "primary key (event_id, seq))");
            s.execute(
                    "create table floor_checkin_op (op_id uuid not null primary key, event_id uuid not null, "
                    + "participant_id uuid not null,"
                    + " checkin_day date not null, op_action varchar(10) not null, seq bigint not null)");
            s.execute("create index floor_checkin_op_participant on floor_checkin_op (participant_id, checkin_day)");
            s.execute(
                    "create table floor_checkin_state (event_id uuid not null, participant_id uuid not null, "
                    + "checkin_day date not null,"
                    + " checked_in boolean not null, first_admitted_at bigint, first_device varchar(64), "
                    + "duplicate_admission boolean not null,"
                    + " reentries integer not null, primary key (participant_id, checkin_day, event_id))");
        }
        AtomicInteger seqs = new AtomicInteger();
        List<Double> measured = new ArrayList<>();
        for (int round = 0; round < FLOOR_WARM_UP + FLOOR_MEASURED; round++) {
            List<Callable<Object>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                String door = "door-" + s;
                senders.add(() -> {
                    try (Connection c = server.database().dataSource().getConnection();
                         PreparedStatement log = c.prepareStatement(
                                 "insert into floor_change_log values (?, ?, ?, ?, ?, ?)");
                         PreparedStatement op =
                                 c.prepareStatement("insert into floor_checkin_op values (?, ?, ?, ?, ?, ?)");
                         PreparedStatement state = c.prepareStatement(
                                 "insert into floor_checkin_state values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                        c.setAutoCommit(false);
                        for (int b = 0; b < BATCHES_PER_SENDER; b++) {
                            for (int i = 0; i < OPS_PER_BATCH; i++) {
                                CheckInOp o = admission(Ids.newId(), Fixture.DAY1, 1_700_000_000_000L + b, i, door);
                                long seq = seqs.incrementAndGet();
                                String body = Json.write(new CheckInOp(o.opId(), event.id(), o.participantId(),
                                        o.day(), o.action(), o.observed(),
                                        o.hlc(), o.deviceId(), o.operator(), seq));
                                log.setObject(1, event.id());
                                log.setLong(2, seq);
                                log.setString(3, "checkin_op");
                                log.setObject(4, o.opId());
                                log.setString(5, body);
                                log.setLong(6, System.currentTimeMillis());
                                log.addBatch();
                                op.setObject(1, o.opId());
                                op.setObject(2, event.id());
                                op.setObject(3, o.participantId());
                                op.setObject(4, o.day());
                                op.setString(5, "check_in");
                                op.setLong(6, seq);
                                op.addBatch();
                                state.setObject(1, event.id());
                                state.setObject(2, o.participantId());
                                state.setObject(3, o.day());
                                state.setBoolean(4, true);
                                state.setLong(5, o.hlc().wall());
                                state.setString(6, door);
                                state.setBoolean(7, false);
                                state.setInt(8, 0);
                                state.addBatch();
                            }
                            log.executeBatch();
                            op.executeBatch();
                            state.executeBatch();
                            c.commit();
                        }
                        c.setAutoCommit(true);
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Object> f : pool.invokeAll(senders)) {
                f.get();
            }
            double perSecond = OPS_PER_ROUND / ((System.nanoTime() - start) / 1e9);
            System.err.printf("%s ingest floor round %d: %.0f ops/s, load %s%n", tag, round, perSecond, loadAverage());
            if (round >= FLOOR_WARM_UP) {
                measured.add(perSecond);
            }
        }
        return median(measured);
    }

    // ---------------------------------------------------------------- bootstrap

    /** 100,000 participants; 100,000 admissions on day one, and 50,000 of them again on day two. */
    static Event bigEvent(LanyardServer server) {
        Event event = server.admin().createEvent(Fixture.eventInput("Big"), "bench");
        List<UUID> people = participants(server, event, BIG_PARTICIPANTS);
        List<CheckInOp> ops = new ArrayList<>(5_000);
        for (int n = 0; n < BIG_OPS; n++) {
            LocalDate day = n < BIG_PARTICIPANTS ? Fixture.DAY1 : Fixture.DAY2;
            ops.add(admission(people.get(n % BIG_PARTICIPANTS), day, 1_700_000_100_000L + n / 100, n % 100, "door-"
                    + (n % 4)));
            if (ops.size() == 5_000) {
                PushService.Outcome outcome = server.pushService()
                        .push(event, new PushService.Batch(ops, List.of(), List.of(), List.of(), null));
                if (outcome.ops().stream().anyMatch(r -> r.status() != OpStatus.ACCEPTED)) {
                    throw new IllegalStateException("setup op refused: " + outcome.ops().get(0));
                }
                ops = new ArrayList<>(5_000);
            }
        }
        return event;
    }

    private static HttpRequest pageRequest(String baseUrl, UUID eventId, String token, long after) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/events/" + eventId + "/changes?after=" + after
                + "&limit=200000"))
                .header("Authorization", "Bearer " + token).header("Accept-Encoding", "gzip").GET().build();
    }

    static void bootstrap() throws Exception {
        LanyardServer server = start(Backend.H2);
        try {
            Event event = bigEvent(server);
            String token = server.admin().tokenFor("bench");
            double cold = 0;
            double best = Double.MAX_VALUE;
            List<Long> pageStarts = new ArrayList<>();
            for (int round = 0; round < BOOTSTRAP_ROUNDS; round++) {
                long start = System.nanoTime();
                long after = 0;
                pageStarts.clear();
                int participants = 0;
                int ops = 0;
                int pages = 0;
                boolean more = true;
                while (more) {
                    pageStarts.add(after);
                    HttpResponse<InputStream> response = HTTP.send(
                            pageRequest(server.baseUrl(), event.id(), token, after),
                            HttpResponse.BodyHandlers.ofInputStream());
                    boolean gzip = response.headers().firstValue("Content-Encoding").orElse("").contains("gzip");
                    try (InputStream in = gzip ? new GZIPInputStream(response.body(), 1 << 16) : response.body()) {
                        ChangesPage page = Json.mapper().readValue(in, ChangesPage.class);
                        for (var c : page.changes()) {
                            if (c.type() == ChangeType.PARTICIPANT) {
                                participants++;
                            } else if (c.type() == ChangeType.CHECKIN_OP) {
                                ops++;
                            }
                        }
                        after = page.lastSeq();
                        more = page.hasMore();
                        pages++;
                    }
                }
                if (participants != BIG_PARTICIPANTS || ops != BIG_OPS) {
                    throw new IllegalStateException("bootstrap delivered " + participants + " participants and " + ops
                            + " ops");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.err.printf("bootstrap round %d: %.2f s, %d pages, load %s%n", round, seconds, pages,
                        loadAverage());
                if (round == 0) {
                    cold = seconds;
                } else {
                    best = Math.min(best, seconds);
                }
            }
            double floor = bootstrapFloor(server, event, token);
            // one stage alone, same run: the server reading each page whole before writing a byte (ADR 0212) cannot
            // overlap
            // with the transfer and the parse of that page; a client that fetches pages one after another waits for it
            // each time
            long readStart = System.nanoTime();
            for (long after : pageStarts) {
                server.feedReader().jsonPage(event.id(), after, 200_000);
            }
            System.err.printf(
                    "bootstrap stage alone: the server reading the %d pages (FeedReader.jsonPage, no HTTP, no gzip) "
                    + "%.2f s%n",
                    pageStarts.size(), (System.nanoTime() - readStart) / 1e9);
            printWithFloor("bootstrap_100k_cold_s", cold, "s",
                    "the same gzip pages from memory, fetched and decompressed into nothing", floor, "%.2f");
            printWithFloor("bootstrap_100k_s", best, "s",
                    "the same gzip pages from memory, fetched and decompressed into nothing", floor, "%.2f");
        } finally {
            server.stop();
        }
    }

    /** The feed's gzip pages as the server sends them, then served from memory and pulled the way the bench pulls. */
    private static double bootstrapFloor(LanyardServer server, Event event, String token) throws Exception {
        List<byte[]> pages = new ArrayList<>();
        long after = 0;
        boolean more = true;
        while (more) {
            HttpResponse<byte[]> response = HTTP.send(pageRequest(server.baseUrl(), event.id(), token, after),
                    HttpResponse.BodyHandlers.ofByteArray());
            pages.add(response.body());
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
                ChangesPage page = Json.mapper().readValue(in, ChangesPage.class);
                after = page.lastSeq();
                more = page.hasMore();
            }
        }
        com.sun.net.httpserver.HttpServer memory = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        memory.setExecutor(Executors.newFixedThreadPool(2));
        memory.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            byte[] body = pages.get(Integer.parseInt(query.substring(query.indexOf("after=") + 6, query.indexOf('&'))));
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        memory.start();
        try {
            String base = "http://127.0.0.1:" + memory.getAddress().getPort();
            long parseStart = System.nanoTime();
            for (byte[] page : pages) {
                try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(page), 1 << 16)) {
                    Json.mapper().readValue(in, ChangesPage.class);
                }
            }
            System.err.printf("bootstrap stage alone: decompressing and parsing the %d pages from memory %.2f s%n",
                    pages.size(),
                    (System.nanoTime() - parseStart) / 1e9);
            List<Double> measured = new ArrayList<>();
            byte[] sink = new byte[1 << 16];
            for (int round = 0; round < FLOOR_WARM_UP + FLOOR_MEASURED; round++) {
                long start = System.nanoTime();
                long bytes = 0;
                for (int i = 0; i < pages.size(); i++) {
                    HttpResponse<InputStream> response = HTTP.send(pageRequest(base, event.id(), token, i),
                            HttpResponse.BodyHandlers.ofInputStream());
                    try (InputStream in = new GZIPInputStream(response.body(), 1 << 16)) {
                        for (int n; (n = in.read(sink)) > 0; ) {
                            bytes += n;
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.err.printf("bootstrap floor round %d: %.2f s, %d pages, %d MB of JSON%n", round, seconds,
                        pages.size(), bytes >> 20);
                if (round >= FLOOR_WARM_UP) {
                    measured.add(seconds);
                }
            }
            return median(measured);
        } finally {
            memory.stop(0);
        }
    }

    // ---------------------------------------------------------------- WebSocket fan-out

    static double fanout() throws Exception {
        LanyardServer server = start(Backend.H2);
        List<WsClient> clients = new ArrayList<>();
        try {
            Event event = server.admin().createEvent(Fixture.eventInput("Fanout"), "bench");
            List<UUID> people = participants(server, event, 120);
            String token = server.admin().tokenFor("bench");
            // subscribed at the feed's head: from seq 1 the first "changes" carried the 120 participants as well
            long head = server.feedReader().lastSeq(event.id());
            for (int i = 0; i < 50; i++) {
                WsClient c = new WsClient(server.baseUrl());
                c.send(new WsMessage.Auth(token));
                c.nextOfType("auth_ok");
                c.send(new WsMessage.Subscribe(event.id(), head));
                c.nextOfType("subscribed");
                clients.add(c);
            }
            List<Double> latencies = new ArrayList<>();
            for (int round = 0; round < 120; round++) {
                byte[] body = Json.writeBytes(PushRequest.ofOps(null, List.of(admission(people.get(round), Fixture.DAY1,
                        1_700_000_000_000L + round, 0, "door"))));
                long start = System.nanoTime();
                accepted(post(server, token, "/api/v1/events/" + event.id() + "/ops", body), 1);
                for (WsClient c : clients) {
                    JsonNode m = c.nextOfType("changes");
                    if (round >= 20) { // the first 20 rounds warm up
                        latencies.add((System.nanoTime() - start) / 1e6);
                    }
                    long seq = m.get("changes").get(m.get("changes").size() - 1).get("seq").asLong();
                    if (m.get("changes").size() != 1 || seq != head + round + 1) {
                        throw new IllegalStateException("expected the push's one change (seq " + (head + round + 1)
                                + "), got " + m.get("changes").size() + " ending at seq " + seq);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            return percentile(latencies, 0.99);
        } finally {
            clients.forEach(WsClient::close);
            server.stop();
        }
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * p) - 1);
    }

    // ---------------------------------------------------------------- CSV import

    private static final int IMPORT_ROWS = Integer.getInteger("lanyard.importRows", 1_000_000);
    private static final java.util.regex.Pattern GC_BEFORE =
            java.util.regex.Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");

    /** The real CsvImporter behind HTTP in a server JVM of its own with a bounded heap, as a host runs it. */
    static void import1m() throws Exception {
        Path dir = Files.createTempDirectory("lanyard-bench-import");
        TEMP.add(dir);
        Path csv = dir.resolve("attendees.csv");
        try (java.io.BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("name,email,company,phone\n");
            for (int i = 0; i < IMPORT_ROWS; i++) {
                out.write("Attendee " + i + ",attendee" + i + "@example.org,Company " + (i % 997) + ",010-"
                        + (1000 + i % 9000) + "-" + (1000 + i / 9000 % 9000) + "\n");
            }
        }
        double floor = uploadFloor(csv);
        Path gcLog = dir.resolve("gc.log");
        try (dev.lanyard.server.support.ChildServer.Handle child = dev.lanyard.server.support.ChildServer.Handle.start(
                dir.resolve("data"), dir.resolve("server.log"), List.of("-Xmx512m", "-Xlog:gc:file=" + gcLog))) {
            String[] setup = Files.readString(dir.resolve("setup.txt")).trim().split(" ");
            long start = System.nanoTime();
            URI importUri = URI.create(child.baseUrl() + "/api/v1/events/" + setup[0] + "/participants/import");
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(importUri)
                    .header("Authorization", "Bearer " + setup[1])
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(csv)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonNode result = Json.mapper().readTree(response.body());
            if (response.statusCode() != 200 || result.get("imported").asInt() != IMPORT_ROWS) {
                throw new IllegalStateException("import answered " + response.statusCode() + ": " + response.body());
            }
            long peak = 0;
            for (String line : Files.readAllLines(gcLog)) {
                java.util.regex.Matcher m = GC_BEFORE.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                }
            }
            String name = IMPORT_ROWS == 1_000_000 ? "server_import_1m" : "server_import_" + IMPORT_ROWS;
            printWithFloor(name + "_s", seconds, "s", "the same file posted to a server that reads it into nothing",
                    floor, "%.2f");
            System.out.printf("%s_heap_mb: %d MB (the child's heap before a collection, at most; -Xmx512m; file %d MB; "
                    + "load %s)%n", name, peak, Files.size(csv) >> 20, loadAverage());
        }
    }

    private static double uploadFloor(Path csv) throws Exception {
        com.sun.net.httpserver.HttpServer sink = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/", exchange -> {
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = exchange.getRequestBody()) {
                while (in.read(buffer) > 0) {
                    // into nothing
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sink.start();
        try {
            long start = System.nanoTime();
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/"))
                    .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.discarding());
            return (System.nanoTime() - start) / 1e9;
        } finally {
            sink.stop(0);
        }
    }

    // ---------------------------------------------------------------- slow readers

    private static final int SLOW_READERS = 20;
    private static final int READ_BYTES_PER_SECOND = 1024;
    private static final int PUSHES = 300;
    private static final int SLOW_FEED_PARTICIPANTS = 10_000;

    /**
     * 20 kiosks bootstrapping over bad Wi-Fi: each asks for a 10,000-participant event's feed and reads 1 KB a
     * second (a small receive buffer, so the server's writes block as they would on a real slow
     * link). Meanwhile a door pushes one check-in at a time; the p99 of those pushes, against the
     * same pushes made before any reader came.
     */
    private static final int DASHBOARD_VIEWERS = 3;
    /** How often the dashboard page asks for its panel while the feed moves (dashboard.js, ADR 0246). */
    private static final long DASHBOARD_GAP_MS = 2_000;

    /**
     * server_ingest_h2_dashboards_open_ops_per_s: what organizers watching the live dashboard cost the doors' pushes.
     * One event; a warm-up round, then rounds with no dashboard open and with the viewers asking, alternated.
     */
    static void dashboards() throws Exception {
        LanyardServer server = start(Backend.H2);
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            String token = server.admin().tokenFor("bench");
            Event event = server.admin().createEvent(Fixture.eventInput("Dashboards"), "bench");
            List<UUID> a = participants(server, event, OPS_PER_ROUND);
            List<UUID> b = participants(server, event, OPS_PER_ROUND);
            List<UUID> c = participants(server, event, OPS_PER_ROUND);
            String cookie = consoleSignIn(server, "bench", "bench-password");
            AtomicInteger panels = new AtomicInteger();
            List<Double> panelMs = Collections.synchronizedList(new ArrayList<>());
            ingestRound(server, token, event, pool, a, Fixture.DAY1, 0);
            double[] rounds = alternated(server, token, pool,
                    List.of(new Round(event, a, Fixture.DAY2), new Round(event, b, Fixture.DAY2)),
                    List.of(new Round(event, b, Fixture.DAY1), new Round(event, c, Fixture.DAY1)),
                    () -> viewers(server, event.id(), cookie, panels, panelMs));
            List<Double> answered = new ArrayList<>(panelMs);
            System.err.printf("dashboards: %d panels answered while watched, p50 %s, max %s%n", panels.get(),
                    answered.isEmpty() ? "-" : String.format("%.1f ms", percentile(answered, 0.5)),
                    answered.isEmpty() ? "-" : String.format("%.1f ms", Collections.max(answered)));
            printWithFloor("server_ingest_h2_dashboards_open_ops_per_s", rounds[1], "ops/s",
                    "rounds alternated with these, no dashboard open", rounds[0], "%.0f");
        } finally {
            pool.shutdown();
            server.stop();
        }
    }

    /** {@value #DASHBOARD_VIEWERS} viewers asking for the event's panel until closed; a viewer's failure fails it. */
    private static AutoCloseable viewers(LanyardServer server, UUID eventId, String cookie, AtomicInteger panels,
                                         List<Double> panelMs) {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService viewers = Executors.newFixedThreadPool(DASHBOARD_VIEWERS);
        List<Future<?>> watching = new ArrayList<>();
        for (int v = 0; v < DASHBOARD_VIEWERS; v++) {
            watching.add(viewers.submit(() -> {
                watchDashboard(server, eventId, cookie, stop, panels, panelMs);
                return null;
            }));
        }
        return () -> {
            stop.set(true);
            viewers.shutdown();
            for (Future<?> f : watching) {
                f.get(60, TimeUnit.SECONDS);
            }
        };
    }

    /**
     * server_ingest_h2_mail_on_ops_per_s: the doors' pushes to an event that sends participants mail (its thank-you
     * mail on), so the mail follower reads the feed after every commit (ADR 0247). Two events on one server, one with
     * mail and one without, their rounds alternated after a warm-up round each.
     */
    static void mailOn() throws Exception {
        LanyardServer server = start(Backend.H2);
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            String token = server.admin().tokenFor("bench");
            Event quiet = server.admin().createEvent(Fixture.eventInput("Quiet"), "bench");
            Event mail = server.admin().createEvent(Fixture.eventInput("Mail"), "bench");
            turnThanksOn(server, token, mail);
            List<UUID> qa = participants(server, quiet, OPS_PER_ROUND);
            List<UUID> qb = participants(server, quiet, OPS_PER_ROUND);
            List<UUID> ma = participants(server, mail, OPS_PER_ROUND);
            List<UUID> mb = participants(server, mail, OPS_PER_ROUND);
            ingestRound(server, token, quiet, pool, qa, Fixture.DAY1, 0);
            ingestRound(server, token, mail, pool, ma, Fixture.DAY1, 0);
            double[] rounds = alternated(server, token, pool,
                    List.of(new Round(quiet, qa, Fixture.DAY2), new Round(quiet, qb, Fixture.DAY1)),
                    List.of(new Round(mail, ma, Fixture.DAY2), new Round(mail, mb, Fixture.DAY1)),
                    () -> () -> { });
            printWithFloor("server_ingest_h2_mail_on_ops_per_s", rounds[1], "ops/s",
                    "rounds alternated with these, to an event without mail", rounds[0], "%.0f");
        } finally {
            pool.shutdown();
            server.stop();
        }
    }

    private static void turnThanksOn(LanyardServer server, String token, Event event) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.mapper().valueToTree(
                Fixture.eventInput(event.name()));
        body.putObject("emails").put("thanks", true);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/events/"
                        + event.id())).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("turning mail on answered " + put.statusCode() + ": " + put.body());
        }
    }

    /** One ingest round's event, participants and day (first admissions of those participants on that day). */
    private record Round(Event event, List<UUID> people, LocalDate day) {
    }

    /** What is switched on for the rounds that measure it, and how it is switched off. */
    private interface During {
        AutoCloseable start() throws Exception;
    }

    /**
     * Rounds without and with {@code during}, alternated (off, on, off, on...), so neither kind runs all its rounds
     * before the other (each "on" still follows an "off" in a JVM that warms as it goes); the accepted ops/s of each
     * kind over its rounds.
     */
    private static double[] alternated(LanyardServer server, String token, ExecutorService pool, List<Round> off,
                                       List<Round> on, During during) throws Exception {
        double[] seconds = new double[2];
        int round = 1;
        for (int i = 0; i < off.size(); i++) {
            for (int kind = 0; kind < 2; kind++) {
                Round r = (kind == 0 ? off : on).get(i);
                AutoCloseable switched = kind == 0 ? () -> { } : during.start();
                try (switched) {
                    long start = System.nanoTime();
                    ingestRound(server, token, r.event(), pool, r.people(), r.day(), round++);
                    seconds[kind] += (System.nanoTime() - start) / 1e9;
                }
            }
        }
        double[] perSecond = {off.size() * OPS_PER_ROUND / seconds[0], on.size() * OPS_PER_ROUND / seconds[1]};
        System.err.printf("%.0f ops/s without, %.0f with; load %s%n", perSecond[0], perSecond[1], loadAverage());
        return perSecond;
    }

    /** Asks for the event's dashboard panel as the page does while the feed moves, until {@code stop}. */
    private static void watchDashboard(LanyardServer server, UUID eventId, String cookie, AtomicBoolean stop,
                                       AtomicInteger panels, List<Double> ms) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/console/events/" + eventId
                + "/dashboard/panel")).header("Cookie", cookie).build();
        while (!stop.get()) {
            try {
                long start = System.nanoTime();
                HttpResponse<String> panel = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (panel.statusCode() != 200) {
                    throw new IllegalStateException("the dashboard panel answered " + panel.statusCode());
                }
                long took = System.nanoTime() - start;
                ms.add(took / 1e6);
                panels.incrementAndGet();
                Thread.sleep(Math.max(0, DASHBOARD_GAP_MS - took / 1_000_000));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile(
            "name=\"_csrf\" value=\"([^\"]+)\"");

    /** Signs in to the console as a browser does; the session's Cookie header. */
    private static String consoleSignIn(LanyardServer server, String username, String password) throws Exception {
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/console/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no sign-in form: " + form.statusCode());
        }
        String body = "_csrf=" + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&username="
                + username + "&password=" + password;
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/console/login")).header("Cookie", cookie(form, ConsoleGate.LOGIN_COOKIE))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302) {
            throw new IllegalStateException("console sign-in answered " + signedIn.statusCode());
        }
        return cookie(signedIn, ConsoleGate.COOKIE);
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no cookie " + name));
    }

    static void slowReaders() throws Exception {
        LanyardServer server = start(Backend.H2);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> readers = new ArrayList<>();
        AtomicInteger reconnects = new AtomicInteger();
        AtomicInteger readerBytes = new AtomicInteger();
        try {
            // 10,000 participants make a feed of several 2 MB pages: far more than 20 readers read at 1 KB/s while the
            // pushes run
            Event event = server.admin().createEvent(Fixture.eventInput("Slow"), "bench");
            participants(server, event, SLOW_FEED_PARTICIPANTS);
            List<UUID> people = participants(server, event, 2 * PUSHES);
            String token = server.admin().tokenFor("bench");
            double quiet = pushP99(server, event, token, people.subList(0, PUSHES), "no reader");
            for (int r = 0; r < SLOW_READERS; r++) {
                Thread t = new Thread(() -> slowRead(server, event.id(), token, stop, reconnects, readerBytes),
                        "slow-reader-" + r);
                t.setDaemon(true);
                t.start();
                readers.add(t);
            }
            Thread.sleep(3_000); // every reader has asked for its first page and is reading it slowly
            double slow = pushP99(server, event, token, people.subList(PUSHES, 2 * PUSHES), SLOW_READERS
            + " slow readers");
            System.err.printf("slow readers: %d bytes read in all, %d reconnects%n", readerBytes.get(),
                    reconnects.get());
            printWithFloor("slow_readers_20_push_p99_ms", slow, "ms", "the same pushes with no reader", quiet, "%.1f");
        } finally {
            stop.set(true);
            server.stop();
        }
    }

    private static double pushP99(LanyardServer server, Event event, String token, List<UUID> people, String what)
            throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            byte[] body = Json.writeBytes(PushRequest.ofOps(null, List.of(admission(people.get(i), Fixture.DAY1,
                    1_700_000_200_000L + i, 0, "door"))));
            long start = System.nanoTime();
            accepted(post(server, token, "/api/v1/events/" + event.id() + "/ops", body), 1);
            ms.add((System.nanoTime() - start) / 1e6);
            Thread.sleep(20);
        }
        double p99 = percentile(ms, 0.99);
        System.err.printf("pushes with %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms, load %s%n", what,
                percentile(ms, 0.5), p99,
                Collections.max(ms), loadAverage());
        return p99;
    }

    private static void slowRead(LanyardServer server, UUID eventId, String token, AtomicBoolean stop,
                                 AtomicInteger reconnects,
                                 AtomicInteger total) {
        byte[] chunk = new byte[READ_BYTES_PER_SECOND];
        while (!stop.get()) {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
                socket.getOutputStream().write(("GET /api/v1/events/" + eventId
                        + "/changes?after=0&limit=200000 HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token
                        + "\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                while (!stop.get()) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        break;
                    }
                    total.addAndGet(n);
                    Thread.sleep(1_000L * n / READ_BYTES_PER_SECOND);
                }
            } catch (IOException | InterruptedException e) {
                // dropped by the server: a kiosk would ask again
            }
            if (!stop.get()) {
                reconnects.incrementAndGet();
            }
        }
    }
}
