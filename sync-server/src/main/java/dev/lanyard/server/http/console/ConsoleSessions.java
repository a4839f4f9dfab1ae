package dev.lanyard.server.http.console;

import dev.lanyard.server.feed.ChangeHub;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * The console's sessions, in memory: a restart signs everyone out, which a venue laptop can
 * afford, and no session secret ever reaches the database (ADR 0217). A session unused for the
 * idle timeout ends, and any session at the API tokens' lifetime however busy; every session of a user ends when the
 * API's sessions of that user end.
 */
public final class ConsoleSessions implements ChangeHub.Listener {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, ConsoleSession> byId = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration lifetime;
    private final Clock clock;
    private final BiPredicate<String, Integer> current;

    /**
     * @param idle     a session unused this long ends
     * @param lifetime a session ends this long after its sign-in, used or not (as an API token does)
     * @param current  whether a user's sessions of this token version are still good (UserService#session)
     */
    public ConsoleSessions(Duration idle, Duration lifetime, Clock clock, BiPredicate<String, Integer> current) {
        this.idle = idle;
        this.lifetime = lifetime;
        this.clock = clock;
        this.current = current;
    }

    public ConsoleSession open(String username, int tokenVersion, String signingKid) {
        dropIdle();
        ConsoleSession session = new ConsoleSession(randomToken(), username, tokenVersion, signingKid, randomToken(),
                clock.instant());
        byId.put(session.id(), session);
        return session;
    }

    /** The live session with this id, marked as used now; an idle one is ended instead. */
    public Optional<ConsoleSession> use(String id) {
        return live(id, true);
    }

    /**
     * The live session with this id, not marked as used: a page's own refreshes (the dashboard's panel every 15 s)
     * are not someone using the console, or a laptop left on the dashboard would never be idle.
     */
    public Optional<ConsoleSession> refresh(String id) {
        return live(id, false);
    }

    private Optional<ConsoleSession> live(String id, boolean used) {
        if (id == null) {
            return Optional.empty();
        }
        ConsoleSession session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            end(id);
            return Optional.empty();
        }
        if (used) {
            session.seen(now);
        }
        return Optional.of(session);
    }

    public void end(String id) {
        if (id != null) {
            ConsoleSession ended = byId.remove(id);
            if (ended != null) {
                ended.end();
            }
        }
    }

    /** Ends every session: the server is stopping (their uploads are deleted with them). */
    public void endAll() {
        endWhere(s -> true);
    }

    public int count() {
        return byId.size();
    }

    private boolean expired(ConsoleSession session, Instant now) {
        return !session.lastSeen().plus(idle).isAfter(now) || !session.openedAt().plus(lifetime).isAfter(now);
    }

    /**
     * Ends the sessions idle past the timeout. Besides every sign-in, the server asks every minute: an idle session's
     * upload waits on disk until then (ADR 0254).
     */
    public void dropIdle() {
        Instant now = clock.instant();
        endWhere(s -> expired(s, now));
    }

    private void endWhere(java.util.function.Predicate<ConsoleSession> ending) {
        for (ConsoleSession s : byId.values()) {
            if (ending.test(s)) {
                end(s.id());
            }
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Ends the user's sessions of a token version no longer current. Not every session of the user: with PostgreSQL
     * this server hears its own notice back, after the password page has opened the user's new session, and ended
     * that too.
     */
    @Override
    public void sessionsEnded(String username) {
        // the user's sessions mostly share a version: each version is read once per notice
        Map<Integer, Boolean> currentByVersion = new java.util.HashMap<>();
        endWhere(s -> s.username().equals(username)
                && !currentByVersion.computeIfAbsent(s.tokenVersion(), v -> stillCurrent(username, v)));
    }

    /** Whether the token version is the user's; not when that cannot be read (the session ends; sign in again). */
    private boolean stillCurrent(String username, int tokenVersion) {
        try {
            return current.test(username, tokenVersion);
        } catch (RuntimeException unreadable) {
            // the hub's other listeners (the dashboards) must hear this notice too
            return false;
        }
    }

    @Override
    public void changesCommitted(UUID eventId, long lastSeq) {
        // the dashboard's channel listens for these, not the sessions
    }

    @Override
    public void deviceRevoked(UUID deviceId) {
        // devices have no console session
    }

    @Override
    public void accessChanged(String username) {
        // a console session stays; each page checks what its user may see
    }

    @Override
    public void recheckAll() {
        // each request checks the token version and the signing key anyway
    }
}
