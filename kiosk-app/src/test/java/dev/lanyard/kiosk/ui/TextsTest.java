package dev.lanyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.ScanOutcome;
import dev.lanyard.print.driver.PrinterProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages are complete: every text the screens ask for exists in English and in Korean. */
class TextsTest {
    static final Path MAIN = Path.of("src/main");

    static Set<String> keys(UiLanguage language) {
        return new TreeSet<>(Collections.list(Texts.of(language).bundle().getKeys()));
    }

    /** Keys named literally in the UI's Java sources and FXML files. */
    static Set<String> usedKeys() throws IOException {
        Set<String> used = new TreeSet<>();
        Pattern java = Pattern.compile("texts\\.get\\(\"([a-zA-Z0-9_.]+)\"");
        Pattern fxml = Pattern.compile("\"%([a-zA-Z0-9_.]+)\"");
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().contains("kiosk/ui")
                    && (p.toString().endsWith(".java") || p.toString().endsWith(".fxml"))).toList()) {
                Matcher m = (f.toString().endsWith(".java") ? java : fxml).matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).endsWith(".")) {
                        // "outcome." + name and "print.fix." + name are prefixes: their keys are added below
                        used.add(m.group(1));
                    }
                }
            }
        }
        for (ScanOutcome o : ScanOutcome.values()) {
            used.add("outcome." + o.name());
        }
        used.add("outcome.REENTRY.warn");
        for (PrinterProblem p : PrinterProblem.values()) {
            used.add("print.fix." + p.name());
        }
        return used;
    }

    @Test
    void koreanAndEnglishHaveTheSameKeys() {
        assertThat(keys(UiLanguage.KOREAN)).isEqualTo(keys(UiLanguage.ENGLISH));
    }

    @Test
    void everyKeyTheScreensUseExistsInBothLanguages() throws IOException {
        Set<String> used = usedKeys();
        assertThat(used).hasSizeGreaterThan(150);
        assertThat(keys(UiLanguage.ENGLISH)).containsAll(used);
        assertThat(keys(UiLanguage.KOREAN)).containsAll(used);
    }

    @Test
    void koreanTextsAreKorean() {
        Texts ko = Texts.of(UiLanguage.KOREAN);
        assertThat(ko.get("outcome.ADMITTED")).isEqualTo("환영합니다!");
        assertThat(ko.get("self.welcome", "홍길동")).isEqualTo("홍길동 님, 환영합니다!");
    }

    @Test
    void englishIsShownOnAKoreanLaptopWhenEnglishIsChosen() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.KOREA);
        try {
            assertThat(Texts.of(UiLanguage.ENGLISH).get("outcome.ADMITTED")).isEqualTo("Welcome!");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void argumentsAreFilledInAndNumbersGrouped() {
        assertThat(Texts.of(UiLanguage.ENGLISH).get("desk.counters", 1234, 56))
                .isEqualTo("Registered 1,234 · Checked in today 56");
    }

    @Test
    void anUnknownKeyIsAClearError() {
        assertThatThrownBy(() -> Texts.of(UiLanguage.ENGLISH).get("no.such.key")).hasMessageContaining("no.such.key");
    }

    @Test
    void languagesParseFromTheirCodes() {
        assertThat(UiLanguage.fromCode("KO")).isEqualTo(UiLanguage.KOREAN);
        assertThatThrownBy(() -> UiLanguage.fromCode("fr")).hasMessageContaining("use en or ko");
    }
}
