package dev.lanyard.server;

import dev.lanyard.model.clock.HybridLogicalClock;
import dev.lanyard.model.files.PrivateFiles;
import dev.lanyard.server.admin.AdminService;
import dev.lanyard.server.alerts.AlertLog;
import dev.lanyard.server.alerts.AlertMailer;
import dev.lanyard.server.alerts.DoorActivity;
import dev.lanyard.server.alerts.HostAlerts;
import dev.lanyard.server.auth.AccessPolicy;
import dev.lanyard.server.auth.DeviceService;
import dev.lanyard.server.auth.AttemptLimiter;
import dev.lanyard.server.auth.DatabaseAttemptStore;
import dev.lanyard.server.auth.GuessLimits;
import dev.lanyard.server.auth.PasswordHasher;
import dev.lanyard.server.auth.KeyEncryptionKey;
import dev.lanyard.server.auth.SigningKeyRotation;
import dev.lanyard.server.auth.CredentialsWatch;
import dev.lanyard.server.auth.SigningKeys;
import dev.lanyard.server.auth.PeerKeyService;
import dev.lanyard.server.auth.TokenAuthenticator;
import dev.lanyard.server.auth.TokenService;
import dev.lanyard.server.auth.UserService;
import dev.lanyard.server.calendar.CalendarLinks;
import dev.lanyard.server.http.console.ConsoleGate;
import dev.lanyard.server.http.console.ConsoleRoutes;
import dev.lanyard.server.http.console.ConsoleSessions;
import dev.lanyard.server.http.console.DashboardChannel;
import dev.lanyard.server.http.console.DashboardPages;
import dev.lanyard.server.http.console.DevicePages;
import dev.lanyard.server.http.console.EventPages;
import dev.lanyard.server.http.console.ImportPages;
import dev.lanyard.server.http.console.ParticipantPages;
import dev.lanyard.server.http.console.PasswordPage;
import dev.lanyard.server.http.console.PendingUploads;
import dev.lanyard.server.http.console.UserPages;
import dev.lanyard.server.http.console.ExportPages;
import dev.lanyard.server.http.console.SignInController;
import dev.lanyard.server.http.console.StaticAssets;
import dev.lanyard.server.calendar.EventCalendar;
import dev.lanyard.server.csv.CsvExporter;
import dev.lanyard.server.csv.CsvImporter;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.db.EmbeddedH2;
import dev.lanyard.server.feed.ChangeHub;
import dev.lanyard.server.feed.FeedReader;
import dev.lanyard.server.feed.LocalChangeHub;
import dev.lanyard.server.feed.PostgresChangeHub;
import dev.lanyard.server.http.AppFactory;
import dev.lanyard.server.http.AuthController;
import dev.lanyard.server.http.BearerAuth;
import dev.lanyard.server.http.CalendarController;
import dev.lanyard.server.http.ReportController;
import dev.lanyard.server.http.CsvController;
import dev.lanyard.server.http.DeviceController;
import dev.lanyard.server.http.EventController;
import dev.lanyard.server.http.Guard;
import dev.lanyard.server.http.OpsController;
import dev.lanyard.server.http.ParticipantController;
import dev.lanyard.server.http.PeerKeyController;
import dev.lanyard.server.http.Routes;
import dev.lanyard.server.http.SyncController;
import dev.lanyard.server.ops.Metrics;
import dev.lanyard.server.realtime.Realtime;
import dev.lanyard.server.report.EventReports;
import dev.lanyard.server.sync.AuditLog;
import dev.lanyard.server.sync.EventActivity;
import dev.lanyard.server.sync.EventService;
import dev.lanyard.server.sync.ParticipantService;
import dev.lanyard.server.sync.PersonalData;
import dev.lanyard.server.sync.PushService;
import dev.lanyard.server.sync.RelayAudit;
import dev.lanyard.server.sync.StampBound;
import dev.lanyard.server.sync.ParticipantSearch;
import dev.lanyard.server.tls.ServerNames;
import dev.lanyard.server.tls.TlsMaterial;
import io.javalin.Javalin;
import net.logstash.logback.argument.StructuredArguments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;

