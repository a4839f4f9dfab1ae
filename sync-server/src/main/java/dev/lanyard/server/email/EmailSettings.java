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
 * @param reportTo  the organizer's address for the summary mailed once the event ends ({@link SummaryMail}); null:
 *                  none. Users have only usernames, so the address is the event's, not the organizer's account's.
 */
public record EmailSettings(Boolean confirmation, Boolean dayBefore, Boolean threeHoursBefore, Boolean thanks,
                            String language, Map<String, TemplateOverride> templates, String reportTo) {
    public static final EmailSettings OFF = new EmailSettings(false, false, false, false, null, null);
    private static final int MAX_ADDRESS = 254;

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

    public EmailSettings(Boolean confirmation, Boolean dayBefore, Boolean threeHoursBefore, Boolean thanks,
                         String language, Map<String, TemplateOverride> templates) {
        this(confirmation, dayBefore, threeHoursBefore, thanks, language, templates, null);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
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
        reportTo = reportTo == null || reportTo.isBlank() ? null : bareAddress(reportTo.strip());
    }

    /** One plain address: no display name, no list, so the summary cannot be sent to more than one place. */
    private static String bareAddress(String address) {
        try {
            jakarta.mail.internet.InternetAddress parsed = new jakarta.mail.internet.InternetAddress(address, true);
            if (address.length() > MAX_ADDRESS || parsed.getPersonal() != null || !parsed.getAddress().equals(address)
                    || !parsed.getAddress().contains("@")) {
                throw new IllegalArgumentException("emails.reportTo must be one plain mail address");
            }
            return parsed.getAddress();
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("emails.reportTo must be one plain mail address");
        }
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
