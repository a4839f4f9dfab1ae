package dev.lanyard.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PairingCodesTest {
    static final String CERT = "3f".repeat(32);
    static final String OTHER_CERT = "40".repeat(32);

    @Test
    void aCodeWithItsCheckIsTakenApartAgainWhateverTheSpacingAndCase() {
        String shown = PairingCodes.withCheck("ABCDEFGHJK", CERT);
        assertThat(shown).matches("ABCDE-FGHJK-[" + PairingCodes.ALPHABET + "]{4}");

        PairingCodes.Typed typed = PairingCodes.parse(" " + shown.toLowerCase().replace("-", " ") + " ");
        assertThat(typed.code()).isEqualTo("ABCDEFGHJK");
        assertThat(typed.check()).isEqualTo(shown.substring(12)).isEqualTo(PairingCodes.check("ABCDEFGHJK", CERT));
        assertThat(PairingCodes.parse("abcde-fghjk")).isEqualTo(new PairingCodes.Typed("ABCDEFGHJK", null));
    }

    @Test
    void theCheckDependsOnTheCertificateAndOnTheCodeButNotOnHowTheFingerprintIsWritten() {
        String check = PairingCodes.check("ABCDEFGHJK", CERT);
        assertThat(PairingCodes.check("ABCDEFGHJK", CERT.toUpperCase().replaceAll("(..)(?!$)", "$1:")))
                .isEqualTo(check);
        // over many codes, another certificate almost never gives the same check, and one certificate gives each code
        // its own
        int same = 0;
        java.util.Set<String> checks = new java.util.HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String code = String.format("%010d", i).replace('0', 'A').replace('1', 'B');
            same += PairingCodes.check(code, CERT).equals(PairingCodes.check(code, OTHER_CERT)) ? 1 : 0;
            checks.add(PairingCodes.check(code, CERT));
        }
        assertThat(same).isLessThanOrEqualTo(1);
        assertThat(checks).hasSizeGreaterThan(990);
    }
}
