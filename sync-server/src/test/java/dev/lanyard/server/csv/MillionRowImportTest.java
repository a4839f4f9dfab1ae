package dev.lanyard.server.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.json.Json;
import dev.lanyard.server.support.ChildServer;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a 1,000,000-row CSV imports into a real server in a child JVM with a 256 MB heap, and
 * every row is there. Before the import streamed, the body alone (some 60 MB), its decoded text
 * (twice that) and a map of every participant held by e-mail and ticket code did not fit.
 * Slow (a quarter of an hour on a quiet 2-core machine, hours on a loaded one), so not part of CI's
 * 15-minute budget: runs with -Dlanyard.slow=true; -Dlanyard.importRows=N for a shorter run.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "lanyard.slow", matches = "true")
class MillionRowImportTest {
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @TempDir
    Path dir;

    @Test
    void aMillionRowFileImportsIntoA256MbServer() throws Exception {
        int rows = Integer.getInteger("lanyard.importRows", 1_000_000);
        Path csv = dir.resolve("attendees.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("name,email,company,phone\n");
            for (int i = 0; i < rows; i++) {
                out.write("Attendee " + i + ",attendee" + i + "@example.org,Company " + (i % 997) + ",010-"
                        + (1000 + i % 9000) + "-" + (1000 + i / 9000 % 9000) + "\n");
            }
        }
        Path gcLog = dir.resolve("gc.log");
        Path data = dir.resolve("data");
        try (ChildServer.Handle server = ChildServer.Handle.start(data, dir.resolve("server.log"),
                List.of("-Xlog:gc:file=" + gcLog))) {
            String[] setup = Files.readString(dir.resolve("setup.txt")).trim().split(" ");
            String eventPath = "/api/v1/events/" + setup[0];
            HttpClient http = HttpClient.newHttpClient();
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + eventPath + "/participants/import"))
                    .header("Authorization", "Bearer " + setup[1]).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode result = Json.mapper().readTree(response.body());
            assertThat(result.get("imported").asInt()).isEqualTo(rows);
            assertThat(result.get("errorCount").asInt()).isZero();
            JsonNode stats = Json.mapper().readTree(http.send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + eventPath + "/stats"))
                    .header("Authorization", "Bearer " + setup[1]).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(stats.get("participants").asInt()).isEqualTo(rows);

            long peak = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                }
            }
            System.out.printf(
                    "server_import_%d_rows_s: %.1f s%nserver_import_heap_peak_mb: %d MB (before GC, -Xmx256m; file %d "
                    + "MB; load %s)%n",
                    rows, seconds, peak, Files.size(csv) >> 20,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
