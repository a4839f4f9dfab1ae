package dev.lanyard.kiosk.support;

import dev.lanyard.kiosk.core.device.DeviceIdentity;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.store.DataFolder;
import dev.lanyard.kiosk.core.store.KeyDerivation;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.core.sync.Backoff;
import dev.lanyard.model.Event;
import dev.lanyard.model.EventFeatures;
import dev.lanyard.model.EventStatus;
import dev.lanyard.model.FormField;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.merge.ParticipantMerge;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Builds kiosk data folders for tests without a server: identity, events and participants written straight to the
 * replica.
 */
public final class Seed {
    public static final String SECRET = "correct horse battery staple";
    /** Key derivation for test folders: the real cost (64 MiB of Argon2id) only costs time here. */
    public static final KeyDerivation FAST_KDF = new KeyDerivation.Argon2id(64, 1, 1);
    public static final String DEVICE = "0192f0c0-0000-7000-8000-00000000d001";
    /** The first day of {@link #event}: fixed so tests do not depend on today's date. */
    public static final LocalDate DAY1 = LocalDate.of(2025, 5, 20);
    private static final Random RANDOM = new Random(42);

    private Seed() {
    }

    public static Event event(ReentryPolicy policy, FormField... formFields) {
        return new Event(Ids.newId(), "org", "Dev Summit", null, null, DAY1, DAY1.plusDays(1), ZoneId.of("Asia/Seoul"),
                null, null,
                EventStatus.IN_PROGRESS, EventFeatures.DEFAULT, policy, List.of(formFields), null, null, Instant.EPOCH,
                Instant.EPOCH, null);
    }

    public static Participant participant(UUID eventId, String name, String email, String company, Integer regNo) {
        Map<String, String> fields = new HashMap<>();
        fields.put("name", name);
        if (email != null) {
            fields.put("email", email);
        }
        if (company != null) {
            fields.put("company", company);
        }
        if (regNo != null) {
            fields.put("registrationNumber", regNo.toString());
        }
        fields.put("ticketCode", TicketCodes.generate(RANDOM));
        return fromServer(eventId, Ids.newId(), fields);
    }

    public static Participant fromServer(UUID eventId, UUID id, Map<String, String> fields) {
        Hlc stamp = new Hlc(1_000, 0, "server-test");
        return ParticipantMerge.apply(Participant.blank(id, eventId),
                new ParticipantPatch(Ids.newId(), eventId, id, fields, stamp, null));
    }

    /** {@code count} registered guests of an event, "Guest 0" (guest0@example.org, Acme, no. 1) and on. */
    public static List<Participant> guests(UUID eventId, int count) {
        List<Participant> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(participant(eventId, "Guest " + i, "guest" + i + "@example.org", "Acme", i + 1));
        }
        return out;
    }

    /** The kiosk's change applier as the sync wires it, its clock fixed at 10:00 of day 1. */
    public static dev.lanyard.kiosk.core.sync.ChangeApplier applier(Kiosk kiosk) {
        return new dev.lanyard.kiosk.core.sync.ChangeApplier(dev.lanyard.kiosk.core.KioskReplica.of(kiosk),
                kiosk.clock(), clockAt(DAY1, 10), kiosk.replicaEvents(), kiosk.notices(), () -> { });
    }

    public static Clock clockAt(LocalDate day, int hour) {
        return Clock.fixed(day.atTime(hour, 0).atZone(ZoneId.of("Asia/Seoul")).toInstant(), ZoneId.of("UTC"));
    }

    /** A ticking clock that starts at the given day and hour (for tests whose timers must run). */
    public static Clock tickingFrom(LocalDate day, int hour) {
        Instant start = day.atTime(hour, 0).atZone(ZoneId.of("Asia/Seoul")).toInstant();
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
    }

    /** Writes identity, events and participants into a fresh data folder; the server URL points nowhere. */
    public static void folder(Path dir, String serverUrl, List<Event> events, List<Participant> participants) {
        folder(dir, FAST_KDF, serverUrl, events, participants);
    }

    /** A fresh data folder holding one event (re-entry warned) and no participant; the event's id. */
    public static UUID folderWithOneEvent(Path dir) {
        Event event = event(ReentryPolicy.WARN);
        folder(dir, "http://127.0.0.1:9", List.of(event), List.of());
        return event.id();
    }

    /** The replica of a folder made here, opened with its secret. */
    public static Replica replica(Path dir) {
        return Replica.open(DataFolder.at(dir), SECRET.toCharArray(), false);
    }

    /**
     * As above, the key derived with {@code derivation} ({@link KeyDerivation.Pbkdf2}: a folder as made before ADR
     * 0314).
     */
    public static void folder(Path dir, KeyDerivation derivation, String serverUrl, List<Event> events,
            List<Participant> participants) {
        folder(dir, derivation, SECRET, serverUrl, events, participants);
    }

    /** As above, unlocked by {@code secret} (one set before a rule that now refuses it, say). */
    public static void folder(Path dir, KeyDerivation derivation, String secret, String serverUrl, List<Event> events,
            List<Participant> participants) {
        try (Replica replica = Replica.open(DataFolder.at(dir, derivation), secret.toCharArray(), true)) {
            replica.write(tx -> {
                new DeviceIdentity(DEVICE, "Door 1", "lyd_test", serverUrl, null).save(tx);
                events.forEach(e -> EventStore.upsert(tx, e));
                Settings.put(tx, Settings.ACTIVE_EVENT, events.get(0).id().toString());
                participants.forEach(p -> ParticipantStore.insert(tx, p));
                return null;
            });
        }
    }

    public static KioskOptions options(Path dir, Clock clock) {
        return KioskOptions.defaults(dir, SECRET.toCharArray()).withClock(clock)
                .withBackoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), () -> 0.5),
                        new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), () -> 0.5))
                .withHeartbeatTimeout(Duration.ofSeconds(5));
    }

    public static Kiosk kiosk(Path dir, Clock clock) {
        return Kiosk.open(options(dir, clock), false);
    }

    /** A kiosk over one event with these participants, checking in at 10:00 on day 1. */
    public static Kiosk kiosk(Path dir, Event event, List<Participant> participants) {
        folder(dir, "http://127.0.0.1:9", List.of(event), participants);
        return kiosk(dir, clockAt(DAY1, 10));
    }
}
