package dev.lanyard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A choice field's options come from an organizer's request and reach every door's walk-in form: bounded as labels. */
class FormFieldTest {
    @Test
    void anOptionLongerThanALabelIsRefused() {
        assertThatThrownBy(() -> choice(List.of("S", "x".repeat(FormField.MAX_OPTION_LENGTH + 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("options");
    }

    @Test
    void aBlankOptionIsRefused() {
        assertThatThrownBy(() -> choice(List.of("S", " "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("options");
    }

    @Test
    void anOptionWithAControlCharacterIsRefused() {
        assertThatThrownBy(() -> choice(List.of("S", "M\u0000"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("options");
    }

    @Test
    void anOptionGivenTwiceIsRefused() {
        assertThatThrownBy(() -> choice(List.of("S", "M", "S"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void optionsAsLongAsALabelAreKeptInOrder() {
        List<String> options = List.of("M", "S", "x".repeat(FormField.MAX_OPTION_LENGTH));

        assertThat(choice(options).options()).containsExactlyElementsOf(options);
    }

    private static FormField choice(List<String> options) {
        return new FormField("size", "T-shirt size", "choice", false, options);
    }
}
