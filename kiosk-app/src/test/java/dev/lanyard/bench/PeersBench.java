package dev.lanyard.bench;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.jooq.Tables;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.TcpProxy;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The peer suite of {@code bench/run peers} (issue 14): ten doors with the server down.
 * The doors are ten real kiosks in this JVM (own encrypted replica files, the real peer code
 * over real TLS sockets on loopback, production cadence: a dial/exchange round every second),
 * not ten processes: ten JVMs with their JIT warm-up on the two cores this machine shares
 * would measure JVM start-up, not the protocol (the door processes are tested in
 * PeerDoorsE2eTest). Every door dials every door before it: a full mesh, each link through a
 * TCP proxy so that a partition can be cut and healed. The server (the real sync-server, in
 * this JVM) serves pairing, then stops, then comes back.
 * <pre>
 * peer_duplicate_refusal_cold_ms / _p99_ms  a ticket admitted at one door, scanned at another: from the admission's
 *     commit until the other door's scan returns ALREADY_IN (the other door polls its count every 5 ms first);
 *     200 tickets after 20 warm-up, the admitting and the scanning door differ each time
 *   floor: a 1 KB round trip over a plain loopback TCP connection (p99 of 2,000)
 * peer_converge_10_doors_s  doors 0-4 and 5-9 cut apart, 100 admissions on each side, healed: from the heal until
 *     every door holds every admission
 *   floor: one door joining with an empty log and fetching every item of the run from one connected door
 * peer_then_server_identical  the server back: doors push until their outboxes are empty; 1 when the server and all
 *     ten doors hold the same op ids (none doubled) and the same check-in states
 * </pre>
 * The load average goes to stderr with every figure.
 */
public final class PeersBench {
    static final int DOORS = 10;
    static final int WARM_UP = 20;
    static final int SAMPLES = 200;
    static final int PER_SIDE = 100;

