package dev.lanyard.server.calendar;

import dev.lanyard.model.Event;
import dev.lanyard.model.Location;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * An event as an RFC 5545 calendar: the body of the public calendar link and the {@code .ics}
 * attached to a registration confirmation, the same bytes for both. Entries follow
 * {@link CalendarEntries}; each has a display alarm three hours before it starts.
 */
public final class EventCalendar {
    /** The media type to serve or attach it with. */
    public static final String MEDIA_TYPE = "text/calendar; charset=utf-8";
    public static final Duration ALARM_BEFORE = Duration.ofHours(3);
    private static final String PRODUCT = "-//Lanyard//Event check-in//EN";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private EventCalendar() {
    }

    /**
     * The calendar of {@code event}, UTF-8.
     *
     * @param url the event's link for the URL property (the calendar link itself where the event has no page of its
     *            own); null leaves URL out
     */
    public static byte[] icsFor(Event event, URI url) {
        return folded(calendar(event, url).toString()).getBytes(StandardCharsets.UTF_8);
    }

    /** The longest line RFC 5545 (3.1) allows, in octets, without its line break. */
    static final int MAX_LINE_OCTETS = 75;

    /**
     * {@code ics} with each line longer than {@link #MAX_LINE_OCTETS} octets of UTF-8 folded (a line break and a space
     * before each continuation), never inside a character: ical4j's {@code toString} does not fold, and its folding
     * writer counts characters, three octets each in Korean.
     */
    static String folded(String ics) {
        StringBuilder out = new StringBuilder(ics.length() + ics.length() / 16);
        for (String line : ics.split("\r\n", -1)) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int codePoint = line.codePointAt(i);
                int width = utf8Octets(codePoint);
                if (octets + width > MAX_LINE_OCTETS) {
                    out.append("\r\n ");
                    octets = 1;
                }
                out.appendCodePoint(codePoint);
                octets += width;
                i += Character.charCount(codePoint);
            }
            out.append("\r\n");
        }
        // the split's last part is what follows the final line break: nothing, so one break too many was added
        out.setLength(out.length() - 2);
        return out.toString();
    }

    private static int utf8Octets(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    static Calendar calendar(Event event, URI url) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        List<CalendarEntries.Entry> entries = CalendarEntries.of(event);
        VTimeZone zone = entries.get(0).start() instanceof LocalDateTime ? timeZone(event.timezone()) : null;
        if (zone != null) {
            calendar.add(zone);
        }
        for (CalendarEntries.Entry entry : entries) {
            calendar.add(vevent(event, timed(entry, event.timezone(), zone), url, event.timezone().getId()));
        }
        return calendar;
    }

    /** The zone's VTIMEZONE; null for a zone ical4j has none of (a fixed offset such as +09:00). */
    private static VTimeZone timeZone(ZoneId zone) {
        if (zone instanceof ZoneOffset) {
            return null;
        }
        net.fortuna.ical4j.model.TimeZone tz = ZONES.getTimeZone(zone.getId());
        return tz == null ? null : tz.getVTimeZone();
    }

    /** Local times where a VTIMEZONE names their zone; UTC instants otherwise (RFC 5545 3.3.5, form 2). */
    private static CalendarEntries.Entry timed(CalendarEntries.Entry entry, ZoneId zone, VTimeZone vtimezone) {
        if (vtimezone != null || !(entry.start() instanceof LocalDateTime start)) {
            return entry;
        }
        Instant from = start.atZone(zone).toInstant();
        Instant to = ((LocalDateTime) entry.end()).atZone(zone).toInstant();
        return new CalendarEntries.Entry(from, to, entry.firstDay(), entry.spanning());
    }

    private static VEvent vevent(Event event, CalendarEntries.Entry entry, URI url, String zone) {
        VEvent vevent = new VEvent(false);
        vevent.add(new Uid(uid(event, entry)));
        // the event's last change, not the time of the request: the same event gives the same bytes
        vevent.add(new DtStamp(event.updatedAt() != null ? event.updatedAt() : event.createdAt()));
        vevent.add(dated(new DtStart<>(entry.start()), zone));
        vevent.add(dated(new DtEnd<>(entry.end()), zone));
        vevent.add(new Summary(event.name()));
        if (event.description() != null) {
            vevent.add(new Description(event.description()));
        }
        String place = place(event.location());
        if (place != null) {
            vevent.add(new net.fortuna.ical4j.model.property.Location(place));
        }
        if (url != null) {
            vevent.add(new Url(url));
        }
        vevent.add(alarm(event));
        return vevent;
    }

    /**
     * Times are written as local times with their TZID rather than converted by ical4j: its own zone rules
     * (built from the VTIMEZONE it ships) put Asia/Seoul an hour ahead in 2026 (ADR 0223).
     */
    private static <T extends Temporal, P extends net.fortuna.ical4j.model.property.DateProperty<T>> P dated(P property,
                                                                                                        String zone) {
        if (property.getDate() instanceof LocalDateTime) {
            property.add(new TzId(zone));
        }
        return property;
    }

    private static VAlarm alarm(Event event) {
        VAlarm alarm = new VAlarm(ALARM_BEFORE.negated());
        alarm.add(ImmutableAction.DISPLAY);
        alarm.add(new Description(event.name()));
        return alarm;
    }

    /** Stable across requests and edits: the event id, and for one entry per day the day it is for. */
    private static String uid(Event event, CalendarEntries.Entry entry) {
        boolean perDay = !entry.spanning() && event.days().size() > 1;
        return event.id() + (perDay ? "-" + DAY.format(entry.firstDay()) : "") + "@lanyard";
    }

    private static String place(Location location) {
        if (location.address() != null && location.onlineLink() != null) {
            return location.address() + " / " + location.onlineLink();
        }
        return location.address() != null ? location.address() : location.onlineLink();
    }
}
