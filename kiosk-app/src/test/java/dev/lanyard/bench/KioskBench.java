package dev.lanyard.bench;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.ScanResult;
import dev.lanyard.kiosk.e2e.ServerProcess;
import dev.lanyard.kiosk.support.Scratch;
import dev.lanyard.model.ScanOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The kiosk suite of {@code bench/run kiosk}. A real sync-server runs in a child JVM with
 * 100,000 participants; a kiosk pairs with it and bootstraps (after one warm-up kiosk did the
 * same), then the bootstrapped 100k replica is used for search and scan timings. Prints:
 * <pre>
 * kiosk_bootstrap_100k_s     wall time of Kiosk.bootstrap (feed pull, apply, lookup indexes, search index): the median of
 *                            three fresh kiosks after three warm-up ones (each run and the load average go to stderr)
 * kiosk_bootstrap_100k_cold_s  the first of the warm-up bootstraps: a kiosk process that has just started (no JIT yet)
 * kiosk_heap_100k_mb         live heap of this JVM after the last bootstrap (one kiosk open), after full GCs (the server is elsewhere)
 * search_100k_p50_ms / search_100k_p99_ms   SearchService.search, 5,000 mixed queries after warm-up
 * scan_commit_p50_ms / scan_commit_p99_ms   CheckInService.scan -> ADMITTED, durable commit, 5,000 scans after 1,000 warm-up
 * </pre>
 */
public final class KioskBench {
    static final int PARTICIPANTS = 100_000;
    static final char[] SECRET = "bench unlock secret".toCharArray();
    static final int BOOTSTRAP_RUNS = 3;
    static final int WARM_UP_RUNS = 3;

    private KioskBench() {
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("kiosk-bench");
        // -Dkiosk.bench.serverDir=DIR keeps the server's 100k participants between runs (set up once, reused after)
        String keep = System.getProperty("kiosk.bench.serverDir");
        Path serverDir = keep == null ? tmp.resolve("server") : Path.of(keep);
        Process server = null;
        double coldSeconds = Double.NaN;
        try {
            int port = Scratch.freePort();
            boolean reused = Files.exists(serverDir.resolve("setup.txt"));
            server = startServer(serverDir, port);
            String[] setup = Files.readString(serverDir.resolve("setup.txt")).split(" ");
            UUID event = UUID.fromString(setup[0]);
            List<String> tickets = Arrays.asList(setup).subList(2, setup.length);
            String url = "http://127.0.0.1:" + port;

            // the first bootstrap of a JVM is what a freshly started kiosk does once: reported on its own. Runs kept getting
            // faster through the third (JIT and heap sizing of both JVMs), so the steady figure starts after three
            for (int warm = 0; warm < WARM_UP_RUNS; warm++) {
                try (Kiosk warmUp = Kiosk.open(KioskOptions.defaults(tmp.resolve("warm-up" + warm), SECRET.clone()), true)) {
                    warmUp.pair(url, reused || warm > 0 ? pairingCode(serverDir, server) : setup[1], "Warm-up " + warm, null);
                    long start = System.nanoTime();
                    warmUp.bootstrap(p -> { });
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.err.printf("warm-up bootstrap %d: %.2f s%n", warm + 1, seconds);
                    if (warm == 0) {
                        coldSeconds = seconds;
                    }
                }
            }
            System.err.printf("load average before the measured bootstraps: %s%n", loadAverage());
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
                    System.err.printf("bootstrap run %d: %.2f s%n", run + 1, runs[run]);
                    if (kiosk.search().indexedCount(event) != PARTICIPANTS) {
                        throw new IllegalStateException("bootstrap indexed " + kiosk.search().indexedCount(event) + " participants");
                    }
                }
                double[] sorted = runs.clone();
                Arrays.sort(sorted);
                System.out.printf("kiosk_bootstrap_100k_s: %.2f s%n", sorted[sorted.length / 2]);
                System.out.printf("kiosk_bootstrap_100k_cold_s: %.2f s%n", coldSeconds);
                System.out.printf("kiosk_heap_100k_mb: %.0f MB%n", liveHeapMb());
                server.destroyForcibly();
                search(kiosk, event);
                scan(kiosk, event, tickets);
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

    static void search(Kiosk kiosk, UUID event) {
        List<String> queries = List.of("alice", "jos", "chloe", "greta hiro", "guest4711", "example.org", "company 42", "4242",
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

    static void scan(Kiosk kiosk, UUID event, List<String> tickets) {
        int warm = 1_000;
        int measured = 5_000;
        for (int i = 0; i < warm; i++) {
            kiosk.checkIns().scan(event, tickets.get(i), null).join();
        }
        double[] ms = new double[measured];
        for (int i = 0; i < measured; i++) {
            long t = System.nanoTime();
            ScanResult r = kiosk.checkIns().scan(event, tickets.get(warm + i), null).join();
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (r.outcome() != ScanOutcome.ADMITTED) {
                throw new IllegalStateException("scan " + i + " was " + r.outcome());
            }
        }
        report("scan_commit", ms);
    }

    static void report(String name, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("%s_p50_ms: %.2f ms%n", name, sorted[sorted.length / 2]);
        System.out.printf("%s_p99_ms: %.2f ms%n", name, sorted[(int) Math.ceil(sorted.length * 0.99) - 1]);
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

    static Process startServer(Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx3g",
                "-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(), dir.toString(), Integer.toString(port),
                Integer.toString(PARTICIPANTS)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            // wait until it serves
        }
        if (!"READY".equals(line)) {
            throw new IllegalStateException("the bench server did not start");
        }
        return p;
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
