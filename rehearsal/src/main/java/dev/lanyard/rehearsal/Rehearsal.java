package dev.lanyard.rehearsal;

import dev.lanyard.kiosk.core.sync.SyncException;
import dev.lanyard.model.Event;
import dev.lanyard.model.TicketCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * A venue's worst minute, rehearsed: N doors (real kiosk sync code, see {@link Door}) are
 * paired and bootstrapped, go offline, each admits M people, and all come back at the same
 * moment. Meanwhile one door after another admits a probe attendee, and every other door
 * notes when it sees that check-in. Optionally the server is killed mid-storm and started
 * again. The report says how long until the server held every op, until every door held
 * every op, the door-to-door latency, whether any op was lost, and what the server used.
 */
final class Rehearsal {
    private static final long POLL_MILLIS = 100;
    private final Plan plan;
    private final PrintStream progress;
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Map<Integer, LinkProxy> links = new java.util.concurrent.ConcurrentHashMap<>();

    Rehearsal(Plan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    Report run() throws IOException, InterruptedException {
        Files.createDirectories(plan.workDir());
        char[] secret = randomSecret();
        ServerFleet server = null;
        List<Door> doors = new ArrayList<>();
        Organizer organizer = null;
        Event event = null;
        try {
            String url;
            String cert;
            if (plan.url() == null) {
                char[] adminPassword = randomSecret();
                say("starting the sync server (" + (plan.scale().behindProxy() ? plan.scale().instances()
                        + " instances on PostgreSQL behind nginx" : "embedded H2") + ") in "
                        + plan.workDir().resolve("server"));
                server = ServerFleet.start(plan.workDir().resolve("server"), plan.scale(), "rehearsal", adminPassword,
                        plan.serverJvmFlags());
                say("serving: " + server.describe());
                url = server.url();
                cert = server.certSha256();
                organizer = new Organizer(url, cert);
                organizer.login("rehearsal", adminPassword);
            } else {
                url = plan.url();
                cert = null;
                organizer = new Organizer(url, cert);
                organizer.login(plan.username(), plan.password());
            }
            LocalDate day = LocalDate.now(ZoneOffset.UTC);
            event = organizer.createEvent("Rehearsal " + Instant.now(), day);
            List<List<String>> tickets = tickets();
            importAttendees(organizer, event.id(), tickets);
            doors.addAll(pairDoors(organizer, url, cert, event.id(), secret));
            return storm(server, organizer, url, cert, event.id(), doors, tickets, day, secret);
        } finally {
            for (Door d : doors) {
                d.close();
            }
            links.values().forEach(LinkProxy::close);
            if (organizer != null && event != null && plan.url() != null && !plan.keep()) {
                try {
                    organizer.deleteEvent(event.id());
                } catch (RuntimeException e) {
                    progress.println("could not delete the rehearsal event " + event.id() + ": " + e.getMessage());
                }
            }
            if (server != null) {
                server.close();
            }
            if (!plan.keep()) {
                deleteTree(plan.workDir());
            }
        }
    }

    /** Per door: the tickets it admits offline, then its probe tickets. */
    private List<List<String>> tickets() {
        Set<String> seen = new HashSet<>();
        List<List<String>> out = new ArrayList<>();
        for (int d = 0; d < plan.doors(); d++) {
            List<String> mine = new ArrayList<>();
            while (mine.size() < plan.opsPerDoor() + plan.probesPerDoor()) {
                String t = TicketCodes.generate();
                if (seen.add(t)) {
                    mine.add(t);
                }
            }
            out.add(mine);
        }
        return out;
    }

    private void importAttendees(Organizer organizer, UUID eventId, List<List<String>> tickets) {
        say("importing " + plan.participants() + " attendees");
        StringBuilder csv = new StringBuilder("name,email,ticket_code\n");
        int rows = 0;
        for (int d = 0; d < tickets.size(); d++) {
            for (int i = 0; i < tickets.get(d).size(); i++) {
                csv.append("Door").append(d + 1).append(" Guest").append(i + 1).append(",door").append(d + 1)
                        .append(".guest").append(i + 1)
                        .append("@rehearsal.invalid,").append(tickets.get(d).get(i)).append('\n');
                if (++rows % 20_000 == 0) {
                    organizer.importCsv(eventId, csv.toString());
                    csv = new StringBuilder("name,email,ticket_code\n");
                }
            }
        }
        if (rows % 20_000 != 0) {
            organizer.importCsv(eventId, csv.toString());
        }
    }

    private List<Door> pairDoors(Organizer organizer, String url, String cert, UUID eventId, char[] secret) throws
            InterruptedException {
        say("pairing " + plan.doors() + " doors");
        List<Door> doors = new ArrayList<>();
        try {
            for (int d = 1; d <= plan.doors(); d++) {
                String doorUrl = url;
                if (plan.faults().links()) {
                    LinkProxy link = new LinkProxy(url, plan.faults().linkBytesPerSecond());
                    links.put(d, link);
                    doorUrl = link.url(url);
                }
                doors.add(Door.pair(d, doorDir(d), secret, doorUrl, organizer.pairingCode(eventId).code(), cert,
                        eventId));
            }
            say("bootstrapping " + plan.doors() + " doors");
            ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            List<Future<?>> loads = new ArrayList<>();
            for (Door d : doors) {
                loads.add(pool.submit(() -> {
                    d.bootstrap();
                    return null;
                }));
            }
            pool.shutdown();
            for (Future<?> f : loads) {
                f.get();
            }
            return doors;
        } catch (IOException | SyncException | java.util.concurrent.ExecutionException | RuntimeException e) {
            doors.forEach(Door::close);
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("pairing or bootstrapping a door failed: " + cause.getMessage(), cause);
        }
    }

    Path doorDir(int number) {
        return plan.workDir().resolve("door-" + number);
    }

    private Report storm(ServerFleet server, Organizer organizer, String url, String cert, UUID eventId,
                         List<Door> doors,
                         List<List<String>> tickets, LocalDate day, char[] secret) throws InterruptedException {
        say("doors offline: each admits " + plan.opsPerDoor() + " people");
        long offlineStarted = System.nanoTime();
        doors.parallelStream().forEach(d -> d.admit(tickets.get(d.number() - 1).subList(0, plan.opsPerDoor()), day));
        double offlineS = seconds(System.nanoTime() - offlineStarted);
        Set<UUID> offlineOps = new HashSet<>();
        doors.forEach(d -> offlineOps.addAll(d.admitted()));

        Door late = plan.catchUpDoor() ? doors.get(0) : null;
        List<Door> online = late == null ? doors : doors.subList(1, doors.size());
        FanoutLatency latency = new FanoutLatency();
        online.forEach(d -> d.listen(latency.listenerFor(d.number())));
        List<Probe> probes = probes(online, tickets);
        FeedWatcher watcher = new FeedWatcher(url, cert, organizer::token, eventId);
        // read up to the head now: during the storm the watcher reads only the storm's entries, not the
        // guest list again, which loaded the server it measures and left it unread for the storm's first ~20 s
        poll(watcher, server);
        Report report = new Report();

        say("all doors reconnect at once" + (plan.faults().killServerAt() == null ? "" : "; the server is killed after "
                + plan.faults().killServerAt().toMillis() / 1000.0 + " s"));
        double cpuBefore = server == null ? 0 : cpuNow(server);
        long t0 = System.nanoTime();
        online.forEach(Door::goOnline);
        Thread latePusher = late == null ? null : startLatePusher(late);
        AtomicBoolean probing = new AtomicBoolean(true);
        Thread prober = startProber(probes, latency, day, probing);
        Thread killer = plan.faults().killServerAt() == null ? null : startKiller(server, t0);
        Thread partitioner = plan.faults().partitionAt() == null ? null : startPartitioner(t0);

        long deadline = t0 + plan.timeout().toNanos();
        double serverConvergedS = Double.NaN;
        long convergedPosition = -1;
        double[] doorConvergedS = new double[doors.size() + 1];
        java.util.Arrays.fill(doorConvergedS, Double.NaN);
        int doorsLeft = online.size();
        while (System.nanoTime() < deadline) {
            poll(watcher, server);
            if (convergedPosition < 0 && watcher.holdsAll(offlineOps)) {
                serverConvergedS = seconds(System.nanoTime() - t0);
                convergedPosition = watcher.position();
                if (server != null) {
                    convergeCpuCores = (cpuNow(server) - cpuBefore) / serverConvergedS;
                }
                say(String.format(java.util.Locale.ROOT, "the server holds all %d offline ops after %.2f s",
                        offlineOps.size(), serverConvergedS));
            }
            if (convergedPosition >= 0) {
                for (Door d : online) {
                    if (Double.isNaN(doorConvergedS[d.number()]) && d.lastSeq() >= convergedPosition) {
                        doorConvergedS[d.number()] = seconds(System.nanoTime() - t0);
                        doorsLeft--;
                    }
                }
            }
            boolean killDone = (killer == null || !killer.isAlive()) && (partitioner == null || !partitioner.isAlive());
            boolean lateDone = latePusher == null || !latePusher.isAlive();
            if (doorsLeft == 0 && killDone && lateDone) {
                break;
            }
            Thread.sleep(POLL_MILLIS);
        }
        probing.set(false);
        prober.join(10_000);
        for (Thread fault : java.util.Arrays.asList(killer, partitioner)) {
            if (fault != null) {
                fault.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
        if (latePusher != null) {
            latePusher.interrupt();
            latePusher.join(10_000);
        }
        // the probes were admitted during the storm: wait for the fleet to hold those too before counting
        Set<UUID> allOps = new HashSet<>();
        doors.forEach(d -> allOps.addAll(d.admitted()));
        boolean quiet = quiesce(watcher, server, online, allOps, deadline);
        double wallS = seconds(System.nanoTime() - t0);
        if (server != null) {
            server.usage().sample();
        }

        Set<UUID> lost = watcher.missing(allOps);
        figures(report, doors.size(), offlineOps.size(), offlineS, serverConvergedS, doorConvergedS, online, latency,
                lost, server,
                cpuBefore, wallS, watcher);
        int onlineDoors = online.size();
        if (late != null && !Double.isNaN(serverConvergedS)) {
            late.close();
            doors.remove(late);
            CatchUp.Result r = CatchUp.runChild(doorDir(late.number()), secret, eventId,
                    plan.workDir().resolve("catch-up.log"));
            report.add("catchup_ops_applied", r.opsApplied(), "ops");
            report.add("catchup_s", r.catchUpS(), "s");
            report.add("catchup_floor_s", r.floorS(), "s");
            report.add("catchup_floor_ratio", r.catchUpS() / r.floorS(), "x");
            if (r.pendingAfter() > 0) {
                report.fail("the catch-up door still had " + r.pendingAfter()
                        + " items in its outbox after catching up");
            }
        }
        verdict(report, quiet, lost, onlineDoors, latency);
        return report;
    }

    private record Probe(Door door, String ticket, UUID participantId) {
    }

    /** Probe attendees, interleaved door by door, so consecutive probes start at different doors. */
    private List<Probe> probes(List<Door> online, List<List<String>> tickets) {
        List<Probe> out = new ArrayList<>();
        for (int i = 0; i < plan.probesPerDoor(); i++) {
            for (Door d : online) {
                String t = tickets.get(d.number() - 1).get(plan.opsPerDoor() + i);
                out.add(new Probe(d, t, d.participantOf(t)));
            }
        }
        return out;
    }

    /** Every 100 ms the next door admits its next probe attendee, until the storm is over or the probes run out. */
    private Thread startProber(List<Probe> probes, FanoutLatency latency, LocalDate day, AtomicBoolean probing) {
        Thread t = new Thread(() -> {
            for (Probe p : probes) {
                if (!probing.get()) {
                    return;
                }
                latency.started(p.participantId(), p.door().number());
                p.door().admitOne(p.ticket(), day);
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rehearsal-prober");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The catch-up door sends its backlog with the others but never reads the feed. */
    private Thread startLatePusher(Door late) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted() && late.unsent() > 0) {
                late.kiosk().outbox().flushNow();
                if (late.unsent() > 0) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "rehearsal-late-door");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private Thread startKiller(ServerFleet server, long t0) {
        Thread t = new Thread(() -> {
            try {
                sleepUntil(t0 + plan.faults().killServerAt().toNanos());
                server.kill();
                say(String.format(java.util.Locale.ROOT, "server%s killed (SIGKILL) at %.2f s; starting it again",
                        server.instanceCount() > 1 ? " instance 1" : "", seconds(System.nanoTime() - t0)));
                server.serve();
                say(String.format(java.util.Locale.ROOT, "server serving again at %.2f s",
                        seconds(System.nanoTime() - t0)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                errors.add("restarting the server failed: " + e.getMessage());
            }
        }, "rehearsal-killer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Cuts the odd-numbered doors' links for a while, then heals them. */
    private Thread startPartitioner(long t0) {
        Thread t = new Thread(() -> {
            try {
                sleepUntil(t0 + plan.faults().partitionAt().toNanos());
                links.forEach((door, link) -> {
                    if (door % 2 == 1) {
                        link.cut();
                    }
                });
                say(String.format(java.util.Locale.ROOT, "odd-numbered doors cut off at %.2f s",
                        seconds(System.nanoTime() - t0)));
                sleepUntil(t0 + plan.faults().partitionAt().toNanos() + plan.faults().partitionFor().toNanos());
                links.values().forEach(LinkProxy::heal);
                say(String.format(java.util.Locale.ROOT, "links healed at %.2f s", seconds(System.nanoTime() - t0)));
            } catch (InterruptedException e) {
                links.values().forEach(LinkProxy::heal);
            }
        }, "rehearsal-partitioner");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** Reads the feed; a server that is down (killed, restarting) is simply not read this time. */
    private void poll(FeedWatcher watcher, ServerFleet server) {
        if (server != null) {
            server.usage().sample();
        }
        try {
            watcher.poll();
        } catch (SyncException e) {
            if (server == null || server.serving()) {
                errors.add("reading the server's feed failed: " + e.getMessage());
            }
        }
    }

    /** Until the server holds every op admitted and every door has read the whole feed and sent everything. */
    private boolean quiesce(FeedWatcher watcher, ServerFleet server, List<Door> online, Set<UUID> allOps, long deadline)
            throws InterruptedException {
        while (System.nanoTime() < deadline) {
            poll(watcher, server);
            long head = watcher.position();
            if (watcher.holdsAll(allOps) && online.stream().allMatch(d -> d.lastSeq() >= head && d.pending() == 0)) {
                return true;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return false;
    }

    private void figures(Report report, int doors, int offlineOps, double offlineS, double serverConvergedS,
                         double[] doorConvergedS,
                         List<Door> online, FanoutLatency latency, Set<UUID> lost, ServerFleet server, double cpuBefore,
                         double wallS,
                         FeedWatcher watcher) {
        report.add("doors", doors, "doors");
        report.add("ops_per_door", plan.opsPerDoor(), "ops");
        report.add("offline_ops", offlineOps, "ops");
        report.add("offline_admit_s", offlineS, "s");
        report.add("server_converge_s", serverConvergedS, "s");
        List<Double> doorTimes = new ArrayList<>();
        for (Door d : online) {
            doorTimes.add(doorConvergedS[d.number()]);
        }
        Collections.sort(doorTimes);
        long converged = doorTimes.stream().filter(v -> !Double.isNaN(v)).count();
        report.add("doors_converged", converged, "doors");
        report.add("doors_realtime_online", online.stream().filter(Door::realtimeOnline).count(), "doors");
        report.add("door_converge_p50_s", converged == 0 ? Double.NaN : doorTimes.get((int) (converged - 1) / 2), "s");
        report.add("doors_converge_s", converged < online.size() ? Double.NaN : doorTimes.get(doorTimes.size() - 1),
                "s");
        report.add("fanout_p50_ms", latency.quantileMs(0.50), "ms");
        report.add("fanout_p99_ms", latency.quantileMs(0.99), "ms");
        report.add("fanout_samples", latency.samples(), "samples");
        report.add("fanout_unseen", latency.unseen(online.size()), "samples");
        report.add("ops_server_holds", watcher.opCount(), "ops");
        report.add("ops_lost", lost.size(), "ops");
        int deadLetters = online.stream().mapToInt(Door::deadLetters).sum();
        report.add("dead_letters", deadLetters, "items");
        if (server != null) {
            double cpu = server.usage().cpuSeconds() - cpuBefore;
            report.add("server_instances", server.instanceCount(), "instances");
            report.add("server_kills", server.starts() - server.instanceCount(), "kills");
            report.add("server_cpu_s", cpu, "s");
            report.add("server_cpu_cores", cpu / wallS, "cores");
            // how much of the machine the server got while the doors pushed: they share its cores here
            report.add("server_cpu_cores_until_converged", convergeCpuCores, "cores");
            report.add("server_rss_peak_mb", server.usage().peakRssMb(), "MB");
        }
        online.forEach(d -> errors.addAll(d.errors()));
        report.add("errors", errors.size(), "errors");
        report.add("load_average_1m", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), "");
        report.add("cores", Runtime.getRuntime().availableProcessors(), "cores");
    }

    private void verdict(Report report, boolean quiet, Set<UUID> lost, int onlineDoors, FanoutLatency latency) {
        Plan.Targets t = plan.targets();
        if (!lost.isEmpty()) {
            report.fail(lost.size() + " admitted ops are not on the server");
        }
        double converge = report.value("server_converge_s");
        if (Double.isNaN(converge)) {
            report.fail("the server did not hold every op within " + plan.timeout().toSeconds() + " s");
        } else if (converge > t.serverConvergeS()) {
            report.fail("the server needed " + Report.format(converge) + " s to hold every op (target "
                    + Report.format(t.serverConvergeS()) + " s)");
        }
        if (report.value("doors_converged") < onlineDoors) {
            report.fail((onlineDoors - (int) report.value("doors_converged")) + " doors did not hold every op within "
                    + plan.timeout().toSeconds() + " s");
        }
        if (!quiet) {
            report.fail(
                    "the fleet did not settle (every op on the server, every door caught up and its outbox empty) in "
                    + "time");
        }
        double p99 = report.value("fanout_p99_ms");
        if (!Double.isNaN(p99) && p99 > t.fanoutP99Ms()) {
            report.fail("door-to-door p99 " + Report.format(p99) + " ms (target " + Report.format(t.fanoutP99Ms())
                    + " ms)");
        }
        if (latency.unseen(onlineDoors) > 0) {
            report.fail(latency.unseen(onlineDoors) + " probe check-ins never reached some door");
        }
        if (report.value("dead_letters") > 0) {
            report.fail((int) report.value("dead_letters") + " items were refused by the server (dead letters)");
        }
        if (!errors.isEmpty()) {
            report.fail(errors.size() + " errors, first: " + errors.get(0));
        }
        report.say(String.format(java.util.Locale.ROOT, "%d doors admitted %d people offline and reconnected at once.",
                (int) report.value("doors"), (int) report.value("offline_ops")));
        report.say("The server held every op after " + Report.format(converge) + " s; the last door caught up after "
                + Report.format(report.value("doors_converge_s")) + " s.");
        report.say("A check-in at one door showed at the others after " + Report.format(report.value("fanout_p50_ms"))
                + " ms (median), "
                + Report.format(p99) + " ms (p99), over " + latency.samples() + " door pairs.");
        report.say("Ops lost: " + lost.size() + ". Server CPU " + Report.format(report.value("server_cpu_s"))
                + " s, peak memory "
                + Report.format(report.value("server_rss_peak_mb")) + " MB. Load average "
                + Report.format(report.value("load_average_1m"))
                + " on " + Runtime.getRuntime().availableProcessors()
                + " cores (doors and server share this machine)"
                + (Double.isNaN(convergeCpuCores) ? "." : "; until it held every op the server used "
                + Report.format(convergeCpuCores) + " cores."));
    }

    private static double cpuNow(ServerFleet server) {
        server.usage().sample();
        return server.usage().cpuSeconds();
    }

    private final long startedNanos = System.nanoTime();
    /** The server's CPU from the reconnect until it held every offline op, per second of that time. */
    private double convergeCpuCores = Double.NaN;

    private void say(String line) {
        progress.printf(java.util.Locale.ROOT, "[%6.1f s] %s%n", seconds(System.nanoTime() - startedNanos), line);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static char[] randomSecret() {
        SecureRandom random = new SecureRandom();
        char[] out = new char[24];
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        IntStream.range(0, out.length).forEach(i -> out[i] = alphabet.charAt(random.nextInt(alphabet.length())));
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
