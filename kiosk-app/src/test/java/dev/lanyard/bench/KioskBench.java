package dev.lanyard.bench;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.e2e.ServerProcess;
import dev.lanyard.kiosk.support.Scratch;
import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import dev.lanyard.kiosk.core.store.DataFolder;
import dev.lanyard.kiosk.core.store.OutboxStore;
import java.util.function.BooleanSupplier;

/**
 * The kiosk suite of {@code bench/run kiosk}, run under the JVM flags the kiosk ships with
 * ({@code -Xmx1g -XX:+UseParallelGC}: the {@code lanyard} launcher and the installers' app image;
 * bench/run passes the same, ShippedJvmFlagsTest keeps them alike). A real sync-server runs in a
 * child JVM with 100,000 participants and 150,000 check-in ops; kiosks pair with it and bootstrap.
 * Counts of warm-up and measured runs are fixed here. Each figure is printed with its floor from the
 * same run and the ratio to it:
 * <pre>
 * kiosk_bootstrap_100k_cold_s  the first bootstrap of this fresh JVM (what a newly paired laptop sees): the headline
 * kiosk_bootstrap_100k_s       the median of three fresh kiosks after two more warm-up ones
 *   floor: the same feed pulled page by page (the kiosk's page size) with gzip and decompressed into nothing
 * kiosk_heap_100k_mb           live heap after the last bootstrap (one kiosk open), after full GCs, under the shipped
 * limit
 * search_100k_p50_ms / _p99_ms SearchService.search, 5,000 mixed queries after warm-up
 * scan_commit_p50_ms / _p99_ms CheckInService.scan -> ADMITTED, durable commit, 5,000 scans after 1,000 warm-up, with
 *                              the kiosk's sync on (realtime socket and outbox pushing each scan to the live server)
 *   floor: one row of the scan's size (its op and its attempt as queued) inserted and committed in a plain H2 file
 *          opened with the replica's settings (WRITE_DELAY=0), 5,000 after 1,000 warm-up
 * kiosk_catchup_98k_ops_s      a door holding the 100k event pulls and applies the 98,000 ops 49 other doors made
 *   floor: the same pages pulled and decompressed into nothing
 * kiosk_catchup_98k_ops_realtime_s  the same catch-up on a copy of the door, its sync started as a door coming back
 *                              online starts it (the backlog comes over the realtime socket); floor: the catch-up's
 * scan_during_catchup_p50_ms / _p99_ms  the same catch-up on a copy of the door while its desk scans every 50 ms
 *   floor: the same paced scans on that door just before the catch-up
 * kiosk_catchup_98k_ops_with_desk_scanning_s  that catch-up's time; floor: the catch-up's
 * kiosk_bootstrap_1m_cold_s    the first bootstrap of a fresh JVM, 1,000,000 participants and 1,500,000 ops
 * kiosk_heap_1m_mb             live heap after it, after full GCs, under the shipped limit
 *   floor: the same feed pulled and decompressed into nothing
 * kiosk_reopen_1m_s            that kiosk closed and opened again in the same JVM (a door laptop restarted mid-event):
 *                              open to its search index holding every participant; kiosk_reopen_heap_1m_mb live heap
 *                              after it
 * </pre>
 * Each of the three groups runs in a JVM of its own, started with this one's flags.
 * The load average goes to stderr with every figure.
 */
public final class KioskBench {
    static final int PARTICIPANTS = 100_000;
    static final int OPS = 150_000;
    static final char[] SECRET = "bench unlock secret".toCharArray();
    static final int BOOTSTRAP_RUNS = 3;
    /** The first is the cold figure; all three only warm the JIT for the measured runs. */
    static final int WARM_UP_RUNS = 3;
    static final int FLOOR_WARM_UP = 1;
    static final int FLOOR_MEASURED = 3;
    static final int SCAN_WARM_UP = 1_000;
    static final int SCANS = 5_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KioskBench() {
    }

