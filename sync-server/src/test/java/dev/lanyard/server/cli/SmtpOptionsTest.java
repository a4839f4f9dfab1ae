package dev.lanyard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.server.email.SmtpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The --smtp-* flags as serve reads them: no clear text unless --smtp-security none says so (ADR 0255). */
class SmtpOptionsTest {
    @TempDir
    Path dir;

    private SmtpSettings smtp(String... flags) {
        String[] args = new String[flags.length + 7];
        String[] head = {"serve", "--data", dir.toString(), "--smtp-host", "smtp.example.org", "--smtp-from",
            "events@example.org"};
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(flags, 0, args, head.length, flags.length);
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
        return ((Main.Serve) parsed.subcommand().commandSpec().userObject()).config().mail().smtp();
    }

    @Test
    void withoutTheFlagAPlainPortRequiresStarttls() {
        assertThat(smtp("--smtp-port", "2525").security()).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(smtp("--smtp-port", "25").security()).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(smtp().security()).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(smtp("--smtp-port", "465").security()).isEqualTo(SmtpSettings.Security.TLS);
    }

    @Test
    void noneIsWhatTheFlagAsksFor() {
        assertThat(smtp("--smtp-port", "25", "--smtp-security", "none").security())
                .isEqualTo(SmtpSettings.Security.NONE);
    }

    @Test
    void noneWithAPasswordToAnotherMachineIsRefused() throws Exception {
        Path password = Files.writeString(dir.resolve("smtp-password"), "smtp-secret\n");

        assertThatThrownBy(() -> smtp("--smtp-port", "2525", "--smtp-security", "none", "--smtp-user",
                "events@example.org", "--smtp-password-file", password.toString()))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("clear text");
    }
}
