package dev.lanyard.kiosk.ui.desk;

import dev.lanyard.kiosk.core.syncstatus.SyncStatus;
import dev.lanyard.kiosk.core.syncstatus.SyncStatusListener;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.core.sync.SyncStatusTracker;
import dev.lanyard.kiosk.ui.Formats;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The sync bar: online or offline, what is still owed to the server, when it last synced, an
 * alert after {@link SyncStatus#ALERT_AFTER_FAILURES} failures in a row, dead letters, and a
 * warning while this laptop's clock is off the server's by more than the drift it tolerates,
 * and, when the door talks to peer doors, how many are nearby and whether they are in step.
 */
public final class SyncBarViewModel {
    private final SyncStatusTracker tracker;
    private final Texts texts;
    private final UiExecutors executors;
    private final ZoneId zone;
    private final ReadOnlyBooleanWrapper online = new ReadOnlyBooleanWrapper(this, "online");
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "");
    private final ReadOnlyStringWrapper pendingText = new ReadOnlyStringWrapper(this, "pendingText", "");
    private final ReadOnlyStringWrapper lastSyncText = new ReadOnlyStringWrapper(this, "lastSyncText", "");
    private final ReadOnlyBooleanWrapper alert = new ReadOnlyBooleanWrapper(this, "alert");
    private final ReadOnlyStringWrapper alertText = new ReadOnlyStringWrapper(this, "alertText", "");
    private final ReadOnlyIntegerWrapper deadLetters = new ReadOnlyIntegerWrapper(this, "deadLetters");
    private final ReadOnlyStringWrapper deadLetterText = new ReadOnlyStringWrapper(this, "deadLetterText", "");
    private final ReadOnlyBooleanWrapper clockWarning = new ReadOnlyBooleanWrapper(this, "clockWarning");
    private final ReadOnlyStringWrapper clockWarningText = new ReadOnlyStringWrapper(this, "clockWarningText", "");
    private final ReadOnlyStringWrapper peersText = new ReadOnlyStringWrapper(this, "peersText", "");
    private final ObservableList<String> nearbyDoors = FXCollections.observableArrayList();
    private final SyncStatusListener listener = this::statusChanged;
    private final Supplier<PeerNode.Summary> peers;
    private PeerNode.Summary lastPeers;
    private SyncStatus lastStatus;

    public SyncBarViewModel(SyncStatusTracker tracker, Texts texts, UiExecutors executors, ZoneId zone) {
        this(tracker, texts, executors, zone, () -> null);
    }

    /**
     * @param peers the peer doors' summary, or null while this door does not talk to peers (read on the background
     * executor)
     */
    public SyncBarViewModel(SyncStatusTracker tracker, Texts texts, UiExecutors executors, ZoneId zone,
            Supplier<PeerNode.Summary> peers) {
        this.tracker = tracker;
        this.texts = texts;
        this.executors = executors;
        this.zone = zone;
        this.peers = peers;
    }

    public void start() {
        tracker.addListener(listener);
        executors.background().execute(() -> {
            tracker.refreshCounts();
            statusChanged(tracker.current());
        });
    }

    /**
     * Re-reads what is owed from the replica. Outbox rows also leave when the change feed confirms
     * them, which does not notify the tracker, so the desk calls this every few seconds.
     */
    public void refresh() {
        executors.background().execute(() -> {
            tracker.refreshCounts();
            PeerNode.Summary summary = peers.get();
            executors.ui().execute(() -> showPeers(summary));
        });
    }

    public void stop() {
        tracker.removeListener(listener);
    }

    private void statusChanged(SyncStatus status) {
        executors.ui().execute(() -> show(status));
    }

    /** Peer doors talking with this one (null: this door does not talk to peers). */
    void showPeers(PeerNode.Summary summary) {
        lastPeers = summary;
        List<String> doors = new ArrayList<>();
        if (summary != null) {
            summary.doors().stream().sorted(Comparator.comparing((PeerNode.Peer p) -> label(p)))
                    .forEach(p -> doors.add(texts.get("sync.peers.door", label(p),
                            Formats.seconds(Instant.ofEpochMilli(p.lastHeardMillis()), zone))));
        }
        nearbyDoors.setAll(doors);
        peersText.set(summary == null ? ""
                : texts.get("sync.peers", summary.doorsNearby(),
                texts.get(summary.inStep() ? "sync.peers.inStep" : "sync.peers.catchingUp")));
        if (lastStatus != null) {
            show(lastStatus);
        }
    }

    private static String label(PeerNode.Peer door) {
        return door.name() == null || door.name().isBlank() ? door.deviceId() : door.name();
    }

    void show(SyncStatus s) {
        lastStatus = s;
        online.set(s.online());
        // with doors nearby, offline is no longer "alone": say only what is true of the server
        stateText.set(texts.get(s.online() ? "sync.online" : lastPeers != null ? "sync.offline.peers"
                : "sync.offline"));
        pendingText.set(s.pendingOps() == 0 && s.pendingItems() == 0 ? texts.get("sync.pending.none")
                : texts.get("sync.pending", s.pendingOps(), s.pendingItems()));
        lastSyncText.set(s.lastSyncAt() == null ? texts.get("sync.never")
                : texts.get("sync.last", Formats.seconds(s.lastSyncAt(), zone)));
        alert.set(s.alert());
        alertText.set(s.alert() ? texts.get("sync.alert", s.consecutiveFailures(), s.lastError() == null ? ""
                : s.lastError()) : "");
        deadLetters.set(s.deadLetters());
        deadLetterText.set(s.deadLetters() == 0 ? "" : texts.get("sync.deadLetters", s.deadLetters()));
        clockWarning.set(s.clockOff());
        clockWarningText.set(s.clockOff()
                ? texts.get(s.clockOffsetMs() < 0 ? "sync.clock.ahead" : "sync.clock.behind",
                howFar(Math.abs(s.clockOffsetMs())))
                : "");
    }

    /**
     * Minutes under an hour, hours and minutes under a day, then days and hours: a year off stays readable. Rounded
     * to the minute: the offset is known to half a round trip, and a year measured a few ms short is still a year.
     */
    private String howFar(long millis) {
        long minutes = (millis + 30_000) / 60_000;
        if (minutes < 60) {
            return texts.get("sync.clock.minutes", minutes);
        }
        if (minutes < 24 * 60) {
            return texts.get("sync.clock.hoursMinutes", minutes / 60, minutes % 60);
        }
        return texts.get("sync.clock.daysHours", minutes / (24 * 60), minutes / 60 % 24);
    }

    public ReadOnlyBooleanProperty onlineProperty() {
        return online.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** "· 3 doors nearby · in step", or empty while this door does not talk to peers. */
    public ReadOnlyStringProperty peersTextProperty() {
        return peersText.getReadOnlyProperty();
    }

    /** The doors nearby, by name, each with when it was last heard from: what the sync bar's door list shows. */
    public ObservableList<String> nearbyDoors() {
        return FXCollections.unmodifiableObservableList(nearbyDoors);
    }

    public ReadOnlyStringProperty pendingTextProperty() {
        return pendingText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastSyncTextProperty() {
        return lastSyncText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty alertProperty() {
        return alert.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty alertTextProperty() {
        return alertText.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty deadLettersProperty() {
        return deadLetters.getReadOnlyProperty();
    }

    /** The laptop's clock is further off the server's than the server lets a stamp be. */
    public ReadOnlyBooleanProperty clockWarningProperty() {
        return clockWarning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty clockWarningTextProperty() {
        return clockWarningText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty deadLetterTextProperty() {
        return deadLetterText.getReadOnlyProperty();
    }
}
