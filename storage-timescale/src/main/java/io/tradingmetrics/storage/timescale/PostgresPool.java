package io.tradingmetrics.storage.timescale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.jdbc.ConnectionSource;
import io.tradingmetrics.storage.jdbc.PoolExhaustedException;
import org.postgresql.PGProperty;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The store's HikariCP pool. Every connection starts in UTC with the store's schema first on the search path, so
 * that results depend neither on the server's nor on the JVM's zone (pgjdbc announces the JVM's zone when it
 * connects; the init SQL overrides it). Broken connections are evicted and replaced, so the store works again
 * once a restarted server answers.
 */
final class PostgresPool implements ConnectionSource {
    /** How long the pool waits for a server answering "starting up" between attempts. */
    private static final long STARTING_UP_PAUSE_MILLIS = 250;
    private static final Pattern HIKARI_ACTIVE = Pattern.compile("\\bactive=(\\d+)");

    private final HikariDataSource dataSource;
    private final String description;
    private final Duration borrowTimeout;
    private final int poolSize;

    private PostgresPool(HikariDataSource dataSource, String description, TimescaleSettings settings) {
        this.dataSource = dataSource;
        this.description = description;
        this.borrowTimeout = settings.connectTimeout();
        this.poolSize = settings.poolSize();
    }

    /**
     * Opens the pool and one connection to prove the server answers. Only a server that is starting up is waited
     * for (up to the connect timeout); a refused connection, a refused login or a missing database is reported at
     * once, with its cause.
     *
     * @throws StoreUnavailableException when the server cannot be reached
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
        // A data source rather than a URL and properties: Hikari logs its properties at DEBUG, secrets included
        // (sslpassword); it logs a data source only by its class.
        config.setDataSource(dataSource(settings));
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        long connectMillis = settings.connectTimeout().toMillis();
        config.setConnectionTimeout(connectMillis);
        config.setValidationTimeout(Math.max(250, Math.min(5_000, connectMillis / 2)));
        // One attempt per pool; open() retries only a server that is starting up.
        config.setInitializationFailTimeout(1);
        config.setKeepaliveTime(120_000);
        config.setAutoCommit(true);
        config.setConnectionInitSql(initSql(settings) + (readOnly ? "; SET default_transaction_read_only = on" : ""));
        String description = settings.describe();
        PostgresErrorTranslator errors = new PostgresErrorTranslator(description);
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        while (true) {
            try {
                return new PostgresPool(new HikariDataSource(config), description, settings);
            } catch (HikariPool.PoolInitializationException e) {
                SQLException cause = e.getCause() instanceof SQLException sql ? sql
                        : new SQLException(String.valueOf(e.getCause() == null ? e.getMessage()
                        : e.getCause().getMessage()), "08001", e);
                if (!errors.isStartingUp(cause) || System.nanoTime() - deadline > 0) {
                    MetricsStoreException translated = errors.translate("connect", cause);
                    throw translated instanceof StoreConfigException ? translated
                            : new StoreUnavailableException(translated.getMessage(), cause);
                }
                pause(STARTING_UP_PAUSE_MILLIS);
            }
        }
    }

    /**
     * The driver's data source: the URL without secrets, the credentials and secret parameters set as properties,
     * and the bounds of every call: connect and login within the connect timeout, no wait for a reply longer than
     * the socket timeout (a frozen server ends the call instead of hanging it).
     */
    static PGSimpleDataSource dataSource(TimescaleSettings settings) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(settings.jdbcUrl());
        source.setUser(settings.user());
        if (!settings.password().isEmpty()) {
            source.setPassword(settings.password());
        }
        int connectSeconds = seconds(settings.connectTimeout());
        source.setConnectTimeout(connectSeconds);
        source.setLoginTimeout(connectSeconds);
        source.setCancelSignalTimeout(connectSeconds);
        source.setSocketTimeout(seconds(settings.socketTimeout()));
        source.setTcpKeepAlive(true);
        if (!settings.applicationName().isBlank()) {
            source.setApplicationName(settings.applicationName());
        }
        settings.server().secrets().forEach((name, value) -> {
            PGProperty property = PGProperty.forName(name);
            if (property == null) {
                throw new StoreConfigException(TimescaleSettings.PATH + ".url: the parameter " + name
                        + " is not a pgjdbc connection parameter (names are case-sensitive)");
            }
            source.setProperty(property, value);
        });
        return source;
    }

    /** pgjdbc counts its timeouts in whole seconds, 0 for none: round up, so that 500ms is not "no limit". */
    private static int seconds(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, (duration.toMillis() + 999) / 1000);
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

    /**
     * @return a connection in auto-commit mode, in UTC
     * @throws PoolExhaustedException when every connection stayed busy for the connect timeout
     */
    @Override
    public Connection borrow() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (SQLTransientConnectionException e) {
            HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
            int busy = busyAtTimeout(e, pool);
            // Hikari gives the last failure to connect as the cause: without one, or with every connection busy,
            // the server is fine and the pool is simply too small for the load.
            if (pool != null && (e.getCause() == null || busy >= poolSize)) {
                PoolExhaustedException exhausted = new PoolExhaustedException(busy, borrowTimeout,
                        TimescaleSettings.PATH + ".pool-size (" + poolSize + ")");
                exhausted.initCause(e);
                throw exhausted;
            }
            throw e;
        }
    }

    /** The busy connections when the wait ended, as Hikari counted them ("active=N"); else as counted now. */
    private static int busyAtTimeout(SQLTransientConnectionException e, HikariPoolMXBean pool) {
        Matcher active = HIKARI_ACTIVE.matcher(String.valueOf(e.getMessage()));
        if (active.find()) {
            return Integer.parseInt(active.group(1));
        }
        return pool == null ? 0 : pool.getActiveConnections();
    }

    /** Leaves one connection for other calls when the pool has more than one. */
    @Override
    public int streamLimit() {
        return Math.max(1, poolSize - 1);
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
