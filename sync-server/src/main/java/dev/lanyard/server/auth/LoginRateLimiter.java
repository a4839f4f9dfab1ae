package dev.lanyard.server.auth;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most N login attempts per minute per username and per client address: enough for a person
 * who mistypes, far too few to guess a password.
 */
public final class LoginRateLimiter {
    private static final long WINDOW_MILLIS = 60_000;
    private final int perMinute;
    private final Clock clock;
    private final Map<String, Deque<Long>> attempts = new ConcurrentHashMap<>();

    public LoginRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Records an attempt; false when the caller is over the limit (the attempt is not tried). */
    public boolean tryAcquire(String username, String address) {
        long now = clock.millis();
        boolean userOk = take("u:" + username.toLowerCase(java.util.Locale.ROOT), now);
        boolean addressOk = take("a:" + address, now);
        return userOk && addressOk;
    }

    private boolean take(String key, long now) {
        if (attempts.size() > 10_000) {
            // many distinct names or addresses (someone spraying guesses): forget the windows that have passed
            attempts.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    Long last = e.getValue().peekLast();
                    return last == null || now - last >= WINDOW_MILLIS;
                }
            });
        }
        Deque<Long> window = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && now - window.peekFirst() >= WINDOW_MILLIS) {
                window.pollFirst();
            }
            if (window.size() >= perMinute) {
                return false;
            }
            window.addLast(now);
            return true;
        }
    }

    public long retryAfterSeconds() {
        return WINDOW_MILLIS / 1000;
    }
}
