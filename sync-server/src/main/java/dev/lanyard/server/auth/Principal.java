package dev.lanyard.server.auth;

import dev.lanyard.model.Role;
import java.util.Set;
import java.util.UUID;

/** Who is calling: a person with roles, or a paired kiosk scoped to its events. */
public sealed interface Principal {
    /** For logs and the audit trail. */
    String name();

    record User(String username, Set<Role> roles) implements Principal {
        public User {
            roles = Set.copyOf(roles);
        }

        public boolean has(Role role) {
            return roles.contains(role);
        }

        @Override
        public String name() {
            return username;
        }
    }

    record Device(UUID deviceId, String deviceName, Set<UUID> events) implements Principal {
        public Device {
            events = Set.copyOf(events);
        }

        @Override
        public String name() {
            return "device:" + deviceId;
        }
    }
}
