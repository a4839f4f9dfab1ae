package dev.lanyard.kiosk.core;

import dev.lanyard.kiosk.core.attempts.AttemptLimiter;
import dev.lanyard.kiosk.core.bootstrap.BootstrapListener;
import dev.lanyard.kiosk.core.checkin.CheckInService;
import dev.lanyard.kiosk.core.checkin.WalkInService;
import dev.lanyard.kiosk.core.clock.ClockOffset;
import dev.lanyard.kiosk.core.clock.DeviceClock;
import dev.lanyard.kiosk.core.device.DeviceIdentity;
import dev.lanyard.kiosk.core.device.RemoteWipe;
import dev.lanyard.kiosk.core.drawing.PrizeDrawingService;
import dev.lanyard.kiosk.core.edit.ParticipantEditService;
import dev.lanyard.kiosk.core.events.ReplicaEvents;
import dev.lanyard.kiosk.core.notices.ConflictNotices;
import dev.lanyard.kiosk.core.peer.PeerCredentials;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.core.peer.PeerReplica;
import dev.lanyard.kiosk.core.peer.PeerTrust;
import dev.lanyard.kiosk.core.printing.PrintService;
import dev.lanyard.kiosk.core.printing.ReplicaPrintJobStore;
import dev.lanyard.kiosk.core.reads.ParticipantReads;
import dev.lanyard.kiosk.core.reads.ReplicaCounts;
import dev.lanyard.kiosk.core.report.CheckInReport;
import dev.lanyard.kiosk.core.search.SearchService;
import dev.lanyard.kiosk.core.scan.ScannerProfile;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.DataFolder;
import dev.lanyard.kiosk.core.store.DeadLetterStore;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.NoticeStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.ReplicaAttemptStore;
import dev.lanyard.kiosk.core.store.ReplicaWriters;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.core.store.UnreadChangeStore;
import dev.lanyard.kiosk.core.sync.CertificatePin;
import dev.lanyard.kiosk.core.sync.ChangeApplier;
import dev.lanyard.kiosk.core.sync.FeedPuller;
import dev.lanyard.kiosk.core.sync.LiveCheckIns;
import dev.lanyard.kiosk.core.sync.OutboxPendingCount;
import dev.lanyard.kiosk.core.sync.OutboxSender;
import dev.lanyard.kiosk.core.sync.PairingService;
import dev.lanyard.kiosk.core.sync.RealtimeClient;
import dev.lanyard.kiosk.core.sync.ServerApi;
import dev.lanyard.kiosk.core.sync.ServerClock;
import dev.lanyard.kiosk.core.sync.SyncEngine;
import dev.lanyard.kiosk.core.sync.SyncException;
import dev.lanyard.kiosk.core.sync.SyncStatusTracker;
import dev.lanyard.kiosk.core.sync.ThrottledRecount;
import dev.lanyard.kiosk.core.settings.DoorSettings;
import dev.lanyard.kiosk.core.syncstatus.SyncStatus;
import dev.lanyard.model.Event;
import dev.lanyard.print.queue.RetryPolicy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One kiosk: its data folder opened, and every core service wired to it. The UI and the CLI
 * both start here. Before pairing only {@link #pair} (and {@link #status}) work; after it the
 * door services and sync are available.
 *
 * <p>Threads: door operations run on one "door" thread, realtime sync on one "sync" thread,
 * the outbox on one "outbox" thread. Listeners are called on those threads.
 */
public final class Kiosk implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Kiosk.class);
    private final KioskOptions options;
    private final Replica replica;
    private final ReplicaEvents events = new ReplicaEvents();
    private final ConflictNotices notices;
    private final SyncStatusTracker status;
    private final ScannerProfile scanner;
    private final ParticipantReads reads;
    private final CheckInReport report;
    private final DoorSettings settings;
    /** How long closing waits for each thread's work before it goes on (it never interrupts one). */
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(5);
    /** Its transactions go before the sync's waiting with them (ADR 0348). */
    private final ExecutorService door = Executors.newSingleThreadExecutor(Replica.deskThreads("lanyard-door"));
    private final ScheduledExecutorService syncThread = Executors.newSingleThreadScheduledExecutor(
            daemon("lanyard-sync"));
    private final ScheduledExecutorService outboxThread =
            Executors.newSingleThreadScheduledExecutor(daemon("lanyard-outbox"));
    /** The live socket's (ADR 0236): fresh scans are applied here while the sync thread may apply a long backlog. */
    private final ScheduledExecutorService liveThread =
            Executors.newSingleThreadScheduledExecutor(daemon("lanyard-live"));
    /** Sends fresh scans while the outbox thread waits for a backlog push's answer (ADR 0236). */
    private final ExecutorService freshThread = Executors.newSingleThreadExecutor(daemon("lanyard-fresh"));
    private volatile Wired wired;
    private static final String WIPE_THREAD = "lanyard-wipe";
    /** The sync bar's counts after the feed confirmed this door's items: at most this often (ADR 0349). */
    private static final Duration RECOUNT_GAP = Duration.ofMillis(250);
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CountDownLatch shutDown = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean wipeStarted =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CompletableFuture<RemoteWipe.Erased> erased =
            new java.util.concurrent.CompletableFuture<>();
    private volatile PeerNode peers;

    /** The services that exist once the kiosk knows who it is. */
    private record Wired(DeviceIdentity identity, DeviceClock clock, CheckInService checkIns, SearchService search,
                         WalkInService walkIns,
                         ParticipantEditService edits, PrizeDrawingService drawings, SyncEngine sync,
                         OutboxSender outbox,
                         ServerApi api, ChangeApplier applier) {
    }

    private Kiosk(KioskOptions options, Replica replica) {
        this.options = options;
        this.replica = replica;
        this.notices = new ConflictNotices(replica);
        this.status = new SyncStatusTracker(replica, options.clock());
        this.scanner = new ScannerProfile(replica);
        this.reads = new ParticipantReads(replica);
        this.report = new CheckInReport(replica);
        this.settings = new DoorSettings(replica);
        replica.write(DeviceIdentity::load).ifPresent(this::wire);
    }

    /**
     * Opens (creating if needed) the kiosk in {@code options.dataDir()}. The unlock secret is
     * wiped from the options' array once the key is derived.
     *
     * @throws dev.lanyard.kiosk.core.unlock.UnlockException on a wrong or missing secret
     */
    public static Kiosk open(KioskOptions options, boolean create) {
        try {
            // a wipe cut short by a crash is finished before anything opens what is left (ADR 0315)
            if (RemoteWipe.finishIfStarted(options.dataDir()) && create) {
                RemoteWipe.forget(options.dataDir());
            }
            Replica replica = Replica.open(DataFolder.at(options.dataDir()), options.unlockSecret(), create);
            return new Kiosk(options, replica);
        } finally {
            if (options.unlockSecret() != null) {
                Arrays.fill(options.unlockSecret(), '\0');
            }
        }
    }

    /** Whether {@code dataDir} holds a kiosk already (else opening it means creating one). */
    public static boolean exists(Path dataDir) {
        return DataFolder.at(dataDir).exists();
    }

    /** The door's scanner as calibration found it (keyboard layout, terminator). */
    public ScannerProfile scanner() {
        return scanner;
    }

    public boolean paired() {
        return wired != null;
    }

    /** Pairs with a server (see {@link PairingService}) and wires the services. Does not start sync. */
    public PairingService.Paired pair(String serverUrl, String code, String deviceName, String certSha256) throws
            SyncException {
        PairingService.Paired paired = new PairingService(replica).pair(serverUrl, code, deviceName, certSha256);
        wire(paired.identity());
        return paired;
    }

    public PairingService.Paired pairFromPayload(String payloadJson, String deviceName) throws SyncException {
        PairingService.Paired paired = new PairingService(replica).pairFromPayload(payloadJson, deviceName);
        wire(paired.identity());
        return paired;
    }

    private synchronized void wire(DeviceIdentity identity) {
        ClockOffset offset = replica.write(ClockOffset::restore);
        DeviceClock clock = replica.write(tx -> DeviceClock.restore(tx, identity.deviceId(),
                offset.corrected(options.clock())));
        CertificatePin pin = identity.certSha256() == null ? null : CertificatePin.of(identity.certSha256());
        ServerApi api = new ServerApi(ServerApi.client(pin), identity.serverUrl(), identity::token, options.clock(),
                new ServerClock(offset, clock, replica, status, outboxThread), this::revoked,
                new OutboxPendingCount(status, options.clock(), OutboxPendingCount.MAX_AGE));
        OutboxSender outbox = new OutboxSender(replica, api, outboxThread, options.outboxBackoff(), options.clock(),
                status,
                identity.deviceId(), options.outboxBatchSize(), clock, offset, notices);
        outbox.useFreshLane(freshThread);
        // what a door makes goes to the server and, once peers run, to a few peer doors at once
        Runnable wake = () -> {
            outbox.wake();
            PeerNode node = peers;
            if (node != null) {
                node.wake();
            }
        };
        CheckInService checkIns = new CheckInService(replica, clock, options.clock(), door, wake, events);
        checkIns.useScanner(scanner);
        SearchService search = new SearchService(replica, options.clock(), door);
        events.add(search);
        search.loadAll();
        WalkInService walkIns = new WalkInService(replica, clock, options.clock(), door, wake, events, checkIns);
        ParticipantEditService edits = new ParticipantEditService(replica, clock, options.clock(), door, wake, events);
        PrizeDrawingService drawings = new PrizeDrawingService(replica, clock, options.clock(), door, wake,
                new SecureRandom());
        ChangeApplier applier = new ChangeApplier(replica, clock, options.clock(), events, notices, wake,
                new ThrottledRecount(status::refreshCounts, syncThread, RECOUNT_GAP));
        FeedPuller puller = new FeedPuller(replica, api, applier, status, options.pullPageSize(), identity.deviceId(),
                options.clock(), wake);
        SyncEngine sync = new SyncEngine(replica, applier, puller, outbox, status, syncThread,
                options.pullWhileOffline());
        sync.attach(new RealtimeClient(RealtimeClient.uriFor(identity.serverUrl()), identity::token, sync::positions,
                sync, syncThread,
                options.reconnectBackoff(), pin, options.heartbeatTimeout(), options.clock(), this::revoked));
        sync.attachLive(new RealtimeClient(RealtimeClient.uriFor(identity.serverUrl()), identity::token,
                sync::positions, new LiveCheckIns(applier, identity.deviceId()), liveThread, options.reconnectBackoff(),
                pin, options.heartbeatTimeout(), options.clock(), this::revoked).live());
        wired = new Wired(identity, clock, checkIns, search, walkIns, edits, drawings, sync, outbox, api, applier);
    }

    private Wired wired() {
        Wired w = wired;
        if (w == null) {
            throw new IllegalStateException("this kiosk is not paired yet");
        }
        return w;
    }

    public DeviceIdentity identity() {
        return wired().identity();
    }

    public CheckInService checkIns() {
        return wired().checkIns();
    }

    public SearchService search() {
        return wired().search();
    }

    public WalkInService walkIns() {
        return wired().walkIns();
    }

    public ParticipantEditService edits() {
        return wired().edits();
    }

    public PrizeDrawingService drawings() {
        return wired().drawings();
    }

    public SyncEngine sync() {
        return wired().sync();
    }

    public OutboxSender outbox() {
        return wired().outbox();
    }

    public DeviceClock clock() {
        return wired().clock();
    }

    public ConflictNotices notices() {
        return notices;
    }

    public SyncStatusTracker syncStatus() {
        return status;
    }

    public ReplicaEvents replicaEvents() {
        return events;
    }

    /**
     * The replica itself, for the core's own wiring and tests in this package only: front ends
     * go through the services (ADR 0320).
     */
    Replica replica() {
        return replica;
    }

    /** Reads of participants and their check-ins, for screens. */
    public ParticipantReads reads() {
        return reads;
    }

    /** How much the replica holds and has still to send (for harnesses watching doors). */
    public ReplicaCounts counts() {
        return new ReplicaCounts(replica);
    }

    /** The organizer's figures and the check-in export. */
    public CheckInReport report() {
        return report;
    }

    /** A front end's named preferences, kept in the replica. */
    public DoorSettings settings() {
        return settings;
    }

    /**
     * Badge printing whose jobs are kept in the replica (ADR 0402). The caller owns it and
     * closes it before the kiosk.
     */
    public PrintService openPrinting(Clock clock, RetryPolicy retry) {
        return new PrintService(new ReplicaPrintJobStore(replica), clock, retry);
    }

    /** Failed attempts at the staff PIN that leaves self-service, kept in the replica so a restart keeps counting. */
    public AttemptLimiter.Store selfServiceExitAttempts() {
        return new ReplicaAttemptStore(replica, ReplicaAttemptStore.SELF_SERVICE_EXIT);
    }

    /** Starts realtime sync and the outbox (the app does; the CLI syncs on demand instead). */
    public void startSync() {
        wired().sync().start();
    }

    /**
     * Starts talking to the other doors of the active event (ADR 0316, 0317): listens, dials
     * the static peers, exchanges and pushes items. The door's peer key is made on the first
     * call and registered with the server whenever it answers.
     */
    public synchronized PeerNode startPeers(PeerNode.Options peerOptions) throws java.io.IOException {
        Wired w = wired();
        if (peers != null) {
            return peers;
        }
        UUID eventId = activeEvent().orElseThrow(() -> new
                IllegalStateException("this kiosk is not paired to any event"));
        PeerTrust trust = new PeerTrust(replica, eventId);
        PeerNode node = new PeerNode(new PeerReplica(replica, eventId, w.applier(), w.outbox()::wake, trust::lists),
                PeerCredentials.loadOrCreate(replica, w.identity().deviceId()), trust,
                w.api(), options.clock(),
                peerOptions);
        node.start();
        peers = node;
        return node;
    }

    public Optional<PeerNode> peers() {
        return Optional.ofNullable(peers);
    }

    /** Bootstraps every paired event that has not finished one, then rebuilds its search index. */
    public void bootstrap(BootstrapListener listener) throws SyncException {
        Wired w = wired();
        for (Event event : events()) {
            if (!replica.write(tx -> EventStore.bootstrapped(tx, event.id()))) {
                w.sync().bootstrap(event.id(), listener);
            }
        }
        w.search().awaitIndexed();
    }

    public List<Event> events() {
        return replica.write(EventStore::all);
    }

    /** The event the door checks in for: the one chosen, else the first paired. */
    public Optional<UUID> activeEvent() {
        return replica.write(tx -> Settings.get(tx, Settings.ACTIVE_EVENT).map(UUID::fromString)
                .or(() -> EventStore.all(tx).stream().findFirst().map(Event::id)));
    }

    public void setActiveEvent(UUID eventId) {
        replica.write(tx -> {
            EventStore.find(tx, eventId).orElseThrow(() -> new
                    IllegalArgumentException("this kiosk is not paired to event " + eventId));
            Settings.put(tx, Settings.ACTIVE_EVENT, eventId.toString());
            return null;
        });
    }

    /** Puts a dead letter back into the outbox after the cause was fixed on the server. */
    public boolean requeueDeadLetter(long id) {
        boolean done = replica.write(tx -> DeadLetterStore.requeue(tx, id, options.clock().millis()));
        if (done && wired != null) {
            wired.outbox().wake();
        }
        status.refreshCounts();
        return done;
    }

    public List<DeadLetterStore.DeadLetter> deadLetters() {
        return replica.write(DeadLetterStore::all);
    }

    /** @param probeServer when sync is not running, ask the server's health check whether it is reachable */
    public KioskStatus status(boolean probeServer) {
        Wired w = wired;
        status.refreshCounts();
        SyncStatus sync = status.current();
        boolean online = sync.online() || probeServer && w != null && w.api().healthy();
        return replica.write(tx -> {
            Map<UUID, Long> seqs = new LinkedHashMap<>();
            long unread = 0;
            for (var e : EventStore.all(tx)) {
                seqs.put(e.id(), EventStore.lastSeq(tx, e.id()));
                unread += UnreadChangeStore.entries(tx, e.id());
            }
            return new KioskStatus(w == null ? null : w.identity().deviceId(), w == null ? null
                    : w.identity().serverUrl(),
                    Settings.get(tx, Settings.ACTIVE_EVENT).map(UUID::fromString).orElse(null), online,
                    OutboxStore.count(tx),
                    OutboxStore.count(tx, OutboxStore.Kind.OP), DeadLetterStore.count(tx), seqs,
                    ParticipantStore.countAll(tx),
                    NoticeStore.open(tx).size(), unread, sync);
        });
    }

    /**
     * How many participant-days are checked in on {@code day}: a scan of the state table under the writer lock
     * (ADR 0327). The desk's counter reads the search's memory instead ({@code DeskCounters}).
     */
    public int checkedInCount(UUID eventId, java.time.LocalDate day) {
        return replica.write(tx -> CheckInLog.checkedInCount(tx, eventId, day));
    }

    /**
     * The server said the host revoked this device: erase the replica (ADR 0315), once, on a
     * thread of its own (this is called on a sync thread, which the wipe stops).
     */
    private void revoked(String serverMessage) {
        if (!wipeStarted.compareAndSet(false, true)) {
            return;
        }
        int unsynced;
        try {
            unsynced = replica.write(OutboxStore::count);
        } catch (RuntimeException e) {
            unsynced = -1; // closed meanwhile: the count is unknown, the wipe still happens
        }
        int lost = unsynced;
        LOG.warn("the host revoked this kiosk ({}); erasing its data in {} with {} unsynced items", serverMessage,
                options.dataDir(), lost);
        Thread wipe = new Thread(() -> {
            try {
                shutDownOnce();
                erased.complete(RemoteWipe.erase(options.dataDir(), serverMessage, lost, options.clock().instant()));
            } catch (RuntimeException | Error e) {
                LOG.error("erasing the revoked kiosk's data in {} failed", options.dataDir(), e);
                erased.completeExceptionally(e);
            }
        }, WIPE_THREAD);
        wipe.start();
    }

    /**
     * True once the server said the host revoked this device: the kiosk is being (or has been)
     * erased, and calls in flight may fail on the closed replica.
     */
    public boolean revoked() {
        return wipeStarted.get();
    }

    /**
     * Completes when the host revoked this device and its data folder was erased (the kiosk is
     * then closed); never completes otherwise.
     */
    public java.util.concurrent.CompletableFuture<RemoteWipe.Erased> erased() {
        return erased;
    }

    /**
     * Closes the kiosk; if the host's revocation started a wipe, returns once the data is erased (or a minute passed).
     */
    @Override
    public void close() {
        shutDownOnce();
        if (wipeStarted.get() && !Thread.currentThread().getName().equals(WIPE_THREAD)) {
            try {
                erased.get(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("the wipe of {} did not finish: {}", options.dataDir(), e.toString());
            }
        }
    }

    /** Stops everything and closes the replica, once; a second caller waits until the first has finished. */
    private void shutDownOnce() {
        if (!closed.compareAndSet(false, true)) {
            try {
                shutDown.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            PeerNode node = peers;
            if (node != null) {
                node.close();
            }
            Wired w = wired;
            if (w != null) {
                w.sync().stop();
                w.search().close();
            }
            shutdown(syncThread);
            shutdown(liveThread);
            shutdown(freshThread);
            shutdown(outboxThread);
            shutdown(door);
            replica.close();
        } finally {
            shutDown.countDown();
        }
    }

    private static void shutdown(ExecutorService executor) {
        ReplicaWriters.stop(executor, STOP_WAIT);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
