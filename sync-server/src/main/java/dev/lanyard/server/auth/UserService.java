package dev.lanyard.server.auth;

import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.errors.ConflictException;
import dev.lanyard.server.errors.ForbiddenException;
import dev.lanyard.server.errors.NotFoundException;
import static dev.lanyard.server.db.jooq.Tables.APP_USER;

import dev.lanyard.model.Role;
import dev.lanyard.model.protocol.CreateUserRequest;
import dev.lanyard.server.db.Database;
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
    private final dev.lanyard.server.feed.ChangeHub hub;

    public UserService(Database db, PasswordHasher hasher, Clock clock, dev.lanyard.server.feed.ChangeHub hub) {
        this.db = db;
        this.hub = hub;
        this.hasher = hasher;
        this.clock = clock;
    }

    public record UserInfo(String username, Set<Role> roles, boolean active) {
    }

    /** An active user as a token is issued for it: the token carries {@code tokenVersion}. */
    public record Account(String username, Set<Role> roles, int tokenVersion) {
    }

    public UserInfo create(CreateUserRequest request) {
        if (db.dsl().fetchExists(APP_USER, APP_USER.USERNAME.eq(request.username()))) {
            throw new ConflictException("user " + request.username() + " already exists");
        }
        db.dsl().insertInto(APP_USER).set(APP_USER.USERNAME, request.username())
                .set(APP_USER.PASSWORD_HASH, hasher.hash(request.password()))
                .set(APP_USER.ROLES, encode(request.roles())).set(APP_USER.ACTIVE, true)
                .set(APP_USER.CREATED_AT, clock.millis()).execute();
        return new UserInfo(request.username(), request.roles(), true);
    }

    /** The user, if the password is right and the account active. */
    public Optional<Account> authenticate(String username, String password) {
        Record row = db.dsl().select(APP_USER.PASSWORD_HASH, APP_USER.ROLES, APP_USER.ACTIVE, APP_USER.TOKEN_VERSION)
                .from(APP_USER)
                .where(APP_USER.USERNAME.eq(username)).fetchOne();
        String hash = row == null ? null : row.get(APP_USER.PASSWORD_HASH);
        if (!hasher.matches(password, hash) || !row.get(APP_USER.ACTIVE)) {
            return Optional.empty();
        }
        return Optional.of(new Account(username, decode(row.get(APP_USER.ROLES)), row.get(APP_USER.TOKEN_VERSION)));
    }

    /** The active user a token was issued for, if nothing has ended that token's sessions since. */
    public Optional<Account> session(String username, int tokenVersion) {
        return account(username).filter(a -> a.tokenVersion() == tokenVersion);
    }

    /** The user as a token would be issued for it now, if active. */
    public Optional<Account> account(String username) {
        return db.dsl().selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).and(APP_USER.ACTIVE.isTrue())
                .fetchOptional()
                .map(r -> new Account(r.getUsername(), decode(r.getRoles()), r.getTokenVersion()));
    }

    /** Ends every session of the user: tokens issued before are refused from now on. */
    public void endSessions(String username) {
        bump(username, null);
    }

    /** Checks the old password and sets the new one; every earlier session ends. The answer is for a fresh token. */
    public Account changePassword(String username, String oldPassword, String newPassword) {
        checkPassword(newPassword);
        if (authenticate(username, oldPassword).isEmpty()) {
            throw new ForbiddenException("the old password is wrong");
        }
        bump(username, java.util.Map.of(APP_USER.PASSWORD_HASH, hasher.hash(newPassword)));
        return account(username).orElseThrow(() -> new NotFoundException("user " + username));
    }

    /** An administrator's reset: no old password, and every session of the user ends. */
    public void resetPassword(String username, String newPassword) {
        checkPassword(newPassword);
        bump(username, java.util.Map.of(APP_USER.PASSWORD_HASH, hasher.hash(newPassword)));
    }

    /** New roles; sessions end, so no token keeps the roles it was issued with. */
    public void setRoles(String username, Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("roles must name at least one role");
        }
        if (!roles.contains(Role.ADMIN)) {
            keepAnAdmin(username);
        }
        bump(username, java.util.Map.of(APP_USER.ROLES, encode(roles)));
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

    /** Disabling refuses logins and ends every session; enabling does not revive old tokens either. */
    public void setActive(String username, boolean active) {
        if (!active) {
            keepAnAdmin(username);
        }
        bump(username, java.util.Map.of(APP_USER.ACTIVE, active));
    }

    // without an active admin only SQL could administer users again
    private void keepAnAdmin(String username) {
        boolean otherAdmin = list().stream().anyMatch(u -> u.active() && u.roles().contains(Role.ADMIN)
                && !u.username().equals(username));
        boolean isAdmin = find(username).map(u -> u.active() && u.roles().contains(Role.ADMIN)).orElse(false);
        if (isAdmin && !otherAdmin) {
            throw new ConflictException("user " + username + " is the last active admin");
        }
    }

    /**
     * What changes whenever any user's tokens stop working: the sum of the users' token versions, which only grow.
     * Read every second by {@link CredentialsWatch}.
     */
    public long tokenVersions() {
        Long sum = db.dsl().select(org.jooq.impl.DSL.sum(APP_USER.TOKEN_VERSION).cast(Long.class)).from(APP_USER)
                .fetchOne(0, Long.class);
        return sum == null ? 0 : sum;
    }

    private void bump(String username, java.util.Map<org.jooq.Field<?>, Object> changes) {
        var update = db.dsl().update(APP_USER).set(APP_USER.TOKEN_VERSION, APP_USER.TOKEN_VERSION.plus(1));
        if (changes != null) {
            update = update.set(changes);
        }
        int n = update.where(APP_USER.USERNAME.eq(username)).execute();
        if (n == 0) {
            throw new NotFoundException("user " + username);
        }
        // open WebSockets hold no version: they are re-checked, here and on every other server
        hub.publishSessionsEnded(username);
    }

    /**
     * A password the server can store: 8 characters or more, and at most {@link CreateUserRequest#MAX_PASSWORD_BYTES}
     * bytes of UTF-8 (bcrypt takes no more).
     *
     * @throws InvalidInputException naming the bound it fails
     */
    public static void checkPassword(String password) {
        String problem = CreateUserRequest.passwordProblem(password);
        if (problem != null) {
            throw new InvalidInputException(problem);
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
