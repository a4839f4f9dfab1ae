package dev.lanyard.server.auth;

import dev.lanyard.server.auth.AttemptLimiter.Limit;
import dev.lanyard.server.auth.AttemptLimiter.Rule;
import dev.lanyard.model.GrowingDelay;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The limits on guessing the server's secrets; ADR 0206 gives the numbers' reasons and what a
 * brute force costs with them.
 */
public final class GuessLimits {
    /** Per user name, whoever tries it: the real user's success resets it. */
    public static final Rule LOGIN_USER = new Rule("login-user",
            new GrowingDelay(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(24)), true);
    /**
     * Per client address: wider, since a venue's staff may share one NAT address, and never reset
     * by a success, or one account of the attacker's own would wipe its count between guesses.
     */
    public static final Rule LOGIN_ADDRESS = new Rule("login-address",
            new GrowingDelay(20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)), false);
    /**
     * Per client address that redeems pairing codes; never reset by a success, or an organizer redeeming a code of
     * their own between guesses would wipe the address's count (a success still takes back its own attempt).
     */
    public static final Rule PAIR_ADDRESS = new Rule("pair-address",
            new GrowingDelay(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)), false);
    /**
     * All pairing attempts together: a wrong code names no code to burn (codes are looked up by
     * value), so many addresses together are held to this. Capped at a minute because anyone can
     * trip it and then honest kiosks wait too.
     */
    public static final Rule PAIR_ALL = new Rule("pair-all",
            new GrowingDelay(100, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1)), false);

    private final AttemptLimiter limiter;

    public GuessLimits(AttemptLimiter limiter) {
        this.limiter = limiter;
    }

    /** Both the user name and the client address must be under their limits. */
    public AttemptLimiter.Attempt login(String username, String clientAddress) {
        return limiter.begin("login", List.of(new Limit(LOGIN_USER, username.strip().toLowerCase(Locale.ROOT)),
                new Limit(LOGIN_ADDRESS, clientAddress)));
    }

    public AttemptLimiter.Attempt pairing(String clientAddress) {
        return limiter.begin("pairing", List.of(new Limit(PAIR_ADDRESS, clientAddress), new Limit(PAIR_ALL, "*")));
    }
}
