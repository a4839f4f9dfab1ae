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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Upload a guest list, see its first rows and which column becomes which field, then import it
 * and see each refused line with its line number. Between the two steps the file waits on disk,
 * in {@link PendingUploads}, and the session keeps only its name (one per session, at most the API's
 * CSV limit; ADR 0254): the preview and the confirmation read it as a stream, as the API's import does.
 */
public final class ImportPages {
    private static final int PREVIEW_ROWS = 5;
    private final CsvImporter importer;
    private final AuditLog audit;
    private final Guard guard;
    private final long maxBytes;
    private final PendingUploads uploads;

    public ImportPages(CsvImporter importer, AuditLog audit, Guard guard, long maxBytes, PendingUploads uploads) {
        this.importer = importer;
        this.audit = audit;
        this.guard = guard;
        this.maxBytes = maxBytes;
        this.uploads = uploads;
    }

    public void form(Context ctx) {
        Event event = guard.manageable(ctx);
        render(ctx, event, null, null, null, null, 200);
    }

    public void preview(Context ctx) throws IOException {
        Event event = guard.manageable(ctx);
        Messages t = Messages.of(Language.of(ctx));
        ConsoleSession session = ConsoleGate.session(ctx);
        // the room is asked for before the upload is read (the gate has held its length to the upload bound); the
        // file within it is at most maxBytes, and one longer is refused below
        long wanted = Math.min(maxBytes, Math.max(0, ctx.req().getContentLengthLong()));
        Optional<PendingUploads.Room> room = uploads.reserveRoom(wanted);
        if (room.isEmpty()) {
            // a new upload replaces the one this session waited on: its room is given back for this one
            session.dropPendingCsv();
            room = uploads.reserveRoom(wanted);
        }
        if (room.isEmpty()) {
            render(ctx, event, null, null, null, t.get("import.busy"), 429);
            return;
        }
        PendingCsv pending;
        try (PendingUploads.Room reserved = room.get()) {
            UploadedFile file = ctx.uploadedFile("file");
            if (file == null || file.size() == 0) {
                render(ctx, event, null, null, null, t.get("import.nofile"), 400);
                return;
            }
            if (file.size() > maxBytes) {
                render(ctx, event, null, null, null, t.get("import.toolarge", maxBytes / (1024 * 1024)), 413);
                return;
            }
            try (InputStream content = file.content()) {
                pending = uploads.store(event.id(), file.filename(), reserved, file.size(), content);
            }
        }
        try {
            CsvPreview preview;
            try (InputStream in = pending.open()) {
                preview = CsvPreview.of(in, PREVIEW_ROWS);
            } catch (InvalidInputException e) {
                pending.close();
                render(ctx, event, null, null, null, e.getMessage(), 400);
                return;
            }
            ImportResult check;
            try (InputStream in = pending.open()) {
                check = importer.check(event, in, null);
            } catch (InvalidInputException undetected) {
                check = null; // no column reads as a name: the lines are checked once the columns are chosen
            }
            session.holdPendingCsv(pending);
            render(ctx, event, preview, check, null, null, 200, pending.id());
        } catch (IOException | RuntimeException e) {
            pending.close();
            throw e;
        }
    }

    public void confirm(Context ctx) throws IOException {
        Event event = guard.manageable(ctx);
        ConsoleSession session = ConsoleGate.session(ctx);
        PendingCsv waiting = session.pendingCsv();
        if (waiting == null || !waiting.eventId().equals(event.id())) {
            render(ctx, event, null, null, null, Messages.of(Language.of(ctx)).get("import.nofile"), 400);
            return;
        }
        UUID upload = uploadNamed(ctx);
        if (!waiting.id().equals(upload)) {
            render(ctx, event, null, null, null, Messages.of(Language.of(ctx)).get("import.replaced"), 409);
            return;
        }
        ColumnMapping chosen;
        try {
            chosen = chosenMapping(ctx);
        } catch (InvalidInputException e) {
            // the upload still waits: the columns can be chosen again
            render(ctx, event, null, null, null, e.getMessage(), 400);
            return;
        }
        PendingCsv pending = session.takePendingCsv(event.id(), upload);
        if (pending == null) { // confirmed, cancelled or replaced meanwhile in another tab
            render(ctx, event, null, null, null, Messages.of(Language.of(ctx)).get("import.nofile"), 400);
            return;
        }
        ImportResult result;
        try (pending; InputStream in = pending.open()) {
            result = importer.importCsv(event, in, chosen);
        } catch (InvalidInputException e) {
            render(ctx, event, null, null, null, e.getMessage(), 400);
            return;
        }
        audit.record(guard.principal(ctx).name(), "import_participants", event.id(), pending.size() + " bytes");
        render(ctx, event, null, null, result, null, 200);
    }

    /** Deletes the upload waiting for this event, and shows the empty form again. */
    public void cancel(Context ctx) {
        Event event = guard.manageable(ctx);
        PendingCsv pending = ConsoleGate.session(ctx).takePendingCsv(event.id(), uploadNamed(ctx));
        if (pending != null) { // a page of an upload another tab replaced cancels nothing
            pending.close();
        }
        ctx.redirect(ConsoleRoutes.ROOT + "/events/" + event.id() + "/import");
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

    /** The upload the posted form was shown for, or null when it names none or nothing readable. */
    private static UUID uploadNamed(Context ctx) {
        String named = ctx.formParam("upload");
        try {
            return named == null ? null : UUID.fromString(named);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void render(Context ctx, Event event, CsvPreview preview, ImportResult check, ImportResult result,
            String error, int status) {
        render(ctx, event, preview, check, result, error, status, null);
    }

    /** @param upload the waiting upload the preview shows, named by its confirm and cancel forms */
    private void render(Context ctx, Event event, CsvPreview preview, ImportResult check, ImportResult result,
            String error, int status, UUID upload) {
        ctx.status(status);
        Views.html(ctx, "import.jte", Pages.params(Pages.page(ctx, guard, "events"), "event", event,
                "preview", preview, "check", check, "result", result, "error", error, "upload", upload));
    }
}
