package dev.lanyard.kiosk.ui;

import dev.lanyard.kiosk.core.checkin.ScanResult;
import java.util.UUID;

/** Where a View can send staff next. The app implements it; ViewModels never see it. */
public interface Navigation {
    void desk();

    /** Back to the desk, showing a result made elsewhere (a walk-in's admission). */
    void desk(ScanResult result);

    /** As {@link #desk(ScanResult)} ({@code result} may be null), with a note for staff under it. */
    void desk(ScanResult result, String note);

    void detail(UUID participantId);

    void walkIn();

    void selfService();

    void printer();

    void drawing();

    void dashboard();

    void settings();

    void eventPicker();
}
