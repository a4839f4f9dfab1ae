package dev.lanyard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.server.tls.TlsMaterial;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a host starts it: the jar's entry point in a child JVM, no TLS flag given
 * (issue 12). It must answer HTTPS with the certificate whose fingerprint it printed, and must
 * not answer plain HTTP at all.
 */
class ServeProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+) ");
    private static final Pattern FINGERPRINT = Pattern.compile("TLS certificate SHA-256: ([0-9a-f]{64})");

    @TempDir
    Path dir;
    Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy(); // SIGTERM: the shutdown hook stops the server
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Starts {@code Main serve ARGS} and returns its first lines of standard output up to {@code last}. */
    private List<String> serve(Pattern last, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--data",
                dir.resolve("data").toString(),
                "--host", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
        // settings from the environment of whoever runs the tests must not change what "no flags" means
        builder.environment().keySet().removeIf(name -> name.startsWith("LANYARD_"));
        process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (last.matcher(line).find()) {
                return lines;
            }
        }
        throw new AssertionError("serve ended before printing " + last + ": " + lines + "; stderr: "
                + Files.readString(dir.resolve("stderr.txt")));
    }

    private static String find(Pattern pattern, List<String> lines) {
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + pattern + " in " + lines);
    }

    /**
     * Sends a plain HTTP request on a raw socket and returns whatever comes back before the server closes or 10 s pass.
     */
    private static String plainHttpAnswer(URI base) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(64);
            return new String(answer, StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketTimeoutException | java.net.SocketException closedOrSilent) {
            return "";
        }
    }

    @Test
    void withoutTlsFlagsItAnswersHttpsWithThePrintedCertificateAndNeverPlainHttp() throws Exception {
        List<String> lines = serve(FINGERPRINT);
        URI base = URI.create(find(LISTENING, lines));
        String fingerprint = find(FINGERPRINT, lines);
        assertThat(base.getScheme()).isEqualTo("https");

        HttpResponse<String> health = pinnedClient(fingerprint)
                .send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(plainHttpAnswer(base)).as("the same port spoken to in plain HTTP").doesNotStartWith("HTTP/");

        Path data = dir.resolve("data");
        for (String secret : List.of(TlsMaterial.GENERATED, TlsMaterial.GENERATED_PASSWORD)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(secret)))).as(secret)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void plainHttpNeedsTheInsecureFlagAndIsWarnedAbout() throws Exception {
        List<String> lines = serve(LISTENING, "--insecure-plain-http");
        URI base = URI.create(find(LISTENING, lines));
        assertThat(base.getScheme()).isEqualTo("http");
        assertThat(plainHttpAnswer(base)).startsWith("HTTP/1.1 200");
        // printed right after the line above, on the other stream
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> Files.readString(dir.resolve("stderr.txt")).contains("WARNING: serving plain HTTP"));
        assertThat(dir.resolve("data").resolve(TlsMaterial.GENERATED)).doesNotExist();
    }

    private static HttpClient pinnedClient(String fingerprint) throws Exception {
        SSLContext context = dev.lanyard.server.tls.TlsTest.pinning(fingerprint);
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm(null);
        return HttpClient.newBuilder().sslContext(context).sslParameters(params).build();
    }
}
