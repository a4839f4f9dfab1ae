package dev.lanyard.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CreateUserRequestTest {
    /** A name of dots only becomes "." or ".." in the console's and the API's paths, which clients normalize away. */
    @Test
    void aNameOfDotsOnlyIsRefused() {
        for (String dots : new String[] {".", "..", "..."}) {
            assertThatThrownBy(() -> new CreateUserRequest(dots, "a-good-password", Set.of(Role.OPERATOR)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dots");
        }
    }

    @Test
    void aNameWithDotsAndSomethingElseIsTaken() {
        assertThat(new CreateUserRequest("j.kim", "a-good-password", Set.of(Role.OPERATOR)).username())
                .isEqualTo("j.kim");
    }
}
