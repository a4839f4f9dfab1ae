package dev.lanyard.server.alerts;

import static dev.lanyard.server.db.jooq.Tables.DEVICE;
import static dev.lanyard.server.db.jooq.Tables.DEVICE_EVENT;

import dev.lanyard.model.Event;
import dev.lanyard.model.EventHours;
import dev.lanyard.server.sync.EventService;
import dev.lanyard.server.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The host's threshold alerts (seed 004, "알림 임계값"; ADR 0224): a door with more than 1,000 items waiting to be
 * sent, the API's p99 latency over one second, a door not heard for 10 minutes while its event's doors are open.
 * Each condition is mailed at most once an hour ({@link AlertLog}).
 */
public final class HostAlerts {
    public static final int MAX_PENDING = 1_000;
    public static final double MAX_P99_SECONDS = 1.0;
    public static final Duration MAX_SILENCE = Duration.ofMinutes(10);
    public static final Duration EVERY = Duration.ofHours(1);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HostAlerts.class);
    private final String to;
    private final AlertMailer mailer;
    private final AlertLog log;
    private final DoorActivity doors;
    private final Supplier<Set<UUID>> connected;
    private final DoubleSupplier p99Seconds;
    private final EventService events;
    private final Database db;
    private final Clock clock;

    /**
     * @param connected  doors with an open WebSocket: heard, even when they send nothing
     * @param p99Seconds the API's recent p99 request time
     */
    public HostAlerts(String to, AlertMailer mailer, AlertLog log, DoorActivity doors, Supplier<Set<UUID>> connected,
                      DoubleSupplier p99Seconds, EventService events, Database db, Clock clock) {
        this.to = to;
        this.mailer = mailer;
        this.log = log;
        this.doors = doors;
        this.connected = connected;
        this.p99Seconds = p99Seconds;
        this.events = events;
        this.db = db;
        this.clock = clock;
    }

    /** Mails every crossed condition not mailed within the hour; the alerts sent. */
    public List<Alert> check() {
        Instant now = clock.instant();
        List<Alert> sent = new ArrayList<>();
        for (Alert alert : crossed(now)) {
            if (!log.claim(alert.key(), now, EVERY)) {
                continue;
            }
            try {
                mailer.send(to, alert.subject(), alert.body());
                sent.add(alert);
            } catch (RuntimeException e) {
                LOG.warn("could not hand a host alert to the mailer; it is due again in an hour", e);
            }
        }
        return sent;
    }

    /** The conditions that hold now, mailed or not. */
    public List<Alert> crossed(Instant now) {
        Map<UUID, String> names = doorNames();
        List<Alert> alerts = new ArrayList<>();
        doors.all().forEach((door, heard) -> {
            if (heard.pending() != null && heard.pending() > MAX_PENDING) {
                String name = names.getOrDefault(door, door.toString());
                String subject = "[Lanyard] " + name + ": " + heard.pending() + " items waiting to sync";
                alerts.add(new Alert("queue:" + door, subject, "Door " + name + " (" + door + ") reported "
                        + heard.pending() + " check-ins and changes waiting to reach the server at " + heard.at()
                        + " (threshold " + MAX_PENDING + "). Check its network connection."));
            }
        });
        double p99 = p99Seconds.getAsDouble();
        if (p99 > MAX_P99_SECONDS) {
            alerts.add(new Alert("api-p99", String.format("[Lanyard] API p99 %.2f s", p99),
                    String.format("The server's 99th percentile request time over the last minutes is %.2f s"
                            + " (threshold %.1f s). See /metrics, lanyard_http_requests.", p99, MAX_P99_SECONDS)));
        }
        alerts.addAll(silentDoors(now, names));
        return alerts;
    }

    private List<Alert> silentDoors(Instant now, Map<UUID, String> names) {
        Set<UUID> online = connected.get();
        Map<UUID, Alert> alerts = new LinkedHashMap<>();
        for (Event event : events.listLive()) {
            Instant opened = openedToday(event, now);
            if (opened == null) {
                continue;
            }
            for (UUID door : doorsOf(event.id())) {
                Instant heard = doors.lastHeard(door);
                Instant since = heard.isAfter(opened) ? heard : opened;
                if (online.contains(door) || Duration.between(since, now).compareTo(MAX_SILENCE) < 0) {
                    continue;
                }
                String name = names.getOrDefault(door, door.toString());
                long minutes = Duration.between(since, now).toMinutes();
                String subject = "[Lanyard] " + name + " silent for " + minutes + " min";
                alerts.putIfAbsent(door, new Alert("silent:" + door, subject, "Door " + name + " (" + door + ") of "
                        + event.name() + " has not reached the server since " + since + ", " + minutes
                        + " minutes, while the doors are open. Its check-ins wait on the laptop until it does;"
                        + " check that it is on and on the network."));
            }
        }
        return new ArrayList<>(alerts.values());
    }

    /** When the event's doors opened today (its zone), if they are open now; null otherwise or without hours. */
    private static Instant openedToday(Event event, Instant now) {
        EventHours hours = event.hours();
        if (hours == null) {
            return null;
        }
        ZonedDateTime local = now.atZone(event.timezone());
        LocalDate today = local.toLocalDate();
        if (!event.hasCheckInOn(today)) {
            return null;
        }
        ZonedDateTime opens = today.atTime(hours.opens()).atZone(event.timezone());
        ZonedDateTime closes = today.atTime(hours.closes()).atZone(event.timezone());
        return !local.isBefore(opens) && local.isBefore(closes) ? opens.toInstant() : null;
    }

    private List<UUID> doorsOf(UUID eventId) {
        return db.dsl().select(DEVICE.ID).from(DEVICE).join(DEVICE_EVENT).on(DEVICE_EVENT.DEVICE_ID.eq(DEVICE.ID))
                .where(DEVICE_EVENT.EVENT_ID.eq(eventId).and(DEVICE.REVOKED_AT.isNull())).orderBy(DEVICE.ID)
                .fetch(DEVICE.ID);
    }

    private Map<UUID, String> doorNames() {
        Map<UUID, String> names = new HashMap<>();
        db.dsl().select(DEVICE.ID, DEVICE.NAME).from(DEVICE).where(DEVICE.NAME.isNotNull()).fetch()
                .forEach(r -> names.put(r.value1(), r.value2()));
        return names;
    }
}
