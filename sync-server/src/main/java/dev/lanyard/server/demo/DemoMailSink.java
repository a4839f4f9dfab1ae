package dev.lanyard.server.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.lanyard.server.email.MailDeliveryCheck;
import dev.lanyard.server.email.SmtpSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's mail server: GreenMail's SMTP on a free loopback port, every mail it receives
 * written to {@code folder} as an {@code .eml} file a mail program opens. A new user sees what
 * attendees would get without an SMTP account.
 */
public final class DemoMailSink implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoMailSink.class);
    private final GreenMail greenMail;
    private final Path folder;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lanyard-demo-mail");
        t.setDaemon(true);
        return t;
    });
    /** Files already in the folder from earlier runs: numbering carries on after them. */
    private final int earlier;
    private int written;

    public DemoMailSink(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
        try (var existing = Files.list(folder)) {
            this.earlier = (int) existing.filter(p -> p.toString().endsWith(".eml")).count();
        }
        this.greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        writer.scheduleWithFixedDelay(this::writeNew, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Where the server should send: plain SMTP on loopback. */
    public SmtpSettings smtp() {
        return new SmtpSettings("127.0.0.1", greenMail.getSmtp().getPort(), "Lanyard Demo <demo@lanyard.invalid>",
                null, null,
                SmtpSettings.Security.NONE, Duration.ofSeconds(10));
    }

    /** The sink can say what it received, so a demo server stopped mid-hand-off settles exactly. */
    public MailDeliveryCheck deliveryCheck() {
        return id -> {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                try {
                    if (id.equals(m.getMessageID())) {
                        return true;
                    }
                } catch (MessagingException e) {
                    return false;
                }
            }
            return false;
        };
    }

    public Path folder() {
        return folder;
    }

    private synchronized void writeNew() {
        // GreenMail keeps what it received (a demo's worth): the ones past those written are new
        MimeMessage[] received = greenMail.getReceivedMessages();
        try {
            for (; written < received.length; written++) {
                Path file = folder.resolve(String.format("%05d.eml", earlier + written + 1));
                try (OutputStream out = Files.newOutputStream(file)) {
                    received[written].writeTo(out);
                }
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            LOG.warn("demo mail sink could not write a mail", e);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        writeNew();
        greenMail.stop();
    }
}
