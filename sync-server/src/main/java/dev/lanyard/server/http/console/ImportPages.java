package dev.lanyard.server.http.console;

import dev.lanyard.model.Event;
import dev.lanyard.model.protocol.ImportResult;
import dev.lanyard.server.csv.ColumnMapping;
import dev.lanyard.server.csv.CsvImporter;
import dev.lanyard.server.csv.CsvPreview;
import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.http.Guard;
import dev.lanyard.server.sync.AuditLog;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Upload a guest list, see its first rows and which column becomes which field, then import it
 * and see each refused line with its line number. The file waits in the session between the
 * two steps (one file per session, at most the API's CSV limit).
 */
public final class ImportPages {
    private static final int PREVIEW_ROWS = 5;
    private final CsvImporter importer;
    private final AuditLog audit;
    private final Guard guard;
    private final long maxBytes;

    public ImportPages(CsvImporter importer, AuditLog audit, Guard guard, long maxBytes) {
        this.importer = importer;
        this.audit = audit;
        this.guard = guard;
        this.maxBytes = maxBytes;
    }

    public void form(Context ctx) {
        Event event = guard.manageable(ctx);
        render(ctx, event, null, null, null, null, 200);
    }

    public void preview(Context ctx) {
        Event event = guard.manageable(ctx);
        UploadedFile file = ctx.uploadedFile("file");
        Messages t = Messages.of(Language.of(ctx));
        if (file == null || file.size() == 0) {
            render(ctx, event, null, null, null, t.get("import.nofile"), 400);
            return;
        }
        if (file.size() > maxBytes) {
            render(ctx, event, null, null, null, t.get("import.toolarge", maxBytes / (1024 * 1024)), 413);
            return;
        }
        byte[] bytes = read(file);
        CsvPreview preview;
        try {
            preview = CsvPreview.of(bytes, PREVIEW_ROWS);
        } catch (InvalidInputException e) {
            render(ctx, event, null, null, null, e.getMessage(), 400);
            return;
        }
        ImportResult check;
        try {
            check = importer.check(event, bytes, null);
        } catch (InvalidInputException undetected) {
            check = null; // no column reads as a name: the lines are checked once the columns are chosen
        }
        ConsoleGate.session(ctx).pendingCsv(new ConsoleSession.PendingCsv(event.id(), file.filename(), bytes));
        render(ctx, event, preview, check, null, null, 200);
    }

    public void confirm(Context ctx) {
        Event event = guard.manageable(ctx);
        ConsoleSession session = ConsoleGate.session(ctx);
        ConsoleSession.PendingCsv pending = session.pendingCsv();
        if (pending == null || !pending.eventId().equals(event.id())) {
            render(ctx, event, null, null, null, Messages.of(Language.of(ctx)).get("import.nofile"), 400);
            return;
        }
        ImportResult result;
        try {
            ColumnMapping chosen = chosenMapping(ctx);
            session.pendingCsv(null);
            result = importer.importCsv(event, pending.bytes(), chosen);
        } catch (InvalidInputException e) {
            render(ctx, event, null, null, null, e.getMessage(), 400);
            return;
        }
        audit.record(guard.principal(ctx).name(), "import_participants", event.id(), pending.bytes().length + " bytes");
        render(ctx, event, null, null, result, null, 200);
    }

    /**
     * The columns as chosen on the preview ({@code column0}, {@code column1}, ...: a field name or empty
     * for "not imported"), or null when the form has none (the importer then detects them itself).
     */
    static ColumnMapping chosenMapping(Context ctx) {
        Map<String, Integer> columns = new HashMap<>();
        boolean any = false;
        for (int i = 0; ctx.formParam("column" + i) != null; i++) {
            any = true;
            String field = ctx.formParam("column" + i);
            if (field.isEmpty()) {
                continue;
            }
            if (!ColumnMapping.FIELDS.contains(field)) {
                throw new InvalidInputException("invalid_request", "unknown field " + field);
            }
            if (columns.put(field, i) != null) {
                throw new InvalidInputException("invalid_request", "two columns are mapped to " + field);
            }
        }
        return any ? ColumnMapping.chosen(columns) : null;
    }

    private static byte[] read(UploadedFile file) {
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void render(Context ctx, Event event, CsvPreview preview, ImportResult check, ImportResult result,
            String error, int status) {
        ctx.status(status);
        Views.html(ctx, "import.jte", Pages.params(Pages.page(ctx, guard, "events"), "event", event,
                "preview", preview, "check", check, "result", result, "error", error));
    }
}
