package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.jdbc.BucketCap;
import io.tradingmetrics.storage.jdbc.rollup.RollupSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The settings of the {@code metrics.store.duckdb} block.
 *
 * @param path the database file, or {@value #IN_MEMORY} for a database in memory
 * @param threads the engine's worker threads, 0 for its default
 * @param memoryLimit the engine's memory limit such as {@code 2GB}, empty for its default
 * @param readOnly whether to open without writing, so that other processes may read the file too
 * @param migrateOnStart whether to bring the schema up to date on open, rather than only check it
 * @param maxBuckets the most buckets one time-bucketed read may return
 * @param writeIdRetention how long the ids of committed writes are kept, within which a retry with the same write
 *        id stores nothing
 * @param rollups the rollups the store keeps of its points ({@code rollups.enabled}, {@code rollups.levels})
 */
public record DuckDbStoreConfig(String path, int threads, String memoryLimit, boolean readOnly,
                                boolean migrateOnStart, long maxBuckets, Duration writeIdRetention,
                                RollupSettings rollups) {
    /** How long write ids are kept unless {@code write-id-retention} says otherwise. */
    public static final Duration DEFAULT_WRITE_ID_RETENTION = Duration.ofDays(1);
    /** The path of a database held in memory only. */
    public static final String IN_MEMORY = ":memory:";
    /** The block's name in the whole configuration, for messages. */
    public static final String BLOCK = "metrics.store.duckdb";

    /** A size as DuckDB reads it: the unit is required (DuckDB refuses a bare number). */
    private static final Pattern MEMORY_SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|BYTES|KB|MB|GB|TB|KIB|MIB|GIB|TIB)", Pattern.CASE_INSENSITIVE);
    /** Below this the engine fails ordinary queries (1MB did, with "Invalid result set"). */
    static final long MIN_MEMORY_LIMIT_BYTES = 16_000_000L;
    /**
     * Characters that DuckDB's JDBC driver reads in a URL as the start of connection options
     * ({@code x.duckdb;access_mode=READ_ONLY}); a path is opened as a path, so a file name holding one is refused.
     */
    static final String URL_OPTION_SEPARATOR = ";";

    public DuckDbStoreConfig {
        requireNonNull(path, "path is null");
        requireNonNull(rollups, "rollups is null");
        requireNonNull(writeIdRetention, "writeIdRetention is null");
        if (writeIdRetention.isNegative() || writeIdRetention.isZero()) {
            throw new StoreConfigException(BLOCK + ".write-id-retention is " + writeIdRetention
                    + "; give a positive duration such as 1d");
        }
        requireNonNull(memoryLimit, "memoryLimit is null");
        if (path.isBlank()) {
            throw new StoreConfigException(BLOCK + ".path is empty; give a file such as data/metrics.duckdb, or "
                    + IN_MEMORY);
        }
        if (threads < 0) {
            throw new StoreConfigException(BLOCK + ".threads is " + threads
                    + "; give 0 (one per core, the default) or a positive count");
        }
        if (path.contains(URL_OPTION_SEPARATOR)) {
            throw new StoreConfigException(BLOCK + ".path is '" + path + "', which holds '" + URL_OPTION_SEPARATOR
                    + "': DuckDB's driver would read what follows as connection options instead of a file name; name a"
                    + " file whose path has no '" + URL_OPTION_SEPARATOR + "', and set threads, memory-limit and"
                    + " read-only as keys of " + BLOCK);
        }
        memoryLimit = memoryLimit.strip();
        if (!memoryLimit.isEmpty()) {
            checkMemoryLimit(memoryLimit);
        }
        if (maxBuckets < 1) {
            throw new StoreConfigException(BLOCK + ".max-buckets is " + maxBuckets
                    + "; give 1 or more (the default is " + BucketCap.DEFAULT_MAX_BUCKETS + ")");
        }
        if (readOnly && IN_MEMORY.equals(path)) {
            throw new StoreConfigException(BLOCK + ".read-only is true but the path is " + IN_MEMORY
                    + ", which starts empty; give a database file, or set read-only = false");
        }
    }

    private static void checkMemoryLimit(String memoryLimit) {
        Matcher size = MEMORY_SIZE.matcher(memoryLimit);
        if (!size.matches()) {
            throw new StoreConfigException(BLOCK + ".memory-limit is '" + memoryLimit
                    + "'; give a size with its unit such as 512MB or 2GB, or \"\" for the engine's default");
        }
        double bytes = Double.parseDouble(size.group(1)) * unitBytes(size.group(2).toUpperCase(Locale.ROOT));
        if (bytes < MIN_MEMORY_LIMIT_BYTES) {
            throw new StoreConfigException(BLOCK + ".memory-limit is '" + memoryLimit + "', below the 16MB that the"
                    + " engine needs to run queries; give a size such as 512MB or 2GB, or \"\" for the engine's"
                    + " default (80% of the memory)");
        }
    }

    private static double unitBytes(String unit) {
        return switch (unit) {
            case "B", "BYTES" -> 1;
            case "KB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            case "TB" -> 1e12;
            case "KIB" -> 1024d;
            case "MIB" -> 1024d * 1024;
            case "GIB" -> 1024d * 1024 * 1024;
            default -> 1024d * 1024 * 1024 * 1024;
        };
    }

    /** The settings with the default rollups. */
    public DuckDbStoreConfig(String path, int threads, String memoryLimit, boolean readOnly, boolean migrateOnStart,
                             long maxBuckets, Duration writeIdRetention) {
        this(path, threads, memoryLimit, readOnly, migrateOnStart, maxBuckets, writeIdRetention,
                RollupSettings.defaults());
    }

    /** The settings with the default bucket cap and write-id retention. */
    public DuckDbStoreConfig(String path, int threads, String memoryLimit, boolean readOnly, boolean migrateOnStart) {
        this(path, threads, memoryLimit, readOnly, migrateOnStart, BucketCap.DEFAULT_MAX_BUCKETS,
                DEFAULT_WRITE_ID_RETENTION);
    }

    /** The settings with the default write-id retention. */
    public DuckDbStoreConfig(String path, int threads, String memoryLimit, boolean readOnly, boolean migrateOnStart,
                             long maxBuckets) {
        this(path, threads, memoryLimit, readOnly, migrateOnStart, maxBuckets, DEFAULT_WRITE_ID_RETENTION);
    }

    /** The defaults of reference.conf for the given path. */
    public static DuckDbStoreConfig of(String path) {
        return new DuckDbStoreConfig(path, 0, "", false, true);
    }

    /** @return the bucket cap, named by its key */
    public BucketCap bucketCap() {
        return new BucketCap(maxBuckets, BLOCK + ".max-buckets");
    }

    /**
     * Reads the store's block ({@code metrics.store.duckdb}, defaults included).
     *
     * @throws StoreConfigException naming the key whose value is missing or unusable
     */
    public static DuckDbStoreConfig from(Config block) {
        requireNonNull(block, "block is null");
        return new DuckDbStoreConfig(string(block, "path"), integer(block, "threads"), string(block, "memory-limit"),
                bool(block, "read-only"), bool(block, "migrate-on-start"), longValue(block, "max-buckets"),
                duration(block, "write-id-retention"), rollups(block));
    }

    private static RollupSettings rollups(Config block) {
        if (!block.hasPath("rollups")) {
            return RollupSettings.defaults(); // a block given without the reference defaults
        }
        List<String> levels;
        try {
            levels = block.getStringList("rollups.levels");
        } catch (ConfigException e) {
            throw invalid("rollups.levels", "a list of levels such as [1m, 1h]", e);
        }
        Duration refreshInterval = block.hasPath("rollups.refresh-interval")
                ? duration(block, "rollups.refresh-interval") : RollupSettings.DEFAULT_REFRESH_INTERVAL;
        Duration refreshLag = block.hasPath("rollups.refresh-lag")
                ? duration(block, "rollups.refresh-lag") : RollupSettings.DEFAULT_REFRESH_LAG;
        double minPointsPerRow;
        try {
            minPointsPerRow = block.hasPath("rollups.min-points-per-row")
                    ? block.getDouble("rollups.min-points-per-row") : RollupSettings.DEFAULT_MIN_POINTS_PER_ROW;
        } catch (ConfigException e) {
            throw invalid("rollups.min-points-per-row", "a number such as 4", e);
        }
        return RollupSettings.of(bool(block, "rollups.enabled"), levels, refreshInterval, refreshLag, minPointsPerRow,
                BLOCK + ".rollups");
    }

    /** @return whether the database lives in memory only */
    public boolean inMemory() {
        return IN_MEMORY.equals(path);
    }

    /** @return the database file, absolute */
    public Path file() {
        if (inMemory()) {
            throw new IllegalStateException("an in-memory database has no file");
        }
        return Path.of(path).toAbsolutePath().normalize();
    }

    /**
     * @return these settings opened as a mode decides: read-only access or not, migrating the schema or not
     */
    DuckDbStoreConfig withAccess(boolean readOnlyAccess, boolean migrate) {
        return new DuckDbStoreConfig(path, threads, memoryLimit, readOnlyAccess, migrate, maxBuckets, writeIdRetention,
                rollups);
    }

    /**
     * @return that the file does not exist, naming the path as configured and as resolved (a relative path is
     *         resolved against the working directory, which surprises when a program is started elsewhere)
     */
    String missingFileMessage() {
        Path given = Path.of(path);
        String where = given.isAbsolute() ? "the DuckDB file " + file()
                : "the DuckDB file " + path + " (" + file() + ", relative to the working directory "
                + Path.of("").toAbsolutePath() + ")";
        return where + " does not exist; check the path, or open the store for writing to create it";
    }

    /** @return what the store opens, for messages */
    public String description() {
        return inMemory() ? "the in-memory DuckDB database" : "the DuckDB file " + file();
    }

    private static String string(Config block, String key) {
        try {
            return block.getString(key);
        } catch (ConfigException e) {
            throw invalid(key, "a text", e);
        }
    }

    private static int integer(Config block, String key) {
        try {
            return block.getInt(key);
        } catch (ConfigException e) {
            throw invalid(key, "a whole number", e);
        }
    }

    private static Duration duration(Config block, String key) {
        try {
            return block.getDuration(key);
        } catch (ConfigException e) {
            throw invalid(key, "a duration such as 1d or 12h", e);
        }
    }

    private static long longValue(Config block, String key) {
        try {
            return block.getLong(key);
        } catch (ConfigException e) {
            throw invalid(key, "a whole number", e);
        }
    }

    private static boolean bool(Config block, String key) {
        try {
            return block.getBoolean(key);
        } catch (ConfigException e) {
            throw invalid(key, "true or false", e);
        }
    }

    private static StoreConfigException invalid(String key, String expected, ConfigException e) {
        String problem = e instanceof ConfigException.Missing ? "is missing" : "is not " + expected;
        return new StoreConfigException(BLOCK + "." + key + " " + problem + " (" + e.getMessage()
                + "); set it to " + expected + " in " + BLOCK.toLowerCase(Locale.ROOT), e);
    }
}
