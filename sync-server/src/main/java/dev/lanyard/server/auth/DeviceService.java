package dev.lanyard.server.auth;

import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.errors.NotFoundException;
import static dev.lanyard.server.db.jooq.Tables.DEVICE;
import static dev.lanyard.server.db.jooq.Tables.DEVICE_EVENT;
import static dev.lanyard.server.db.jooq.Tables.PAIRING_CODE;

import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.PairingCodes;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.PairingCodeResponse;
import dev.lanyard.model.protocol.PairingPayload;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.feed.ChangeHub;
import dev.lanyard.server.sync.EventService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.Record;

/**
 * Kiosk pairing: a one-time code (valid for a short while) becomes an opaque device token
 * scoped to the code's event. Codes and tokens are stored only as SHA-256 hashes; a revoked
 * token stops working at once, and the realtime layer is told to close its sockets.
 */
public final class DeviceService {
    public static final String TOKEN_PREFIX = "lyd_";
    /** How stale a device's recorded last contact may be. */
    public static final Duration CONTACT_RESOLUTION = Duration.ofSeconds(15);
    private final java.util.Map<UUID, Long> lastContactWritten = new java.util.concurrent.ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database db;
    private final EventService events;
    private final ChangeHub hub;
    private final Clock clock;
    private final Duration codeLifetime;
    private final Supplier<String> serverUrl;
    private final Supplier<String> certFingerprint;
    private final GuessLimits limits;

    public DeviceService(Database db, EventService events, ChangeHub hub, Clock clock, Duration codeLifetime,
                         Supplier<String> serverUrl, Supplier<String> certFingerprint, GuessLimits limits) {
        this.limits = limits;
        this.db = db;
        this.events = events;
        this.hub = hub;
        this.clock = clock;
        this.codeLifetime = codeLifetime;
        this.serverUrl = serverUrl;
        this.certFingerprint = certFingerprint;
    }

