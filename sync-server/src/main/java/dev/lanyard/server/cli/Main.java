package dev.lanyard.server.cli;

import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.Role;
import dev.lanyard.model.files.PrivateFiles;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.model.protocol.ImportResult;
import dev.lanyard.model.protocol.PairingCodeResponse;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.server.db.EmbeddedH2;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The host CLI:
 * {@code java -jar lanyard-server.jar serve|create-user|create-event|import|pair-device|export|anonymize-participant}.
 * Settings come from flags, then LANYARD_* environment variables, then an optional properties
 * file ({@code --config}), then defaults.
 */
@Command(name = "lanyard-server", mixinStandardHelpOptions = true, version = "lanyard-server 0.1",
        subcommands = {Main.Serve.class, Main.CreateUser.class, Main.DisableUser.class, Main.EnableUser.class,
                Main.ResetPassword.class, Main.SetRoles.class, Main.CreateEvent.class, Main.Import.class,
                Main.PairDevice.class,
                Main.Export.class, Main.BackupDatabase.class, Main.RotateSigningKey.class, Main.Anonymize.class,
                Main.PurgeExpired.class, DemoCommand.class,
                EmailCommand.class})
public final class Main {
    /**
     * The command that creates the first admin, as the host types it: the installed package's
     * {@code lanyard-server} (its wrapper names itself in LANYARD_COMMAND and passes the settings
     * file, which says where the data is) or the jar with the data folder.
     */
    static String createAdminCommand(String packagedCommand, Path dataDir) {
        if (packagedCommand != null && !packagedCommand.isBlank()) {
            return packagedCommand + " create-user --username admin --role ADMIN";
        }
        return "java -jar lanyard-server.jar create-user --data " + dataDir + " --username admin --role ADMIN";
    }

    /** Flags win; otherwise the env variable or config key, a comma-separated list. */
    static List<String> trustedProxies(List<String> flags, String setting) {
        if (flags != null && !flags.isEmpty()) {
            return flags;
        }
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(setting.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    /**
     * {@code serve}'s exit status when its database file could not be forced to the device (EX_IOERR): the service
     * unit restarts it (installers' lanyard-server.service, {@code Restart=on-failure}).
     */
    public static final int STORAGE_LOST = 74;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    /**
     * The configuration {@code serve ARGS} would run with, settings from the environment and a
     * config file included: for starting a server in-process exactly as the host command does
     * (other modules' tests).
     */
    public static ServerConfig serveConfig(String... args) {
        String[] serveArgs = new String[args.length + 1];
        serveArgs[0] = "serve";
        System.arraycopy(args, 0, serveArgs, 1, args.length);
        CommandLine.ParseResult parsed = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs(serveArgs);
        return ((Serve) parsed.subcommand().commandSpec().userObject()).config();
    }

    /** Options every command shares. */
    static class Common {
        @Option(names = "--data", description = "data directory (env LANYARD_DATA; default ./lanyard-data)")
        Path data;
        @Option(names = "--db",
                description =
                "JDBC URL, e.g. jdbc:postgresql://host/db (env LANYARD_DB; default: H2 file in the data directory)")
        String db;
        @Option(names = "--db-user", description = "database user (env LANYARD_DB_USER)")
        String dbUser;
        @Option(names = "--db-password", description = "database password (env LANYARD_DB_PASSWORD)")
        String dbPassword;
        @Option(names = "--tls-keystore",
                description = "PKCS#12 key store: serve HTTPS/WSS with its key (env LANYARD_TLS_KEYSTORE)")
        Path tlsKeystore;
        @Option(names = "--tls-password", description = "password of the key store (env LANYARD_TLS_PASSWORD)")
        String tlsPassword;
        @Option(names = "--tls-self-signed", description =
                "serve HTTPS/WSS with a certificate generated once into the data directory: "
                + "the default without --tls-keystore (env LANYARD_TLS_SELF_SIGNED=true)")
        Boolean tlsSelfSigned;
        @Option(names = "--insecure-plain-http", description =
                "serve plain HTTP/WS, no TLS: passwords, tokens, pairing codes and attendee data "
                + "cross the network readable and changeable by anyone on it; only behind a TLS proxy on the same "
                        + "machine "
                + "(env LANYARD_INSECURE_PLAIN_HTTP=true)")
        Boolean insecurePlainHttp;
        @Option(names = "--key-encryption-key-file", description =
                "the key that seals token signing keys in the database; every server on one"
                + " database needs the same (env LANYARD_KEY_ENCRYPTION_KEY_FILE; default DATA/key-encryption-key, "
                        + "made at first start)")
        Path keyEncryptionKeyFile;
        @Option(names = "--config",
                description =
                "optional properties file with keys data, db, db-user, db-password, port, host, public-url, "
                + "trusted-proxy, tls-keystore, tls-password, tls-self-signed, insecure-plain-http, max-clock-drift, "
                + "max-connections, max-connections-per-address, "
                        + "key-encryption-key-file, smtp-host, smtp-port, smtp-from, smtp-user, smtp-password-file, "
                + "smtp-security")
        Path configFile;

        String setting(String flag, String key) {
            if (flag != null) {
                return flag;
            }
            String env = System.getenv("LANYARD_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            if (env != null && !env.isBlank()) {
                return env;
            }
            Path file = configFile != null ? configFile : System.getenv("LANYARD_CONFIG") == null ? null
                    : Path.of(System.getenv("LANYARD_CONFIG"));
            if (file != null) {
                Properties props = new Properties();
                try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    props.load(in);
                } catch (IOException e) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "cannot read config file " + file
                            + ": " + e.getMessage());
                }
                return props.getProperty(key);
            }
            return null;
        }

