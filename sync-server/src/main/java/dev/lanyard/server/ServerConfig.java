package dev.lanyard.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link LanyardServer} needs to start. Build one with {@link #builder(Path)};
 * every setting has a default a venue laptop can live with.
 *
 * @param port               0 picks a free port (tests)
 * @param jdbcUrl            null for the embedded H2 file database in {@code dataDir}
 * @param publicUrl          the URL kiosks reach this server at (goes into pairing codes); null means http://host:port
 * @param heartbeatInterval  WebSocket heartbeat period (30 s by contract; shorter in tests)
 * @param wsSendTimeout      a WebSocket client with a frame outstanding longer than this is behind and is
 *                           disconnected (it resumes from its seq when it reconnects)
 * @param maxJsonBodyBytes   larger JSON bodies are refused with 413
 * @param maxCsvBodyBytes    larger CSV imports are refused with 413
 * @param bodyBudgetBytes    how many bytes of request bodies may be held at once, over all requests; a body that
 *                           would pass it is read, dropped and answered 429 busy (ADRs 0239, 0240); requests
 *                           naming no one share a sixteenth of it (an eighth of that per client address, ADR 0244),
 *                           and one device or user may hold an eighth of it, at least two of the largest JSON bodies
 *                           (ADR 0242)
 * @param tlsKeystore        a PKCS#12 key store with the server's key and certificate: serve HTTPS/WSS only
 * @param trustedProxies     addresses of reverse proxies whose X-Forwarded-For names the client (attempt limits
 *                           key on the client); empty: the header is ignored, the connection's peer is the client
 * @param tlsSelfSigned      no key store given: generate a self-signed certificate into the data directory once
 *                           and serve HTTPS/WSS; kiosks pin its fingerprint from the pairing code
 * @param maxClockDrift      how far ahead of this server's clock a pushed stamp may be; a later one is refused
 *                           with {@code clock_ahead} and the device re-stamps it (ADR 0006; default 5 minutes)
 * @param consoleIdleTimeout a web console session unused this long ends (default 30 minutes; ADR 0217)
 * @param keyEncryptionKeyFile the key that seals token signing keys in the database; null: {@code key-encryption-key}
 *                           in the data directory, made at first start. Every server on one PostgreSQL needs the same
 *                           one (ADR 0209)
 * @param mail               how participant mail leaves (SMTP); {@code MailConfig.NONE}: the outbox fills, nothing is
 * sent
 * @param maxConnections     connections open at once over all clients; at the limit new ones wait in the kernel's
 *                           queue until one closes (ADR 0243)
 * @param maxConnectionsPerAddress connections one client address may hold open; past it a new one is closed at once.
 *                           Not counted: loopback and the trusted proxies (ADR 0243)
 */
public record ServerConfig(String host, int port, Path dataDir, String jdbcUrl, String dbUser, String dbPassword,
                           String publicUrl, Duration heartbeatInterval, Duration wsSendTimeout,
                           Duration wsIdleTimeout, int wsMaxMessageBytes,
                           Duration wsAuthTimeout, Duration userTokenLifetime, Duration pairingCodeLifetime,
                           long maxJsonBodyBytes, long maxCsvBodyBytes, long bodyBudgetBytes,
                           java.util.Set<String> trustedProxies,
                           int bcryptCost,
                           int dbPoolSize, Path tlsKeystore, String tlsKeystorePassword, boolean tlsSelfSigned,
                           Duration retentionSweepInterval, Duration maxClockDrift, Path keyEncryptionKeyFile,
                           Duration consoleIdleTimeout,
                           dev.lanyard.server.email.MailConfig mail, int maxConnections,
                           int maxConnectionsPerAddress) {
    /**
     * Kiosks correct their clocks from the server's time on every contact and re-stamp a refused
     * item on their own, so a tight bound costs a round trip; a loose one lets a wrong clock win
     * every last-writer-wins register it touches for that long (ADR 0006).
     */
    public static final Duration DEFAULT_MAX_CLOCK_DRIFT = Duration.ofMinutes(5);

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        trustedProxies = java.util.Set.copyOf(trustedProxies);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalArgumentException("bcryptCost must be 4..31");
        }
        Objects.requireNonNull(maxClockDrift, "maxClockDrift");
        mail = mail == null ? dev.lanyard.server.email.MailConfig.NONE : mail;
        if (maxClockDrift.isNegative()) {
            throw new IllegalArgumentException("maxClockDrift must not be negative");
        }
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("maxConnections and maxConnectionsPerAddress must be at least 1");
        }
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public boolean tlsEnabled() {
        return tlsKeystore != null || tlsSelfSigned;
    }

    public Path effectiveKeyEncryptionKeyFile() {
        return keyEncryptionKeyFile != null ? keyEncryptionKeyFile
                : dataDir.resolve(dev.lanyard.server.auth.KeyEncryptionKey.FILE);
    }

    public boolean usesEmbeddedH2() {
        return jdbcUrl == null;
    }

    public String effectiveJdbcUrl() {
        if (jdbcUrl != null) {
            return durableH2(jdbcUrl);
        }
        // AUTO_SERVER: the host CLI can work on the database while the server runs; only where its port is
        // loopback-only
        // (EmbeddedH2). LOCK_TIMEOUT: writers of one event queue on its feed counter row; H2's 1 s default is too short
        // under load
        // QUERY_CACHE_SIZE: a push runs more distinct statements than H2's 8 cached per connection, and re-parsing them
        // cost a tenth of ingest
        return durableH2("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("lanyard") + ";LOCK_TIMEOUT=30000"
                + (dev.lanyard.server.db.EmbeddedH2.autoServerIsLocal() ? ";AUTO_SERVER=TRUE" : "")
                + ";QUERY_CACHE_SIZE=64"
                + ";CACHE_SIZE=" + h2CacheKb(Runtime.getRuntime().maxMemory()));
    }

    /**
     * H2's page cache, in KB: a quarter of the heap, at least H2's default 64 MB and at most 1 GB.
     * With the default a 100,000-participant feed does not stay cached, so every kiosk bootstrap
     * read and decoded the feed's pages from the file again (the first page took 0.3 s, and the
     * kiosk's 100k bootstrap 3.3 s instead of 2.9 s on the bench machine).
     */
    static long h2CacheKb(long maxHeapBytes) {
        long quarterKb = maxHeapBytes / 4 / 1024;
        return Math.max(64L * 1024, Math.min(1024L * 1024, quarterKb));
    }

    /**
     * H2 by default writes committed changes to its file up to 500 ms later (WRITE_DELAY), so a
     * process that dies right after answering "accepted" loses what it accepted. WRITE_DELAY=0
     * writes every commit to the file before the commit returns, and the durable file system forces
     * it to the device (ADR 0011), so a power cut of the host loses nothing answered either. A URL
     * that sets WRITE_DELAY itself is left alone: whoever wrote it chose when H2 writes.
     */
    static String durableH2(String url) {
        if (!url.startsWith("jdbc:h2:") || url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=")) {
            return url;
        }
        return dev.lanyard.model.files.DurableH2Files.url(url) + ";WRITE_DELAY=0";
    }

    public Builder toBuilder() {
        Builder b = new Builder(dataDir);
        b.host = host;
        b.port = port;
        b.jdbcUrl = jdbcUrl;
        b.dbUser = dbUser;
        b.dbPassword = dbPassword;
        b.publicUrl = publicUrl;
        b.heartbeatInterval = heartbeatInterval;
        b.wsSendTimeout = wsSendTimeout;
        b.wsIdleTimeout = wsIdleTimeout;
        b.wsMaxMessageBytes = wsMaxMessageBytes;
        b.wsAuthTimeout = wsAuthTimeout;
        b.userTokenLifetime = userTokenLifetime;
        b.pairingCodeLifetime = pairingCodeLifetime;
        b.maxJsonBodyBytes = maxJsonBodyBytes;
        b.maxCsvBodyBytes = maxCsvBodyBytes;
        b.bodyBudgetBytes = bodyBudgetBytes;
        b.trustedProxies = trustedProxies;
        b.bcryptCost = bcryptCost;
        b.dbPoolSize = dbPoolSize;
        b.tlsKeystore = tlsKeystore;
        b.tlsKeystorePassword = tlsKeystorePassword;
        b.tlsSelfSigned = tlsSelfSigned;
        b.retentionSweepInterval = retentionSweepInterval;
        b.maxClockDrift = maxClockDrift;
        b.keyEncryptionKeyFile = keyEncryptionKeyFile;
        b.consoleIdleTimeout = consoleIdleTimeout;
        b.mail = mail;
        b.maxConnections = maxConnections;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        return b;
    }

    public static final class Builder {
        private final Path dataDir;
        private String host = "0.0.0.0";
        private int port = 8080;
        private String jdbcUrl;
        private String dbUser;
        private String dbPassword;
        private String publicUrl;
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        /**
         * Half the kiosk's 75 s heartbeat watchdog: long enough for a 1,000-change frame over a
         * poor venue link, short enough that a stalled kiosk is dropped (and its queue freed)
         * well before a healthy one could notice anything.
         */
        private Duration wsSendTimeout = Duration.ofSeconds(30);
        private Duration wsIdleTimeout = Duration.ofSeconds(90);
        private int wsMaxMessageBytes = 1 << 20;
        private Duration wsAuthTimeout = Duration.ofSeconds(10);
        private Duration userTokenLifetime = Duration.ofHours(12);
        private Duration pairingCodeLifetime = Duration.ofMinutes(10);
        private long maxJsonBodyBytes = 8L << 20;
        /**
         * An import is streamed and written in batches (ADR 0210), so its size costs time, not
         * memory: 1 GB takes a million rows of a wide export (Eventbrite's run to a kilobyte a row).
         */
        private long maxCsvBodyBytes = 1L << 30;
        /**
         * A quarter of the 1 GB heap the server ships with: 32 pushes of the largest size arriving at once, or a
         * thousand of a door's usual 250 kB.
         */
        private long bodyBudgetBytes = 256L << 20;
        private java.util.Set<String> trustedProxies = java.util.Set.of();
        private int bcryptCost = 12;
        /**
         * No request holds a connection while it talks to a client (feed pages are read, then
         * written; WebSocket pumps read, then queue), so connections are held for a query or a
         * transaction only. Writers of one event take turns anyway (EventWriteQueue), the
         * realtime pumps take at most 4 (Realtime.PUMP_THREADS), and a 2-core venue laptop
         * gains nothing from more parallel H2 work; 10 leaves room for pulls, imports and the
         * retention sweep at once. PostgreSQL's default 100 connections serve several servers.
         */
        private int dbPoolSize = 10;
        private Path tlsKeystore;
        private String tlsKeystorePassword;
        private boolean tlsSelfSigned;
        private Duration retentionSweepInterval = Duration.ofHours(6);
        private Duration maxClockDrift = DEFAULT_MAX_CLOCK_DRIFT;
        private Path keyEncryptionKeyFile;
        private Duration consoleIdleTimeout = Duration.ofMinutes(30);
        private dev.lanyard.server.email.MailConfig mail = dev.lanyard.server.email.MailConfig.NONE;
        /**
         * A door holds up to five (its realtime and live sockets, a push, a fresh push, a pull) and an organizer's
         * browser about six: room for a venue many times the size of fifty doors, well under the sockets the process
         * may open.
         */
        private int maxConnections = 10_000;
        /**
         * A venue behind one NAT address reaching a server elsewhere is one address: fifty doors and a dozen browsers
         * hold about 320 connections, so a venue of up to about 180 doors fits.
         */
        private int maxConnectionsPerAddress = 1_024;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder jdbcUrl(String v) { jdbcUrl = v; return this; }
        public Builder dbUser(String v) { dbUser = v; return this; }
        public Builder dbPassword(String v) { dbPassword = v; return this; }
        public Builder publicUrl(String v) { publicUrl = v; return this; }
        public Builder heartbeatInterval(Duration v) { heartbeatInterval = v; return this; }
        public Builder wsSendTimeout(Duration v) { wsSendTimeout = v; return this; }
        public Builder wsIdleTimeout(Duration v) { wsIdleTimeout = v; return this; }
        public Builder wsMaxMessageBytes(int v) { wsMaxMessageBytes = v; return this; }
        public Builder wsAuthTimeout(Duration v) { wsAuthTimeout = v; return this; }
        public Builder userTokenLifetime(Duration v) { userTokenLifetime = v; return this; }
        public Builder pairingCodeLifetime(Duration v) { pairingCodeLifetime = v; return this; }
        public Builder maxJsonBodyBytes(long v) { maxJsonBodyBytes = v; return this; }
        public Builder maxCsvBodyBytes(long v) { maxCsvBodyBytes = v; return this; }
        /** @throws IllegalArgumentException for one that is not an IP address (a port, a name): it would never match */
        public Builder trustedProxies(java.util.Collection<String> v) {
            for (String proxy : v) {
                if (dev.lanyard.server.http.ClientAddress.literal(proxy).isEmpty()) {
                    throw new IllegalArgumentException("trusted proxy '" + proxy + "' is not an IP address");
                }
            }
            trustedProxies = v.stream().map(dev.lanyard.server.http.ClientAddress::normalize)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            return this;
        }
        /** Lower only in tests: production keeps the contract's cost 12. */
        public Builder bcryptCost(int v) { bcryptCost = v; return this; }
        public Builder dbPoolSize(int v) { dbPoolSize = v; return this; }
        public Builder tlsKeystore(Path v, String password) { tlsKeystore = v; tlsKeystorePassword =
                password; return this; }
        public Builder tlsSelfSigned(boolean v) { tlsSelfSigned = v; return this; }
        public Builder retentionSweepInterval(Duration v) { retentionSweepInterval = v; return this; }
        public Builder maxClockDrift(Duration v) { maxClockDrift = v; return this; }
        public Builder keyEncryptionKeyFile(Path v) { keyEncryptionKeyFile = v; return this; }
        public Builder bodyBudgetBytes(long v) { bodyBudgetBytes = v; return this; }
        public Builder consoleIdleTimeout(Duration v) { consoleIdleTimeout = v; return this; }
        public Builder mail(dev.lanyard.server.email.MailConfig v) { mail = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder maxConnectionsPerAddress(int v) { maxConnectionsPerAddress = v; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, dataDir, jdbcUrl, dbUser, dbPassword, publicUrl, heartbeatInterval,
                    wsSendTimeout, wsIdleTimeout, wsMaxMessageBytes, wsAuthTimeout, userTokenLifetime,
                    pairingCodeLifetime, maxJsonBodyBytes, maxCsvBodyBytes, bodyBudgetBytes, trustedProxies,
                    bcryptCost, dbPoolSize, tlsKeystore, tlsKeystorePassword, tlsSelfSigned, retentionSweepInterval,
                    maxClockDrift, keyEncryptionKeyFile, consoleIdleTimeout, mail, maxConnections,
                    maxConnectionsPerAddress);
        }
    }
}
