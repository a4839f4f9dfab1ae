package dev.lanyard.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * The connection pool, the schema migration and the jOOQ context. H2 or PostgreSQL is chosen
 * by the JDBC URL alone; the same migrations and the same jOOQ code run on both.
 */
public final class Database implements AutoCloseable {
    static {
        EmbeddedH2.bindToLoopback();
    }

    private final HikariDataSource dataSource;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    public Database(String jdbcUrl, String user, String password, int poolSize) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dialect = dialectOf(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("lanyard-db");
        config.setAutoCommit(true);
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // one multi-row INSERT per JDBC batch instead of a round trip per row
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        this.dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + (isPostgres() ? "postgresql" : "h2"))
                .failOnMissingLocations(false)
                .load()
                .migrate();
        // unquoted names: H2 folds them to upper case and PostgreSQL to lower case, as the migrations created them
        Settings settings = new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER).withExecuteLogging(false);
        if (dialect == SQLDialect.H2) {
            // H2 will not use an index for "id IN (...)" once "CAST(? AS UUID)" sits next to it: every push would
            // scan whole tables. The JDBC driver types the bind values itself, so no casts are needed.
            settings.setParamCastMode(org.jooq.conf.ParamCastMode.NEVER);
        }
        Configuration configuration = new DefaultConfiguration().set(dataSource).set(dialect).set(settings);
        this.dsl = DSL.using(configuration);
    }

    public static SQLDialect dialectOf(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return SQLDialect.POSTGRES;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return SQLDialect.H2;
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:h2: or jdbc:postgresql:): " + jdbcUrl);
    }

    public DSLContext dsl() {
        return dsl;
    }

    public boolean isPostgres() {
        return dialect == SQLDialect.POSTGRES;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public <T> T inTransaction(Function<DSLContext, T> work) {
        return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
    }

    /** True when the database answers a trivial query. */
    public boolean ping() {
        try {
            return dsl.selectOne().fetchOne(0, Integer.class) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
