package dev.lanyard.rehearsal;

import dev.lanyard.kiosk.core.sync.CertificatePin;
import dev.lanyard.kiosk.core.sync.ServerApi;
import dev.lanyard.kiosk.core.sync.SyncEngine;
import dev.lanyard.model.protocol.ChangesPage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One door catching up after the storm, in a fresh process (as a laptop that was away meets
 * it): it opens its replica, which holds its own ops, and times one sync round that applies
 * every other door's ops from the feed. The floor is the same feed read in the same process
 * afterwards, parsed and thrown away, from the same position: what the network, the server and
 * JSON cost without the replica.
 *
 * <p>Child protocol: {@code CatchUp DIR EVENT}, the unlock secret on standard input; prints
 * {@code catchup NANOS APPLIED LEFT FLOOR_NANOS}. It ends when the rehearsal does ({@link ParentWatch}).
 */
final class CatchUp {
    record Result(double catchUpS, double floorS, int opsApplied, long pendingAfter) {
    }

    private CatchUp() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatch.haltWhenParentEnds();
        Path dir = Path.of(args[0]);
        UUID eventId = UUID.fromString(args[1]);
        char[] secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine()
                .toCharArray();
        try (Door door = Door.open(1, dir, secret, eventId)) {
            long position = door.lastSeq();
            int before = door.opsHeld();
            long t0 = System.nanoTime();
            SyncEngine.Round round = door.kiosk().sync().syncUntilIdle();
            long catchUp = System.nanoTime() - t0;
            if (round.error() != null) {
                throw round.error();
            }
            int applied = door.opsHeld() - before;
            long pending = door.pending();
            long floor = streamIntoNothing(door, eventId, position);
            System.out.println("catchup " + catchUp + " " + applied + " " + pending + " " + floor);
        }
        System.exit(0);
    }

    /** The feed from {@code position} to its end, fetched and parsed in the kiosk's page size, then dropped. */
    private static long streamIntoNothing(Door door, UUID eventId, long position) throws Exception {
        var identity = door.kiosk().identity();
        ServerApi api = new ServerApi(ServerApi.client(identity.certSha256() == null ? null
                : CertificatePin.of(identity.certSha256())),
                identity.serverUrl(), identity::token);
        long t0 = System.nanoTime();
        long after = position;
        while (true) {
            ChangesPage page = api.changes(eventId, after, 20_000);
            after = page.lastSeq();
            if (!page.hasMore()) {
                break;
            }
        }
        return System.nanoTime() - t0;
    }

    /** Runs {@link #main} in a new JVM with this class path. */
    static Result runChild(Path doorDir, char[] secret, UUID eventId, Path log) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()),
                "-cp", System.getProperty("java.class.path"), CatchUp.class.getName(), doorDir.toString(),
                eventId.toString()));
        try {
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(new String(secret).getBytes(StandardCharsets.UTF_8));
                in.write('\n');
            }
            String line;
            String result = null;
            try (BufferedReader out = new BufferedReader(new
                    InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("catchup ")) {
                        result = line;
                    }
                }
            }
            if (!p.waitFor(10, TimeUnit.MINUTES) || result == null) {
                p.destroyForcibly();
                throw new IllegalStateException("the catch-up door failed; see " + log);
            }
            String[] w = result.split(" ");
            return new Result(Long.parseLong(w[1]) / 1e9, Long.parseLong(w[4]) / 1e9, Integer.parseInt(w[2]),
                    Long.parseLong(w[3]));
        } catch (IOException e) {
            throw new IllegalStateException("the catch-up door could not start: " + e.getMessage(), e);
        }
    }

}
