package dev.lanyard.kiosk.ui.scan;

import dev.lanyard.kiosk.core.scan.ScanReadings;
import dev.lanyard.model.TicketCodes;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.Duration;

/**
 * Keeps a scanner's burst out of a form's text fields: a ticket code typed at scanner speed into a walk-in's name (the
 * next attendee scanning while staff type) is taken out again, the field put back as it was (its text and selection;
 * a person's keys typed in the same instant stay), the scanner's Enter or Tab swallowed, and the code handed to
 * {@code onScan} to say so. Typed text, however fast, that is no ticket code in any of the desk's readings
 * ({@link ScanReadings}) is left alone.
 */
public final class ScanGuard {
    private final TextField field;
    private final Consumer<String> onScan;
    private final ScanBurst burst = ScanBurst.standard();
    private final PauseTransition quiet;

    private ScanGuard(TextField field, Consumer<String> onScan) {
        this.field = field;
        this.onScan = onScan;
        this.quiet = new PauseTransition(Duration.millis(burst.quietMillis()));
        quiet.setOnFinished(e -> {
            if (burst.quietAt(KeyClock.nowMillis())) {
                takeOut();
            }
        });
        field.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (!e.getCharacter().isEmpty() && e.getCharacter().charAt(0) >= ' ') {
                burst.keyTyped(KeyClock.nowMillis(), text(), field.getAnchor(), field.getCaretPosition());
                quiet.playFromStart();
            }
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.TAB) && takeOut()) {
                e.consume();
            }
        });
    }

    /** Guards each of {@code fields}; {@code onScan} hears the code of a burst taken out of one. */
    public static void attach(Consumer<String> onScan, TextField... fields) {
        for (TextField f : fields) {
            new ScanGuard(f, onScan);
        }
    }

    private String text() {
        return field.getText() == null ? "" : field.getText();
    }

    private boolean takeOut() {
        quiet.stop();
        Optional<ScanBurst.Found> found = burst.find(text(), ScanGuard::isTicketCode);
        if (found.isEmpty()) {
            return false;
        }
        ScanBurst.Found scan = found.get();
        if (scan.whole()) {
            field.setText(burst.textBefore());
            field.selectRange(burst.anchorBefore(), burst.caretBefore());
        } else {
            // a person's key landed in the run and replaced any selection: it stays, the code goes
            field.setText(scan.text());
            field.positionCaret(scan.caret());
        }
        burst.reset();
        onScan.accept(scan.code());
        return true;
    }

    static boolean isTicketCode(String typed) {
        return ScanReadings.of(typed.strip(), null).stream().anyMatch(TicketCodes::isValid);
    }
}
