package dev.lanyard.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.model.json.InvalidMessageException;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.ApiError;
import dev.lanyard.model.protocol.ServerTime;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.server.auth.DeviceRevokedException;
import dev.lanyard.server.errors.ConflictException;
import dev.lanyard.server.errors.DomainException;
import dev.lanyard.server.errors.ForbiddenException;
import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.errors.NotFoundException;
import dev.lanyard.server.auth.TooManyAttemptsException;
import dev.lanyard.server.ops.Metrics;
import dev.lanyard.server.realtime.Realtime;
import dev.lanyard.server.report.ReadsBusyException;
import dev.lanyard.server.sync.EventBusyException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin app from the route table: JSON mapping, errors, limits, WebSocket, metrics. */
public final class AppFactory {
    private static final Logger LOG = LoggerFactory.getLogger(AppFactory.class);
    /** Failed and slow requests only: a venue server should not log every scan. */
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.lanyard.server.access");
    private static final String STARTED = "lanyard.started";
    /**
     * Jetty's request threads. A request holds one while the app handles it: a body arrives before (ADR 0240) and an
     * answer is sent on without one (ADR 0241; past {@link #ANSWER_BOUND} from disk, ADR 0245), so a slow client holds
     * none unless the disk refuses its answer or a change's answer is past both budgets. WebSockets hold no thread
     * between frames.
     */
    static final int HTTP_THREADS = 200;
    /** The longest answer taken off its thread (ADR 0241): a feed page ({@code FeedReader.MAX_PAGE_BYTES}). */
    static final long ANSWER_BOUND = 4L << 20;
    /**
     * What answers waiting for slow readers may hold together (ADR 0241): 32 of the largest uncompressed pages, or
     * a few hundred gzipped ones as kiosks ask for them; one door or user holds at most an eighth. Past it an ask is
     * answered busy or cut off, a change's answer written on its thread (ADR 0242).
     */
    static final long ANSWER_BUDGET = 64L << 20;
    /**
     * What the parts of answers past {@link #ANSWER_BOUND} may take on disk while their clients read them (ADR 0245):
     * a dozen exports of a 1,000,000-person guest list (about 150 MB each); one user or door at most a quarter.
     */
    static final long SPILL_BUDGET = 2L << 30;
    /** Where those parts wait, in the server's data folder; each file loses its name when opened. */
    static final String SPILL_FOLDER = "answers";
    /** How many of those parts may wait together (48 MB of buffers); one user or door at most a quarter. */
    static final int OPEN_SPILLS = 256;
    /** Threads kept when idle: enough for a burst of door pushes without starting threads. */
    static final int HTTP_MIN_THREADS = 8;

    private AppFactory() {
    }

    /** The paths whose bodies may be longer than any JSON body, guest lists read as they arrive, with their bounds. */
    private static java.util.Map<String, Long> streamedBodies(ServerConfig config, Section console) {
        java.util.Map<String, Long> paths = new java.util.HashMap<>(console.streamedBodies());
        paths.put(Routes.PARTICIPANT_IMPORT, config.maxCsvBodyBytes());
        return paths;
    }

