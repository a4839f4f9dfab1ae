package dev.lanyard.server.http;

import dev.lanyard.model.Event;
import dev.lanyard.server.csv.CsvExporter;
import dev.lanyard.server.csv.CsvImporter;
import dev.lanyard.server.report.WholeEventReads;
import dev.lanyard.server.sync.AuditLog;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** CSV import of attendee lists and CSV exports. */
public final class CsvController {
    private final CsvImporter importer;
    private final CsvExporter exporter;
    private final AuditLog audit;
    private final Guard guard;
    private final long maxCsvBody;
    private final WholeEventReads atOnce;

    public CsvController(CsvImporter importer, CsvExporter exporter, AuditLog audit, Guard guard, long maxCsvBody,
            WholeEventReads atOnce) {
        this.importer = importer;
        this.exporter = exporter;
        this.audit = audit;
        this.guard = guard;
        this.maxCsvBody = maxCsvBody;
        this.atOnce = atOnce;
    }

    public void importParticipants(Context ctx) {
        Event event = guard.manageable(ctx);
        // streamed: a million-row file is read and written batch by batch, never held (ADR 0210)
        Bodies.Limited body = Bodies.stream(ctx, maxCsvBody);
        ctx.json(importer.importCsv(event, body));
        audit.record(guard.principal(ctx).name(), "import_participants", event.id(), body.count() + " bytes");
    }

    public void exportParticipants(Context ctx) {
        Event event = guard.exportable(ctx);
        atOnce.run(() -> {
            audit.record(guard.principal(ctx).name(), "export_participants", event.id(), null);
            write(ctx, "participants.csv", w -> exporter.participants(event, w));
        });
    }

    public void exportCheckIns(Context ctx) {
        Event event = guard.exportable(ctx);
        atOnce.run(() -> {
            audit.record(guard.principal(ctx).name(), "export_checkins", event.id(), null);
            write(ctx, "checkins.csv", w -> exporter.checkIns(event, w));
        });
    }

    private static void write(Context ctx, String filename, java.util.function.Consumer<Writer> body) {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        try {
            Writer writer = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
            writer.write('\uFEFF'); // Excel reads UTF-8 (Korean names) only with a byte-order mark
            body.accept(writer);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
