package dev.lanyard.server.email;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/** Fills a kind's texts (the organizer's override where there is one) for one participant of one event. */
public final class MailRenderer {
    private final MailTexts texts = new MailTexts();
    private final Function<Event, byte[]> calendar;

    /** @param calendar the event's .ics for the confirmation, or a function returning null while there is none */
    public MailRenderer(Function<Event, byte[]> calendar) {
        this.calendar = calendar;
    }

    /**
     * @param participant null for the deletion confirmation, which goes out after the person's
     *                    data is gone and so names nobody
     */
    public MailContent render(EmailKind kind, Event event, EmailSettings settings, Participant participant) {
        String eventLanguage = MailTexts.eventLanguage(event, settings);
        String lang = participant == null ? eventLanguage :
                MailTexts.participantLanguage(participant.customAnswers(), eventLanguage);
        String name = participant == null || participant.name() == null ? texts.text(lang, "participant.unknown")
                : participant.name();
        String ticket = participant == null || participant.ticketCode() == null ? "" : participant.ticketCode();
        Map<String, String> values = Map.of("name", name, "event", event.name(), "dates",
                MailTexts.dates(event, settings, lang),
                "place", texts.place(event, lang), "ticket", ticket);
        EmailSettings.TemplateOverride override = settings.override(kind);
        String subject = override != null && override.subject() != null ? override.subject()
                : texts.text(lang, kind.wire() + ".subject");
        String body = override != null && override.body() != null ? override.body()
                : texts.text(lang, kind.wire() + ".body");
        String filledSubject = MailTexts.fill(subject, values).replaceAll("[\\r\\n]+", " ");
        String text = MailTexts.fill(body, values);
        String footer = MailTexts.fill(texts.text(lang, "footer"), values);
        boolean qr = kind == EmailKind.CONFIRMATION && !ticket.isEmpty();
        byte[] logo = logo(event);
        byte[] ics = kind == EmailKind.CONFIRMATION ? calendar.apply(event) : null;
        return new MailContent(filledSubject, text + "\n\n--\n" + footer,
                MailContent.html(lang, text, footer, qr, logo != null),
                qr ? ticket : null, logo, ics);
    }

    /** The logo of the event's badge template ({@code logo.png}, base64), if it has one. */
    static byte[] logo(Event event) {
        if (event.badgeTemplate() == null) {
            return null;
        }
        String png = event.badgeTemplate().path("logo").path("png").asText(null);
        if (png == null || png.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(png);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
