package dev.lanyard.model.protocol;

import dev.lanyard.model.Require;
import dev.lanyard.model.Role;
import java.util.Set;

public record CreateUserRequest(String username, String password, Set<Role> roles) {
    public CreateUserRequest {
        Require.text(username, "username", 100);
        if (!username.matches("[A-Za-z0-9._@-]+")) {
            throw new IllegalArgumentException("username may contain letters, digits and . _ @ - only");
        }
        if (username.chars().allMatch(c -> c == '.')) {
            // "/users/.." is normalized away by browsers and HTTP clients: such a user could never be managed
            throw new IllegalArgumentException("username cannot be dots only");
        }
        Require.present(password, "password");
        String problem = passwordProblem(password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Require.present(roles, "roles");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("roles must name at least one role");
        }
        roles = Set.copyOf(roles);
    }

    /** The most bcrypt takes of a password (72 bytes with its terminating zero); a longer one it refuses. */
    public static final int MAX_PASSWORD_BYTES = 71;

    /** What is wrong with {@code password} as a new password; null when nothing is. */
    public static String passwordProblem(String password) {
        if (password == null || password.length() < 8) {
            return "password must be at least 8 characters";
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return "password must be at most " + MAX_PASSWORD_BYTES + " bytes of UTF-8 (71 Latin letters, 23 Hangul"
                    + " syllables)";
        }
        return null;
    }

    @Override
    public String toString() {
        return "CreateUserRequest[username=" + username + ", roles=" + roles + "]";
    }
}
