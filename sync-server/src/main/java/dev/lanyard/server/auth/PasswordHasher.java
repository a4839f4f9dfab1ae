package dev.lanyard.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt; cost 12 in production (the contract), lower only where a test says so. */
public final class PasswordHasher {
    private final int cost;
    // a real hash to compare against when the user does not exist, so timing does not reveal usernames
    private final String decoy;

    public PasswordHasher(int cost) {
        this.cost = cost;
        this.decoy = hash("decoy-password-never-used");
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        String against = hash == null ? decoy : hash;
        boolean ok = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                against.getBytes(StandardCharsets.UTF_8)).verified;
        return ok && hash != null;
    }
}
