package dev.lanyard.server.email;

import java.time.LocalTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * An event's {@code emails} settings: which kinds go out (all off by default, so an import never
 * mails people unasked), the language for participants whose own is unknown, the local times
 * the event's days start and end (events carry dates only; reminders and the thank-you are timed
 * from these, in the event's time zone) and the organizer's subject and body per kind.
 *
 * @param language  {@code ko} or {@code en}; null: Korean for an event in Asia/Seoul, else English
 * @param startsAt  when each day starts (default 09:00)
 * @param endsAt    when the last day ends (default 18:00)
 * @param templates per kind's setting name ({@code confirmation}, {@code dayBefore}, ...)
 */
public record EmailSettings(Boolean confirmation, Boolean dayBefore, Boolean threeHoursBefore, Boolean thanks,
                            String language, LocalTime startsAt, LocalTime endsAt, Map<String, TemplateOverride> templates) {
    public static final EmailSettings OFF = new EmailSettings(false, false, false, false, null, null, null, null);
    public static final LocalTime DEFAULT_START = LocalTime.of(9, 0);
    public static final LocalTime DEFAULT_END = LocalTime.of(18, 0);

    /** A subject or body of the organizer's; placeholders as in the built-in texts ({name}, {event}, ...). */
    public record TemplateOverride(String subject, String body) {
        public TemplateOverride {
            if (subject != null && (subject.isBlank() || subject.length() > 200 || subject.contains("\n"))) {
                throw new IllegalArgumentException("emails.templates: subject must be one line of 1 to 200 characters");
            }
            if (body != null && (body.isBlank() || body.length() > 20_000)) {
                throw new IllegalArgumentException("emails.templates: body must be 1 to 20000 characters");
            }
        }
    }

    public EmailSettings {
        confirmation = Boolean.TRUE.equals(confirmation);
        dayBefore = Boolean.TRUE.equals(dayBefore);
        threeHoursBefore = Boolean.TRUE.equals(threeHoursBefore);
        thanks = Boolean.TRUE.equals(thanks);
        if (language != null && !MailTexts.LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("emails.language must be one of " + MailTexts.LANGUAGES);
        }
        startsAt = startsAt == null ? DEFAULT_START : startsAt;
        endsAt = endsAt == null ? DEFAULT_END : endsAt;
        Map<String, TemplateOverride> sorted = new TreeMap<>();
        if (templates != null) {
            templates.forEach((kind, override) -> {
                sorted.put(EmailKind.fromWire(kind).settingName(), override);
            });
        }
        templates = java.util.Collections.unmodifiableMap(sorted);
    }

    public boolean enabled(EmailKind kind) {
        return switch (kind) {
            case CONFIRMATION -> confirmation;
            case DAY_BEFORE -> dayBefore;
            case THREE_HOURS_BEFORE -> threeHoursBefore;
            case THANKS -> thanks;
            case DELETION_CONFIRMED -> true;
        };
    }

    public TemplateOverride override(EmailKind kind) {
        return templates.get(kind.settingName());
    }
}
