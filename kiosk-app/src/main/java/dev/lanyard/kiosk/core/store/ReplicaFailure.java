package dev.lanyard.kiosk.core.store;

import org.h2.api.ErrorCode;

/**
 * The replica could not be read or written: its commit or a statement failed, its disk refused a force, or it is
 * closed. Not the caller's input's fault; a door that meets it cannot record scans until it is opened again.
 */
public final class ReplicaFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    /** H2's codes for a database that cannot go on: its file failed or is corrupt, or it was closed or stopped. */
    private static final java.util.Set<Integer> STORAGE_CODES = java.util.Set.of(ErrorCode.IO_EXCEPTION_1,
            ErrorCode.IO_EXCEPTION_2, ErrorCode.FILE_CORRUPTED_1, ErrorCode.DATABASE_IS_CLOSED,
            ErrorCode.DATABASE_CALLED_AT_SHUTDOWN, ErrorCode.CONNECTION_BROKEN_1, ErrorCode.DATABASE_IS_READ_ONLY);

    public ReplicaFailure(String message) {
        super(message);
    }

    public ReplicaFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code failure} (a statement's) comes from a database that cannot be read or written. */
    static boolean isStorage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && STORAGE_CODES.contains(sql.getErrorCode())) {
                return true;
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