    public PairingCodeResponse createPairingCode(UUID eventId, String createdBy) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < PairingCodes.LENGTH; i++) {
            code.append(PairingCodes.ALPHABET.charAt(RANDOM.nextInt(PairingCodes.ALPHABET.length())));
        }
        Instant expires = clock.instant().plus(codeLifetime);
        db.dsl().insertInto(PAIRING_CODE).set(PAIRING_CODE.CODE_HASH, sha256(code.toString()))
                .set(PAIRING_CODE.EVENT_ID, eventId)
                .set(PAIRING_CODE.CREATED_BY, createdBy).set(PAIRING_CODE.EXPIRES_AT, expires.toEpochMilli()).execute();
        String fingerprint = certFingerprint.get();
        String payload = Json.write(new PairingPayload(serverUrl.get(), code.toString(), eventId, fingerprint));
        // typed by hand, the code carries a check of the certificate, so a kiosk can tell it reached this server (ADR
        // 0208)
        return new PairingCodeResponse(fingerprint == null ? code.toString()
                : PairingCodes.withCheck(code.toString(), fingerprint), payload, expires);
    }

    /**
     * Exchanges a pairing code for a device token; the code is spent even if two kiosks race for
     * it. Guesses are limited per client address and for all clients together ({@link GuessLimits}).
     */
    public PairResponse pair(String code, String deviceName, String clientAddress) {
        AttemptLimiter.Attempt attempt = limits.pairing(clientAddress);
        PairResponse paired = pair(code, deviceName);
        attempt.succeeded();
        return paired;
    }

    private PairResponse pair(String code, String deviceName) {
        // as typed, with or without the certificate check (only the kiosk needs it)
        String normalized = PairingCodes.parse(code).code();
        String hash = sha256(normalized);
        long now = clock.millis();
        UUID deviceId = Ids.newId();
        String token = TOKEN_PREFIX + randomToken();
        UUID eventId = db.inTransaction(tx -> {
            Record row = tx.select(PAIRING_CODE.EVENT_ID, PAIRING_CODE.EXPIRES_AT, PAIRING_CODE.USED_AT)
                    .from(PAIRING_CODE)
                    .where(PAIRING_CODE.CODE_HASH.eq(hash)).forUpdate().fetchOne();
            if (row == null) {
                throw new InvalidInputException("invalid_pairing_code", "pairing code is unknown");
            }
            if (row.get(PAIRING_CODE.USED_AT) != null) {
                throw new InvalidInputException("invalid_pairing_code", "pairing code was already used");
            }
            if (row.get(PAIRING_CODE.EXPIRES_AT) <= now) {
                throw new InvalidInputException("invalid_pairing_code", "pairing code has expired");
            }
            int spent = tx.update(PAIRING_CODE).set(PAIRING_CODE.USED_AT, now)
                    .where(PAIRING_CODE.CODE_HASH.eq(hash)).and(PAIRING_CODE.USED_AT.isNull()).execute();
            if (spent != 1) {
                throw new InvalidInputException("invalid_pairing_code", "pairing code was already used");
            }
            UUID event = row.get(PAIRING_CODE.EVENT_ID);
            tx.insertInto(DEVICE).set(DEVICE.ID, deviceId).set(DEVICE.NAME, deviceName)
                    .set(DEVICE.TOKEN_HASH, sha256(token))
                    .set(DEVICE.CREATED_BY, "pairing").set(DEVICE.CREATED_AT, now).execute();
            tx.insertInto(DEVICE_EVENT).set(DEVICE_EVENT.DEVICE_ID, deviceId).set(DEVICE_EVENT.EVENT_ID, event)
                    .execute();
            return event;
        });
        Event event = events.findLive(eventId).orElseThrow(() ->
                new InvalidInputException("invalid_pairing_code", "the code's event was deleted"));
        return new PairResponse(deviceId, token, List.of(event));
    }

    /**
     * The device a token belongs to; empty for a token no device holds.
     *
     * @throws DeviceRevokedException when the token's device was revoked (the kiosk then erases its replica)
     */
    public Optional<Principal.Device> authenticate(String token) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        Record row = db.dsl().select(DEVICE.ID, DEVICE.NAME, DEVICE.REVOKED_AT).from(DEVICE)
                .where(DEVICE.TOKEN_HASH.eq(sha256(token))).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        if (row.get(DEVICE.REVOKED_AT) != null) {
            throw new DeviceRevokedException(row.get(DEVICE.ID));
        }
        UUID id = row.get(DEVICE.ID);
        noteContact(id);
        Set<UUID> scoped = db.dsl().select(DEVICE_EVENT.EVENT_ID).from(DEVICE_EVENT)
                .where(DEVICE_EVENT.DEVICE_ID.eq(id)).fetchSet(DEVICE_EVENT.EVENT_ID);
        return Optional.of(new Principal.Device(id, row.get(DEVICE.NAME), scoped));
    }

    /** Last contact for the console's dashboard, written at most every {@link #CONTACT_RESOLUTION}, not per scan. */
    private void noteContact(UUID id) {
        long now = clock.millis();
        Long written = lastContactWritten.get(id);
        if (written != null && now - written < CONTACT_RESOLUTION.toMillis()) {
            return;
        }
        lastContactWritten.put(id, now);
        db.dsl().update(DEVICE).set(DEVICE.LAST_SEEN_AT, now).where(DEVICE.ID.eq(id)).execute();
    }

    public boolean isRevoked(UUID deviceId) {
        Long revoked = db.dsl().select(DEVICE.REVOKED_AT).from(DEVICE).where(DEVICE.ID.eq(deviceId))
                .fetchOne(DEVICE.REVOKED_AT);
        return revoked != null;
    }

    public record DeviceInfo(UUID id, String name, Set<UUID> events, Instant createdAt, Instant revokedAt) {
    }

    public List<DeviceInfo> list() {
        return db.dsl().selectFrom(DEVICE).orderBy(DEVICE.ID).fetch().map(r -> new DeviceInfo(r.getId(), r.getName(),
                db.dsl().select(DEVICE_EVENT.EVENT_ID).from(DEVICE_EVENT).where(DEVICE_EVENT.DEVICE_ID.eq(r.getId()))
                .fetchSet(DEVICE_EVENT.EVENT_ID),
                Instant.ofEpochMilli(r.getCreatedAt()), r.getRevokedAt() == null ? null
                : Instant.ofEpochMilli(r.getRevokedAt())));
    }

    public Optional<DeviceInfo> find(UUID id) {
        return list().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public void revoke(UUID deviceId) {
        int n = db.dsl().update(DEVICE).set(DEVICE.REVOKED_AT, clock.millis())
                .where(DEVICE.ID.eq(deviceId)).and(DEVICE.REVOKED_AT.isNull()).execute();
        if (n == 0 && find(deviceId).isEmpty()) {
            throw new NotFoundException("device");
        }
        hub.publishRevocation(deviceId);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