    public static Javalin create(ServerConfig config, Routes.Controllers controllers, Section console,
                                 Credentials credentials, Realtime realtime,
                                 Metrics metrics,
                                 dev.lanyard.server.tls.TlsMaterial tls, Clock clock) {
        ObjectMapper mapper = Json.configure(new ObjectMapper());
        Section.ErrorPage pages = console.errors();
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            // route bodies are limited per route (8 MB JSON, larger CSV); this is the outer bound
            cfg.http.maxRequestSize = Math.max(config.maxJsonBodyBytes(), config.maxCsvBodyBytes());
            cfg.http.defaultContentType = "application/json";
            // an upload's parts wait in a private folder of the server's (made and emptied by PendingUploads), not in
            // the system's temp folder, and are read only once the console's gate and the import page let them
            cfg.jetty.multipartConfig.cacheDirectory(config.dataDir()
                    .resolve(dev.lanyard.server.http.console.PendingUploads.INCOMING_FOLDER).toString());
            // as long as the gate lets a form be: a file past the CSV bound is the import page's to refuse (413, in the
            // user's words), not Jetty's (an error the app would answer 500)
            long uploadBound = config.maxCsvBodyBytes()
                    + dev.lanyard.server.http.console.ConsoleGate.MULTIPART_OVERHEAD_BYTES;
            cfg.jetty.multipartConfig.maxFileSize(uploadBound, io.javalin.config.SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(uploadBound, io.javalin.config.SizeUnit.BYTES);
            // level 1: a bootstrap is tens of megabytes of JSON; on a venue LAN CPU is scarcer than bandwidth,
            // and level 1 still shrinks feed JSON several times
            cfg.http.compressionStrategy = new io.javalin.compression.CompressionStrategy(null,
                    new io.javalin.compression.Gzip(1));
            org.eclipse.jetty.util.thread.QueuedThreadPool threads =
                    new org.eclipse.jetty.util.thread.QueuedThreadPool(HTTP_THREADS, HTTP_MIN_THREADS, 60_000);
            threads.setName("lanyard-http");
            cfg.jetty.threadPool = threads;
            // one door or user holds at most an eighth, and room for two of the largest bodies (ADR 0242)
            BodyBudget bodies = new BodyBudget(config.bodyBudgetBytes(),
                    Math.max(config.bodyBudgetBytes() / 8, 2 * config.maxJsonBodyBytes()));
            // what requests naming no one may hold together: anyone on the network can send those (ADR 0240); one
            // client address an eighth of it (ADR 0244)
            long openBudget = Math.max(Bodies.SMALL_BODY * 16, config.bodyBudgetBytes() / 16);
            BodyBudget openBodies = new BodyBudget(openBudget, openBudget / 8);
            // Javalin puts its servlet context inside these: bodies arrive before a thread is given (ADR 0240), and
            // answers are taken off the thread and sent on without one (ADR 0241)
            cfg.jetty.modifyServer(server -> {
                org.eclipse.jetty.server.Handler.Wrapper prefetch = BodyPrefetch.handler(config.maxJsonBodyBytes(),
                        bodies, openBodies, credentials, config.trustedProxies(), streamedBodies(config, console));
                prefetch.setHandler(new AnswerHold(ANSWER_BOUND, new BodyBudget(ANSWER_BUDGET, ANSWER_BUDGET / 8),
                        new AnswerHold.Spills(config.dataDir().resolve(SPILL_FOLDER),
                                new BodyBudget(SPILL_BUDGET, SPILL_BUDGET / 4),
                                new BodyBudget(OPEN_SPILLS, OPEN_SPILLS / 4), AnswerHold.spillIo(OPEN_SPILLS))));
                server.setHandler(prefetch);
                // sockets: a bound over all clients, and a share per address so one client cannot take them (ADR 0243)
                org.eclipse.jetty.server.NetworkConnectionLimit sockets =
                        new org.eclipse.jetty.server.NetworkConnectionLimit(config.maxConnections(), server) {
                            @Override
                            protected void limit() {
                                super.limit(); // Jetty says so at INFO, which the shipped logging leaves out
                                LOG.warn("{} connections open, the most the server takes: new ones wait until one"
                                        + " closes", getMaxNetworkConnectionCount());
                            }
                        };
                sockets.setEndPointIdleTimeout(0); // at the limit, quiet doors' sockets keep their idle timeout
                server.addBean(sockets);
                server.addBean(new ConnectionCap(server, config.maxConnectionsPerAddress(),
                        ConnectionCap.exemptHostAndProxies(config.trustedProxies())));
            });
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            if (tls != null) {
                // an added connector replaces Javalin's plain HTTP one: with TLS on, nothing is served in clear text
                cfg.jetty.addConnector((server, http) -> {
                    http.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer(false));
                    org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl =
                            new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
                    ssl.setKeyStore(tls.keyStore());
                    ssl.setKeyStorePassword(tls.password());
                    org.eclipse.jetty.server.ServerConnector connector =
                            new org.eclipse.jetty.server.ServerConnector(server,
                            new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
                            new org.eclipse.jetty.server.HttpConnectionFactory(http));
                    connector.setHost(config.host());
                    connector.setPort(config.port());
                    return connector;
                });
            }
            cfg.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setIdleTimeout(config.wsIdleTimeout());
                factory.setMaxTextMessageSize(config.wsMaxMessageBytes());
                factory.setMaxBinaryMessageSize(config.wsMaxMessageBytes());
            });
            for (Routes.Route route : Routes.table()) {
                switch (route.method()) {
                    case GET -> cfg.routes.get(route.path(), route.bind(controllers));
                    case POST -> cfg.routes.post(route.path(), route.bind(controllers));
                    case PUT -> cfg.routes.put(route.path(), route.bind(controllers));
                    case PATCH -> cfg.routes.patch(route.path(), route.bind(controllers));
                    case DELETE -> cfg.routes.delete(route.path(), route.bind(controllers));
                }
            }
            for (Section.Route route : console.routes()) {
                switch (route.method()) {
                    case GET -> cfg.routes.get(route.path(), route.handler());
                    case POST -> cfg.routes.post(route.path(), route.handler());
                    default -> throw new IllegalStateException("a section uses GET and POST only: " + route.path());
                }
            }
            cfg.routes.ws(Routes.WEBSOCKET_PATH, realtime::configure);
            cfg.routes.before(ctx -> {
                ctx.attribute(STARTED, System.nanoTime());
                ctx.attribute(BodyBudget.ATTRIBUTE, bodies);
                // on every answer, errors included: a device corrects its clock on any contact, not only when refused
                ctx.header(ServerTime.HEADER, Long.toString(clock.millis()));
                // resolved once here, so every limit keys on the same client; a forwarded address counts only from a
                // trusted proxy
                ctx.attribute(ClientAddress.ATTRIBUTE, ClientAddress.of(ctx.req().getRemoteAddr(),
                        ClientAddress.forwardedFor(java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For"))),
                        config.trustedProxies()));
            });
            cfg.routes.before(console.before());
            cfg.routes.after(ctx -> {
                Long started = ctx.attribute(STARTED);
                if (started != null) {
                    // the route that answered (in an after handler ctx.endpoint() is the handler's own, "*");
                    // "unmatched" when no route ran: none matched, or a before handler answered (a sign-in redirect)
                    io.javalin.router.Endpoint answered = ctx.endpoints().matchedHttpEndpoint();
                    String route = answered == null ? "unmatched" : answered.path;
                    java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
                    metrics.request(ctx.method().name(), route, ctx.statusCode(), took);
                    if (ctx.statusCode() >= 400 || took.toMillis() > 1_000) {
                        ACCESS.info("request", net.logstash.logback.argument.StructuredArguments.kv("method",
                                ctx.method().name()),
                                net.logstash.logback.argument.StructuredArguments.kv("route", route),
                                net.logstash.logback.argument.StructuredArguments.kv("status", ctx.statusCode()),
                                net.logstash.logback.argument.StructuredArguments.kv("ms", took.toMillis()));
                    }
                }
            });
            cfg.routes.exception(ApiException.class, (e, ctx) ->
                    error(pages, ctx, e.status(), e.code(), e.getMessage()));
            cfg.routes.exception(DomainException.class, (e, ctx) ->
                    error(pages, ctx, statusOf(e), e.code(), e.getMessage()));
            cfg.routes.exception(EventBusyException.class,
                    (e, ctx) -> busy(pages, ctx, e.retryAfter(), e.getMessage()));
            cfg.routes.exception(ReadsBusyException.class,
                    (e, ctx) -> busy(pages, ctx, e.retryAfter(), e.getMessage()));
            // distinct from "unauthorized": a kiosk erases its replica on this answer only (ADR 0315)
            cfg.routes.exception(DeviceRevokedException.class,
                    (e, ctx) -> error(pages, ctx, 401, "device_revoked", e.getMessage()));
            cfg.routes.exception(TooManyAttemptsException.class, (e, ctx) -> {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                error(pages, ctx, 429, "too_many_attempts", e.getMessage());
            });
            cfg.routes.exception(InvalidMessageException.class,
                    (e, ctx) -> error(pages, ctx, 400, "invalid_request", e.getMessage()));
            cfg.routes.exception(IllegalArgumentException.class,
                    (e, ctx) -> error(pages, ctx, 400, "invalid_request", e.getMessage()));
            cfg.routes.exception(HttpResponseException.class,
                    (e, ctx) -> error(pages, ctx, e.getStatus(), codeOf(e.getStatus()), e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                error(pages, ctx, 500, "internal_error", "the server failed; the request may be retried");
            });
            cfg.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
                    error(pages, ctx, 404, "not_found", "no such route: " + ctx.method() + " " + ctx.path());
                }
            });
            cfg.routes.error(405, "*", ctx -> error(pages, ctx, 405, "method_not_allowed", ctx.method()
                    + " is not allowed on " + ctx.path()));
            cfg.routes.error(413, "*", ctx -> {
                if (ctx.result() == null || !ctx.result().startsWith("{")) {
                    error(pages, ctx, 413, "too_large", "request body is too large");
                }
            });
        });
    }

    /** The one place a domain error becomes an HTTP status (ADR 0229). */
    static int statusOf(DomainException e) {
        if (e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof ForbiddenException) {
            return 403;
        }
        if (e instanceof ConflictException) {
            return 409;
        }
        if (e instanceof InvalidInputException) {
            return 400;
        }
        throw new IllegalStateException("no HTTP status for " + e.getClass().getName());
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 413 -> "too_large";
            default -> "http_" + status;
        };
    }

    private static void busy(Section.ErrorPage pages, Context ctx, java.time.Duration retryAfter, String message) {
        ctx.header("Retry-After", Long.toString(retryAfter.toSeconds()));
        error(pages, ctx, 429, "busy", message);
    }

    private static void error(Section.ErrorPage pages, Context ctx, int status, String code, String message) {
        if (pages.handles(ctx)) {
            pages.render(ctx, status, message == null ? code : message);
            return;
        }
        ctx.status(status).contentType("application/json").result(
                Json.write(new ApiError(code, message == null ? code : message)));
    }
}
