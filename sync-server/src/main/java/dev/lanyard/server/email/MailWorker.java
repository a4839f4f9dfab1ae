package dev.lanyard.server.email;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.server.ops.Metrics;
import dev.lanyard.server.sync.EventService;
import dev.lanyard.server.sync.ParticipantService;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.argument.StructuredArguments;

/**
 * Sends what the outbox holds: one thread, at most {@code ratePerSecond} mails a second. Each
 * mail's Message-ID and {@code sending} are committed before the hand-off to SMTP; a refusal
 * (5xx) fails the row at once, anything else is tried again 5 minutes later, up to 3 attempts.
 * At start, rows a previous run left {@code sending} are settled (ADR 0221).
 */
public final class MailWorker implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MailWorker.class);
    public static final Duration RETRY_DELAY = Duration.ofMinutes(5);
    public static final int MAX_ATTEMPTS = 3;
    private static final int BATCH = 50;

    /** Test seam: runs after a row is marked sending and before it goes to SMTP, and right after SMTP took it. */
    public interface HandOffObserver {
        void beforeHandOff(UUID rowId);

        void afterHandOff(UUID rowId);
    }

    private final EmailService email;
    private final EventService events;
    private final ParticipantService participants;
    private final SmtpMailer mailer;
    private final MailDeliveryCheck deliveryCheck;
    private volatile boolean started;
    private final Metrics metrics;
    private final Clock clock;
    private final long minGapNanos;
    private final HandOffObserver observer;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lanyard-mail-sender");
        t.setDaemon(true);
        return t;
    });
    private long lastSendNanos;
    private volatile boolean stopping;

    public MailWorker(EmailService email, EventService events, ParticipantService participants, SmtpMailer mailer,
                      MailDeliveryCheck deliveryCheck, Metrics metrics, Clock clock, double ratePerSecond,
                      HandOffObserver observer) {
        this.email = email;
        this.events = events;
        this.participants = participants;
        this.mailer = mailer;
        this.deliveryCheck = deliveryCheck;
        this.metrics = metrics;
        this.clock = clock;
        this.minGapNanos = (long) (1_000_000_000L / ratePerSecond);
        this.observer = observer;
    }

    /**
     * @param everyoneElseGone true when no other server shares the database (embedded H2): every
     *                         row left {@code sending} belongs to a run that ended
     */
    public void start(Duration poll, boolean everyoneElseGone) {
        started = true;
        thread.execute(() -> reconcile(everyoneElseGone ? clock.instant().plusMillis(1) : cutOffBefore()));
        thread.scheduleWithFixedDelay(this::sendDueSafely, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(() -> reconcile(cutOffBefore()), 1, 1, TimeUnit.MINUTES);
    }

    /** A hand-off takes at most connect + write + read timeouts; a row sending for longer than that was cut off. */
    private Instant cutOffBefore() {
        return clock.instant().minus(mailer.settings().timeout().multipliedBy(3));
    }

    /** Asks the worker to look at the outbox now (a row was just added). */
    public void wake() {
        if (!started) {
            // before start nothing is sent: start first settles what an earlier run left sending, and a
            // hand-off begun before that would be taken for one an earlier run left (ADR 0221)
            return;
        }
        try {
            thread.execute(this::sendDueSafely);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stopped: the next run sends it
        }
    }

    /**
     * Has the worker look at the outbox once more and waits until that look is done: what the worker
     * would send now, it has sent when this returns. For tests of what it must NOT send, instead of
     * sleeping through some polls.
     */
    public void lookOnceAndWait() throws InterruptedException {
        try {
            thread.submit(this::sendDueSafely).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the mail worker's look failed", e.getCause());
        }
    }

    void reconcile(Instant before) {
        try {
            for (OutboxRow row : email.outbox().sendingSince(before)) {
                settle(row);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not settle mail left sending; trying again in a minute", e);
        }
    }

    private void settle(OutboxRow row) {
        if (deliveryCheck != null && row.messageId() != null) {
            if (deliveryCheck.arrived(row.messageId())) {
                email.outbox().sent(row.id(), clock.instant());
                count(row.kind(), EmailStatus.SENT);
            } else {
                // it never reached the mail server: sending it now cannot make a second copy
                email.outbox().retryAt(row.id(), clock.instant(), "hand-off cut off; the mail server does not have it");
            }
            return;
        }
        email.outbox().finish(row.id(), EmailStatus.UNKNOWN,
                "the server stopped while handing this mail to SMTP; look for Message-ID "
                + row.messageId() + " in the mail server's log, and resend with `email retry` only if it is not there");
        count(row.kind(), EmailStatus.UNKNOWN);
        LOG.warn("mail left sending by a stopped server marked unknown, not resent",
                StructuredArguments.kv("messageId", row.messageId()));
    }

    private void sendDueSafely() {
        try {
            List<OutboxRow> due;
            do {
                due = email.outbox().due(clock.instant(), BATCH);
                for (OutboxRow row : due) {
                    if (stopping) {
                        return;
                    }
                    send(row);
                }
            } while (due.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("mail sending stopped by an error; it resumes at the next poll", e);
        }
    }

    private void send(OutboxRow row) {
        Optional<Event> event = events.find(row.eventId());
        if (event.isEmpty() || event.get().isDeleted()) {
            finish(row, EmailStatus.CANCELLED, "event deleted");
            return;
        }
        EmailSettings settings = email.settings(row.eventId());
        Participant participant = null;
        String to;
        if (row.kind() == EmailKind.DELETION_CONFIRMED) {
            to = email.outbox().recipient(row.id()).orElse(null);
        } else {
            participant = participants.find(row.eventId(), row.participantId()).filter(EmailService::eligible)
                    .orElse(null);
            if (participant == null || !settings.enabled(row.kind())) {
                finish(row, EmailStatus.CANCELLED, participant == null
                        ? "participant cancelled, anonymized, merged or without an address"
                        : EmailService.KIND_OFF);
                return;
            }
            if (EmailSchedule.tooLate(row.kind(), event.get(), settings, clock.instant())) {
                finish(row, EmailStatus.CANCELLED, "too late: the event " + (row.kind() == EmailKind.THANKS
                        ? "ended more than " + EmailSchedule.THANKS_LATE_BY.toDays() + " days ago" : "has started"));
                return;
            }
            to = participant.email();
        }
        if (to == null) {
            finish(row, EmailStatus.CANCELLED, "no address");
            return;
        }
        String messageId = "<" + UUID.randomUUID() + "." + row.id() + "@" + domainOf(mailer.from()) + ">";
        MimeMessage message;
        try {
            message = MimeMail.build(mailer.session(), mailer.from(), to, messageId,
                    email.renderer().render(row.kind(), event.get(), settings, participant));
        } catch (MessagingException | RuntimeException e) {
            finish(row, EmailStatus.FAILED, "cannot build the mail: " + e.getMessage());
            return;
        }
        pace();
        if (stopping) {
            return; // the row stays pending for the next run
        }
        if (!email.outbox().claim(row.id(), messageId, clock.instant())) {
            return; // another worker took it, or it was cancelled meanwhile
        }
        if (observer != null) {
            observer.beforeHandOff(row.id());
        }
        SmtpMailer.Outcome outcome = mailer.send(message);
        if (observer != null) {
            observer.afterHandOff(row.id());
        }
        int attempts = row.attempts() + 1;
        if (outcome.sent()) {
            email.outbox().sent(row.id(), clock.instant());
            count(row.kind(), EmailStatus.SENT);
        } else if (outcome.refused() || attempts >= MAX_ATTEMPTS) {
            finish(row, EmailStatus.FAILED, outcome.reason());
            LOG.warn("mail failed", StructuredArguments.kv("kind", row.kind().wire()),
                    StructuredArguments.kv("attempts", attempts),
                    StructuredArguments.kv("reason", SmtpMailer.withoutAddresses(outcome.reason())));
        } else {
            email.outbox().retryAt(row.id(), clock.instant().plus(RETRY_DELAY), outcome.reason());
            count(row.kind(), EmailStatus.PENDING);
            LOG.info("mail not sent; trying again in 5 minutes", StructuredArguments.kv("kind", row.kind().wire()),
                    StructuredArguments.kv("attempt", attempts),
                    StructuredArguments.kv("reason", SmtpMailer.withoutAddresses(outcome.reason())));
        }
    }

    private void finish(OutboxRow row, EmailStatus status, String reason) {
        email.outbox().finish(row.id(), status, reason);
        count(row.kind(), status);
    }

    private void count(EmailKind kind, EmailStatus status) {
        metrics.mail(kind.wire(), status.wire());
    }

    /** Waits out the rate limit's gap since the last hand-off. */
    private void pace() {
        long wait = lastSendNanos + minGapNanos - System.nanoTime();
        while (wait > 0 && !stopping) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, 100_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = lastSendNanos + minGapNanos - System.nanoTime();
        }
        lastSendNanos = System.nanoTime();
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "lanyard.invalid" : address.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
        return domain.isEmpty() ? "lanyard.invalid" : domain;
    }

    /**
     * Stops after the hand-off under way, without interrupting: an interrupt inside an H2 write
     * closes H2's file channel, and with it the database for everyone. A hand-off still going after
     * the wait is left; its row stays {@code sending} and is settled at the next start.
     */
    @Override
    public void close() {
        stopping = true;
        thread.shutdown();
        try {
            thread.awaitTermination(mailer.settings().timeout().multipliedBy(3).toSeconds() + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
