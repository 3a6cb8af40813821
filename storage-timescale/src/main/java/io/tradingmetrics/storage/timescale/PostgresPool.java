package io.tradingmetrics.storage.timescale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.jdbc.ConnectionSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static java.util.Objects.requireNonNull;

/**
 * The store's HikariCP pool. Every connection starts in UTC with the store's schema first on the search path, so
 * that results depend neither on the server's nor on the JVM's zone (pgjdbc announces the JVM's zone when it
 * connects; the init SQL overrides it). Broken connections are evicted and replaced, so the store works again
 * once a restarted server answers.
 */
final class PostgresPool implements ConnectionSource {
    private final HikariDataSource dataSource;
    private final String description;

    private PostgresPool(HikariDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /**
     * Opens the pool and one connection to prove the server answers.
     *
     * @throws StoreUnavailableException when the server cannot be reached in the connect timeout
     * @throws io.tradingmetrics.storage.api.StoreConfigException when it refuses the login or lacks the database
     */
    static PostgresPool open(TimescaleSettings settings) {
        return open(settings, false);
    }

    /**
     * @param readOnly whether every session is read-only ({@code default_transaction_read_only}), so that not even
     *                 a mistake can write
     */
    static PostgresPool open(TimescaleSettings settings, boolean readOnly) {
        requireNonNull(settings, "settings is null");
        HikariConfig config = new HikariConfig();
        config.setPoolName("metrics-timescale");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        long connectMillis = settings.connectTimeout().toMillis();
        config.setConnectionTimeout(connectMillis);
        config.setValidationTimeout(Math.max(250, Math.min(5_000, connectMillis / 2)));
        // One attempt per pool; open() retries what may pass (a server starting up) until the connect timeout.
        config.setInitializationFailTimeout(1);
        config.setKeepaliveTime(120_000);
        config.setAutoCommit(true);
        config.setConnectionInitSql(initSql(settings) + (readOnly ? "; SET default_transaction_read_only = on" : ""));
        config.addDataSourceProperty("connectTimeout", Math.max(1, settings.connectTimeout().toSeconds()));
        config.addDataSourceProperty("tcpKeepAlive", true);
        settings.server().secrets().forEach(config::addDataSourceProperty);
        if (!settings.applicationName().isBlank()) {
            config.addDataSourceProperty("ApplicationName", settings.applicationName());
        }
        String description = settings.describe();
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        while (true) {
            try {
                return new PostgresPool(new HikariDataSource(config), description);
            } catch (HikariPool.PoolInitializationException e) {
                SQLException cause = e.getCause() instanceof SQLException sql ? sql
                        : new SQLException(String.valueOf(e.getCause() == null ? e.getMessage()
                        : e.getCause().getMessage()), "08001", e);
                // A refused login or a missing database will not pass by waiting: report it at once.
                PostgresErrorTranslator errors = new PostgresErrorTranslator(description);
                if (!errors.isUnavailable(cause) || System.nanoTime() - deadline > 0) {
                    MetricsStoreException translated = errors.translate("connect", cause);
                    throw translated instanceof StoreConfigException ? translated
                            : new StoreUnavailableException(translated.getMessage(), cause);
                }
                pause(250);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while connecting to PostgreSQL", e);
        }
    }

    /** Session settings of every connection: UTC, the store's schema, the statement timeout. */
    static String initSql(TimescaleSettings settings) {
        StringBuilder sql = new StringBuilder("SET TIME ZONE 'UTC'; SET search_path TO ")
                .append(SqlNames.quote(settings.schema()));
        if (!settings.statementTimeout().isZero()) {
            sql.append("; SET statement_timeout = ").append(settings.statementTimeout().toMillis());
        }
        return sql.toString();
    }

    /** @return a connection in auto-commit mode, in UTC */
    @Override
    public Connection borrow() throws SQLException {
        return dataSource.getConnection();
    }

    /** Returns a connection, evicting it when it failed in a way that makes it unfit for reuse. */
    @Override
    public void giveBack(Connection connection, boolean broken) {
        if (broken) {
            dataSource.evictConnection(connection);
            // One dead connection usually means a restarted server or a cut network: the idle ones are dead too.
            // Retire them all, so the next calls connect afresh instead of failing one by one.
            if (dataSource.getHikariPoolMXBean() != null) {
                dataSource.getHikariPoolMXBean().softEvictConnections();
            }
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            dataSource.evictConnection(connection);
        }
    }

    /** @return the server and schema, without credentials */
    @Override
    public String description() {
        return description;
    }

    /** @return the pool as a data source, for Flyway */
    DataSource dataSource() {
        return dataSource;
    }

    /** @return connections open now, busy and idle */
    int openConnections() {
        return dataSource.getHikariPoolMXBean() == null ? 0 : dataSource.getHikariPoolMXBean().getTotalConnections();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
