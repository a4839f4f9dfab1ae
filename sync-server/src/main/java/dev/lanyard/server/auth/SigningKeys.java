package dev.lanyard.server.auth;

import static dev.lanyard.server.db.jooq.Tables.SIGNING_KEY;

import com.auth0.jwt.algorithms.Algorithm;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.db.jooq.tables.records.SigningKeyRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that sign user tokens, kept in the database so that every server on it signs and
 * verifies with the same ones, sealed under a {@link KeyEncryptionKey} the database does not
 * hold (ADR 0209). The newest unretired key signs; a token names its key (JWT {@code kid}).
 * Every verification reads its key's row, so a rotation on one server is in force on all of
 * them from its commit, whether or not any signal reached them.
 */
public final class SigningKeys {
    /** The key file of versions before keys lived in the database; imported once, then removed. */
    public static final String LEGACY_FILE = "jwt-secret";
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 5;
    private final Database db;
    private final KeyEncryptionKey kek;
    private final Clock clock;
    /**
     * A key id's material never changes (a rotation makes a new id), so what was opened once stays valid while the row
     * is unretired.
     */
    private final Map<String, Algorithm> opened = new ConcurrentHashMap<>();

    private SigningKeys(Database db, KeyEncryptionKey kek, Clock clock) {
        this.db = db;
        this.kek = kek;
        this.clock = clock;
    }

    /** A key that signs: its id and algorithm. */
    public record Key(String kid, Algorithm algorithm) {
    }

    /** What a rotation did: the new key's id and how many keys it retired. */
    public record Rotation(String kid, int retired) {
    }

