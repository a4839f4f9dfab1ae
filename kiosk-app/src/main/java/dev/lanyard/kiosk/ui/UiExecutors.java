package dev.lanyard.kiosk.ui;

import java.util.concurrent.Executor;

/**
 * Where ViewModels do their work: {@code background} for anything that touches the replica,
 * the network or the printer, {@code ui} for updating their properties (Platform::runLater in
 * the app, a direct executor in ViewModel tests so they run without a JavaFX toolkit).
 */
public record UiExecutors(Executor background, Executor ui) {
    public static UiExecutors direct() {
        Executor direct = Runnable::run;
        return new UiExecutors(direct, direct);
    }
}
