package dev.lanyard.server.cli;

import dev.lanyard.model.Event;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.email.EmailKind;
import dev.lanyard.server.email.EmailService;
import dev.lanyard.server.email.EmailStatus;
import dev.lanyard.server.email.MailContent;
import dev.lanyard.server.email.MimeMail;
import dev.lanyard.server.email.SmtpMailer;
import dev.lanyard.server.email.SmtpSettings;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code email test|status|retry}: the host's view of participant mail. */
@Command(name = "email", description = "Participant mail: send a test, show an event's counts, retry failed mail",
        subcommands = {EmailCommand.Test.class, EmailCommand.Status.class, EmailCommand.Retry.class})
final class EmailCommand {

    @Command(name = "test",
            description = "Send one test mail through the configured SMTP server and say what it answered")
    static final class Test implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Common common = new Main.Common();
        @CommandLine.Mixin
        SmtpOptions smtp = new SmtpOptions();
        @Option(names = "--to", required = true, description = "address to send the test to")
        String to;

        @Override
        public Integer call() throws Exception {
            SmtpSettings settings = smtp.settings(common);
            if (settings == null) {
                System.err.println(
                        "mail not configured: give --smtp-host and --smtp-from (or LANYARD_SMTP_HOST, "
                        + "LANYARD_SMTP_FROM)");
                return 2;
            }
            SmtpMailer mailer = new SmtpMailer(settings);
            String text = "This is a test from the Lanyard server. 이 메일은 Lanyard 서버의 시험 메일입니다.";
            MailContent content = new MailContent("Lanyard test mail · 시험 메일", text,
                    MailContent.html("en", text, settings.toString(),
                    false, false), null, null, null);
            String id = "<test." + UUID.randomUUID() + "@lanyard.invalid>";
            SmtpMailer.Outcome outcome = mailer.send(MimeMail.build(mailer.session(), mailer.from(), to, id, content));
            if (outcome.sent()) {
                System.out.println("sent to " + to + " via " + settings + " (Message-ID " + id + ")");
                return 0;
            }
            System.err.println((outcome.refused() ? "refused: " : "not sent: ") + outcome.reason());
            return 1;
        }
    }

    @Command(name = "status", description = "Mail of an event: counts per kind and status")
    static final class Status implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Common common = new Main.Common();
        @CommandLine.Mixin
        SmtpOptions smtp = new SmtpOptions();
        @Option(names = "--event", required = true)
        UUID event;

        @Override
        public Integer call() {
            try (LanyardServer server = new LanyardServer(common.config().mail(smtp.mail(common)).build())) {
                Event e = server.admin().event(event);
                EmailService.Status status = server.email().status(e.id());
                System.out.println(e.name() + ": " + status.mail());
                if (status.counts().isEmpty()) {
                    System.out.println("  no mail yet");
                }
                for (Map.Entry<EmailKind, Map<EmailStatus, Integer>> k : status.counts().entrySet()) {
                    StringBuilder line = new StringBuilder(String.format("  %-18s", k.getKey().settingName()));
                    k.getValue().forEach((s, n) -> line.append(' ').append(s.wire()).append('=').append(n));
                    System.out.println(line);
                }
            }
            return 0;
        }
    }

    @Command(name = "retry",
            description = "Send an event's failed and unknown mail again (unknown: the server stopped while "
            + "handing it over, so check the mail server's log for its Message-ID first: it may have arrived)")
    static final class Retry implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Common common = new Main.Common();
        @Option(names = "--event", required = true)
        UUID event;

        @Override
        public Integer call() {
            try (LanyardServer server = common.open()) {
                Event e = server.admin().event(event);
                int n = server.email().retry(e.id());
                System.out.println(n + " mail(s) of " + e.name() + " queued again; the running server sends them");
            }
            return 0;
        }
    }
}
