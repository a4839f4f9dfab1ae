package dev.lanyard.kiosk.core.bootstrap;

/** Told after every page a bootstrap applies, and once more when it finished. */
@FunctionalInterface
public interface BootstrapListener {
    void onProgress(BootstrapProgress progress);
}
