package dev.lanyard.kiosk.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Fixed SQL run through plain JDBC, for the statements of the transactions a desk scan waits behind: the scan's own,
 * the feed's echo of the door's own ops, the outbox's push. jOOQ renders and binds a query anew every time it runs,
 * which measured more than half of a scan's transaction (ADR 0331); H2 parses each fixed text once and keeps it
 * ({@code QUERY_CACHE_SIZE}, {@link DataFolder}). Parameters are bound with {@code setObject}, so H2 types them from
 * the Java value (UUID, LocalDate, Long, byte[]) and compares them without the casts jOOQ writes around each.
 */
final class Jdbc {
    /** Reads one row of a result. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    static int update(Tx tx, String sql, Object... args) {
        return tx.dsl().connectionResult(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                bind(statement, args);
                return statement.executeUpdate();
            }
        });
    }

    static <T> List<T> list(Tx tx, String sql, Row<T> row, Object... args) {
        return tx.dsl().connectionResult(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                bind(statement, args);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        out.add(row.read(rs));
                    }
                }
                return out;
            }
        });
    }

    /** The first row's value, or null when there is none. */
    static <T> T first(Tx tx, String sql, Row<T> row, Object... args) {
        return tx.dsl().connectionResult(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                bind(statement, args);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? row.read(rs) : null;
                }
            }
        });
    }

    /** Sets one row's parameters of a batch. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** Runs {@code sql} once per row of {@code rows}, as one JDBC batch. */
    static <T> void batch(Tx tx, String sql, Collection<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        tx.dsl().connection(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (T row : rows) {
                    binder.bind(statement, row);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    /** A BIGINT column that may be NULL. */
    static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /**
     * Runs {@code sql}, whose parameters are {@code leading} and then an IN list of {@code size}, once per chunk of
     * {@code ids}, in one prepared statement.
     *
     * @return the rows of every chunk
     */
    static <T> List<T> listIn(Tx tx, String sql, List<UUID> ids, int size, Row<T> row, Object... leading) {
        return tx.dsl().connectionResult(c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                bind(statement, leading);
                for (int i = 0; i < ids.size(); i += size) {
                    bindChunk(statement, leading.length + 1, ids.subList(i, Math.min(ids.size(), i + size)), size);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.add(row.read(rs));
                        }
                    }
                }
            }
            return out;
        });
    }

    /**
     * The SQL that yields the ids bound to one array parameter as rows of a column {@code id}, to join a table on its
     * key (use with {@link #listJoined}). H2 looks each id up by the whole key and re-checks a found row against that
     * key alone; an {@code IN} list of parameters is re-checked against every one of its entries, which costs the
     * list's length per row found (ADR 0332).
     */
    static String idRows(String alias) {
        return "unnest(cast(? as uuid array)) " + alias + "(id)";
    }

    /**
     * Runs {@code sql}, whose first parameter is an {@link #idRows} array and the rest {@code trailing}, once per chunk
     * of {@code size} of {@code ids}, in one prepared statement.
     *
     * @return the rows of every chunk
     */
    static <T> List<T> listJoined(Tx tx, String sql, List<UUID> ids, int size, Row<T> row, Object... trailing) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return tx.dsl().connectionResult(c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < trailing.length; i++) {
                    statement.setObject(i + 2, trailing[i]);
                }
                for (int i = 0; i < ids.size(); i += size) {
                    statement.setObject(1, ids.subList(i, Math.min(ids.size(), i + size)).toArray(new UUID[0]));
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.add(row.read(rs));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** As {@link #listIn}, for an update. @return the rows changed */
    static int updateIn(Tx tx, String sql, List<UUID> ids, int size, Object... leading) {
        return tx.dsl().connectionResult(c -> {
            int changed = 0;
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                bind(statement, leading);
                for (int i = 0; i < ids.size(); i += size) {
                    bindChunk(statement, leading.length + 1, ids.subList(i, Math.min(ids.size(), i + size)), size);
                    changed += statement.executeUpdate();
                }
            }
            return changed;
        });
    }

    /** {@code n} parameters for an {@code IN} list, bound with {@link #bindChunk}. */
    static String parameters(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /**
     * Binds a chunk of up to {@code size} ids from parameter {@code first} on; a short chunk repeats its last id (an
     * IN list counts it once), so every chunk runs the one statement H2 parsed the first time.
     */
    static void bindChunk(PreparedStatement statement, int first, List<UUID> ids, int size) throws SQLException {
        for (int i = 0; i < size; i++) {
            statement.setObject(first + i, ids.get(Math.min(i, ids.size() - 1)));
        }
    }
}
