package dev.lanyard.server.cli;

import dev.lanyard.server.email.MailConfig;
import dev.lanyard.server.email.SmtpSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How participant mail leaves: flags, then LANYARD_SMTP_* variables, then the config file's smtp-* keys. */
final class SmtpOptions {
    @Option(names = "--smtp-host",
            description = "SMTP server for participant mail (env LANYARD_SMTP_HOST; none: mail is queued, not sent)")
    String host;
    @Option(names = "--smtp-port", description = "its port (env LANYARD_SMTP_PORT; default 587)")
    Integer port;
    @Option(names = "--smtp-from",
            description = "sender address, e.g. \"Lanyard <events@example.org>\" (env LANYARD_SMTP_FROM)")
    String from;
    @Option(names = "--smtp-user", description = "SMTP login (env LANYARD_SMTP_USER)")
    String user;
    @Option(names = "--smtp-password-file", description =
            "file holding the SMTP password (env LANYARD_SMTP_PASSWORD_FILE)")
    Path passwordFile;
    @Option(names = "--smtp-security",
            description = "starttls, tls or none (env LANYARD_SMTP_SECURITY; default tls on port 465, starttls "
            + "required on every other port; none sends mail in clear text, is warned about at every start, and "
            + "takes a password only for a server on this machine)")
    String security;

    /** The settings, or null when no SMTP host is set. */
    SmtpSettings settings(Main.Common common) {
        String h = common.setting(host, "smtp-host");
        if (h == null || h.isBlank()) {
            return null;
        }
        String f = common.setting(from, "smtp-from");
        if (f == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "smtp-from is needed with smtp-host");
        }
        String p = common.setting(port == null ? null : port.toString(), "smtp-port");
        String s = common.setting(security, "smtp-security");
        String file = common.setting(passwordFile == null ? null : passwordFile.toString(), "smtp-password-file");
        String u = common.setting(user, "smtp-user");
        try {
            String password = file == null ? null : Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (password != null && u == null) {
                throw new IllegalArgumentException("smtp-password-file needs smtp-user");
            }
            return new SmtpSettings(h, p == null ? 587 : Integer.parseInt(p), f, u, password,
                    s == null ? null : SmtpSettings.Security.parse(s), null);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "cannot read smtp-password-file " + file
                    + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    MailConfig mail(Main.Common common) {
        SmtpSettings smtp = settings(common);
        return smtp == null ? MailConfig.NONE : MailConfig.smtp(smtp);
    }
}
