package dev.lanyard.server.http.console;

import dev.lanyard.model.Event;
import dev.lanyard.model.EventFeatures;
import dev.lanyard.model.FormField;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.server.email.EmailSettings;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The event form's fields as typed, so a refused form comes back as the user left it. Walk-in
 * form fields are one per line: {@code id | label | type | required | option, option}; a {@code |} or {@code ,}
 * inside a label or an option is written {@code \|} or {@code \,} (and a backslash {@code \\}).
 */
public record EventForm(String name, String description, String startDate, String endDate, String timezone,
                        String days, String capacity, String reentryPolicy, boolean checkin, boolean prizeDrawing,
                        boolean anonymousMode, boolean selfService, String formFields, Mails mails) {

    /** The event's {@code emails} switches as the form shows them; language and texts stay as stored. */
    public record Mails(boolean confirmation, boolean dayBefore, boolean threeHoursBefore, boolean thanks) {
        static final Mails OFF = new Mails(false, false, false, false);

        static Mails of(EmailSettings s) {
            return new Mails(s.confirmation(), s.dayBefore(), s.threeHoursBefore(), s.thanks());
        }

        /** The settings to store: these switches over what {@code stored} says of language and texts. */
        public EmailSettings over(EmailSettings stored) {
            return new EmailSettings(confirmation, dayBefore, threeHoursBefore, thanks, stored.language(),
                    stored.templates());
        }
    }

    public static EventForm blank() {
        LocalDate today = LocalDate.now();
        return new EventForm("", "", today.toString(), today.toString(), "Asia/Seoul", "", "", "warn",
                true, true, false, false, "", Mails.OFF);
    }

    public static EventForm of(Event e, EmailSettings emails) {
        EventFeatures f = e.features() == null ? EventFeatures.DEFAULT : e.features();
        String days = e.days() == null ? ""
                : e.days().stream().map(LocalDate::toString).collect(Collectors.joining(", "));
        String fields = e.formFields() == null ? "" : e.formFields().stream().map(EventForm::line)
                .collect(Collectors.joining("\n"));
        return new EventForm(e.name(), e.description() == null ? "" : e.description(), String.valueOf(e.startDate()),
                String.valueOf(e.endDate()), e.timezone().getId(), days,
                e.capacity() == null ? "" : e.capacity().toString(),
                e.reentryPolicy() == null ? "warn" : e.reentryPolicy().wire(),
                f.checkin(), f.prizeDrawing(), f.anonymousMode(), f.selfService(), fields, Mails.of(emails));
    }

    /**
     * A field as one line of the form; a separator inside a label or an option is written after a backslash, so the
     * line reads back as the same field (an option "예, 참석합니다" became two when the form was saved).
     */
    private static String line(FormField f) {
        return f.id() + " | " + escaped(f.label()) + " | " + f.type() + " | " + (f.required() ? "required" : "optional")
                + (f.options().isEmpty() ? "" : " | " + f.options().stream().map(EventForm::escaped)
                .collect(Collectors.joining(", ")));
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace(",", "\\,");
    }

    /** {@code text} cut at each {@code separator} not written after a backslash; the parts keep their backslashes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    /** The text a part stands for: each backslash gives the character after it as written. */
    private static String unescaped(String part) {
        StringBuilder text = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            text.append(c == '\\' && i + 1 < part.length() ? part.charAt(++i) : c);
        }
        return text.toString().trim();
    }

    public static EventForm read(Context ctx) {
        return new EventForm(text(ctx, "name"), text(ctx, "description"), text(ctx, "startDate"), text(ctx, "endDate"),
                text(ctx, "timezone"), text(ctx, "days"), text(ctx, "capacity"), text(ctx, "reentryPolicy"),
                ctx.formParam("checkin") != null, ctx.formParam("prizeDrawing") != null,
                ctx.formParam("anonymousMode") != null, ctx.formParam("selfService") != null, text(ctx, "formFields"),
                new Mails(ctx.formParam("mailConfirmation") != null, ctx.formParam("mailDayBefore") != null,
                        ctx.formParam("mailThreeHoursBefore") != null, ctx.formParam("mailThanks") != null));
    }

    private static String text(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.trim();
    }

    /**
     * The API's event input; what the form does not show (location, status, badge, retention, hours)
     * is kept from {@code existing}.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public EventInput toInput(Event existing) {
        return new EventInput(name, description.isEmpty() ? null : description,
                existing == null ? null : existing.location(), date(startDate, "startDate"), date(endDate, "endDate"),
                zone(), dayList(), capacity.isEmpty() ? null : number(capacity),
                existing == null ? null : existing.status(),
                new EventFeatures(checkin, prizeDrawing, anonymousMode, selfService),
                ReentryPolicy.from(reentryPolicy.isEmpty() ? "warn" : reentryPolicy), fields(),
                existing == null ? null : existing.badgeTemplate(), existing == null ? null : existing.retentionDays(),
                existing == null ? null : existing.hours());
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(timezone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("timezone: unknown time zone " + timezone);
        }
    }

    private List<LocalDate> dayList() {
        if (days.isBlank()) {
            return null;
        }
        return Arrays.stream(days.split("[,\\s]+")).filter(s -> !s.isBlank()).map(d -> date(d, "days")).toList();
    }

    private List<FormField> fields() {
        List<FormField> out = new ArrayList<>();
        for (String line : formFields.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] p = split(line, '|').toArray(String[]::new);
            if (p.length < 2) {
                throw new IllegalArgumentException("formFields: write id | label | type | required | options");
            }
            String type = p.length > 2 && !p[2].isBlank() ? p[2].trim() : "text";
            boolean required = p.length > 3 && p[3].trim().equalsIgnoreCase("required");
            List<String> options = p.length > 4 ? split(p[4], ',').stream().map(EventForm::unescaped)
                    .filter(s -> !s.isEmpty()).toList() : List.of();
            out.add(new FormField(unescaped(p[0]), unescaped(p[1]), type, required, options));
        }
        return out;
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": not a date (YYYY-MM-DD): " + value);
        }
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("capacity: not a whole number: " + value);
        }
    }
}
