package dev.lanyard.server.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.TicketCodes;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QrPngTest {
    @Test
    void everyTicketCodeReadsBackFromItsPng() throws Exception {
        Random random = new Random(15);
        for (int i = 0; i < 200; i++) {
            String code = TicketCodes.generate(random);
            assertThat(MailMessages.decodeQr(QrPng.of(code))).as(code).isEqualTo(code);
        }
    }

    /** Codes whose PNGs a finder-pattern search could not read (EmailDeliveryTest failed on one in CI, 2026-12-07). */
    @Test
    void codesTheReaderOnceMissedReadBack() throws Exception {
        for (String code : new String[] {"0QHZYTCZ1AX7HE", "1YMKEFNMQ70D4Y", "P00CG0GGRMZWCR"}) {
            assertThat(MailMessages.decodeQr(QrPng.of(code))).as(code).isEqualTo(code);
        }
    }
}
