package dev.lanyard.server.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * A JDBC batch insert for the hot paths of ingest. The statement is rendered once by jOOQ from
 * the generated table and fields (so it is neither hand-written nor built from input); rows are
 * bound as parameters. Rendering a 100-row multi-values insert through jOOQ for every batch cost
 * a third of the ingest CPU.
 */
public final class BatchInsert {
    private final String sql;
    private final int columns;

    public BatchInsert(DSLContext dsl, Table<?> table, Field<?>... fields) {
        this.columns = fields.length;
        this.sql = dsl.insertInto(table, fields).values(Collections.nCopies(fields.length, null)).getSQL();
    }

    /** Collects rows, then writes them in one JDBC batch inside the caller's transaction. */
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
                    throw new DataAccessException("batch insert failed: " + e.getMessage(), e);
                }
            });
            rows.clear();
        }
    }
}
