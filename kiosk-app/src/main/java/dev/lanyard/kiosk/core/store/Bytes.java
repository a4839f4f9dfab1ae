package dev.lanyard.kiosk.core.store;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Binary columns (sealed values, blind indexes) read and written with plain
 * {@code setBytes}/{@code getBytes}. jOOQ binds {@code byte[]} on H2 through a temporary
 * {@link java.sql.Blob}, which H2 writes into its LOB store inside the replica file and deletes
 * again: measured, a third of a bootstrap went into that detour.
 */
final class Bytes {
    static final DataType<byte[]> TYPE = SQLDataType.VARBINARY.asConvertedDataType(new PlainBinding());

    private Bytes() {
    }

    /** A bind value that goes to H2 as VARBINARY. */
    static Param<byte[]> val(byte[] value) {
        return DSL.val(value, TYPE);
    }

    /** The column, read with {@code getBytes}. */
    static Field<byte[]> col(Field<byte[]> column) {
        return DSL.field(column.getQualifiedName(), TYPE);
    }

    private static final class PlainBinding implements Binding<byte[], byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public Converter<byte[], byte[]> converter() {
            return Converter.ofNullable(byte[].class, byte[].class, b -> b, b -> b);
        }

        @Override
        public void sql(BindingSQLContext<byte[]> ctx) {
            if (ctx.render().paramType() == org.jooq.conf.ParamType.INLINED) {
                ctx.render().visit(DSL.inline(ctx.value(), SQLDataType.VARBINARY));
            } else {
                // typed, so H2 knows the parameter's type wherever jOOQ puts it (e.g. the MERGE it emulates ON CONFLICT
                // with)
                ctx.render().sql("cast(").sql(ctx.variable()).sql(" as varbinary)");
            }
        }

        @Override
        public void register(BindingRegisterContext<byte[]> ctx) throws SQLException {
            ctx.statement().registerOutParameter(ctx.index(), Types.VARBINARY);
        }

        @Override
        public void set(BindingSetStatementContext<byte[]> ctx) throws SQLException {
            ctx.statement().setBytes(ctx.index(), ctx.value());
        }

        @Override
        public void set(BindingSetSQLOutputContext<byte[]> ctx) throws SQLException {
            throw new SQLFeatureNotSupportedException("no SQLOutput for replica bytes");
        }

        @Override
        public void get(BindingGetResultSetContext<byte[]> ctx) throws SQLException {
            ctx.value(ctx.resultSet().getBytes(ctx.index()));
        }

        @Override
        public void get(BindingGetStatementContext<byte[]> ctx) throws SQLException {
            ctx.value(ctx.statement().getBytes(ctx.index()));
        }

        @Override
        public void get(BindingGetSQLInputContext<byte[]> ctx) throws SQLException {
            throw new SQLFeatureNotSupportedException("no SQLInput for replica bytes");
        }
    }
}
