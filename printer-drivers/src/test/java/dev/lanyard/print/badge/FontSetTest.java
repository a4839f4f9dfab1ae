package dev.lanyard.print.badge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FontSetTest {
    @ParameterizedTest
    @ValueSource(strings = {"홍길동", "Zoë Ångström-Łukasiewicz", "김철수 Kim Chul-soo", "Müller Straße Ñoño Çà",
            "Ελένη Κυριακίδου", "Дмитрий Шостакович", "日本語テキスト"})
    void everyCharacterHasAGlyphInRegularAndBold(String text) {
        assertThat(FontSet.shared().firstMissingGlyph(text, false)).isEqualTo(-1);
        assertThat(FontSet.shared().firstMissingGlyph(text, true)).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ł", "ë", "Å"})
    void latinLettersNanumLacksComeFromLiberation(String letter) {
        assertThat(FontSet.shared().fontFor(letter.codePointAt(0), true).getFontName()).startsWith("Liberation Sans");
    }

    @ParameterizedTest
    @ValueSource(strings = {"홍", "길"})
    void hangulComesFromNanum(String letter) {
        assertThat(FontSet.shared().fontFor(letter.codePointAt(0), true).getFamily()).contains("Nanum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uE000", "\uD83E\uDD84"})
    void charactersNoShippedFontHasAreReported(String text) {
        assertThat(FontSet.shared().firstMissingGlyph("ab" + text, false)).isEqualTo(2);
    }
}