    /**
     * The keys of this database, made usable by this server. A first start seals a key into the
     * database: the old {@code jwt-secret} from {@code dataDir} if there is one (tokens issued
     * before keep working), else a new one.
     *
     * @param soleServer true when no other server shares the database (embedded H2): keys sealed
     *                   under a key-encryption key this server lacks (a backup restored elsewhere)
     *                   are then replaced, so users log in again; with a shared database that
     *                   would end every other server's sessions, so it refuses to start instead
     */
    public static SigningKeys open(Database db, Path kekFile, Path dataDir, boolean soleServer, Clock clock) {
        Optional<KeyEncryptionKey> given = KeyEncryptionKey.read(kekFile);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SigningKeyRecord current = currentRow(db);
            if (current != null) {
                if (given.isPresent() && given.get().id().equals(current.getKekId())) {
                    SigningKeys keys = new SigningKeys(db, given.get(), clock);
                    keys.forgetLegacyFile(dataDir, "the database already holds the signing keys");
                    return keys;
                }
                if (!soleServer) {
                    throw new
                            IllegalStateException(
                            "the token signing keys in the database are sealed under a key-encryption key "
                            + (given.isPresent() ? "other than " + kekFile : "this server does not have (no " + kekFile
                            + ")")
                            + ": give every server on this database the same key-encryption key (copy the first "
                            + "server's "
                            + KeyEncryptionKey.FILE
                            + " file, 0600, or name it with key-encryption-key-file), or run rotate-signing-key"
                            + " to replace the keys, which ends every user's sessions");
                }
                SigningKeys keys = new SigningKeys(db, given.orElseGet(() -> KeyEncryptionKey.create(kekFile)), clock);
                LOG.warn(
                        "the token signing keys in the database are sealed under a key-encryption key this data "
                        + "folder does not hold"
                        + " (a restored backup?): made a new signing key; users log in again");
                keys.rotate();
                return keys;
            }
            SigningKeys keys = new SigningKeys(db, given.orElseGet(() -> KeyEncryptionKey.create(kekFile)), clock);
            byte[] legacy = readLegacy(dataDir);
            if (keys.insertFirst(legacy)) {
                keys.forgetLegacyFile(dataDir, "imported into the database");
                return keys;
            }
            given = Optional.of(keys.kek);
        }
        throw new
                IllegalStateException(
                "could not create a token signing key: other servers kept creating one at the same time");
    }

    /**
     * Rotates without opening the keys there are: for a server whose key-encryption key differs
     * from the one the keys were sealed under (the host CLI's {@code rotate-signing-key}).
     */
    public static Rotation replace(Database db, Path kekFile, Clock clock) {
        KeyEncryptionKey kek = KeyEncryptionKey.read(kekFile).orElseGet(() -> KeyEncryptionKey.create(kekFile));
        return new SigningKeys(db, kek, clock).rotate();
    }

    /** The id of the key that signs now, or null if there is none; cheap enough to ask every second. */
    public String currentKid() {
        return db.dsl().select(SIGNING_KEY.KID).from(SIGNING_KEY).where(SIGNING_KEY.RETIRED_AT.isNull())
                .orderBy(SIGNING_KEY.GENERATION.desc()).limit(1).fetchOne(SIGNING_KEY.KID);
    }

    /** The key that signs new tokens: the newest unretired one. */
    public Key current() {
        SigningKeyRecord row = currentRow(db);
        if (row == null) {
            throw new IllegalStateException("no token signing key in the database");
        }
        return new Key(row.getKid(), algorithm(row).orElseThrow(() -> new IllegalStateException(
                "the current token signing key " + row.getKid()
                + " is not sealed under this server's key-encryption key")));
    }

    /**
     * The algorithm of an unretired key, by id; a null id names the key imported from an old
     * {@code jwt-secret}, which signed tokens before they carried an id.
     */
    public Optional<Algorithm> verifying(String kid) {
        SigningKeyRecord row = kid == null
                ? db.dsl().selectFrom(SIGNING_KEY).where(SIGNING_KEY.ACCEPTS_UNNAMED.isTrue())
                .and(SIGNING_KEY.RETIRED_AT.isNull()).fetchAny()
                : db.dsl().selectFrom(SIGNING_KEY).where(SIGNING_KEY.KID.eq(kid)).and(SIGNING_KEY.RETIRED_AT.isNull())
                .fetchOne();
        return row == null ? Optional.empty() : algorithm(row);
    }

    /**
     * A new signing key; every other key is retired and its material erased, so every user token
     * issued before is refused from the commit on, on every server of the database.
     */
    public Rotation rotate() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String kid = newKid();
            byte[] secret = newSecret();
            try {
                int retired = db.inTransaction(tx -> {
                    Integer max = tx.select(org.jooq.impl.DSL.max(SIGNING_KEY.GENERATION)).from(SIGNING_KEY)
                            .fetchOne(0, Integer.class);
                    int generation = max == null ? 1 : max + 1;
                    insert(tx, kid, generation, secret, false);
                    return tx.update(SIGNING_KEY).set(SIGNING_KEY.RETIRED_AT, clock.millis())
                            .setNull(SIGNING_KEY.SEALED_KEY)
                            .where(SIGNING_KEY.GENERATION.lt(generation)).and(SIGNING_KEY.RETIRED_AT.isNull())
                            .execute();
                });
                opened.keySet().removeIf(k -> !k.equals(kid));
                LOG.info("rotated the token signing key: {} signs now, {} retired", kid, retired);
                return new Rotation(kid, retired);
            } catch (DataAccessException e) {
                if (!isConflict(e)) {
                    throw e;
                }
                // another server rotated at the same moment and took the generation: take the next one
            }
        }
        throw new
                IllegalStateException(
                "could not rotate the token signing key: other servers kept rotating at the same time");
    }

    private boolean insertFirst(byte[] legacy) {
        String kid = newKid();
        try {
            insert(db.dsl(), kid, 1, legacy != null ? legacy : newSecret(), legacy != null);
            LOG.info(legacy != null ? "imported {} into the database as token signing key {}"
                    : "created token signing key {}",
                    legacy != null ? LEGACY_FILE : kid, kid);
            return true;
        } catch (DataAccessException e) {
            if (isConflict(e)) {
                return false; // another server made the first key just now: use that one
            }
            throw e;
        }
    }

    private void insert(org.jooq.DSLContext tx, String kid, int generation, byte[] secret, boolean acceptsUnnamed) {
        tx.insertInto(SIGNING_KEY).set(SIGNING_KEY.KID, kid).set(SIGNING_KEY.GENERATION, generation)
                .set(SIGNING_KEY.SEALED_KEY, kek.seal(secret, kid)).set(SIGNING_KEY.KEK_ID, kek.id())
                .set(SIGNING_KEY.ACCEPTS_UNNAMED, acceptsUnnamed).set(SIGNING_KEY.CREATED_AT, clock.millis()).execute();
    }

    private Optional<Algorithm> algorithm(SigningKeyRecord row) {
        Algorithm known = opened.get(row.getKid());
        if (known != null) {
            return Optional.of(known);
        }
        if (row.getSealedKey() == null) {
            return Optional.empty();
        }
        Optional<Algorithm> algorithm = kek.open(row.getSealedKey(), row.getKid()).map(Algorithm::HMAC256);
        if (algorithm.isEmpty()) {
            LOG.warn(
                    "token signing key {} is not sealed under this server's key-encryption key {} (it names {}): its "
                    + "tokens are refused here",
                    row.getKid(), kek.id(), row.getKekId());
        }
        algorithm.ifPresent(a -> opened.put(row.getKid(), a));
        return algorithm;
    }

    private static SigningKeyRecord currentRow(Database db) {
        return db.dsl().selectFrom(SIGNING_KEY).where(SIGNING_KEY.RETIRED_AT.isNull())
                .orderBy(SIGNING_KEY.GENERATION.desc()).limit(1).fetchOne();
    }

    private static byte[] readLegacy(Path dataDir) {
        Path file = dataDir.resolve(LEGACY_FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not base64: " + e.getMessage(), e);
        }
    }

    /** The key is in the database now: a copy of it in the folder would only be one more thing to leak. */
    private void forgetLegacyFile(Path dataDir, String why) {
        Path file = dataDir.resolve(LEGACY_FILE);
        try {
            if (Files.deleteIfExists(file)) {
                LOG.info("removed {} ({})", file, why);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove {}; it is no longer used", file, e);
        }
    }

    private static boolean isConflict(DataAccessException e) {
        return e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION;
    }

    private static String newKid() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static byte[] newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return secret;
    }
}
