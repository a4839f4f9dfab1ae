package dev.lanyard.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kiosk entry point, started as a user would on a machine that cannot show its window. */
class WindowTroubleLaunchTest {
    @TempDir
    Path tmp;

    record Ended(int exit, String output) {
    }

    Ended run(List<String> prefix, String display) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--data",
                tmp.resolve("kiosk").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("WAYLAND_DISPLAY");
        if (display == null) {
            builder.environment().remove("DISPLAY");
        } else {
            builder.environment().put("DISPLAY", display);
        }
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Ended(p.exitValue(), output);
    }

    @Test
    void withoutADisplayTheKioskSaysWhatToDoInsteadOfAStackTrace() throws Exception {
        Ended ended = run(List.of(), null);

        assertThat(ended.exit()).isEqualTo(1);
        assertThat(ended.output()).contains("there is no display").doesNotContain("\tat ");
    }

    @Test
    void withoutGtk3TheKioskNamesThePackageToInstall() throws Exception {
        Optional<Path> gtk = gtkLibrary();
        boolean canHide = "0".equals(uid()) && onPath("unshare") && onPath("Xvfb") && gtk.isPresent();
        if (System.getenv("LANYARD_CI") == null) {
            assumeTrue(canHide, "hiding GTK 3 needs root, unshare, Xvfb and an installed libgtk-3.so.0");
        }
        assertThat(canHide).as("CI runs as root with Xvfb and libgtk-3-0 installed").isTrue();
        // JavaFX opens the display before it loads GTK, so a real (virtual) display is needed; Xvfb
        // gets its own output pipe, so the kiosk's output ends when the kiosk does
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1024x768x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String number = new java.io.BufferedReader(new java.io.InputStreamReader(xvfb.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertThat(number).as("Xvfb's display number").matches("\\d+");
            // a private mount namespace in which the library reads as an empty file: dlopen fails as on a machine
            // without it
            List<String> prefix = List.of("unshare", "-m", "sh", "-c", "mount --bind /dev/null " + gtk.get()
                    + " && exec \"$@\"", "hide-gtk");

            Ended ended = run(prefix, ":" + number);

            assertThat(ended.exit()).isEqualTo(1);
            assertThat(ended.output()).contains("GTK 3 is missing").contains("apt-get install libgtk-3-0")
                    .doesNotContain("\tat ");
        } finally {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Optional<Path> gtkLibrary() throws IOException {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/lib/x86_64-linux-gnu")) {
            Path candidate = Path.of(dir, "libgtk-3.so.0");
            if (Files.exists(candidate)) {
                return Optional.of(candidate.toRealPath());
            }
        }
        return Optional.empty();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static String uid() {
        try {
            Process p = new ProcessBuilder("id", "-u").start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
