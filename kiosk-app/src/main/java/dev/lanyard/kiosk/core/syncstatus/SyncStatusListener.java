package dev.lanyard.kiosk.core.syncstatus;

/** Told of every change of the sync status, on the thread that changed it. */
@FunctionalInterface
public interface SyncStatusListener {
    void onStatus(SyncStatus status);
}
