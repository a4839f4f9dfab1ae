package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies are read as they arrive before the app gets them (ADR 0240); what is longer than any JSON body is dropped
 * and refused, except a guest list, which its route reads as it comes. The JSON bound is 4 kB here.
 */
class BodyPrefetchTest {
    private static final long JSON_BOUND = 4_096;
    @TempDir
    Path dir;

    private Fixture start() {
        return new Fixture(new LanyardServer(Backend.H2.config(dir).maxJsonBodyBytes(JSON_BOUND).build()).start());
    }

    @Test
    void aGuestListLongerThanAnyJsonBodyIsImportedAsItArrives() {
        try (Fixture f = start()) {
            StringBuilder csv = new StringBuilder("name,email\n");
            for (int i = 0; i < 1_000; i++) {
                csv.append("Person ").append(i).append(",person").append(i).append("@example.org\n");
            }

            Api.Res res = f.organizer.postBytes(f.eventPath() + "/participants/import",
                    csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");

            assertThat(res.status()).as(res.body()).isEqualTo(200);
            assertThat(res.json().get("imported").asInt()).isEqualTo(1_000);
        }
    }

    @Test
    void aPushSentInPiecesPastTheBoundIsRefusedAsTooLarge() throws Exception {
        try (Fixture f = start()) {
            byte[] body = new byte[(int) JSON_BOUND * 4];
            Arrays.fill(body, (byte) ' ');
            // from a stream: sent chunked, with no length to refuse it by
            HttpRequest request = HttpRequest.newBuilder(URI.create(f.server.baseUrl() + f.eventPath() + "/ops"))
                    .header("Authorization", "Bearer " + f.operator.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

            HttpResponse<String> res = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(res.statusCode()).as(res.body()).isEqualTo(413);
            assertThat(res.body()).contains("only a guest list that says its length");
        }
    }

    @Test
    void aPushWithinTheBoundIsReadWhole() {
        try (Fixture f = start()) {
            Api.Res res = f.operator.postBytes(f.eventPath() + "/ops", "{\"ops\":[]}".getBytes(StandardCharsets.UTF_8),
                    "application/json");

            assertThat(res.status()).as(res.body()).isEqualTo(200);
        }
    }

    @Test
    void aPathMatchesATemplateSegmentBySegment() {
        String template = "/api/v1/events/{id}/participants/import";

        assertThat(BodyPrefetch.matches(template, "/api/v1/events/0190c6a0/participants/import")).isTrue();
        assertThat(BodyPrefetch.matches(template, "/api/v1/events//participants/import")).isFalse();
        assertThat(BodyPrefetch.matches(template, "/api/v1/events/x/participants/import/more")).isFalse();
        assertThat(BodyPrefetch.matches(template, "/api/v1/events/x/ops")).isFalse();
    }

    @Test
    void aBodyRefusedFromItsLengthIsNeverAskedFor() throws Exception {
        try (Fixture f = start()) {
            URI base = URI.create(f.server.baseUrl());
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + "application/json\r\nExpect: 100-continue\r\nContent-Length: 9000000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();

                assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
            }
        }
    }
}
