package dev.lanyard.print.cli;

import dev.lanyard.print.badge.RenderedBadge;
import dev.lanyard.print.driver.BadgeEncoder;
import dev.lanyard.print.model.EncodedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "render", description = "Write exactly the bytes the printer would receive (and a PNG preview).")
final class RenderCommand implements Callable<Integer> {
    @Mixin
    BadgeOptions badge;

    @Option(names = "--out", required = true, description = "file for the printer bytes (.bin)")
    Path out;

    @Option(names = "--png", description = "PNG preview of the first label")
    Path png;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BadgeEncoder encoder = new BadgeEncoder();
        EncodedJob job = badge.encode(encoder);
        Files.write(out, job.bytes());
        if (png != null) {
            List<RenderedBadge> preview = encoder.render(badge.media(), badge.template(badge.media()),
                    badge.badges().subList(0, 1));
            Files.write(png, preview.get(0).toPng());
        }
        spec.commandLine().getOut().printf("%s: %d bytes, %d label(s) for %s on %s%n", out, job.size(),
                job.pageCount(), job.model(), job.mediaId());
        return 0;
    }
}
