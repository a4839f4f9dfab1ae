package dev.lanyard.server.feed;

import static dev.lanyard.server.db.jooq.Tables.FEED_COUNTER;

import dev.lanyard.server.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out across server processes sharing one PostgreSQL database: a commit is announced with
 * NOTIFY carrying only "eventId:seq" (the data is read from the change table), and a listener
 * thread on a dedicated connection turns every NOTIFY into a local signal. Local subscribers are
 * signalled directly as well; doubled signals are harmless.
 *
 * <p>NOTIFY is fire-and-forget: whatever is sent while the listening connection is down (or not
 * yet up) is gone. So the hub does not report itself started before its first LISTEN, and after
 * every (re)connect it signals each event's current last seq from {@code feed_counter}; a
 * subscription behind that seq then reads what it missed from the change table.
 */
public final class PostgresChangeHub extends LocalChangeHub {
    static final String FEED_CHANNEL = "lanyard_feed";
    static final String REVOKE_CHANNEL = "lanyard_revoke";
    static final String SESSIONS_CHANNEL = "lanyard_sessions";
    static final String ACCESS_CHANNEL = "lanyard_access";
    /** "instance:eventId:seq,seq,..." (ADR 0236); the instance that sent it delivered it already. */
    static final String LIVE_CHANNEL = "lanyard_live";
    /** On {@link #SESSIONS_CHANNEL}: every user's sessions ended; no user name can be "*". */
    static final String ALL_USERS = "*";
    private static final long LISTEN_START_LIMIT_SECONDS = 15;
    /** After this long without a notification the LISTEN connection is asked a query, to show it still answers. */
    static final java.time.Duration PROBE_AFTER = java.time.Duration.ofSeconds(5);
    /** How long a read on the LISTEN connection may wait before the connection is taken for gone. */
    static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(10);
    /** What the LISTEN connection calls itself in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "lanyard-listen";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeHub.class);
    private final Database db;
    /** Tells this server's live NOTIFYs from the others': each is delivered here before it is sent. */
    private final String instance = UUID.randomUUID().toString();
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection listening;
    private final CountDownLatch firstListen = new CountDownLatch(1);

    public PostgresChangeHub(Database db) {
        this.db = db;
        this.listener = new Thread(this::listen, "lanyard-pg-listen");
        listener.setDaemon(true);
        listener.start();
        try {
            if (!firstListen.await(LISTEN_START_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("LISTEN not established within {} s; other servers' changes arrive once it is",
                        LISTEN_START_LIMIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void publish(UUID eventId, long lastSeq) {
        deliver(eventId, lastSeq);
        notify(FEED_CHANNEL, eventId + ":" + lastSeq);
    }

    @Override
    public void publishLive(UUID eventId, long[] seqs) {
        deliverLive(eventId, seqs);
        notify(LIVE_CHANNEL, instance + ":" + eventId + ":" + LiveSeqs.format(seqs));
    }

    @Override
    public void publishRevocation(UUID deviceId) {
        deliverRevocation(deviceId);
        notify(REVOKE_CHANNEL, deviceId.toString());
    }

    @Override
    public void publishSessionsEnded(String username) {
        deliverSessionsEnded(username);
        notify(SESSIONS_CHANNEL, username);
    }

    @Override
    public void publishAccessChanged(String username) {
        deliverAccessChanged(username);
        notify(ACCESS_CHANNEL, username);
    }

    @Override
    public void publishAllSessionsEnded() {
        deliverRecheck();
        notify(SESSIONS_CHANNEL, ALL_USERS);
    }

    private void notify(String channel, String payload) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s =
                c.prepareStatement("select pg_notify(?, ?)")) {
            s.setString(1, channel);
            s.setString(2, payload);
            s.execute();
        } catch (SQLException e) {
            // other processes' subscribers catch up at their next signal or by pulling
            LOG.warn("NOTIFY {} failed", channel, e);
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = connect()) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + FEED_CHANNEL);
                    s.execute("LISTEN " + REVOKE_CHANNEL);
                    s.execute("LISTEN " + SESSIONS_CHANNEL);
                    s.execute("LISTEN " + ACCESS_CHANNEL);
                    s.execute("LISTEN " + LIVE_CHANNEL);
                }
                firstListen.countDown();
                catchUp();
                // a revocation, ended session or changed access NOTIFY sent while nobody listened is lost
                deliverRecheck();
                PGConnection pg = c.unwrap(PGConnection.class);
                long heard = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null && notifications.length > 0) {
                        heard = System.nanoTime();
                        for (PGNotification n : notifications) {
                            dispatch(n.getName(), n.getParameter());
                        }
                    } else if (System.nanoTime() - heard > PROBE_AFTER.toNanos()) {
                        // waiting for notifications only ever times out, also on a connection a NAT or firewall
                        // forgot without a reset: ask something, which fails within the socket timeout then
                        try (Statement probe = c.createStatement()) {
                            probe.execute("select 1");
                        }
                        heard = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("LISTEN connection lost; reconnecting", e);
                    sleep(1_000);
                }
            }
        }
    }

    /** Signals every event's last committed seq: covers whatever NOTIFY said while nobody listened. */
    private void catchUp() {
        try {
            for (var row : db.dsl().select(FEED_COUNTER.EVENT_ID, FEED_COUNTER.LAST_SEQ).from(FEED_COUNTER).fetch()) {
                deliver(row.value1(), row.value2());
            }
        } catch (RuntimeException e) {
            LOG.warn("catch-up after LISTEN failed; subscribers catch up at the next change", e);
        }
    }

    private void dispatch(String channel, String payload) {
        try {
            if (FEED_CHANNEL.equals(channel)) {
                int colon = payload.lastIndexOf(':');
                deliver(UUID.fromString(payload.substring(0, colon)), Long.parseLong(payload.substring(colon + 1)));
            } else if (REVOKE_CHANNEL.equals(channel)) {
                deliverRevocation(UUID.fromString(payload));
            } else if (SESSIONS_CHANNEL.equals(channel) && ALL_USERS.equals(payload)) {
                deliverRecheck();
            } else if (SESSIONS_CHANNEL.equals(channel)) {
                deliverSessionsEnded(payload);
            } else if (ACCESS_CHANNEL.equals(channel)) {
                deliverAccessChanged(payload);
            } else if (LIVE_CHANNEL.equals(channel)) {
                dispatchLive(payload);
            }
        } catch (RuntimeException e) {
            LOG.warn("ignoring malformed notification {} on {}", payload, channel);
        }
    }

    /** A live signal from another server: what it missed while nobody listened, the feed brings anyway. */
    private void dispatchLive(String payload) {
        String[] parts = payload.split(":", 3);
        if (parts.length == 3 && !instance.equals(parts[0])) {
            deliverLive(UUID.fromString(parts[1]), LiveSeqs.parse(parts[2]));
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        // seconds; a read on a connection gone silent fails after this (notifications are waited for with their own)
        props.setProperty("socketTimeout", Long.toString(PROBE_TIMEOUT.toSeconds()));
        // named in pg_stat_activity, whatever it last asked (LISTEN, or a probe)
        props.setProperty("ApplicationName", APPLICATION_NAME);
        if (db.user() != null) {
            props.setProperty("user", db.user());
        }
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        return DriverManager.getConnection(db.jdbcUrl(), props);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.close();
    }
}