        ServerConfig.Builder config() {
            String dir = setting(data == null ? null : data.toString(), "data");
            ServerConfig.Builder b = ServerConfig.builder(Path.of(dir == null ? "lanyard-data" : dir));
            b.jdbcUrl(setting(db, "db")).dbUser(setting(dbUser, "db-user"))
                    .dbPassword(setting(dbPassword, "db-password"));
            String kek = setting(keyEncryptionKeyFile == null ? null : keyEncryptionKeyFile.toString(),
                    "key-encryption-key-file");
            if (kek != null) {
                b.keyEncryptionKeyFile(Path.of(kek));
            }
            return b;
        }

        /**
         * TLS for a command that serves or hands out pairing codes: the given key store, else the
         * data folder's self-signed certificate; plain HTTP only when asked for by its insecure name
         * (ADR 0208). Commands that only work on the database leave it off: they listen nowhere,
         * and need not make a certificate before {@code serve} knows its names.
         */
        ServerConfig.Builder withTls(ServerConfig.Builder b) {
            String keystore = setting(tlsKeystore == null ? null : tlsKeystore.toString(), "tls-keystore");
            String selfSigned = setting(tlsSelfSigned == null ? null : tlsSelfSigned.toString(), "tls-self-signed");
            boolean plain = plainHttp();
            if (plain && (keystore != null || Boolean.parseBoolean(selfSigned))) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "insecure-plain-http turns TLS off; it cannot go with tls-keystore or tls-self-signed");
            }
            if (!plain && selfSigned != null && !Boolean.parseBoolean(selfSigned) && keystore == null) {
                // an older setting that meant "plain HTTP": refuse rather than silently change what kiosks must speak
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "tls-self-signed=false no longer turns TLS off; TLS is the default. For plain HTTP say "
                        + "insecure-plain-http=true");
            }
            if (keystore != null) {
                b.tlsKeystore(Path.of(keystore), setting(tlsPassword, "tls-password"));
            } else {
                b.tlsSelfSigned(!plain);
            }
            return b;
        }

        boolean plainHttp() {
            return Boolean.parseBoolean(setting(insecurePlainHttp == null ? null : insecurePlainHttp.toString(),
                    "insecure-plain-http"));
        }

        LanyardServer open() {
            return new LanyardServer(config().build());
        }
    }

    @Command(name = "serve", description = "Run the sync server")
    static class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--port", description = "port (env LANYARD_PORT; default 8080)")
        Integer port;
        @Option(names = "--host", description = "address to listen on (env LANYARD_HOST; default 0.0.0.0)")
        String host;
        @Option(names = "--public-url",
                description = "URL kiosks use to reach this server, put into pairing codes (env LANYARD_PUBLIC_URL)")
        String publicUrl;
        @Option(names = "--max-clock-drift", description =
                "how far ahead of this server's clock a device's stamp may be, in minutes "
                + "or as an ISO-8601 duration such as PT90S; later ones are refused and re-stamped by the kiosk (env "
                        + "LANYARD_MAX_CLOCK_DRIFT; default 5)")
        String maxClockDrift;
        @Option(names = "--trusted-proxy",
                description = "address of a reverse proxy whose X-Forwarded-For names the client; repeat for several "
                + "(env LANYARD_TRUSTED_PROXY or config key trusted-proxy, comma-separated; default none: the header "
                        + "is ignored)")
        List<String> trustedProxies;
        @Option(names = "--max-connections", description = "connections open at once over all clients; at the "
                + "limit new ones wait until one closes (env LANYARD_MAX_CONNECTIONS; default 10000)")
        Integer maxConnections;
        @Option(names = "--max-connections-per-address", description = "connections one client address may hold "
                + "open; past it new ones are closed at once. Loopback and trusted proxies are not counted (env "
                + "LANYARD_MAX_CONNECTIONS_PER_ADDRESS; default 1024)")
        Integer maxConnectionsPerAddress;
        @Option(names = "--alert-email", description = "address mailed when a door's queue passes 1,000, "
                + "the API's p99 passes 1 s or a door is silent for 10 minutes while the doors are open; "
                + "once an hour per condition (env LANYARD_ALERT_EMAIL; default none)")
        String alertEmail;

        @CommandLine.Mixin
        SmtpOptions smtp = new SmtpOptions();

        ServerConfig config() {
            ServerConfig.Builder b = common.withTls(common.config());
            b.mail(smtp.mail(common));
            String p = common.setting(port == null ? null : port.toString(), "port");
            b.port(p == null ? 8080 : Integer.parseInt(p));
            String h = common.setting(host, "host");
            if (h != null) {
                b.host(h);
            }
            b.publicUrl(common.setting(publicUrl, "public-url"));
            try {
                b.trustedProxies(trustedProxies(trustedProxies, common.setting(null, "trusted-proxy")));
            } catch (IllegalArgumentException notAnAddress) {
                throw new CommandLine.ParameterException(new CommandLine(this), notAnAddress.getMessage());
            }
            String connections = common.setting(maxConnections == null ? null : maxConnections.toString(),
                    "max-connections");
            if (connections != null) {
                b.maxConnections(positive("--max-connections", connections));
            }
            String perAddress = common.setting(
                    maxConnectionsPerAddress == null ? null : maxConnectionsPerAddress.toString(),
                    "max-connections-per-address");
            if (perAddress != null) {
                b.maxConnectionsPerAddress(positive("--max-connections-per-address", perAddress));
            }
            String drift = common.setting(maxClockDrift, "max-clock-drift");
            if (drift != null) {
                try {
                    b.maxClockDrift(DriftSetting.parse(drift));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
                }
            }
            return b.build();
        }

        private int positive(String flag, String value) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException notANumber) {
                // the message below says what is wanted
            }
            throw new CommandLine.ParameterException(new CommandLine(this), flag + " must be a whole number of at "
                    + "least 1, not '" + value + "'");
        }

        @Override
        public Integer call() throws InterruptedException {
            ServerConfig config = config();
            LanyardServer server = new LanyardServer(config);
            String alertTo = common.setting(alertEmail, "alert-email");
            if (alertTo != null) {
                // mailed through the --smtp-* settings; without them the alerts go to the log
                server.alertHost(alertTo, null);
            }
            server.start();
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                exit.complete(0);
            }));
            server.storageLost().thenRun(() -> exit.complete(STORAGE_LOST));
            System.out.println("Lanyard sync server listening on " + server.baseUrl() + " (data: "
                    + config.dataDir().toAbsolutePath()
                    + ", database: " + (config.usesEmbeddedH2() ? "embedded H2" : config.jdbcUrl()) + ")");
            System.out.println("Participant mail: " + config.mail().describe());
            if (server.certificateFingerprint() != null) {
                System.out.println("TLS certificate SHA-256: " + server.certificateFingerprint()
                        + " (kiosks pin it from the pairing code)");
            } else {
                System.err.println(PLAIN_HTTP_WARNING);
            }
            if (!server.namesMissingFromCertificate().isEmpty()) {
                System.out.println("The certificate, made earlier, does not name "
                        + server.namesMissingFromCertificate()
                        + ": paired kiosks are not affected (they check its fingerprint); browsers will warn for "
                        + "those names.");
            }
            if (!server.admin().hasAdmin()) {
                System.out.println("No admin yet. Create one with:");
                System.out.println("  " + createAdminCommand(System.getenv("LANYARD_COMMAND"), config.dataDir()));
                System.out.println("  (the password is read from standard input)");
            }
            int code = exit.join();
            if (code == STORAGE_LOST) {
                System.err.println("Stopping: the database file could not be written to the device (see the log); "
                        + "the service manager restarts the server from what the device holds.");
            }
            return code;
        }
    }

    static final String PLAIN_HTTP_WARNING =
            "WARNING: serving plain HTTP (insecure-plain-http): passwords, tokens, pairing codes and "
            + "attendee data cross the network in clear text, and anyone on it can read and change them. Use it only "
            + "behind a TLS "
            + "proxy on this machine.";

    @Command(name = "create-user", description = "Create a user; the password is read from standard input")
    static class CreateUser implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--username", required = true)
        String username;
        @Option(names = "--role", required = true, split = ",",
                description = "ADMIN, ORGANIZER, OPERATOR, AUDITOR (comma-separated for several)")
        Set<Role> roles;

        @Override
        public Integer call() throws IOException {
            String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (password == null) {
                System.err.println("no password on standard input");
                return 2;
            }
            try (LanyardServer server = common.open()) {
                server.admin().createUser(username, password.strip(), roles);
            }
            System.out.println("created user " + username + " " + roles);
            return 0;
        }
    }

    /** A change to one user; its message is printed, or the refusal (unknown user, last admin) on standard error. */
    abstract static class UserChange implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--username", required = true)
        String username;

        abstract String apply(LanyardServer server) throws IOException;

        @Override
        public Integer call() throws IOException {
            try (LanyardServer server = common.open()) {
                System.out.println(apply(server));
                return 0;
            } catch (dev.lanyard.server.errors.DomainException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "disable-user", description = "Disable a user: no login, and every token of theirs stops working")
    static class DisableUser extends UserChange {
        @Override
        String apply(LanyardServer server) {
            server.admin().setUserActive(username, false);
            return "disabled user " + username;
        }
    }

    @Command(name = "enable-user", description = "Enable a disabled user again (tokens from before stay invalid)")
    static class EnableUser extends UserChange {
        @Override
        String apply(LanyardServer server) {
            server.admin().setUserActive(username, true);
            return "enabled user " + username;
        }
    }

    @Command(name = "reset-password",
            description = "Set a user's password, read from standard input; every token of theirs stops working")
    static class ResetPassword extends UserChange {
        @Override
        String apply(LanyardServer server) throws IOException {
            // read before anything else so a missing password changes nothing
            String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (password == null) {
                throw new InvalidInputException("no password on standard input");
            }
            server.admin().resetPassword(username, password.strip());
            return "password of " + username + " reset";
        }
    }

    @Command(name = "set-roles", description = "Replace a user's roles; every token of theirs stops working")
    static class SetRoles extends UserChange {
        @Option(names = "--role", required = true, split = ",",
                description = "ADMIN, ORGANIZER, OPERATOR, AUDITOR (comma-separated for several)")
        Set<Role> roles;

        @Override
        String apply(LanyardServer server) {
            server.admin().setRoles(username, roles);
            return username + " now has " + new java.util.TreeSet<>(roles);
        }
    }

    @Command(name = "create-event", description = "Create an event and print it as JSON")
    static class CreateEvent implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--start", required = true, description = "YYYY-MM-DD")
        LocalDate start;
        @Option(names = "--end", description = "YYYY-MM-DD (default: the start day)")
        LocalDate end;
        @Option(names = "--timezone", defaultValue = "UTC")
        String timezone;
        @Option(names = "--organizer", defaultValue = "admin", description = "username of the owning organizer")
        String organizer;

        @Override
        public Integer call() {
            try (LanyardServer server = common.open()) {
                Event event = server.admin().createEvent(new EventInput(name, null, null, start, end == null ? start
                        : end,
                        ZoneId.of(timezone), null, null, null, null, null, null, null, null), organizer);
                System.out.println(Json.write(event));
            }
            return 0;
        }
    }

    @Command(name = "import", description = "Import a CSV attendee list into an event")
    static class Import implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--event", required = true)
        UUID event;
        @Option(names = "--file", required = true)
        Path file;

        @Override
        public Integer call() throws IOException {
            try (LanyardServer server = common.open(); var in = Files.newInputStream(file)) {
                ImportResult result = server.admin().importCsv(event, in);
                System.out.println("imported " + result.imported() + ", updated " + result.updated() + ", errors "
                        + result.errorCount());
                result.errors().forEach(e -> System.out.println("  line " + e.line() + ": " + e.message()));
                if (result.errorCount() > result.errors().size()) {
                    System.out.println("  ... and " + (result.errorCount() - result.errors().size()) + " more");
                }
                return result.errorCount() == 0 ? 0 : 1;
            }
        }
    }

    @Command(name = "pair-device", description = "Issue a one-time pairing code and show it as a QR code")
    static class PairDevice implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--event", required = true)
        UUID event;
        @Option(names = "--public-url", description = "URL kiosks use to reach the server (env LANYARD_PUBLIC_URL)")
        String publicUrl;

        @Override
        public Integer call() {
            ServerConfig.Builder b = common.withTls(common.config());
            String url = common.setting(publicUrl, "public-url");
            String port = common.setting(null, "port");
            b.publicUrl(url != null ? url : (common.plainHttp() ? "http" : "https") + "://localhost:"
                    + (port == null ? "8080" : port));
            try (LanyardServer server = new LanyardServer(b.build())) {
                PairingCodeResponse code = server.admin().createPairingCode(event);
                System.out.println(TerminalQr.render(code.payload()));
                System.out.println("Pairing code: " + code.code() + " (valid until " + code.expiresAt() + ")");
                if (server.certificateFingerprint() != null) {
                    System.out.println("Server certificate SHA-256: " + server.certificateFingerprint());
                }
                System.out.println("Payload: " + code.payload());
            }
            return 0;
        }
    }

    @Command(name = "export", description = "Export participants or check-ins of an event as CSV")
    static class Export implements Callable<Integer> {
        enum What { participants, checkins }

        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--event", required = true)
        UUID event;
        @Option(names = "--what", defaultValue = "participants", description = "participants or checkins")
        What what;
        @Option(names = "--out", description = "file to write (default: standard output)")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (LanyardServer server = common.open()) {
                if (out != null) {
                    // names and e-mail addresses: owner-only, like everything else that holds them (ADR 0207)
                    if (Files.exists(out)) {
                        PrivateFiles.narrow(out, System.err::println);
                    } else {
                        PrivateFiles.create(out);
                    }
                }
                Writer writer = out == null ? new PrintWriter(System.out, false, StandardCharsets.UTF_8)
                        : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                try {
                    writer.write('\uFEFF');
                    server.admin().export(event, what == What.checkins, writer);
                } finally {
                    writer.flush();
                    if (out != null) {
                        writer.close();
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "backup-database",
            description = "Copy the embedded H2 database into a new zip (H2 BACKUP), also while the server runs;"
            + " lanyard-server-backup uses it")
    static class BackupDatabase implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--to", required = true, description = "the zip to create (it must not exist)")
        Path to;

        @Override
        public Integer call() throws IOException, SQLException {
            ServerConfig config = common.config().build();
            if (!config.usesEmbeddedH2()) {
                System.err.println("backup-database copies the embedded H2 database only: back up " + config.jdbcUrl()
                        + " with its own tools (pg_dump)");
                return 2;
            }
            if (!Files.exists(config.dataDir().resolve("lanyard.mv.db"))) {
                System.err.println("no H2 database in " + config.dataDir());
                return 2;
            }
            String url = config.effectiveJdbcUrl();
            // the password comes from the data folder rather than the command line, where other users could read it
            // (ps)
            String password = config.dbPassword() != null ? config.dbPassword()
                    : EmbeddedH2.password(config.dataDir(), url, config.dbUser());
            Path target = PrivateFiles.create(to);
            try (Connection c = DriverManager.getConnection(url, config.dbUser() == null ? "" : config.dbUser(),
                    password);
                 PreparedStatement backup = c.prepareStatement("BACKUP TO ?")) {
                // with the server running, its process writes the zip (AUTO_SERVER); created above 0600, the zip keeps
                // that mode
                backup.setString(1, target.toString());
                backup.execute();
            }
            System.out.println("backed up the database to " + target);
            return 0;
        }
    }

    @Command(name = "rotate-signing-key",
            description = "Replace the key that signs user tokens: every user logs in again, on every server"
            + " of the database, and their open connections close; paired kiosks keep working (their tokens are not "
                    + "signed)")
    static class RotateSigningKey implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Override
        public Integer call() {
            // a bare database, not a server: this also works where the keys there are cannot be opened (another
            // key-encryption key), which a server refuses to start with. Running servers notice within a second.
            ServerConfig config = common.config().build();
            String url = config.effectiveJdbcUrl();
            String password = config.dbPassword() != null || !config.usesEmbeddedH2() ? config.dbPassword()
                    : EmbeddedH2.password(config.dataDir(), url, config.dbUser());
            try (dev.lanyard.server.db.Database db = new dev.lanyard.server.db.Database(url, config.dbUser(), password,
                    2)) {
                var rotated = dev.lanyard.server.auth.SigningKeys.replace(db, config.effectiveKeyEncryptionKeyFile(),
                        java.time.Clock.systemUTC());
                System.out.println("token signing key " + rotated.kid() + " signs now; " + rotated.retired()
                        + " older key(s) retired: every user logs in again");
            }
            return 0;
        }
    }

    @Command(name = "anonymize-participant", description =
            "Remove a participant's identity; check-ins and statistics stay")
    static class Anonymize implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--event", required = true)
        UUID event;
        @Option(names = "--participant", required = true)
        UUID participant;

        @Override
        public Integer call() {
            try (LanyardServer server = common.open()) {
                Participant p = server.admin().anonymizeParticipant(event, participant);
                System.out.println("anonymized " + p.id());
            }
            return 0;
        }
    }

    @Command(name = "purge-expired",
            description =
            "Remove personal data of events past their retention period (the server also does this every 6 hours)")
    static class PurgeExpired implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Override
        public Integer call() {
            try (LanyardServer server = common.open()) {
                var purged = server.admin().purgeExpired();
                purged.forEach(p -> System.out.println("purged event " + p.eventId() + " (" + p.participants()
                        + " participants)"));
                System.out.println(purged.size() + " event(s) purged");
            }
            return 0;
        }
    }
}
