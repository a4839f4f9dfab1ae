package dev.lanyard.server.email;

import dev.lanyard.model.Event;
import dev.lanyard.model.LocationType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in mail texts ({@code mail/texts_ko.properties}, {@code texts_en.properties}) and the
 * one way placeholders are filled: {@code {name}} style names, so an organizer's override reads the
 * same as ours. Values are filled as plain text; {@link MailContent} escapes them for HTML.
 */
public final class MailTexts {
    public static final List<String> LANGUAGES = List.of("ko", "en");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(name|event|dates|place|ticket)}");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private final Map<String, Properties> byLanguage = Map.of("ko", load("ko"), "en", load("en"));

    private static Properties load(String language) {
        Properties p = new Properties();
        try (InputStream in = MailTexts.class.getResourceAsStream("/mail/texts_" + language + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("mail texts for " + language + " are missing from the classpath");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    public String text(String language, String key) {
        String value = byLanguage.get(language).getProperty(key);
        if (value == null) {
            throw new IllegalStateException("mail text " + key + " is missing for " + language);
        }
        return value;
    }

    /** The event's language for participants whose own is unknown. */
    public static String eventLanguage(Event event, EmailSettings settings) {
        if (settings.language() != null) {
            return settings.language();
        }
        return event.timezone().equals(SEOUL) ? "ko" : "en";
    }

    /** A participant's own language when an answer says it ({@code language} or {@code lang}: ko..., en...). */
    public static String participantLanguage(Map<String, String> answers, String fallback) {
        for (String key : List.of("language", "lang")) {
            String v = answers.get(key);
            if (v != null) {
                String lower = v.trim().toLowerCase(Locale.ROOT);
                if (lower.startsWith("ko") || lower.startsWith("한")) {
                    return "ko";
                }
                if (lower.startsWith("en")) {
                    return "en";
                }
            }
        }
        return fallback;
    }

    public static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The event's dates and hours in its own time zone, e.g. "2026년 12월 3일 (목) 09:00 – 12월 4일 (금) 18:00 (Asia/Seoul)".
     */
    public static String dates(Event event, EmailSettings settings, String language) {
        ZonedDateTime start = EmailSchedule.start(event, settings);
        ZonedDateTime end = EmailSchedule.end(event, settings);
        Locale locale = "ko".equals(language) ? Locale.KOREAN : Locale.ENGLISH;
        DateTimeFormatter day = DateTimeFormatter.ofPattern("ko".equals(language) ? "yyyy년 M월 d일 (E)"
                : "EEE d MMM yyyy", locale);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", locale);
        String zone = " (" + event.timezone().getId() + ")";
        if (start.toLocalDate().equals(end.toLocalDate())) {
            return start.format(day) + " " + start.format(time) + "–" + end.format(time) + zone;
        }
        return start.format(day) + " " + start.format(time) + " – " + end.format(day) + " " + end.format(time) + zone;
    }

    public String place(Event event, String language) {
        var location = event.location();
        if (location.address() != null) {
            return location.address();
        }
        if (location.type() == LocationType.ONLINE && location.onlineLink() != null) {
            return text(language, "place.online") + " " + location.onlineLink();
        }
        return text(language, "place.unknown");
    }
}
