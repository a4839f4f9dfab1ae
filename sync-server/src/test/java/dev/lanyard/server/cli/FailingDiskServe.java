package dev.lanyard.server.cli;

import dev.lanyard.model.files.WriteWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@link Main} in a child JVM whose H2 files may sit on {@code watch:} (WriteWatch): once the file named by the first
 * argument appears, the next force fails as a disk's write-back error would, and a file "armed" beside it says so.
 */
public final class FailingDiskServe {
    private FailingDiskServe() {
    }

    public static void main(String[] args) {
        Path trigger = Path.of(args[0]);
        WriteWatch.prefix();
        Thread watcher = new Thread(() -> {
            try {
                while (!Files.exists(trigger)) {
                    Thread.sleep(20);
                }
                WriteWatch.failNextForce();
                Files.writeString(trigger.resolveSibling("armed"), "");
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        }, "failing-disk-trigger");
        watcher.setDaemon(true);
        watcher.start();
        Main.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
