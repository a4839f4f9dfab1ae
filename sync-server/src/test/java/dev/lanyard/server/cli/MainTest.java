package dev.lanyard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.Event;
import dev.lanyard.model.json.Json;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The host CLI's commands on a real data directory. */
class MainTest {
    @TempDir
    Path dir;

    private String run(String stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFirstAdminHintNamesThePackagedCommandWhenThereIsOne() {
        assertThat(Main.createAdminCommand("lanyard-server", Path.of("/var/lib/lanyard")))
                .isEqualTo("lanyard-server create-user --username admin --role ADMIN");
    }

    @Test
    void theFirstAdminHintNamesTheJarAndTheDataFolderOtherwise() {
        assertThat(Main.createAdminCommand(null, Path.of("/srv/lanyard")))
                .isEqualTo(
                "java -jar lanyard-server.jar create-user --data /srv/lanyard --username admin --role ADMIN");
    }

    private static Main.Serve serve(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
        return (Main.Serve) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void serveTakesTheClockDriftFromTheFlagOrTheConfigFile() throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "max-clock-drift=PT30S\n");

        assertThat(serve("serve", "--data", dir.toString()).config().maxClockDrift()).isEqualTo(Duration.ofMinutes(5));
        assertThat(serve("serve", "--data", dir.toString(), "--max-clock-drift", "2").config().maxClockDrift())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(serve("serve", "--data", dir.toString(), "--config", file.toString()).config().maxClockDrift())
                .isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> serve("serve", "--data", dir.toString(), "--max-clock-drift", "soon").config())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("max-clock-drift");
    }

    @Test
    void serveTakesTheConnectionCapsFromTheFlagsOrTheConfigFile() throws Exception {
        Path file = dir.resolve("caps.properties");
        Files.writeString(file, "max-connections=300\nmax-connections-per-address=40\n");

        ServerConfig byDefault = serve("serve", "--data", dir.toString()).config();
        assertThat(byDefault.maxConnections()).isEqualTo(10_000);
        assertThat(byDefault.maxConnectionsPerAddress()).isEqualTo(1_024);
        ServerConfig flagged = serve("serve", "--data", dir.toString(), "--max-connections", "2000",
                "--max-connections-per-address", "100").config();
        assertThat(flagged.maxConnections()).isEqualTo(2000);
        assertThat(flagged.maxConnectionsPerAddress()).isEqualTo(100);
        ServerConfig filed = serve("serve", "--data", dir.toString(), "--config", file.toString()).config();
        assertThat(filed.maxConnections()).isEqualTo(300);
        assertThat(filed.maxConnectionsPerAddress()).isEqualTo(40);
        assertThatThrownBy(() -> serve("serve", "--data", dir.toString(), "--max-connections-per-address", "0")
                .config()).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("max-connections-per-address");
    }

    @Test
    void serveSpeaksTlsUnlessAskedForPlainHttpByItsInsecureName() throws Exception {
        String data = dir.toString();
        ServerConfig byDefault = serve("serve", "--data", data).config();
        assertThat(byDefault.tlsEnabled()).isTrue();
        assertThat(byDefault.tlsSelfSigned()).isTrue();
        assertThat(serve("serve", "--data", data, "--insecure-plain-http").config().tlsEnabled()).isFalse();
        Path plain = dir.resolve("plain.properties");
        Files.writeString(plain, "insecure-plain-http=true\n");
        assertThat(serve("serve", "--data", data, "--config", plain.toString()).config().tlsEnabled()).isFalse();
        Path keystore = dir.resolve("server.p12");
        ServerConfig given = serve("serve", "--data", data, "--tls-keystore", keystore.toString()).config();
        assertThat(given.tlsKeystore()).isEqualTo(keystore);
        assertThat(given.tlsSelfSigned()).isFalse();

        assertThatThrownBy(() -> serve("serve", "--data", data, "--insecure-plain-http", "--tls-keystore",
                keystore.toString()).config())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("insecure-plain-http");
        assertThatThrownBy(() -> serve("serve", "--data", data, "--insecure-plain-http", "--tls-self-signed").config())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("insecure-plain-http");
        Path old = dir.resolve("old.properties");
        Files.writeString(old, "tls-self-signed=false\n");
        assertThatThrownBy(() -> serve("serve", "--data", data, "--config", old.toString()).config())
                .as("a setting that used to mean plain HTTP").isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("insecure-plain-http");
    }

    @Test
    void theKeyEncryptionKeyFileComesFromTheFlagOrTheConfigFileElseTheDataFolder() throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "key-encryption-key-file=/etc/lanyard/shared-kek\n");

        assertThat(serve("serve", "--data", dir.toString()).config().effectiveKeyEncryptionKeyFile())
                .isEqualTo(dir.resolve("key-encryption-key"));
        assertThat(serve("serve", "--data", dir.toString(), "--key-encryption-key-file", "/srv/kek").config()
                .effectiveKeyEncryptionKeyFile())
                .isEqualTo(Path.of("/srv/kek"));
        assertThat(serve("serve", "--data", dir.toString(), "--config", file.toString()).config()
                .effectiveKeyEncryptionKeyFile())
                .isEqualTo(Path.of("/etc/lanyard/shared-kek"));
    }

    private static int login(String base, String user, String password) {
        return new dev.lanyard.server.support.Api(base, null)
                .post("/api/v1/auth/login", java.util.Map.of("username", user, "password", password)).status();
    }

    @Test
    void disableEnableResetPasswordAndSetRolesOnTheHost() {
        String data = dir.toString();
        run("root-password\n", "create-user", "--data", data, "--username", "root", "--role", "ADMIN");
        run("olga-password\n", "create-user", "--data", data, "--username", "olga", "--role", "ORGANIZER");
        String olgasToken;
        try (LanyardServer server = new LanyardServer(dev.lanyard.server.support.Backend.H2.config(dir).build())) {
            olgasToken = server.admin().tokenFor("olga");
        }

        assertThat(run("", "disable-user", "--data", data, "--username", "olga")).contains("disabled user olga");
        try (LanyardServer server = new LanyardServer(dev.lanyard.server.support.Backend.H2.config(dir).build())
                .start()) {
            assertThat(login(server.baseUrl(), "olga", "olga-password")).isEqualTo(401);
            assertThat(new dev.lanyard.server.support.Api(server.baseUrl(), olgasToken).get("/api/v1/events").status())
                    .isEqualTo(401);
        }
        assertThat(run("", "enable-user", "--data", data, "--username", "olga")).contains("enabled user olga");
        assertThat(run("new-olga-password\n", "reset-password", "--data", data, "--username", "olga"))
                .contains("password of olga reset");
        assertThat(run("", "set-roles", "--data", data, "--username", "olga", "--role", "AUDITOR,OPERATOR"))
                .contains("olga now has [OPERATOR, AUDITOR]");
        try (LanyardServer server = new LanyardServer(dev.lanyard.server.support.Backend.H2.config(dir).build())
                .start()) {
            assertThat(login(server.baseUrl(), "olga", "olga-password")).isEqualTo(401);
            assertThat(login(server.baseUrl(), "olga", "new-olga-password")).isEqualTo(200);
            var users = new dev.lanyard.server.support.Api(server.baseUrl(), server.admin().tokenFor("root"))
                    .get("/api/v1/users").json();
            assertThat(users).filteredOn(u -> u.get("username").asText().equals("olga"))
                    .allMatch(u -> u.get("roles").size() == 2);
        }
        assertThat(Main.run("disable-user", "--data", data, "--username", "root")).as("the last admin").isNotZero();
    }

    @Test
    void createUserEventImportPairAndExport() throws Exception {
        String data = dir.toString();
        assertThat(run("s3cret-password\n", "create-user", "--data", data, "--username", "root", "--role", "ADMIN"))
                .contains("created user root");
        Event event = Json.read(run("", "create-event", "--data", data, "--name", "Conf", "--start", "2026-05-20")
                .strip(), Event.class);
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "name,email\n=cmd,a@example.org\nLee,lee@example.org\n");
        assertThat(run("", "import", "--data", data, "--event", event.id().toString(), "--file", csv.toString()))
                .contains("imported 2");

        String pairing = run("", "pair-device", "--data", data, "--event", event.id().toString(), "--public-url",
                "https://venue:8443");
        assertThat(pairing).contains("Pairing code: ").contains("\"server\":\"https://venue:8443\"");
        // TLS by default: the QR carries the certificate's fingerprint for the kiosk to pin
        String fingerprint;
        try (LanyardServer server = new LanyardServer(serve("serve", "--data", data).config())) {
            fingerprint = server.certificateFingerprint();
        }
        assertThat(pairing).contains("\"certSha256\":\"" + fingerprint + "\"")
                .contains("Server certificate SHA-256: " + fingerprint);
        String payload = pairing.substring(pairing.indexOf("Payload: ") + 9).strip();
        assertThat(TerminalDrawing.read(pairing.substring(0, pairing.indexOf("Pairing code")))).isEqualTo(payload);

        Path out = dir.resolve("out.csv");
        run("", "export", "--data", data, "--event", event.id().toString(), "--out", out.toString());
        assertThat(Files.readString(out)).contains("'=cmd").contains("Lee");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).as("personal data")
                .isEqualTo("rw-------");
    }

    @Test
    void backupDatabaseCopiesTheRunningServersDatabaseIntoAnOwnerOnlyZip() throws Exception {
        Path data = dir.resolve("data");
        Path zip = dir.resolve("backup.zip");
        try (LanyardServer server = new LanyardServer(ServerConfig.builder(data).host("127.0.0.1").port(0).bcryptCost(4)
                .build())) {
            server.admin().createUser("admin", "admin-password", java.util.Set.of(dev.lanyard.model.Role.ADMIN));
            assertThat(run("", "backup-database", "--data", data.toString(), "--to", zip.toString()))
                    .contains(zip.toString());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(zip))).isEqualTo("rw-------");
        try (var entries = new java.util.zip.ZipFile(zip.toFile())) {
            assertThat(entries.stream().map(java.util.zip.ZipEntry::getName)).contains("lanyard.mv.db");
        }
    }

    @Test
    void trustedProxiesComeFromRepeatedFlagsElseFromACommaSeparatedSetting() {
        assertThat(Main.trustedProxies(java.util.List.of("10.0.0.1", "10.0.0.2"), "192.0.2.1"))
                .containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(Main.trustedProxies(null, " 10.0.0.1, ,10.0.0.2 ")).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(Main.trustedProxies(null, null)).isEmpty();
    }

    @Test
    void serveRefusesATrustedProxyThatIsNotAnAddress() {
        assertThatThrownBy(() -> serve("serve", "--data", dir.toString(), "--trusted-proxy", "proxy.venue.example")
                .config()).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("proxy.venue.example");
    }
}
