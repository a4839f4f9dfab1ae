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
}
