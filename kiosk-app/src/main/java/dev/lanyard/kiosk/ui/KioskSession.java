package dev.lanyard.kiosk.ui;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.printing.BadgeDecisions;
import dev.lanyard.kiosk.core.printing.PrintService;
import dev.lanyard.kiosk.ui.sound.SoundPlayer;
import dev.lanyard.model.Event;
import dev.lanyard.print.queue.RetryPolicy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * An unlocked kiosk as the UI uses it: the core, the UI settings, badge printing, sounds, the
 * staff secret check, and the event and day the door works on. Built once the replica is open;
 * closing it stops printing and closes the kiosk.
 */
public final class KioskSession implements AutoCloseable {
    private final Kiosk kiosk;
    private final UiSettings settings;
    private final PrintService printing;
    private final BadgeDecisions badges;
    private final SoundPlayer sounds;
    private final StaffSecret staff;
    private final Clock clock;
    private volatile Event event;
    private volatile LocalDate day;
    /** The day was chosen as the event's today: it moves on with the clock (see {@link #day}). */
    private volatile boolean followsToday;
    private volatile String operator;

    public KioskSession(Kiosk kiosk, UiSettings settings, PrintService printing, SoundPlayer sounds, StaffSecret staff,
            Clock clock) {
        this.kiosk = Objects.requireNonNull(kiosk, "kiosk");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.printing = Objects.requireNonNull(printing, "printing");
        this.badges = new BadgeDecisions(kiosk.reads(), printing);
        this.sounds = Objects.requireNonNull(sounds, "sounds");
        this.staff = Objects.requireNonNull(staff, "staff");
        this.clock = Objects.requireNonNull(clock, "clock");
        settings.secondPrinter().ifPresent(second -> printing.configureSecond(second, settings.deskMode()));
        settings.printer().ifPresent(printing::configure);
    }

    /** A session over an open kiosk, printing through the replica's job store. */
    public static KioskSession open(Kiosk kiosk, StaffSecret staff, SoundPlayer sounds, Clock clock) {
        UiSettings settings = new UiSettings(kiosk.settings(), kiosk.settings().folder());
        PrintService printing = kiosk.openPrinting(clock, RetryPolicy.defaults());
        return new KioskSession(kiosk, settings, printing, sounds, staff, clock);
    }

    public Kiosk kiosk() {
        return kiosk;
    }

    public UiSettings settings() {
        return settings;
    }

    public PrintService printing() {
        return printing;
    }

    /** Which badge to print when (auto-print, reprint confirmation, pre-print). */
    public BadgeDecisions badges() {
        return badges;
    }

    public SoundPlayer sounds() {
        return sounds;
    }

    public StaffSecret staff() {
        return staff;
    }

    public Clock clock() {
        return clock;
    }

    /** The door works on {@code event}'s {@code day} from now on. */
    public void choose(Event chosen, LocalDate chosenDay) {
        if (!chosen.hasCheckInOn(chosenDay)) {
            throw new IllegalArgumentException(chosen.name() + " has no check-in on " + chosenDay);
        }
        kiosk.setActiveEvent(chosen.id());
        printing.useEventTemplate(chosen.badgeTemplate());
        this.event = chosen;
        this.day = chosenDay;
        this.followsToday = chosenDay.equals(chosen.dayAt(clock.instant()));
    }

    public boolean chosen() {
        return event != null;
    }

    public Event event() {
        Event e = event;
        if (e == null) {
            throw new IllegalStateException("no event chosen yet");
        }
        return e;
    }

    public UUID eventId() {
        return event().id();
    }

    /**
     * The day the door checks people in for: the one chosen, or, when it was chosen as the event's today, today's (if
     * the event has check-in on it) as the clock passes midnight. A door left on overnight, a self-service kiosk most
     * of all, checked the next morning's arrivals in for the day before (a re-entry under deny turned them away).
     */
    public LocalDate day() {
        Event e = event;
        LocalDate chosen = day;
        if (followsToday && e != null) {
            LocalDate today = e.dayAt(clock.instant());
            if (!today.equals(chosen) && e.hasCheckInOn(today)) {
                return today;
            }
        }
        return chosen;
    }

    /** The event's day today in its own timezone, if it has check-in today; else its first day. */
    public static LocalDate defaultDay(Event event, Clock clock) {
        LocalDate today = event.dayAt(clock.instant());
        if (event.hasCheckInOn(today)) {
            return today;
        }
        return event.days().stream().filter(d -> d.isAfter(today)).findFirst()
                .orElse(event.days().get(event.days().size() - 1));
    }

    public String operator() {
        return operator;
    }

    public void setOperator(String name) {
        this.operator = name == null || name.isBlank() ? null : name.trim();
        kiosk.checkIns().setOperator(this.operator);
    }

    @Override
    public void close() {
        printing.close();
        kiosk.close();
    }
}
