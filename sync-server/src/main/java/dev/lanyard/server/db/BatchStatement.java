package dev.lanyard.server.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * A JDBC batch for the hot paths of ingest. The statement is rendered once by jOOQ from the
 * generated tables and fields (so it is neither hand-written nor built from input); rows are
 * bound as parameters. Rendering a 100-row multi-values insert through jOOQ for every batch cost
 * a third of the ingest CPU.
 */
public final class BatchStatement {
    private final String sql;
    private final int columns;

    private BatchStatement(String sql, int columns) {
        this.sql = sql;
        this.columns = columns;
    }

    /** {@code INSERT INTO table (fields) VALUES (?, ...)}. */
    public static BatchStatement insert(DSLContext dsl, Table<?> table, Field<?>... fields) {
        return new BatchStatement(dsl.insertInto(table, fields).values(Collections.nCopies(fields.length, null))
                .getSQL(), fields.length);
    }

    /**
     * Any statement whose bind values are {@link org.jooq.impl.DSL#param placeholders}, bound in the order they appear.
     */
    public static BatchStatement of(Query query) {
        return new BatchStatement(query.getSQL(), query.getBindValues().size());
    }

    /** Collects rows, then runs them in one JDBC batch inside the caller's transaction. */
    public Rows rows() {
        return new Rows();
    }

    public final class Rows {
        private final List<Object[]> rows = new ArrayList<>();

        public Rows add(Object... values) {
            if (values.length != columns) {
                throw new IllegalArgumentException("expected " + columns + " values, got " + values.length);
            }
            rows.add(values);
            return this;
        }

        public int size() {
            return rows.size();
        }

        public void execute(DSLContext tx) {
            if (rows.isEmpty()) {
                return;
            }
            tx.connection(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (Object[] row : rows) {
                        for (int i = 0; i < row.length; i++) {
                            statement.setObject(i + 1, row[i]);
                        }
                        statement.addBatch();
                    }
                    statement.executeBatch();
                } catch (SQLException e) {
                    throw new DataAccessException("batch statement failed: " + e.getMessage(), e);
                }
            });
            rows.clear();
        }
    }
}
