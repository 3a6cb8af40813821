package io.tradingmetrics.storage.timescale;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.jdbc.BucketCap;
import io.tradingmetrics.storage.jdbc.rollup.RollupSettings;
import io.tradingmetrics.storage.spi.StoreDefaults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The settings of the TimescaleDB / PostgreSQL store: the {@code metrics.store.timescale} block of
 * {@code reference.conf}, every value checked at once. {@link #toString()} never shows the password.
 *
 * @param server the server, credentials taken out
 * @param user the user to connect as (the URL's, else the {@code user} key)
 * @param password the password (the URL's, else the {@code password} key); empty for none
 * @param schema the schema that holds the tables
 * @param poolSize the most connections kept open
 * @param timescaleMode whether TimescaleDB is used
 * @param chunkInterval the time span of one hypertable chunk
 * @param migrateOnStart whether opening the store migrates its schema
 * @param connectTimeout how long to wait for a new connection, and for a free one from the pool
 * @param statementTimeout the longest a statement may run on the server, zero for no limit
 * @param socketTimeout the longest wait for any reply of the server, zero for no limit; longer than the statement
 *        timeout, so that a slow statement is cancelled cleanly by the server and this only catches a server that
 *        stopped answering
 * @param applicationName the name reported to the server
 * @param maxBuckets the most buckets one time-bucketed read may return
 * @param writeIdRetention how long the ids of committed writes are kept, within which a retry with the same write
 *        id stores nothing
 * @param rollups the rollups the store keeps of its points ({@code rollups.enabled}, {@code rollups.levels})
 */
public record TimescaleSettings(PostgresUrl server, String user, String password, String schema, int poolSize,
                                TimescaleMode timescaleMode, Duration chunkInterval, boolean migrateOnStart,
                                Duration connectTimeout, Duration statementTimeout, Duration socketTimeout,
                                String applicationName, long maxBuckets, Duration writeIdRetention,
                                RollupSettings rollups) {
    /** The path of the block in the application's configuration. */
    public static final String PATH = "metrics.store.timescale";

    public TimescaleSettings {
        requireNonNull(server, "server is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(timescaleMode, "timescaleMode is null");
        requireNonNull(chunkInterval, "chunkInterval is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(statementTimeout, "statementTimeout is null");
        requireNonNull(socketTimeout, "socketTimeout is null");
        requireNonNull(applicationName, "applicationName is null");
        requireNonNull(writeIdRetention, "writeIdRetention is null");
        requireNonNull(rollups, "rollups is null");
    }

    /**
     * Reads the store's block; keys it lacks take their defaults. Keys it does not know are the config module's to
     * refuse (against {@code reference.conf}, naming where each came from); they are not read here.
     *
     * @throws StoreConfigException listing every unusable value at once
     */
    public static TimescaleSettings from(Config block) {
        Config config = StoreDefaults.storeBlock(requireNonNull(block, "block is null"),
                TimescaleMetricsStoreFactory.NAME, TimescaleSettings.class.getClassLoader());
        List<String> problems = new ArrayList<>();
        String url = read(problems, () -> config.getString("url"), "");
        PostgresUrl server = read(problems, () -> url.isBlank()
                ? PostgresUrl.of(checked(config.getString("host"), !config.getString("host").isBlank(), "host", "a host name"),
                        checked(config.getInt("port"), config.getInt("port") > 0 && config.getInt("port") < 65536, "port", "1..65535"),
                        config.getString("database"))
                : PostgresUrl.parse(url, PATH + ".url"), null);
        String user = read(problems, () -> config.getString("user"), "");
        String password = read(problems, () -> config.getString("password"), "");
        if (server != null) {
            user = server.user().orElse(user);
            password = server.password().orElse(password);
        }
        String finalUser = user;
        read(problems, () -> checked(finalUser, !finalUser.isBlank(), "user", "a user name"), "");
        String schema = read(problems, () -> {
            String s = config.getString("schema");
            return checked(s, !s.isBlank() && s.indexOf('\0') < 0 && s.length() <= 63, "schema",
                    "a schema name of 1 to 63 characters");
        }, "public");
        int poolSize = read(problems, () -> checked(config.getInt("pool-size"), config.getInt("pool-size") >= 1,
                "pool-size", "1 or more"), 1);
        TimescaleMode mode = read(problems, () -> TimescaleMode.parse(config.getString("timescaledb"),
                PATH + ".timescaledb"), TimescaleMode.AUTO);
        Duration chunk = read(problems, () -> checked(config.getDuration("chunk-interval"),
                config.getDuration("chunk-interval").compareTo(Duration.ofMinutes(1)) >= 0, "chunk-interval",
                "at least 1m"), Duration.ofDays(1));
        boolean migrate = read(problems, () -> config.getBoolean("migrate-on-start"), true);
        Duration connect = read(problems, () -> checked(config.getDuration("connect-timeout"),
                config.getDuration("connect-timeout").toMillis() >= 250, "connect-timeout", "at least 250ms"),
                Duration.ofSeconds(10));
        Duration statement = read(problems, () -> checked(config.getDuration("statement-timeout"),
                !config.getDuration("statement-timeout").isNegative(), "statement-timeout", "0 or more"),
                Duration.ZERO);
        Duration socket = read(problems, () -> checked(config.getDuration("socket-timeout"),
                !config.getDuration("socket-timeout").isNegative(), "socket-timeout", "0 or more"),
                Duration.ZERO);
        if (!socket.isZero() && (socket.compareTo(Duration.ofSeconds(1)) < 0 || !statement.isZero()
                && socket.compareTo(statement) <= 0)) {
            problems.add(PATH + ".socket-timeout = " + config.getValue("socket-timeout").unwrapped()
                    + " is not usable: give 0 (no limit) or at least 1s and more than statement-timeout ("
                    + config.getValue("statement-timeout").unwrapped() + "), so that the server cancels a slow"
                    + " statement before the connection is given up");
        }
        String application = read(problems, () -> config.getString("application-name"), "");
        long maxBuckets = read(problems, () -> checked(config.getLong("max-buckets"), config.getLong("max-buckets") >= 1,
                "max-buckets", "1 or more"), BucketCap.DEFAULT_MAX_BUCKETS);
        Duration retention = read(problems, () -> checked(config.getDuration("write-id-retention"),
                config.getDuration("write-id-retention").toMillis() >= 1, "write-id-retention", "at least 1ms"),
                Duration.ofDays(1));
        RollupSettings rollups = read(problems, () -> RollupSettings.of(config.getBoolean("rollups.enabled"),
                config.getStringList("rollups.levels"), config.getDuration("rollups.refresh-interval"),
                config.getDuration("rollups.refresh-lag"), config.getDouble("rollups.min-points-per-row"),
                PATH + ".rollups"), RollupSettings.defaults());
        if (!problems.isEmpty()) {
            throw new StoreConfigException("invalid TimescaleDB store configuration: " + String.join("; ", problems));
        }
        return new TimescaleSettings(server, user, password, schema, poolSize, mode, chunk, migrate, connect,
                statement, socket, application, maxBuckets, retention, rollups);
    }

    /**
     * The settings that select a server by URL, for {@code MetricsStoreFactory#configForUrl}: the URL without
     * credentials, and the user and password it names.
     */
    public static Config forUrl(String url) {
        PostgresUrl server = PostgresUrl.parse(url, "url");
        Config config = ConfigFactory.empty().withValue("url", ConfigValueFactory.fromAnyRef(server.jdbcUrlWithSecrets("")));
        if (server.user().isPresent()) {
            config = config.withValue("user", ConfigValueFactory.fromAnyRef(server.user().get()));
        }
        if (server.password().isPresent()) {
            config = config.withValue("password", ConfigValueFactory.fromAnyRef(server.password().get()));
        }
        return config;
    }

    /** @return the bucket cap, named by its key */
    public BucketCap bucketCap() {
        return new BucketCap(maxBuckets, PATH + ".max-buckets");
    }

    /** @return the JDBC URL to connect with (no credentials) */
    public String jdbcUrl() {
        return server.jdbcUrl(user);
    }

    /** @return the server and database for messages, without credentials */
    public String describe() {
        return server.describe(user) + " (schema " + schema + ")";
    }

    /** @return the settings as a map of their keys, password masked */
    public Map<String, String> describeAll() {
        return Map.ofEntries(Map.entry("url", jdbcUrl()), Map.entry("user", user),
                Map.entry("password", password.isEmpty() ? "" : "***"), Map.entry("schema", schema),
                Map.entry("pool-size", Integer.toString(poolSize)), Map.entry("timescaledb", timescaleMode.configName()),
                Map.entry("chunk-interval", chunkInterval.toString()),
                Map.entry("migrate-on-start", Boolean.toString(migrateOnStart)),
                Map.entry("connect-timeout", connectTimeout.toString()),
                Map.entry("statement-timeout", statementTimeout.toString()),
                Map.entry("socket-timeout", socketTimeout.toString()));
    }

    @Override
    public String toString() {
        return "TimescaleSettings" + new TreeMap<>(describeAll());
    }

    private static <T> T read(List<String> problems, Supplier<T> reader, T fallback) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            problems.add(PATH + ": " + e.getMessage());
        } catch (StoreConfigException e) {
            problems.add(e.getMessage());
        }
        return fallback;
    }

    private static <T> T checked(T value, boolean valid, String key, String expected) {
        if (!valid) {
            throw new StoreConfigException(PATH + "." + key + " = " + value + " is not usable; give " + expected);
        }
        return value;
    }
}
