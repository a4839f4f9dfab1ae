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
        Require.present(password, "password");
        if (password.length() < 8 || password.length() > 200) {
            throw new IllegalArgumentException("password must be 8 to 200 characters");
        }
        Require.present(roles, "roles");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("roles must name at least one role");
        }
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "CreateUserRequest[username=" + username + ", roles=" + roles + "]";
    }
}
