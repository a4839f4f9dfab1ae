package dev.lanyard.server.email;

import java.util.Map;
import java.util.TreeMap;

/**
 * An event's {@code emails} settings: which kinds go out (all off by default, so an import never
 * mails people unasked), the language for participants whose own is unknown and the organizer's
 * subject and body per kind. When they go out follows the event's dates and hours
 * ({@link EmailSchedule}).
 *
 * @param language  {@code ko} or {@code en}; null: Korean for an event in Asia/Seoul, else English
 * @param templates per kind's setting name ({@code confirmation}, {@code dayBefore}, ...)
 */
public record EmailSettings(Boolean confirmation, Boolean dayBefore, Boolean threeHoursBefore, Boolean thanks,
                            String language, Map<String, TemplateOverride> templates) {
    public static final EmailSettings OFF = new EmailSettings(false, false, false, false, null, null);

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