    static final List<String> FIGURES = List.of("bootstrap-100k", "catchup-98k", "bootstrap-1m");
    static final int CATCHUP_OPS = 98_000;
    static final int CATCHUP_DOORS = 49;
    static final int BIG_PARTICIPANTS = Integer.getInteger("kiosk.bench.bigParticipants", 1_000_000);

    /** Runs every figure, or those named, each in a fresh JVM with this one's flags (the shipped ones). */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--in-this-jvm")) {
            System.out.printf("kiosk_heap_limit_mb: %.0f MB%n", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
            System.err.printf("collectors: %s%n", ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
            switch (args[1]) {
                case "bootstrap-100k" -> bootstrap100k();
                case "catchup-98k" -> catchUp();
                case "bootstrap-1m" -> bootstrapBig();
                default -> throw new IllegalArgumentException(args[1]);
            }
            System.exit(0);
        }
        int status = 0;
        for (String figure : args.length == 0 ? FIGURES : List.of(args)) {
            if (!FIGURES.contains(figure)) {
                throw new IllegalArgumentException("unknown figure " + figure + "; one of " + FIGURES);
            }
            List<String> command = new java.util.ArrayList<>(
                    List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), KioskBench.class.getName(),
                    "--in-this-jvm", figure));
            System.err.printf("%s: fresh JVM, load average %s%n", figure, loadAverage());
            status |= new ProcessBuilder(command).inheritIO().start().waitFor();
        }
        System.exit(status);
    }

    /**
     * kiosk_catchup_98k_ops_s: a door that holds the 100k event (bootstrapped in this JVM, untimed) is handed the
     * 98,000 first admissions the other 49 doors made meanwhile; timed is the sync round that pulls and applies them
     * (SyncEngine.syncUntilIdle, what the door runs on reconnecting). Floor: the same pages pulled and decompressed.
     */
    static void catchUp() throws Exception {
        Path tmp = Files.createTempDirectory("kiosk-bench-catchup");
        Path serverDir = tmp.resolve("server");
        Process server = null;
        try {
            ServerProcess.Running running = startServer(serverDir, PARTICIPANTS, OPS);
            server = running.process();
            int port = running.port();
            String[] setup = Files.readString(serverDir.resolve("setup.txt")).split(" ");
            UUID event = UUID.fromString(setup[0]);
            List<String> tickets = Arrays.asList(setup).subList(2, setup.length);
            String url = "http://127.0.0.1:" + port;
            Path desk = tmp.resolve("desk");
            Path reconnecting = tmp.resolve("reconnecting");
            double floor;
            long head;
            try (Kiosk kiosk = Kiosk.open(KioskOptions.defaults(tmp.resolve("door"), SECRET.clone()), true)) {
                kiosk.pair(url, setup[1], "Catch-up door", null);
                kiosk.bootstrap(p -> { });
                long before = kiosk.sync().positions().get(event);
                // the idle door (nothing writes to it until the catch-up), for the same catch-up through the realtime
                // socket and with a desk scanning
                Scratch.copy(tmp.resolve("door"), desk);
                Scratch.copy(tmp.resolve("door"), reconnecting);
                otherDoorsAdmit(serverDir, server, CATCHUP_OPS, CATCHUP_DOORS);
                System.err.printf("load average before the catch-up: %s%n", loadAverage());
                long start = System.nanoTime();
                var round = kiosk.sync().syncUntilIdle();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round.error() != null || round.pulled() != CATCHUP_OPS) {
                    throw new IllegalStateException("catch-up pulled " + round.pulled() + " changes, error "
                            + round.error());
                }
                LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
                int admitted = KioskReplica.of(kiosk).write(
                        tx -> dev.lanyard.kiosk.core.store.CheckInLog.checkedInCount(tx, event, today));
                if (admitted != CATCHUP_OPS) {
                    throw new IllegalStateException("after the catch-up " + admitted + " participants are in today");
                }
                head = kiosk.sync().positions().get(event);
                floor = feedFloor(url, event, kiosk.identity().token(),
                        KioskOptions.defaults(tmp, SECRET).pullPageSize(), before);
                printWithFloor("kiosk_catchup_98k_ops_s", seconds, "s",
                        "the same pages pulled and decompressed into nothing", floor, "%.2f");
            }
            reconnectingCatchUp(reconnecting, event, head, floor);
            scansDuringCatchUp(desk, event, tickets, head, floor);
        } finally {
            stop(server);
            Scratch.delete(tmp);
        }
    }

    /**
     * kiosk_catchup_98k_ops_realtime_s: the same catch-up again, on a copy of the door taken before it, the way a door
     * that comes back online makes it: its sync started (realtime socket, outbox, pulls), timed until it holds the feed
     * up to {@code head}, where the first door's catch-up ended. The server sends a subscriber's backlog over the
     * socket in pages of its own. Floor: the catch-up's.
     */
    static void reconnectingCatchUp(Path door, UUID event, long head, double floor) throws Exception {
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
        try (Kiosk kiosk = Kiosk.open(KioskOptions.defaults(door, SECRET.clone()), true)) {
            long start = System.nanoTime();
            kiosk.startSync();
            double seconds = (holds(kiosk, event, head, watch).get() - start) / 1e9;
            printWithFloor("kiosk_catchup_98k_ops_realtime_s", seconds, "s",
                    "the same pages pulled and decompressed into nothing", floor, "%.2f");
        } finally {
            watch.shutdownNow();
        }
    }

    /**
     * Completes with {@link System#nanoTime} once the door holds the feed up to {@code head} (checked every 100 ms on
     * {@code watch}); fails after {@value #CATCH_UP_LIMIT_MINUTES} minutes.
     */
    static CompletableFuture<Long> holds(Kiosk kiosk, UUID event, long head, ScheduledExecutorService watch) {
        CompletableFuture<Long> held = new CompletableFuture<>();
        var check = watch.scheduleWithFixedDelay(() -> {
            if (kiosk.sync().positions().get(event) >= head) {
                held.complete(System.nanoTime());
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        held.whenComplete((t, e) -> check.cancel(false));
        return held.orTimeout(CATCH_UP_LIMIT_MINUTES, TimeUnit.MINUTES);
    }

    static final int CATCH_UP_LIMIT_MINUTES = 5;

    /**
     * scan_during_catchup_p50_ms / _p99_ms: the same catch-up again, on a copy of the door taken before it, while the
     * desk scans a ticket every {@value #DESK_PACE_MS} ms (a busy door); each scan timed from the scan to its durable
     * commit, as scan_commit is. The door's sync is started as a reconnecting door's is (realtime socket, outbox,
     * pulls), and the desk scans until the door holds the feed up to {@code head}, where the first door's catch-up
     * ended. A scan waits behind the page transaction being applied (ADR 0323). Floor: the same paced scans on the
     * same door just before, after {@value #DESK_WARM_UP} unpaced ones warm the scan path up. Also printed: the time
     * from starting the sync until the door held {@code head}, with the desk scanning and its outbox pushing, with the
     * catch-up's floor.
     */
    static void scansDuringCatchUp(Path door, UUID event, List<String> tickets, long head, double floor)
            throws Exception {
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
        try (Kiosk kiosk = Kiosk.open(KioskOptions.defaults(door, SECRET.clone()), true)) {
            for (int i = 0; i < DESK_WARM_UP; i++) {
                kiosk.checkIns().scan(event, tickets.get(i), null).join();
            }
            List<Double> idle = new ArrayList<>();
            int next = pacedScans(kiosk, event, tickets, DESK_WARM_UP, DESK_IDLE_SCANS, () -> false, idle);
            long start = System.nanoTime();
            kiosk.startSync();
            CompletableFuture<Long> caughtUp = holds(kiosk, event, head, watch);
            List<Double> during = new ArrayList<>();
            pacedScans(kiosk, event, tickets, next, tickets.size() - next, caughtUp::isDone, during);
            double seconds = (caughtUp.get() - start) / 1e9;
            System.err.printf("%d scans during the catch-up (%d before it), load %s; the slowest, in order: %s%n",
                    during.size(), idle.size(), loadAverage(), slowest(during, 5));
            printWithFloor("kiosk_catchup_98k_ops_with_desk_scanning_s", seconds, "s",
                    "the same pages pulled and decompressed into nothing", floor, "%.2f");
            report("scan_during_catchup", toArray(during), toArray(idle), DESK_IDLE_SCANS
                    + " scans at the same pace on the same door before the catch-up");
        } finally {
            watch.shutdownNow();
        }
    }

    static final int DESK_WARM_UP = 500;
    static final int DESK_PACE_MS = 50;
    static final int DESK_IDLE_SCANS = 100;
    /** ALREADY_IN or REENTRY: another door's admission of the same person came in first. */
    static final Set<ScanOutcome> DESK_OUTCOMES = Set.of(ScanOutcome.ADMITTED, ScanOutcome.ALREADY_IN,
            ScanOutcome.REENTRY);

    /**
     * Scans {@code count} tickets from {@code from} on, one every {@value #DESK_PACE_MS} ms, until {@code stop} holds;
     * adds each scan's milliseconds to {@code ms} and returns the next ticket's index.
     */
    static int pacedScans(Kiosk kiosk, UUID event, List<String> tickets, int from, int count,
            BooleanSupplier stop, List<Double> ms) throws InterruptedException {
        int i = from;
        long due = System.nanoTime();
        while (i < from + count && !stop.getAsBoolean()) {
            long t = System.nanoTime();
            ScanResult r = kiosk.checkIns().scan(event, tickets.get(i++), null).join();
            ms.add((System.nanoTime() - t) / 1e6);
            if (!DESK_OUTCOMES.contains(r.outcome())) {
                throw new IllegalStateException("a desk scan was " + r.outcome());
            }
            due += TimeUnit.MILLISECONDS.toNanos(DESK_PACE_MS);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        return i;
    }

    /** The {@code n} longest of {@code ms}, each with its place in the list, in the order they came. */
    static String slowest(List<Double> ms, int n) {
        List<Integer> places = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            places.add(i);
        }
        places.sort((a, b) -> Double.compare(ms.get(b), ms.get(a)));
        return places.subList(0, Math.min(n, places.size())).stream().sorted()
                .map(i -> String.format("#%d %.0f ms", i, ms.get(i))).toList().toString();
    }

    static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * kiosk_bootstrap_1m_cold_s / kiosk_heap_1m_mb: the first bootstrap of a fresh JVM under the shipped heap, of an
     * event of 1,000,000 participants and 1,500,000 check-in ops; the heap figure is live heap after it, after full
     * GCs.
     */
    static void bootstrapBig() throws Exception {
        Path tmp = Files.createTempDirectory("kiosk-bench-1m");
        String keep = System.getProperty("kiosk.bench.bigServerDir");
        Path serverDir = keep == null ? tmp.resolve("server") : Path.of(keep);
        Process server = null;
        try {
            long setupStart = System.nanoTime();
            ServerProcess.Running running = startServer(serverDir, BIG_PARTICIPANTS, BIG_PARTICIPANTS * 3 / 2);
            server = running.process();
            int port = running.port();
            System.err.printf("the %d-participant server set up in %.0f s%n", BIG_PARTICIPANTS,
                    (System.nanoTime() - setupStart) / 1e9);
            String[] setup = Files.readString(serverDir.resolve("setup.txt")).split(" ", 3);
            UUID event = UUID.fromString(setup[0]);
            String url = "http://127.0.0.1:" + port;
            String name = BIG_PARTICIPANTS == 1_000_000 ? "1m" : Integer.toString(BIG_PARTICIPANTS);
            System.err.printf("load average before the cold bootstrap: %s%n", loadAverage());
            try (Kiosk kiosk = Kiosk.open(KioskOptions.defaults(tmp.resolve("door"), SECRET.clone()), true)) {
                // a fresh code: the one made at set-up expires while a million participants are set up
                kiosk.pair(url, pairingCode(serverDir, server), "Big door", null);
                long start = System.nanoTime();
                kiosk.bootstrap(p -> { });
                double seconds = (System.nanoTime() - start) / 1e9;
                if (kiosk.search().indexedCount(event) != BIG_PARTICIPANTS) {
                    throw new IllegalStateException("bootstrap indexed " + kiosk.search().indexedCount(event)
                            + " participants");
                }
                double floor = feedFloor(url, event, kiosk.identity().token(),
                        KioskOptions.defaults(tmp, SECRET).pullPageSize(), 0);
                printWithFloor("kiosk_bootstrap_" + name + "_cold_s", seconds, "s",
                        "the same feed pulled and decompressed into nothing", floor, "%.2f");
                System.out.printf("kiosk_heap_%s_mb: %.0f MB%n", name, liveHeapMb());
            }
            long reopenStart = System.nanoTime();
            try (Kiosk kiosk = Kiosk.open(KioskOptions.defaults(tmp.resolve("door"), SECRET.clone()), true)) {
                double seconds = (System.nanoTime() - reopenStart) / 1e9;
                if (kiosk.search().indexedCount(event) != BIG_PARTICIPANTS) {
                    throw new IllegalStateException("reopened with " + kiosk.search().indexedCount(event)
                            + " participants indexed");
                }
                System.out.printf("kiosk_reopen_%s_s: %.2f s%n", name, seconds);
                System.out.printf("kiosk_reopen_heap_%s_mb: %.0f MB%n", name, liveHeapMb());
            }
        } finally {
            stop(server);
            Scratch.delete(tmp);
        }
    }

    static void stop(Process server) throws InterruptedException {
        if (server != null) {
            server.destroyForcibly();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Asks the server process to have {@code doors} other doors admit {@code count} people today; waits till done. */
    static void otherDoorsAdmit(Path serverDir, Process server, int count, int doors) throws Exception {
        Path file = serverDir.resolve("ops.txt");
        Files.deleteIfExists(file);
        server.getOutputStream().write(("ops " + count + " " + doors + "\n").getBytes(StandardCharsets.UTF_8));
        server.getOutputStream().flush();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline || !server.isAlive()) {
                throw new IllegalStateException("the other doors' ops did not reach the server");
            }
            Thread.sleep(200);
        }
    }

    /** kiosk_bootstrap_100k_*, kiosk_heap_100k_mb, search and scan figures. */
    static void bootstrap100k() throws Exception {
        Path tmp = Files.createTempDirectory("kiosk-bench");
        // -Dkiosk.bench.serverDir=DIR keeps the server's feed between runs (set up once, reused after)
        String keep = System.getProperty("kiosk.bench.serverDir");
        Path serverDir = keep == null ? tmp.resolve("server") : Path.of(keep);
        Process server = null;
        double coldSeconds = Double.NaN;
        try {
            boolean reused = Files.exists(serverDir.resolve("setup.txt"));
            ServerProcess.Running running = startServer(serverDir, PARTICIPANTS, OPS);
            server = running.process();
            int port = running.port();
            String[] setup = Files.readString(serverDir.resolve("setup.txt")).split(" ");
            UUID event = UUID.fromString(setup[0]);
            List<String> tickets = Arrays.asList(setup).subList(2, setup.length);
            String url = "http://127.0.0.1:" + port;
            System.err.printf("load average before the cold bootstrap: %s%n", loadAverage());

            double floor = Double.NaN;
            for (int warm = 0; warm < WARM_UP_RUNS; warm++) {
                try (Kiosk warmUp = Kiosk.open(KioskOptions.defaults(tmp.resolve("warm-up" + warm), SECRET.clone()),
                        true)) {
                    warmUp.pair(url, reused || warm > 0 ? pairingCode(serverDir, server) : setup[1], "Warm-up " + warm,
                            null);
                    long start = System.nanoTime();
                    warmUp.bootstrap(p -> { });
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.err.printf("warm-up bootstrap %d: %.2f s, load %s%n", warm + 1, seconds, loadAverage());
                    if (warm == 0) {
                        coldSeconds = seconds;
                        floor = feedFloor(url, event, warmUp.identity().token(),
                                KioskOptions.defaults(tmp, SECRET).pullPageSize(), 0);
                    }
                }
            }
            // three bootstraps into fresh kiosks, the median reported: one run on a shared 2-core machine is noise
            double[] runs = new double[BOOTSTRAP_RUNS];
            Kiosk kiosk = null;
            try {
                for (int run = 0; run < runs.length; run++) {
                    if (kiosk != null) {
                        kiosk.close();
                    }
                    kiosk = Kiosk.open(KioskOptions.defaults(tmp.resolve("kiosk" + run), SECRET.clone()), true);
                    kiosk.pair(url, pairingCode(serverDir, server), "Bench door " + run, null);
                    long start = System.nanoTime();
                    kiosk.bootstrap(p -> { });
                    runs[run] = (System.nanoTime() - start) / 1e9;
                    System.err.printf("bootstrap run %d: %.2f s, load %s%n", run + 1, runs[run], loadAverage());
                    if (kiosk.search().indexedCount(event) != PARTICIPANTS) {
                        throw new IllegalStateException("bootstrap indexed " + kiosk.search().indexedCount(event)
                                + " participants");
                    }
                }
                double[] sorted = runs.clone();
                Arrays.sort(sorted);
                String floorName = "the same feed pulled and decompressed into nothing";
                printWithFloor("kiosk_bootstrap_100k_cold_s", coldSeconds, "s", floorName, floor, "%.2f");
                printWithFloor("kiosk_bootstrap_100k_s", sorted[sorted.length / 2], "s", floorName, floor, "%.2f");
                System.out.printf("kiosk_heap_100k_mb: %.0f MB%n", liveHeapMb());
                search(kiosk, event);
                kiosk.startSync();
                scan(kiosk, event, tickets, tmp.resolve("floor"));
                awaitPushed(kiosk);
            } finally {
                if (kiosk != null) {
                    kiosk.close();
                }
            }
        } finally {
            if (server != null) {
                server.destroyForcibly();
                server.waitFor(20, TimeUnit.SECONDS);
            }
            Scratch.delete(tmp);
        }
    }

    static void printWithFloor(String name, double value, String unit, String floorName, double floor, String format) {
        System.out.printf("%s: " + format + " %s%n", name, value, unit);
        System.out.printf("%s_floor: " + format + " %s (%s)%n", name, floor, unit, floorName);
        System.out.printf("%s_vs_floor: %.2f ratio%n", name, value / floor);
    }

    /**
     * The feed pulled as the kiosk pulls it (same page size, gzip), decompressed into nothing: the least a bootstrap
     * costs.
     */
    static double feedFloor(String url, UUID event, String token, int pageSize, long from) throws Exception {
        double[] measured = new double[FLOOR_MEASURED];
        byte[] sink = new byte[1 << 16];
        for (int round = 0; round < FLOOR_WARM_UP + FLOOR_MEASURED; round++) {
            long start = System.nanoTime();
            long after = from;
            long bytes = 0;
            int pages = 0;
            boolean more = true;
            while (more) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/events/" + event
                        + "/changes?after=" + after + "&limit=" + pageSize))
                        .header("Authorization", "Bearer " + token).header("Accept-Encoding", "gzip").GET().build();
                HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
                boolean gzip = response.headers().firstValue("Content-Encoding").orElse("").contains("gzip");
                // the page's last seq and hasMore are the only things read: a regex over the tail, no JSON parse
                byte[] tail = new byte[256];
                int tailLength = 0;
                try (InputStream in = gzip ? new GZIPInputStream(response.body(), 1 << 16) : response.body()) {
                    for (int n; (n = in.read(sink)) > 0; ) {
                        bytes += n;
                        if (n >= tail.length) {
                            System.arraycopy(sink, n - tail.length, tail, 0, tail.length);
                            tailLength = tail.length;
                        } else {
                            int keep = Math.min(tailLength, tail.length - n);
                            System.arraycopy(tail, tailLength - keep, tail, 0, keep);
                            System.arraycopy(sink, 0, tail, keep, n);
                            tailLength = keep + n;
                        }
                    }
                }
                String end = new String(tail, 0, tailLength, StandardCharsets.UTF_8);
                java.util.regex.Matcher last = java.util.regex.Pattern.compile("\"lastSeq\":(\\d+)").matcher(end);
                if (!last.find()) {
                    throw new IllegalStateException("no lastSeq at the end of a page: " + end);
                }
                after = Long.parseLong(last.group(1));
                more = end.contains("\"hasMore\":true");
                pages++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf("feed floor round %d: %.2f s, %d pages, %d MB of JSON, load %s%n", round, seconds, pages,
                    bytes >> 20, loadAverage());
            if (round >= FLOOR_WARM_UP) {
                measured[round - FLOOR_WARM_UP] = seconds;
            }
        }
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    /** Waits (bounded) until the outbox has pushed every scan: the sync really ran alongside. */
    static void awaitPushed(Kiosk kiosk) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int left = Integer.MAX_VALUE;
        while (System.nanoTime() < deadline && (left = KioskReplica.of(kiosk).write(OutboxStore::count)) > 0) {
            Thread.sleep(200);
        }
        System.err.printf("outbox after the scans: %d items left unpushed%n", left);
    }

    static void search(Kiosk kiosk, UUID event) {
        List<String> queries = List.of("alice", "jos", "chloe", "greta hiro", "guest4711", "example.org", "company 42",
                "4242",
                "김", "길동", "ㄱㄷ", "ㅈㅎ", "박서", "최시", "ㅇㅇ", "zzzz-no-match", "inès", "dmitri emma", "son99", "홍길");
        for (int round = 0; round < 3; round++) {
            for (String q : queries) {
                kiosk.search().search(event, q, null, 50);
            }
        }
        double[] ms = new double[5_000];
        for (int i = 0; i < ms.length; i++) {
            String q = queries.get(i % queries.size());
            long t = System.nanoTime();
            kiosk.search().search(event, q, null, 50);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        report("search_100k", ms);
    }

    /** Collections the JVM has run so far, every collector. */
    static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /** How many scans a collection ran during, and how many of the slowest 1 % (the p99's tail) those were. */
    static String collectionsInTail(double[] ms, boolean[] collected) {
        Integer[] order = new Integer[ms.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(ms[b], ms[a]));
        int tail = Math.max(1, ms.length / 100);
        long inTail = Arrays.stream(order, 0, tail).filter(i -> collected[i]).count();
        long all = java.util.stream.IntStream.range(0, ms.length).filter(i -> collected[i]).count();
        return String.format("a collection ran during %d scans, %d of the slowest %d", all, inTail, tail);
    }

    static void scan(Kiosk kiosk, UUID event, List<String> tickets, Path floorDir) throws Exception {
        for (int i = 0; i < SCAN_WARM_UP; i++) {
            kiosk.checkIns().scan(event, tickets.get(i), null).join();
        }
        double[] ms = new double[SCANS];
        boolean[] collected = new boolean[SCANS];
        int rowBytes;
        for (int i = 0; i < SCANS; i++) {
            long collections = collections();
            long t = System.nanoTime();
            ScanResult r = kiosk.checkIns().scan(event, tickets.get(SCAN_WARM_UP + i), null).join();
            ms[i] = (System.nanoTime() - t) / 1e6;
            collected[i] = collections() != collections;
            if (r.outcome() != ScanOutcome.ADMITTED) {
                throw new IllegalStateException("scan " + i + " was " + r.outcome());
            }
        }
        System.err.printf("scans done, load %s; %s%n", loadAverage(), collectionsInTail(ms, collected));
        rowBytes = scanRowBytes(kiosk, event, tickets.get(0));
        double[] floor = rawInserts(floorDir, rowBytes);
        report("scan_commit", ms, floor, "one row of " + rowBytes
                + " bytes inserted and committed in a plain durable H2 file");
    }

    /**
     * What a scan queues for the server: its op and its attempt, as JSON (the rest it writes is a few short index
     * rows).
     */
    static int scanRowBytes(Kiosk kiosk, UUID event, String ticket) {
        UUID participant = Ids.newId();
        LocalDate day = LocalDate.now();
        CheckInOp op = new CheckInOp(Ids.newId(), event, participant, day, CheckInAction.CHECK_IN, Set.of(),
                new Hlc(System.currentTimeMillis(), 0, kiosk.identity().deviceId()), null, null, null);
        ScanAttempt attempt = new ScanAttempt(Ids.newId(), event, participant, ticket, day, ScanOutcome.ADMITTED,
                op.opId(),
                kiosk.identity().deviceId(), null, Instant.now());
        return Json.write(op).length() + Json.write(attempt).length();
    }

    /**
     * One row of {@code rowBytes} inserted and committed at a time, in an H2 file opened with the replica's settings
     * and, as the replica, durable (each commit on the device, ADR 0011).
     */
    static double[] rawInserts(Path dir, int rowBytes) throws Exception {
        Files.createDirectories(dir);
        String url = dev.lanyard.model.files.DurableH2Files.url("jdbc:h2:file:" + dir.resolve("floor"))
                + DataFolder.H2_SETTINGS;
        String body = "x".repeat(rowBytes);
        double[] ms = new double[SCANS];
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement()) {
            s.execute("create table floor_row (id uuid primary key, body varchar(100000) not null)");
            try (PreparedStatement insert = c.prepareStatement("insert into floor_row values (?, ?)")) {
                for (int i = 0; i < SCAN_WARM_UP + SCANS; i++) {
                    long t = System.nanoTime();
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, body);
                    insert.executeUpdate(); // auto-commit: one durable commit per row, as one per scan
                    if (i >= SCAN_WARM_UP) {
                        ms[i - SCAN_WARM_UP] = (System.nanoTime() - t) / 1e6;
                    }
                }
            }
        }
        return ms;
    }

    static void report(String name, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("%s_p50_ms: %.2f ms%n", name, sorted[sorted.length / 2]);
        System.out.printf("%s_p99_ms: %.2f ms%n", name, sorted[p99Index(sorted.length)]);
        System.err.printf("%s measured, load %s%n", name, loadAverage());
    }

    static void report(String name, double[] ms, double[] floor, String floorName) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double[] floorSorted = floor.clone();
        Arrays.sort(floorSorted);
        printWithFloor(name + "_p50_ms", sorted[sorted.length / 2], "ms", floorName,
                floorSorted[floorSorted.length / 2], "%.2f");
        printWithFloor(name + "_p99_ms", sorted[p99Index(sorted.length)], "ms", floorName,
                floorSorted[p99Index(floorSorted.length)], "%.2f");
        System.err.printf("%s measured, load %s%n", name, loadAverage());
    }

    static int p99Index(int count) {
        return (int) Math.ceil(count * 0.99) - 1;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    static double liveHeapMb() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** Starts the bench server on any free port: the port it bound comes back with it. */
    static ServerProcess.Running startServer(Path dir, int participants, int ops) throws IOException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx3g",
                "-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(), dir.toString(), "0",
                Integer.toString(participants), Integer.toString(ops))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return ServerProcess.awaitReady(p);
    }

    /** A second one-time code, written by the server process on request (stdin line "code"). */
    static String pairingCode(Path serverDir, Process server) throws IOException, InterruptedException {
        Path file = serverDir.resolve("code.txt");
        Files.deleteIfExists(file);
        server.getOutputStream().write("code\n".getBytes(StandardCharsets.UTF_8));
        server.getOutputStream().flush();
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            Thread.sleep(100);
        }
        return Files.readString(file).trim();
    }
}
