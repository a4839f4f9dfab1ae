package dev.lanyard.server.auth;

import static dev.lanyard.server.db.jooq.Tables.APP_USER;

import dev.lanyard.model.Role;
import dev.lanyard.model.protocol.CreateUserRequest;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.http.ApiException;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Record;

/** Server users: bcrypt passwords, roles, active flag. */
public final class UserService {
    private final Database db;
    private final PasswordHasher hasher;
    private final Clock clock;

    public UserService(Database db, PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
    }

    public record UserInfo(String username, Set<Role> roles, boolean active) {
    }

    public UserInfo create(CreateUserRequest request) {
        if (db.dsl().fetchExists(APP_USER, APP_USER.USERNAME.eq(request.username()))) {
            throw ApiException.conflict("user " + request.username() + " already exists");
        }
        db.dsl().insertInto(APP_USER).set(APP_USER.USERNAME, request.username())
                .set(APP_USER.PASSWORD_HASH, hasher.hash(request.password()))
                .set(APP_USER.ROLES, encode(request.roles())).set(APP_USER.ACTIVE, true)
                .set(APP_USER.CREATED_AT, clock.millis()).execute();
        return new UserInfo(request.username(), request.roles(), true);
    }

    /** The user, if the password is right and the account active. */
    public Optional<UserInfo> authenticate(String username, String password) {
        Record row = db.dsl().select(APP_USER.PASSWORD_HASH, APP_USER.ROLES, APP_USER.ACTIVE).from(APP_USER)
                .where(APP_USER.USERNAME.eq(username)).fetchOne();
        String hash = row == null ? null : row.get(APP_USER.PASSWORD_HASH);
        if (!hasher.matches(password, hash) || !row.get(APP_USER.ACTIVE)) {
            return Optional.empty();
        }
        return Optional.of(new UserInfo(username, decode(row.get(APP_USER.ROLES)), true));
    }

    public Optional<UserInfo> find(String username) {
        return db.dsl().selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional()
                .map(r -> new UserInfo(r.getUsername(), decode(r.getRoles()), r.getActive()));
    }

    public List<UserInfo> list() {
        return db.dsl().selectFrom(APP_USER).orderBy(APP_USER.USERNAME).fetch()
                .map(r -> new UserInfo(r.getUsername(), decode(r.getRoles()), r.getActive()));
    }

    public boolean hasAnyAdmin() {
        return list().stream().anyMatch(u -> u.active() && u.roles().contains(Role.ADMIN));
    }

    public void setActive(String username, boolean active) {
        int n = db.dsl().update(APP_USER).set(APP_USER.ACTIVE, active).where(APP_USER.USERNAME.eq(username)).execute();
        if (n == 0) {
            throw ApiException.notFound("user " + username);
        }
    }

    private static String encode(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<Role> decode(String roles) {
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).filter(s -> !s.isBlank()).forEach(s -> set.add(Role.valueOf(s)));
        return set;
    }
}