    private PeersBench() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable e) {
            // the doors' threads would keep the JVM alive
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run() throws Exception {
        Path tmp = Files.createTempDirectory("peers-bench");
        LiveServer live = LiveServer.start(tmp.resolve("server"), 0, false, ReentryPolicy.DENY);
        // reopened on the port it bound: the doors were paired with this URL
        int port = live.server.port();
        UUID event = live.event.id();
        LocalDate today = live.today;
        List<Participant> people = new ArrayList<>();
        for (int i = 0; i < WARM_UP + SAMPLES + 2 * PER_SIDE; i++) {
            people.add(live.add("Guest " + i, null, null));
        }
        List<Kiosk> doors = new ArrayList<>();
        for (int i = 0; i < DOORS + 1; i++) {
            // as a door ships: the production options (outbox backoff, batch sizes), not the tests' quick ones
            // a fresh secret each: opening a kiosk wipes the array it was given
            KioskOptions options = KioskOptions.defaults(tmp.resolve("door" + i), "bench unlock secret".toCharArray());
            Kiosk door = live.paired(options, live.url(), "Door " + i, null);
            door.startSync();
            doors.add(door);
        }
        Kiosk late = doors.remove(DOORS);
        List<PeerNode> nodes = new ArrayList<>();
        List<TcpProxy> crossLinks = new ArrayList<>();
        List<AutoCloseable> closers = new ArrayList<>();
        for (int i = 0; i < DOORS; i++) {
            List<InetSocketAddress> peers = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                TcpProxy link = new TcpProxy(nodes.get(j).port());
                closers.add(link);
                if ((i < DOORS / 2) != (j < DOORS / 2)) {
                    crossLinks.add(link);
                }
                peers.add(new InetSocketAddress("127.0.0.1", link.port()));
            }
            nodes.add(doors.get(i).startPeers(PeerNode.Options.of(0, peers).discoveringOn(null)));
        }
        // the late door joins only for the floor, through a link cut until then; its key must be on the others' lists
        // (ADR 0317: a door paired while the others cannot reach the server is refused), so it starts now
        TcpProxy lateLink = new TcpProxy(nodes.get(0).port());
        closers.add(lateLink);
        lateLink.cut();
        PeerNode lateNode = late.startPeers(PeerNode.Options.of(-1,
                List.of(new InetSocketAddress("127.0.0.1", lateLink.port()))).discoveringOn(null));
        await(() -> nodes.stream().allMatch(n -> n.peers().size() == DOORS - 1), 120_000, "the mesh");
        // two rounds of every door's key-list fetch (every 10 s)
        Thread.sleep(25_000);
        live.close();
        System.err.printf("mesh of %d doors up, server stopped, load %s%n", DOORS, KioskBench.loadAverage());

        int next = 0;
        double[] refusals = new double[WARM_UP + SAMPLES];
        for (int k = 0; k < refusals.length; k++) {
            Participant p = people.get(next++);
            Kiosk at = doors.get(k % DOORS);
            Kiosk other = doors.get((k % DOORS + 1 + (k / DOORS) % (DOORS - 1)) % DOORS);
            int expected = k + 1;
            ScanResult admitted = at.checkIns().scan(event, p.ticketCode(), today).join();
            long t0 = System.nanoTime();
            check(admitted.outcome() == ScanOutcome.ADMITTED, "admitted " + admitted.outcome());
            while (other.checkedInCount(event, today) < expected) {
                Thread.sleep(5);
            }
            ScanResult again = other.checkIns().scan(event, p.ticketCode(), today).join();
            refusals[k] = (System.nanoTime() - t0) / 1e6;
            check(again.outcome() == ScanOutcome.ALREADY_IN, "refused " + again.outcome());
        }
        double[] rtt = roundTrips(2_000);
        String rttFloor = "p99 of a 1 KB loopback TCP round trip";
        KioskBench.printWithFloor("peer_duplicate_refusal_cold_ms", refusals[0], "ms", rttFloor, p99(rtt), "%.2f");
        double p99 = p99(Arrays.copyOfRange(refusals, WARM_UP, refusals.length));
        KioskBench.printWithFloor("peer_duplicate_refusal_p99_ms", p99, "ms", rttFloor, p99(rtt), "%.2f");
        System.err.printf("duplicate refusal measured, load %s%n", KioskBench.loadAverage());

        crossLinks.forEach(TcpProxy::cut);
        await(() -> nodes.stream().allMatch(n -> n.peers().size() == DOORS / 2 - 1), 60_000, "the partition");
        int before = WARM_UP + SAMPLES;
        for (int k = 0; k < 2 * PER_SIDE; k++) {
            Kiosk at = doors.get(k % DOORS);
            ScanResult admitted = at.checkIns().scan(event, people.get(next++).ticketCode(), today).join();
            check(admitted.outcome() == ScanOutcome.ADMITTED, "admitted in the partition");
        }
        int total = before + 2 * PER_SIDE;
        await(() -> doors.stream().allMatch(d -> d.checkedInCount(event, today) == before + PER_SIDE), 60_000,
                "each side");
        long healed = System.nanoTime();
        crossLinks.forEach(TcpProxy::heal);
        await(() -> doors.stream().allMatch(d -> d.checkedInCount(event, today) == total), 120_000, "convergence");
        double converge = (System.nanoTime() - healed) / 1e9;
        System.err.printf("converged in %.2f s, load %s%n", converge, KioskBench.loadAverage());
        long joined = System.nanoTime();
        lateLink.heal();
        await(() -> late.checkedInCount(event, today) == total, 120_000, "the late door");
        double joinFloor = (System.nanoTime() - joined) / 1e9;
        KioskBench.printWithFloor("peer_converge_10_doors_s", converge, "s",
                "one door with an empty log fetching all " + total + " items from one peer", joinFloor, "%.2f");
        System.err.printf("convergence measured, load %s%n", KioskBench.loadAverage());

        long back = System.nanoTime();
        LiveServer server = LiveServer.reopen(tmp.resolve("server"), port, live.event, today);
        List<Kiosk> all = new ArrayList<>(doors);
        all.add(late);
        for (Kiosk door : all) {
            await(() -> {
                door.sync().syncUntilIdle();
                return KioskReplica.of(door).write(OutboxStore::count) == 0;
            }, 300_000, "outbox");
        }
        List<UUID> serverOps = server.opIds();
        Set<UUID> serverOpSet = new HashSet<>(serverOps);
        Map<String, String> serverStates = server.checkInStates();
        boolean identical = serverOps.size() == serverOpSet.size() && serverOps.size() == total;
        for (Kiosk door : all) {
            door.sync().syncUntilIdle();
            identical &= opIds(door).equals(serverOpSet) && states(door).equals(serverStates);
        }
        System.out.printf("peer_then_server_identical: %d%n", identical ? 1 : 0);
        System.out.printf("peer_then_server_s: %.2f s (server back until every outbox is empty)%n",
                (System.nanoTime() - back) / 1e9);
        System.err.printf("server ops %d (distinct %d), expected %d, load %s%n", serverOps.size(), serverOpSet.size(),
                total, KioskBench.loadAverage());
        lateNode.close();
        for (AutoCloseable c : closers) {
            c.close();
        }
        for (Kiosk door : all) {
            door.close();
        }
        server.close();
        System.exit(0);
    }

    static Set<UUID> opIds(Kiosk door) {
        return new HashSet<>(KioskReplica.of(door).write(tx -> tx.dsl().select(Tables.CHECKIN_OP.OP_ID)
                .from(Tables.CHECKIN_OP)
                .fetch(Tables.CHECKIN_OP.OP_ID)));
    }

    /** As {@link LiveServer#checkInStates()}: "participantId/day" -> "checkedIn duplicate reentries". */
    static Map<String, String> states(Kiosk door) {
        Map<String, String> out = new TreeMap<>();
        KioskReplica.of(door).write(tx -> tx.dsl().selectFrom(Tables.CHECKIN_STATE).fetch()).forEach(r -> out.put(
                r.getParticipantId() + "/" + r.getCheckinDay(),
                r.getCheckedIn() + " " + r.getDuplicateAdmission() + " " + r.getReentries()));
        return out;
    }

    /** Milliseconds of 1 KB echoed over one loopback TCP connection. */
    static double[] roundTrips(int n) throws Exception {
        try (ServerSocket echo = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (Socket s = echo.accept(); InputStream in = s.getInputStream();
                     OutputStream out = s.getOutputStream()) {
                    byte[] buf = new byte[1024];
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        out.write(buf, 0, r);
                    }
                } catch (java.io.IOException ignored) {
                    // the bench closed it
                }
            });
            t.setDaemon(true);
            t.start();
            double[] ms = new double[n];
            try (Socket s = new Socket("127.0.0.1", echo.getLocalPort())) {
                s.setTcpNoDelay(true);
                byte[] msg = new byte[1024];
                byte[] back = new byte[1024];
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    s.getOutputStream().write(msg);
                    int got = 0;
                    while (got < back.length) {
                        got += s.getInputStream().read(back, got, back.length - got);
                    }
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return ms;
        }
    }

    static double p99(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(Condition c, long millis, String what) throws Exception {
        long until = System.currentTimeMillis() + millis;
        while (!c.holds()) {
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException(what + ": not within " + millis + " ms");
            }
            Thread.sleep(5);
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
