package dev.lanyard.rehearsal;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.events.ReplicaListener;
import dev.lanyard.kiosk.core.sync.SyncException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One simulated door: a real {@link Kiosk} (its encrypted H2 replica in its own folder, its
 * outbox, {@code OutboxSender}, {@code SyncEngine}, realtime client and check-in service, with
 * a venue laptop's default timings). Only the window and the printer are missing. It records
 * the id of every op it admitted, so the rehearsal can look for each one on the server.
 */
final class Door implements AutoCloseable {
    private final int number;
    private final Kiosk kiosk;
    private final UUID eventId;
    private final Set<UUID> admitted = ConcurrentHashMap.newKeySet();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    private Door(int number, Kiosk kiosk, UUID eventId) {
        this.number = number;
        this.kiosk = kiosk;
        this.eventId = eventId;
    }

    /**
     * Opens a new replica in {@code dir} and pairs it with the server at {@code url}. Doors pair one
     * after the other, as staff would: the server holds parallel pairings from one address to its
     * guessing limit.
     */
    static Door pair(int number, Path dir, char[] secret, String url, String code, String certSha256, UUID eventId)
            throws SyncException {
        return pair(number, KioskOptions.defaults(dir, secret.clone()), url, code, certSha256, eventId);
    }

    /** As above with the kiosk's options given (a test that must see changes arrive by realtime alone pulls never). */
    static Door pair(int number, KioskOptions options, String url, String code, String certSha256, UUID eventId)
            throws SyncException {
        Kiosk kiosk = Kiosk.open(options, true);
        try {
            kiosk.pair(url, code, "Rehearsal door " + number, certSha256);
            kiosk.setActiveEvent(eventId);
            return new Door(number, kiosk, eventId);
        } catch (SyncException | RuntimeException e) {
            kiosk.close();
            throw e;
        }
    }

    /** Loads the event's attendees, as a newly paired laptop does before its first scan. */
    void bootstrap() throws SyncException {
        kiosk.bootstrap(progress -> { });
    }

    /** A door of an existing data folder (a later process catching up). */
    static Door open(int number, Path dir, char[] secret, UUID eventId) {
        return new Door(number, Kiosk.open(KioskOptions.defaults(dir, secret.clone()), false), eventId);
    }

    int number() {
        return number;
    }

    Kiosk kiosk() {
        return kiosk;
    }

    /** Scans these tickets one after the other, as staff would; the answers come after each commit. */
    List<ScanResult> admit(List<String> tickets, LocalDate day) {
        List<CompletableFuture<ScanResult>> scans = new ArrayList<>(tickets.size());
        for (String ticket : tickets) {
            scans.add(kiosk.checkIns().scan(eventId, ticket, day));
        }
        List<ScanResult> results = new ArrayList<>(tickets.size());
        for (CompletableFuture<ScanResult> scan : scans) {
            results.add(record(scan.join()));
        }
        return results;
    }

    CompletableFuture<ScanResult> admitOne(String ticket, LocalDate day) {
        return kiosk.checkIns().scan(eventId, ticket, day).thenApply(this::record);
    }

    private ScanResult record(ScanResult result) {
        if (result.opId() != null) {
            admitted.add(result.opId());
        }
        if (!result.admitted()) {
            errors.add("door " + number + ": ticket " + result.ticketCode() + " was not admitted: "
                    + result.outcome().wire());
        }
        return result;
    }

    Set<UUID> admitted() {
        return admitted;
    }

    void listen(ReplicaListener listener) {
        kiosk.replicaEvents().add(listener);
    }

    /** Back online: the realtime socket, the outbox and the pulls start, as when a laptop's Wi-Fi returns. */
    void goOnline() {
        kiosk.startSync();
    }

    long lastSeq() {
        return kiosk.counts().lastSeq(eventId);
    }

    boolean holds(UUID opId) {
        return kiosk.counts().holdsOp(opId);
    }

    int opsHeld() {
        return kiosk.counts().opsHeld();
    }

    int pending() {
        return kiosk.counts().pending();
    }

    /** Items the server has not acknowledged yet (acknowledged ones wait for the feed to show them). */
    int unsent() {
        return kiosk.counts().unsent();
    }

    UUID participantOf(String ticket) {
        return kiosk.reads().byTicket(eventId, ticket).orElseThrow().id();
    }

    /** Whether its realtime socket is up now (changes arrive pushed, not pulled every 20 s). */
    boolean realtimeOnline() {
        return kiosk.syncStatus().current().online();
    }

    int deadLetters() {
        return kiosk.deadLetters().size();
    }

    List<String> errors() {
        return errors;
    }

    @Override
    public void close() {
        kiosk.close();
    }
}
