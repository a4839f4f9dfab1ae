package dev.lanyard.server.email;

import java.util.Locale;

/** What a mail to a participant is for; one of each at most per participant (the outbox's unique key). */
public enum EmailKind {
    CONFIRMATION, DAY_BEFORE, THREE_HOURS_BEFORE, THANKS, DELETION_CONFIRMED;

    /** The wire and database name: {@code confirmation}, {@code day_before}, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name in the event's {@code emails} settings and in URLs: {@code dayBefore}, ... */
    public String settingName() {
        String[] parts = wire().split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }

    public static EmailKind fromWire(String wire) {
        for (EmailKind k : values()) {
            if (k.wire().equals(wire) || k.settingName().equals(wire)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind must be one of confirmation, dayBefore, threeHoursBefore, thanks, "
                + "deletionConfirmed");
    }

    /** A reminder is due at a moment of the event's schedule and moves when the event's dates move. */
    public boolean isScheduled() {
        return this == DAY_BEFORE || this == THREE_HOURS_BEFORE || this == THANKS;
    }
}
