package dev.lanyard.kiosk.core.notices;

/** Told of each new conflict notice, once, after the change that raised it committed. */
@FunctionalInterface
public interface ConflictListener {
    void onNotice(ConflictNotice notice);
}
