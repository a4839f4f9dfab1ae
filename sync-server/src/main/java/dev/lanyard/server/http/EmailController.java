package dev.lanyard.server.http;

import dev.lanyard.model.Event;
import dev.lanyard.server.email.EmailKind;
import dev.lanyard.server.email.EmailService;
import dev.lanyard.server.email.MailContent;
import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.errors.NotFoundException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Participant mail: the organizer's send-pending, the outbox's counts, a preview, one participant's mails. */
public final class EmailController {
    private final EmailService email;
    private final dev.lanyard.server.sync.ParticipantService participants;
    private final Guard guard;

    public EmailController(EmailService email, dev.lanyard.server.sync.ParticipantService participants, Guard guard) {
        this.email = email;
        this.participants = participants;
        this.guard = guard;
    }

    public void sendPendingConfirmations(Context ctx) {
        Event event = guard.manageable(ctx);
        ctx.json(Map.of("enqueued", email.sendPendingConfirmations(event)));
    }

    public void status(Context ctx) {
        Event event = guard.manageable(ctx);
        EmailService.Status status = email.status(event.id());
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        status.counts().forEach((kind, byStatus) -> {
            Map<String, Integer> m = new LinkedHashMap<>();
            byStatus.forEach((s, n) -> m.put(s.wire(), n));
            counts.put(kind.settingName(), m);
        });
        ctx.json(Map.of("mail", status.mail(), "counts", counts));
    }

    public void preview(Context ctx) {
        Event event = guard.manageable(ctx);
        EmailKind kind;
        try {
            kind = EmailKind.fromWire(ctx.pathParam("kind"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        String language = ctx.queryParam("language");
        if (language != null && !dev.lanyard.server.email.MailTexts.LANGUAGES.contains(language)) {
            throw new InvalidInputException("language must be ko or en");
        }
        MailContent content = email.preview(event, kind, language);
        ctx.json(Map.of("subject", content.subject(), "text", content.text(), "html", content.html()));
    }

    public void ofParticipant(Context ctx) {
        Event event = guard.manageable(ctx);
        UUID pid = Guard.uuid(ctx, "pid");
        if (participants.find(event.id(), pid).isEmpty()) {
            throw new NotFoundException("participant");
        }
        ctx.json(email.emailsOf(pid).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", r.kind().settingName());
            m.put("status", r.status().wire());
            m.put("dueAt", r.dueAt().toString());
            m.put("attempts", r.attempts());
            if (r.messageId() != null) {
                m.put("messageId", r.messageId());
            }
            if (r.reason() != null) {
                m.put("reason", r.reason());
            }
            if (r.sentAt() != null) {
                m.put("sentAt", r.sentAt().toString());
            }
            return m;
        }).toList());
    }
}
