package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.protocol.ServerTime;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer, errors included, tells the device the server's time, so it can correct its own clock on any contact.
 */
class ServerTimeHeaderTest {
    @TempDir
    Path dir;

    @Test
    void everyAnswerCarriesTheServersClock() {
        SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (Fixture f = new Fixture(new LanyardServer(Backend.H2.config(dir).maxJsonBodyBytes(1_000).build(), clock)
                .start())) {
            clock.advance(Duration.ofSeconds(7));
            List<Api.Res> answers = List.of(
                    f.anonymous.get("/health"),
                    f.operator.get(f.eventPath() + "/changes?after=0"),
                    f.anonymous.get("/no/such/route"),
                    f.anonymous.get(f.eventPath()),
                    f.operator.post(f.eventPath() + "/ops", "{\"ops\": [ "),
                    f.operator.post(f.eventPath() + "/ops", "{\"ops\": [\"" + "x".repeat(2_000) + "\"]}"));

            assertThat(answers).extracting(Api.Res::status).containsExactly(200, 200, 404, 401, 400, 413);
            assertThat(answers).allSatisfy(res -> assertThat(res.headers().firstValue(ServerTime.HEADER))
                    .as("%s %s", res.status(), res.body()).contains(Long.toString(clock.millis())));
        }
    }
}
