package dev.lanyard.rehearsal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * nginx in front of the rehearsal's server instances, as a child process with a generated
 * configuration (ADR 0227): it terminates TLS with a certificate made for the rehearsal (the one
 * the doors pin), spreads requests over the instances, upgrades WebSockets, keeps an idle
 * realtime socket open longer than the server's 30 s heartbeat, and names the client in
 * {@code X-Forwarded-For} (the instances trust it from loopback only). A request that cannot
 * reach an instance (killed, restarting) goes to the next one.
 */
final class NginxChild implements AutoCloseable {
    private static final long START_LIMIT_MILLIS = 60_000;
    private final int port;
    private final String certSha256;
    private final Process process;

    private NginxChild(int port, String certSha256, Process process) {
        this.port = port;
        this.certSha256 = certSha256;
        this.process = process;
    }

    /** nginx on the PATH or where Debian puts it. */
    static Optional<Path> binary() {
        Stream<Path> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(p -> !p.isBlank()).map(p -> Path.of(p, "nginx"));
        return Stream.concat(path, Stream.of(Path.of("/usr/sbin/nginx"))).filter(Files::isExecutable).findFirst();
    }

    /** openssl makes the certificate (the Debian package nginx depends on through libssl; CI installs the tool). */
    static Optional<Path> openssl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(p -> !p.isBlank()).map(p -> Path.of(p, "openssl")).filter(Files::isExecutable).findFirst();
    }

    /** Starts nginx in {@code dir} on loopback {@code port} before the instances listening on {@code upstreamPorts}. */
    static NginxChild start(Path dir, List<Integer> upstreamPorts, int port) throws IOException, InterruptedException {
        Path nginx = binary().orElseThrow(() -> new IllegalStateException("no nginx found (apt-get install nginx)"));
        Path openssl = openssl().orElseThrow(() -> new IllegalStateException(
                "no openssl found (apt-get install openssl)"));
        Files.createDirectories(dir.resolve("tmp"));
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(List.of(openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=lanyard-rehearsal",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"));
        Path conf = dir.resolve("nginx.conf");
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.writeString(conf, config(dir, port, cert, key, upstreamPorts, root), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(nginx.toString(), "-e", dir.resolve("error.log").toString(),
                "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;").redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile()).start();
        NginxChild child = new NginxChild(port, fingerprint(cert), p);
        Runtime.getRuntime().addShutdownHook(new Thread(child::close, "nginx-child-stop"));
        long deadline = System.currentTimeMillis() + START_LIMIT_MILLIS;
        while (!accepts(port)) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                child.close();
                throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                        + readIfExists(dir.resolve("error.log")));
            }
            Thread.sleep(50);
        }
        return child;
    }

    /**
     * The configuration; installers/README shows the same blocks for a two-host deployment.
     * As root the workers stay root: nginx would otherwise run them as {@code nobody}, which cannot
     * enter the rehearsal's private work folder to buffer a large request body.
     */
    static String config(Path dir, int port, Path cert, Path key, List<Integer> upstreamPorts, boolean root) {
        String servers = upstreamPorts.stream()
                .map(p -> "        server 127.0.0.1:" + p + " max_fails=1 fail_timeout=2s;")
                .collect(Collectors.joining("\n"));
        String tmp = dir.resolve("tmp").toString();
        return (root ? "user root;\n" : "") + """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    # WebSocket upgrade for /api/v1/realtime; other requests keep upstream connections alive
                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        ''      '';
                    }
                    upstream lanyard {
                %3$s
                        keepalive 32;
                    }
                    server {
                        listen 127.0.0.1:%4$d ssl;
                        ssl_certificate %5$s;
                        ssl_certificate_key %6$s;
                        # CSV imports and a door's batch of 500 ops; the server applies its own limits
                        client_max_body_size 64m;
                        location / {
                            proxy_pass http://lanyard;
                            proxy_http_version 1.1;
                            proxy_set_header Upgrade $http_upgrade;
                            proxy_set_header Connection $connection_upgrade;
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto https;
                            # longer than the 30 s heartbeat: an idle realtime socket is not cut by the proxy
                            proxy_read_timeout 90s;
                            proxy_send_timeout 90s;
                            proxy_connect_timeout 2s;
                            # a killed instance refuses connections: the request goes to the other one
                            proxy_next_upstream error timeout;
                        }
                    }
                }
                """.formatted(dir, tmp, servers, port, cert, key);
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    /** SHA-256 of the certificate nginx presents: what the doors pin. */
    String certSha256() {
        return certSha256;
    }

    static String fingerprint(Path pem) throws IOException {
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(pem))) {
            byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (CertificateException | NoSuchAlgorithmException e) {
            throw new IOException("cannot read the certificate " + pem + ": " + e.getMessage(), e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** SIGTERM: nginx's fast shutdown, which ends its workers too. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