/**
 * The sync server, embeddable: {@code new LanyardServer(config).start()}, then {@link #baseUrl()},
 * {@link #admin()} for setting things up without HTTP, and {@link #stop()}. The kiosk's
 * end-to-end tests start one in-process this way.
 */
public final class LanyardServer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LanyardServer.class);
    /** The files in the data folder that hold a secret (ADR 0207). */
    public static final java.util.List<String> SECRETS =
            java.util.List.of(SigningKeys.LEGACY_FILE, KeyEncryptionKey.FILE, EmbeddedH2.PASSWORD_FILE,
            TlsMaterial.GENERATED, TlsMaterial.GENERATED_PASSWORD);
    private final ServerConfig config;
    private final Database db;
    private final ChangeHub hub;
    private final Realtime realtime;
    private final Javalin app;
    private final AdminService admin;
    private final Metrics metrics;
    private final PushService push;
    private final FeedReader feed;
    private final TlsMaterial tls;
    private final ServerNames unnamed;
    private final SigningKeys signingKeys;
    private final UserService users;
    private final CalendarLinks calendars;
    private final EventReports reports;
    private final DoorActivity doorActivity;
    private final EventService events;
    private final Clock clock;
    private volatile HostAlerts hostAlerts;
    private final java.util.concurrent.ScheduledExecutorService alertChecks = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lanyard-host-alerts");
                t.setDaemon(true);
                return t;
            });
    private final DashboardChannel dashboards;
    private final java.util.concurrent.ScheduledExecutorService retention =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lanyard-retention");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ScheduledExecutorService keyWatch =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lanyard-key-watch");
        t.setDaemon(true);
        return t;
    });
    private final ConsoleSessions consoleSessions;
    /** Console guest lists waiting for their confirmation, on disk (ADR 0254). */
    private final PendingUploads consoleUploads;
    private final dev.lanyard.server.email.EmailService email;
    private final dev.lanyard.server.email.EmailFollower emailFollower;
    private final dev.lanyard.server.email.MailWorker mailWorker;
    private final dev.lanyard.server.email.SummaryMail summaryMail;
    private volatile boolean started;
    private boolean stopped;
    private final java.util.concurrent.CompletableFuture<Void> storageLost =
            new java.util.concurrent.CompletableFuture<>();
    private dev.lanyard.model.files.DurableH2Files.Listening forceWatch;

    public LanyardServer(ServerConfig config) {
        this(config, Clock.systemUTC());
    }

    /**
     * With a given clock for token, pairing-code and retention expiry, the stamps the server
     * issues and the bound on pushed stamps (tests move time instead of sleeping).
     */
    public LanyardServer(ServerConfig config, Clock clock) {
        this.config = config;
        try {
            // 0700: H2's own files (lanyard.mv.db, its trace and lock files) follow the umask, and the folder is what
            // keeps them
            // from other users
            PrivateFiles.folder(config.dataDir(), LOG::warn);
            for (String secret : SECRETS) {
                PrivateFiles.narrow(config.dataDir().resolve(secret), LOG::warn);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        String jdbcUrl = config.effectiveJdbcUrl();
        String dbPassword = config.dbPassword() != null || !config.usesEmbeddedH2() ? config.dbPassword()
                : EmbeddedH2.password(config.dataDir(), jdbcUrl, config.dbUser());
        this.db = new Database(jdbcUrl, config.dbUser(), dbPassword, config.dbPoolSize());
        this.metrics = new Metrics();
        this.hub = db.isPostgres() ? new PostgresChangeHub(db) : new LocalChangeHub();
        HybridLogicalClock hlc = new HybridLogicalClock("server-" + UUID.randomUUID().toString().substring(0, 8),
                clock::millis,
                config.maxClockDrift());
        this.clock = clock;
        EventService events = new EventService(db, hub, clock);
        this.events = events;
        this.users = new UserService(db, new PasswordHasher(config.bcryptCost()), clock, hub);
        // one server per embedded H2 database: it may replace keys it cannot open; servers sharing PostgreSQL may not
        try {
            this.signingKeys = SigningKeys.open(db, config.effectiveKeyEncryptionKeyFile(), config.dataDir(),
                    !db.isPostgres(), clock);
        } catch (RuntimeException e) {
            // a server that cannot sign does not start: release what it holds of the shared database
            hub.close();
            db.close();
            throw e;
        }
        TokenService tokens = new TokenService(signingKeys, config.userTokenLifetime(), clock);
        ServerNames names = ServerNames.of(config.host(), config.publicUrl());
        SigningKeyRotation rotation = new SigningKeyRotation(signingKeys, hub);
        this.tls = !config.tlsEnabled() ? null : config.tlsKeystore() != null
                ? TlsMaterial.load(config.tlsKeystore(), config.tlsKeystorePassword())
                : TlsMaterial.selfSigned(config.dataDir(), names);
        this.unnamed = tls == null || config.tlsKeystore() != null
                ? new ServerNames(new java.util.TreeSet<>(), new java.util.TreeSet<>())
                : tls.unnamed(names);
        if (!unnamed.isEmpty()) {
            LOG.warn(
                    "the self-signed certificate does not name every address of this server; paired kiosks are not "
                    + "affected",
                    StructuredArguments.kv("unnamed", unnamed.toString()));
        }
        GuessLimits guessLimits = new GuessLimits(new AttemptLimiter(new DatabaseAttemptStore(db, clock), clock));
        DeviceService devices = new DeviceService(db, events, hub, clock, config.pairingCodeLifetime(), this::baseUrl,
                () -> tls == null ? null : tls.fingerprint(), guessLimits);
        AccessPolicy policy = new AccessPolicy(events);
        this.push = new PushService(db, hub, hlc, new StampBound(clock, config.maxClockDrift()), metrics, events);
        this.feed = new FeedReader(db);
        ParticipantService participants = new ParticipantService(db, push, hlc);
        AuditLog audit = new AuditLog(db, clock);
        PersonalData personalData = new PersonalData(db, participants, push, hlc, events, clock);
        CsvImporter importer = new CsvImporter(db, push, hlc);
        CsvExporter exporter = new CsvExporter(db, participants);
        this.doorActivity = new DoorActivity(clock.instant());
        TokenAuthenticator authenticator = new TokenAuthenticator(tokens, users, devices);
        BearerAuth bearer = new BearerAuth(authenticator, doorActivity, clock);
        Guard guard = new Guard(bearer, events, policy);
        long json = config.maxJsonBodyBytes();
        this.calendars = new CalendarLinks(db, clock, this::baseUrl);
        this.reports = new EventReports(db, events, participants, exporter, clock);
        // reports and exports share the bound: both are whole-event reads taking a core each
        var wholeEventReads = new dev.lanyard.server.report.WholeEventReads("reports and exports",
                dev.lanyard.server.report.WholeEventReads.DEFAULT_AT_ONCE);
        CsvController csvController = new CsvController(importer, exporter, audit, guard, config.maxCsvBodyBytes(),
                wholeEventReads);
        dev.lanyard.server.email.MailConfig mail = config.mail();
        this.email = new dev.lanyard.server.email.EmailService(db, events, participants,
                new dev.lanyard.server.email.MailRenderer(
                        event -> EventCalendar.icsFor(event, calendars.linkFor(event.id()).calendarUrl())), clock,
                        mail.describe());
        dev.lanyard.server.email.ErasureRequests erasure = new dev.lanyard.server.email.ErasureRequests(participants,
                personalData, email, audit);
        this.mailWorker = mail.smtp() == null ? null : new
                dev.lanyard.server.email.MailWorker(email, events, participants,
                new dev.lanyard.server.email.SmtpMailer(mail.smtp()), mail.deliveryCheck(), metrics, clock,
                mail.ratePerSecond(),
                mail.observer());
        this.summaryMail = mail.smtp() == null ? null : new dev.lanyard.server.email.SummaryMail(
                new dev.lanyard.server.email.EmailSettingsStore(db), events, reports,
                new dev.lanyard.server.email.SmtpMailer(mail.smtp()), new AlertLog(db), clock);
        this.emailFollower = new dev.lanyard.server.email.EmailFollower(email, mailWorker == null ? () -> { }
                : mailWorker::wake);
        hub.addListener(emailFollower);
        Routes.Controllers controllers = new Routes.Controllers(
                new OpsController(db, metrics),
                new AuthController(users, tokens, guessLimits, guard, json, rotation),
                new EventController(events, participants, users, guard, json, calendars, email),
                new ParticipantController(participants, erasure, guard, json),
                csvController,
                new SyncController(feed, push, new RelayAudit(audit), guard, json),
                new DeviceController(devices, events, guard, json),
                new PeerKeyController(new PeerKeyService(db, clock), guard, json),
                new CalendarController(calendars, events, guard),
                new ReportController(reports, guard, wholeEventReads),
                new dev.lanyard.server.http.EmailController(email, participants, guard));
        this.realtime = new Realtime(authenticator, events, policy, feed, metrics, config.heartbeatInterval(),
                config.wsAuthTimeout(),
                config.wsSendTimeout(), clock);
        hub.addListener(realtime);
        this.consoleSessions = new ConsoleSessions(config.consoleIdleTimeout(), config.userTokenLifetime(), clock,
                (username, version) -> users.session(username, version).isPresent());
        hub.addListener(consoleSessions);
        // room for two of the largest lists to wait at once (2 GiB by default), ADR 0254
        this.consoleUploads = new PendingUploads(config.dataDir(), 2 * config.maxCsvBodyBytes(),
                consoleSessions::dropIdle);
        EventActivity activity = new EventActivity(db, participants, clock, doorActivity::pending);
        this.dashboards = new DashboardChannel(activity::doorRevoked);
        hub.addListener(dashboards);
        ConsoleRoutes.Controllers console = new ConsoleRoutes.Controllers(new StaticAssets(),
                new SignInController(users, guessLimits, consoleSessions, signingKeys),
                new EventPages(events, users, email, guard),
                new ImportPages(importer, audit, guard, config.maxCsvBodyBytes(), consoleUploads),
                new DevicePages(devices, events, guard),
                new DashboardPages(activity, dashboards, guard),
                new ParticipantPages(new ParticipantSearch(db, participants), participants, erasure, guard),
                new PasswordPage(users, guessLimits, consoleSessions, signingKeys, guard),
                new UserPages(users, guard),
                new ExportPages(csvController, audit, guard),
                new dev.lanyard.server.http.console.MailPages(email, calendars, guard),
                new dev.lanyard.server.http.console.BadgePages(events, guard));
        ConsoleGate gate = new ConsoleGate(consoleSessions, users, signingKeys, bearer,
                config.maxCsvBodyBytes());
        this.app = AppFactory.create(config, controllers, ConsoleRoutes.section(console, gate),
                new dev.lanyard.server.http.Credentials() {
                    @Override
                    public java.util.Optional<dev.lanyard.server.auth.Principal> bearer(String authorization) {
                        return bearer.lookUp(authorization);
                    }

                    @Override
                    public java.util.Optional<String> consoleUser(String cookies) {
                        return gate.consoleUser(cookies);
                    }
                },
                realtime, metrics, tls, clock);
        this.admin = new AdminService(users, events, participants, importer, devices, tokens, exporter, personalData,
                erasure, rotation);
    }

    public LanyardServer start() {
        // the server's process opens only its own database through the durable files (ADR 0011)
        forceWatch = dev.lanyard.model.files.DurableH2Files.whenAForceFails(file -> {
            LOG.error("a write to the database file could not be forced to the device: this server can write nothing "
                    + "more and stops; restarted, it opens the database as the device holds it",
                    StructuredArguments.kv("file", file));
            storageLost.complete(null);
        });
        long every = config.retentionSweepInterval().toMillis();
        retention.scheduleWithFixedDelay(this::sweepRetention, every, every,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        keyWatch.scheduleWithFixedDelay(new CredentialsWatch(
                () -> java.util.List.of(signingKeys.currentKid(), users.tokenVersions()), realtime::recheckAll), 1, 1,
                java.util.concurrent.TimeUnit.SECONDS);
        // an idle console session's waiting upload goes with it, even when nobody signs in to end it (ADR 0254)
        retention.scheduleWithFixedDelay(this::endIdleConsoleSessions, 1, 1, java.util.concurrent.TimeUnit.MINUTES);
        if (hostAlerts != null) {
            alertChecks.scheduleWithFixedDelay(this::checkAlerts, 1, 1, java.util.concurrent.TimeUnit.MINUTES);
        }
        if (summaryMail != null) {
            alertChecks.scheduleWithFixedDelay(this::mailSummaries, 1, 1, java.util.concurrent.TimeUnit.MINUTES);
        }
        app.start();
        emailFollower.start();
        if (mailWorker != null) {
            // one embedded H2 database has one server: what it left sending, it left when it stopped
            mailWorker.start(config.mail().poll(), !db.isPostgres());
        }
        started = true;
        LOG.info("server started", StructuredArguments.kv("url", baseUrl()),
                StructuredArguments.kv("database", db.isPostgres() ? "postgresql" : "h2"),
                StructuredArguments.kv("tls", tls != null));
        dev.lanyard.server.email.SmtpSettings smtp = config.mail().smtp();
        if (smtp != null && smtp.clearTextWarning() != null) {
            // none is only ever taken when the host asked for it: say so at every start (ADR 0255)
            LOG.warn(smtp.clearTextWarning());
        }
        return this;
    }

    private void endIdleConsoleSessions() {
        try {
            consoleSessions.dropIdle();
        } catch (RuntimeException e) {
            LOG.warn("ending idle console sessions failed; it runs again in a minute", e);
        }
    }

    private void sweepRetention() {
        try {
            admin.purgeExpired().forEach(p -> LOG.info("purged personal data after retention",
                    StructuredArguments.kv("event", p.eventId()),
                    StructuredArguments.kv("participants", p.participants())));
        } catch (RuntimeException e) {
            LOG.warn("retention sweep failed; it runs again later", e);
        }
    }

    public int port() {
        return app.port();
    }

    public String baseUrl() {
        if (config.publicUrl() != null) {
            return config.publicUrl();
        }
        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        int port = started ? port() : safePort();
        return (tls == null ? "http://" : "https://") + host + ":" + port;
    }

    private int safePort() {
        try {
            int p = app.port();
            return p > 0 ? p : config.port();
        } catch (RuntimeException notStarted) {
            return config.port();
        }
    }

    /** SHA-256 fingerprint of the TLS certificate, or null when TLS is off. */
    public String certificateFingerprint() {
        return tls == null ? null : tls.fingerprint();
    }

    /**
     * Names and addresses this server is reached by that its self-signed certificate, made
     * earlier, does not hold (the laptop joined another network): clients that check names refuse
     * them, kiosks that pinned the fingerprint do not (ADR 0208). Empty without a self-signed certificate.
     */
    public ServerNames namesMissingFromCertificate() {
        return unnamed;
    }

    public AdminService admin() {
        return admin;
    }

    /**
     * Mails {@code to} when a host threshold is crossed (ADR 0224), through {@code mailer}; null sends through the
     * server's SMTP settings, or logs each alert when there are none. Checked every minute from {@link #start()};
     * call before it.
     */
    public LanyardServer alertHost(String to, AlertMailer mailer) {
        dev.lanyard.server.email.SmtpSettings smtp = config.mail().smtp();
        AlertMailer delivery = mailer != null ? mailer
                : smtp != null ? new dev.lanyard.server.email.SmtpAlertMailer(new dev.lanyard.server.email.SmtpMailer(
                        smtp))
                : (address, subject, body) ->
                LOG.warn("host alert (no mailer configured)", StructuredArguments.kv("to", address),
                        StructuredArguments.kv("subject", subject), StructuredArguments.kv("body", body));
        this.hostAlerts = new HostAlerts(to, delivery, new AlertLog(db), doorActivity, realtime::connectedDevices,
                metrics::p99Seconds, events, db, clock);
        return this;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** What this server last heard from each door, and the outbox count it said it had (ADR 0224). */
    public DoorActivity doorActivity() {
        return doorActivity;
    }

    /** The host alerts, or null when no address was given. */
    public HostAlerts hostAlerts() {
        return hostAlerts;
    }

    private void checkAlerts() {
        try {
            hostAlerts.check();
        } catch (RuntimeException e) {
            LOG.warn("host alert check failed; it runs again in a minute", e);
        }
    }

    private void mailSummaries() {
        try {
            summaryMail.check();
        } catch (RuntimeException e) {
            LOG.warn("organizer summary check failed; it runs again in a minute", e);
        }
    }

    /** The ended events' organizer summaries, checked every minute; null without SMTP. */
    public dev.lanyard.server.email.SummaryMail summaryMail() {
        return summaryMail;
    }

    /** The events' public calendar links (and through them {@code EventCalendar.icsFor}), for the mailer. */
    public CalendarLinks calendarLinks() {
        return calendars;
    }

    /** Event summaries, arrivals charts and check-in CSVs, for the mailer. */
    public EventReports reports() {
        return reports;
    }

    public ServerConfig config() {
        return config;
    }

    public Database database() {
        return db;
    }

    /** Participant mail: settings, outbox, status (host tools and tests). */
    public dev.lanyard.server.email.EmailService email() {
        return email;
    }

    /** The mail sender; null when no SMTP server is configured. */
    public dev.lanyard.server.email.MailWorker mailWorker() {
        return mailWorker;
    }

    public PushService pushService() {
        return push;
    }

    /** The open dashboards' change streams. */
    public DashboardChannel dashboards() {
        return dashboards;
    }

    public FeedReader feedReader() {
        return feed;
    }

    public Javalin javalin() {
        return app;
    }

    public int webSocketConnections() {
        return realtime.connections();
    }

    /**
     * Completes when a write to the embedded database's file could not be forced to the device: every later write
     * fails (ADR 0011), so whoever runs the server stops it, and a restart opens the database as the device holds
     * it (the serve command exits with {@code Main.STORAGE_LOST} for its service manager to restart it).
     */
    public java.util.concurrent.CompletableFuture<Void> storageLost() {
        return storageLost.copy();
    }

    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (forceWatch != null) {
            forceWatch.close();
        }
        retention.shutdownNow();
        keyWatch.shutdownNow();
        alertChecks.shutdownNow();
        realtime.close();
        dashboards.close();
        emailFollower.close();
        if (mailWorker != null) {
            mailWorker.close();
        }
        app.stop();
        consoleSessions.endAll();
        consoleUploads.close();
        if (started) {
            LOG.info("server stopped", StructuredArguments.kv("url", baseUrl()));
        }
        hub.close();
        db.close();
        started = false;
    }

    @Override
    public void close() {
        stop();
    }
}
