package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.jdbc.SqlErrorTranslator;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies DuckDB's errors, which carry no SQLSTATE but start with their kind ({@code "Conversion Error: ..."}),
 * and explains a file locked by another process.
 */
final class DuckDbErrorTranslator extends SqlErrorTranslator {
    private static final Pattern LOCK_HOLDER =
            Pattern.compile("Conflicting lock is held in (.+?) \\(PID (\\d+)\\)", Pattern.DOTALL);

    /** How {@link DuckDbStoreConfig#description()} names a file. */
    private static final String FILE_PREFIX = "the DuckDB file ";

    DuckDbErrorTranslator(String storeDescription) {
        super(storeDescription);
    }

    /** What DuckDB said about the process holding a file's lock. */
    record LockHolder(String program, long pid) {}

    /** @return the holder named in a lock error of DuckDB, if the message is one */
    static Optional<LockHolder> lockHolder(String message) {
        if (message == null || !message.contains("Could not set lock")) {
            return Optional.empty();
        }
        Matcher matcher = LOCK_HOLDER.matcher(message);
        return Optional.of(matcher.find() ? new LockHolder(matcher.group(1).strip(), Long.parseLong(matcher.group(2)))
                : new LockHolder("another process", -1));
    }

    @Override
    public MetricsStoreException translate(String action, SQLException e) {
        if (e instanceof PointBatchScanException) {
            return new MetricsStoreException("cannot " + action + " in " + storeDescription() + ": " + e.getMessage()
                    + "; nothing was stored. This is a fault of the store, not of the data: report it, and write"
                    + " the batch in parts of fewer than " + DuckDbBulkWriter.SCAN_MIN_POINTS
                    + " points (they take another path) meanwhile", e);
        }
        Optional<LockHolder> holder = lockHolder(e.getMessage());
        if (holder.isPresent()) {
            return lockedFile(holder.get(), e);
        }
        if (isDiskFull(e)) {
            return new StoreUnavailableException("cannot " + action + ": the disk holding " + folder()
                    + " is full (DuckDB: " + firstLine(e) + "); free space there and retry (the failed work was rolled"
                    + " back)", e);
        }
        if (message(e).contains(StreamedErrors.HIDDEN)) {
            return new MetricsStoreException("cannot " + action + " in " + storeDescription() + ": DuckDB reported"
                    + " only '" + firstLine(e) + "', without the cause; check the store's health, which reads every"
                    + " stored block, and retry", e);
        }
        if (isReadOnlyRefusal(e)) {
            return new MetricsStoreException("cannot " + action + ": " + storeDescription() + " is open read-only ("
                    + DuckDbStoreConfig.BLOCK + ".read-only = true), so it refuses writes; open it with read-only ="
                    + " false to write", e);
        }
        return super.translate(action, e);
    }

    private StoreUnavailableException lockedFile(LockHolder holder, SQLException e) {
        String who = holder.pid() >= 0 ? "process " + holder.pid() + " (" + holder.program() + ")" : holder.program();
        return new StoreUnavailableException("cannot open " + storeDescription() + ": it is locked by " + who
                + ". Stop that process and retry; or, when both processes only read, open the file with "
                + DuckDbStoreConfig.BLOCK + ".read-only = true in both. (DuckDB: " + e.getMessage().strip() + ")", e);
    }

    /**
     * DuckDB checks each block's checksum when it reads it ("Data Corruption Error: Corrupt database file: computed
     * checksum ..."); a file cut short fails to read its blocks ("Could not read enough bytes"). A file that is
     * no DuckDB database at all ("not a valid DuckDB database file") is a wrong path, not damage.
     */
    @Override
    public boolean isDamaged(SQLException e) {
        String text = message(e);
        return super.isDamaged(e) || kind(e).equals("Data Corruption") || text.contains("Corrupt database file")
                || text.contains("Could not read enough bytes");
    }

    private static boolean isDiskFull(SQLException e) {
        String text = message(e);
        return text.contains("No space left on device") || text.contains("File too large");
    }

    /** @return the folder of the store's file, where DuckDB writes the file, its WAL and temporary files */
    private String folder() {
        return storeDescription().startsWith(FILE_PREFIX) ? java.nio.file.Path.of(storeDescription()
                .substring(FILE_PREFIX.length())).getParent().toString() : "DuckDB's temporary folder";
    }

    private static String firstLine(SQLException e) {
        return message(e).strip().lines().findFirst().orElse("");
    }

    @Override
    protected String damagedHint() {
        return "restore it from the store's latest export (import that into a new file) or from a backup copy of the"
                + " file, and keep the damaged file until the restore is checked";
    }

    @Override
    protected String unavailableHint() {
        return "check that the path names a DuckDB database file (read-only mode does not create one), that its"
                + " folder is writable, and that the disk has room";
    }

    private static boolean isReadOnlyRefusal(SQLException e) {
        String message = e.getMessage();
        return message != null && message.contains("attached in read-only mode");
    }

    @Override
    public boolean isUnavailable(SQLException e) {
        return super.isUnavailable(e) || kind(e).equals("IO") || kind(e).equals("Connection")
                || kind(e).equals("FATAL") || message(e).contains("database has been invalidated")
                || message(e).contains("connection was closed") || message(e).contains("Connection Error");
    }

    @Override
    public boolean isInvalidInput(SQLException e) {
        String kind = kind(e);
        if (message(e).contains(StreamedErrors.HIDDEN)) {
            return false;
        }
        return super.isInvalidInput(e) || kind.equals("Conversion") || kind.equals("Constraint")
                || kind.equals("Invalid Input") || kind.equals("Out of Range") || kind.equals("Mismatch Type");
    }

    @Override
    public boolean isSchemaProblem(SQLException e) {
        return super.isSchemaProblem(e) || kind(e).equals("Catalog");
    }

    /**
     * Besides write-write conflicts, a duplicate key: the store's only keyed writes are upserts of deduplicated
     * batches, so a duplicate key means that a concurrent transaction inserted the same new key first, and a retry
     * turns the insert into an update.
     */
    @Override
    public boolean isTransientConflict(SQLException e) {
        String text = message(e).toLowerCase(Locale.ROOT);
        return super.isTransientConflict(e) || (kind(e).equals("TransactionContext") && text.contains("conflict"))
                || text.contains("duplicate key");
    }

    private static String kind(SQLException e) {
        String text = message(e);
        int end = text.indexOf(" Error:");
        return end > 0 && end < 40 ? text.substring(0, end).strip() : "";
    }

    private static String message(SQLException e) {
        return e.getMessage() == null ? "" : e.getMessage();
    }
}
