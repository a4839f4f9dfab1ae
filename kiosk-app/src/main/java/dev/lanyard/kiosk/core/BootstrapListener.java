package dev.lanyard.kiosk.core;

/** Told after every page a bootstrap applies, and once more when it finished. */
@FunctionalInterface
public interface BootstrapListener {
    void onProgress(BootstrapProgress progress);
}
