package dev.lanyard.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** bcrypt; cost 12 in production (the contract), lower only where a test says so. */
public final class PasswordHasher {
    private static final String DECOY_PASSWORD = "decoy-password-never-used";
    private final int cost;
    /**
     * A real hash to compare against when the user does not exist, so timing does not reveal
     * usernames. Made off the constructing thread: at cost 12 it is a few hundred milliseconds of
     * a server's start, which a server restarted in the middle of the doors' reconnect storm spends
     * before it can take their pushes again.
     */
    private final CompletableFuture<String> decoy;

    public PasswordHasher(int cost) {
        this(cost, PasswordHasher::onItsOwnThread);
    }

    PasswordHasher(int cost, Executor decoyMaker) {
        this.cost = cost;
        this.decoy = CompletableFuture.supplyAsync(() -> hash(DECOY_PASSWORD), decoyMaker);
    }

    private static void onItsOwnThread(Runnable task) {
        Thread thread = new Thread(task, "lanyard-decoy-hash");
        thread.setDaemon(true);
        thread.start();
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        String against = hash == null ? decoy.join() : hash;
        boolean ok = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                against.getBytes(StandardCharsets.UTF_8)).verified;
        return ok && hash != null;
    }
}
