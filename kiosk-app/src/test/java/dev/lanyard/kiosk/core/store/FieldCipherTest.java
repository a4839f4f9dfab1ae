package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FieldCipherTest {
    private final FieldCipher cipher = new FieldCipher(key(1), key(2));

    @Test
    void sealedTextOpensToTheSameText() {
        assertThat(cipher.open(cipher.seal("홍길동 <hong@example.kr>"))).isEqualTo("홍길동 <hong@example.kr>");
    }

    @Test
    void nullStaysNull() {
        assertThat(cipher.seal((String) null)).isNull();
        assertThat(cipher.open(null)).isNull();
        assertThat(cipher.blindIndex("email", null)).isNull();
    }

    @Test
    void theSameTextSealsDifferentlyEachTime() {
        assertThat(cipher.seal("alice@example.com")).isNotEqualTo(cipher.seal("alice@example.com"));
    }

    @Test
    void aChangedByteIsDetected() {
        byte[] sealed = cipher.seal("alice@example.com");
        sealed[sealed.length - 20] ^= 1;
        assertThatThrownBy(() -> cipher.open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void anotherKeyCannotOpenIt() {
        byte[] sealed = cipher.seal("alice@example.com");
        FieldCipher other = new FieldCipher(key(3), key(2));
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void plaintextIsNotMistakenForASealedValue() {
        assertThatThrownBy(() -> cipher.open("alice@example.com is not sealed".getBytes()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not in the sealed format");
    }

    @Test
    void blindIndexesAreEqualForEqualValuesOnly() {
        assertThat(cipher.blindIndex("email", "alice@example.com"))
                .isEqualTo(cipher.blindIndex("email", "alice@example.com"))
                .isNotEqualTo(cipher.blindIndex("email", "alice@example.org"));
    }

    @Test
    void blindIndexesDependOnTheDomainAndTheKey() {
        assertThat(cipher.blindIndex("email", "X7")).isNotEqualTo(cipher.blindIndex("ticket", "X7"));
        assertThat(new FieldCipher(key(1), key(4)).blindIndex("email", "X7"))
                .isNotEqualTo(cipher.blindIndex("email", "X7"));
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
