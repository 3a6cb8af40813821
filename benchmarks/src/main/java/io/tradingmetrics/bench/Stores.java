package io.tradingmetrics.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.duckdb.DuckDbMetricsStoreFactory;
import io.tradingmetrics.storage.timescale.TimescaleMetricsStoreFactory;
import io.tradingmetrics.storage.timescale.TimescaleSettings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * Opens the stores as an application does (their factories and configuration), and plain JDBC connections to the
 * same databases with the same session settings, for the runs without the framework.
 */
final class Stores {
    private Stores() {}

    /**
     * A DuckDB store on the file with the store's default settings, schema brought up to date (or, without
     * migrating, only validated).
     */
    static MetricsStore duckdb(Path file, boolean migrateOnStart) {
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", file.toString(),
                "migrate-on-start", migrateOnStart)));
    }

    /** The same, with the rollups on or off whatever the default. */
    static MetricsStore duckdb(Path file, boolean migrateOnStart, boolean rollups) {
        Config config = ConfigFactory.parseMap(Map.of("path", file.toString(), "migrate-on-start", migrateOnStart,
                "rollups.enabled", rollups));
        return new DuckDbMetricsStoreFactory().create(config);
    }

    /**
     * A plain connection to the file with the store's connection settings: DuckDB shares one database between the
     * connections of a process when their settings agree, so this works while a store has the file open.
     */
    static Connection duckdbJdbc(Path file) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file, properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        }
        return connection;
    }

    /** A TimescaleDB store in the schema with the store's default settings, as {@link #duckdb(Path, boolean)}. */
    static MetricsStore timescale(String url, String schema, boolean migrateOnStart) {
        return new TimescaleMetricsStoreFactory().create(TimescaleSettings.forUrl(url)
                .withValue("schema", ConfigValueFactory.fromAnyRef(schema))
                .withValue("migrate-on-start", ConfigValueFactory.fromAnyRef(migrateOnStart)));
    }

    /** The same, with the rollups on or off whatever the default. */
    static MetricsStore timescale(String url, String schema, boolean migrateOnStart, boolean rollups) {
        Config config = TimescaleSettings.forUrl(url)
                .withValue("schema", ConfigValueFactory.fromAnyRef(schema))
                .withValue("migrate-on-start", ConfigValueFactory.fromAnyRef(migrateOnStart))
                .withValue("rollups.enabled", ConfigValueFactory.fromAnyRef(rollups));
        return new TimescaleMetricsStoreFactory().create(config);
    }

    /** A plain connection with the store's session settings: UTC, the schema on the search path. */
    static Connection timescaleJdbc(String url, String schema) throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            statement.execute("SET search_path TO \"" + schema + "\"");
        }
        return connection;
    }

    /**
     * A connection as a user opens one to write SQL by hand: the driver's defaults (so a statement used five times
     * is server-prepared, which without parameters changes no plan), UTC, the schema first on the search path and
     * the schema holding TimescaleDB's functions after it.
     */
    static Connection timescaleByHand(String url, String schema) throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            String functions = "public";
            try (var row = statement.executeQuery("SELECT extnamespace::regnamespace::text FROM pg_extension"
                    + " WHERE extname = 'timescaledb'")) {
                if (row.next()) {
                    functions = row.getString(1);
                }
            }
            statement.execute("SET TIME ZONE 'UTC'");
            statement.execute("SET search_path TO \"" + schema + "\", " + functions);
        }
        return connection;
    }

    /** Drops a schema the benchmark made, with its tables. */
    static void dropSchema(String url, String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }
}
