package dev.lanyard.kiosk.ui.scan;

import dev.lanyard.kiosk.core.scan.ScanTerminator;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.input.KeyEvent;
import javafx.util.Duration;

/**
 * Makes a text field take HID scanner input: Enter or Tab ends a scan, and so does silence
 * after a scanner-fast burst ({@link ScanTiming}) for scanners that send no terminator. The
 * field is cleared after each scan.
 */
public final class ScanField {
    /**
     * Above any ticket code (128 characters) or name (200); a scanner stuck on a key, or one that never ends its code,
     * stops here instead of growing the field, and the search run on every key with it, for ever.
     */
    public static final int MAX_CHARS = 256;
    private final TextField field;
    private final BiConsumer<String, ScanTerminator> onScan;
    private final ScanTiming timing;
    private final PauseTransition quiet;

    private ScanField(TextField field, ScanTiming timing, BiConsumer<String, ScanTerminator> onScan) {
        this.field = field;
        this.onScan = onScan;
        this.timing = timing;
        this.quiet = new PauseTransition(Duration.millis(timing.quietMillis()));
        field.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().length() <= MAX_CHARS ? change : null));
        quiet.setOnFinished(e -> {
            if (timing.scanEnded(KeyClock.nowMillis())) {
                submit(ScanTerminator.NONE);
            }
        });
        field.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (!e.getCharacter().isEmpty() && e.getCharacter().charAt(0) >= ' ') {
                boolean empty = field.getText().isEmpty() || field.getSelection().getLength()
                        == field.getText().length();
                timing.keyTyped(KeyClock.nowMillis(), empty);
                quiet.playFromStart();
            }
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case ENTER -> {
                    e.consume();
                    submit(ScanTerminator.ENTER);
                }
                case TAB -> {
                    e.consume();
                    submit(ScanTerminator.TAB);
                }
                default -> { }
            }
        });
    }

    public static ScanField attach(TextField field, Consumer<String> onScan) {
        return new ScanField(field, ScanTiming.standard(), (text, ending) -> onScan.accept(text));
    }

    /** Like {@link #attach}, also telling how the scan ended (scanner calibration wants to know). */
    public static ScanField attachWithEnding(TextField field, BiConsumer<String, ScanTerminator> onScan) {
        return new ScanField(field, ScanTiming.standard(), onScan);
    }

    /** Submits what is in the field now, as if Enter ended it. */
    public void submit() {
        submit(ScanTerminator.ENTER);
    }

    private void submit(ScanTerminator ending) {
        quiet.stop();
        String text = field.getText();
        field.clear();
        timing.reset();
        if (text != null && !text.isBlank()) {
            onScan.accept(text, ending);
        }
    }

    /**
     * A key typed while another control had the focus (the search results): the field takes the focus and starts over
     * with it, as the first key of a scan, so the rest of the scan and its Enter arrive here.
     */
    public void startWith(String typed) {
        field.requestFocus();
        field.setText(typed);
        field.positionCaret(typed.length());
        timing.keyTyped(KeyClock.nowMillis(), true);
        quiet.playFromStart();
    }

    /** Clears the field without submitting. */
    public void clear() {
        quiet.stop();
        field.clear();
        timing.reset();
    }

    public void stop() {
        quiet.stop();
    }
}
