package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The mirror's durable state, {@code state.properties} in the outbox directory: both stores' instance ids, the epoch,
 * where the secondary's replay stands, and per table the boundary, the backfill flag and the range missed while
 * mirroring was stopped. Written whole to a temporary file, forced and renamed over the old one, so that a reader
 * (another process, without any lock) sees either the old state or the new one.
 */
final class StateFile {
    static final String NAME = "state.properties";
    private static final int FORMAT = 1;

    private final Properties values;

    private StateFile(Properties values) {
        this.values = values;
    }

    static StateFile empty() {
        StateFile state = new StateFile(new Properties());
        state.set("format", Integer.toString(FORMAT));
        return state;
    }

    /** @return the state in the directory, empty when no dual store has written one there */
    static Optional<StateFile> load(Path directory) {
        Path file = directory.resolve(NAME);
        Properties values = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            values.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MetricsStoreException("cannot read the dual store's state " + file + ": " + e.getMessage()
                    + "; check the file's permissions", e);
        }
        String format = values.getProperty("format");
        if (!Integer.toString(FORMAT).equals(format)) {
            throw new MetricsStoreException("the dual store's state " + file + " has format " + format
                    + ", this version reads format " + FORMAT + "; use the version that wrote it");
        }
        return Optional.of(new StateFile(values));
    }

    synchronized void save(Path directory) {
        Path file = directory.resolve(NAME);
        Path temporary = directory.resolve(NAME + ".tmp");
        try {
            StringWriter text = new StringWriter();
            values.store(text, "dual store state: written by the app that holds " + directory.resolve(Outbox.LOCK)
                    + "; do not edit");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
                out.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new MetricsStoreException("cannot write the dual store's state " + file + ": " + e.getMessage()
                    + "; check the disk and the directory's permissions", e);
        }
    }

    synchronized StateFile copy() {
        Properties copied = new Properties();
        copied.putAll(values);
        return new StateFile(copied);
    }

    synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    synchronized void set(String key, String value) {
        values.setProperty(key, value);
    }

    synchronized void remove(String key) {
        values.remove(key);
    }

    long getLong(String key, long fallback) {
        return get(key).map(Long::parseLong).orElse(fallback);
    }

    Optional<Instant> getInstant(String key) {
        return get(key).map(Instant::parse);
    }

    void setInstant(String key, Instant instant) {
        set(key, instant.toString());
    }

    void setOrRemove(String key, Optional<String> value) {
        if (value.isPresent()) {
            set(key, value.get());
        } else {
            remove(key);
        }
    }

    // ---- named fields ------------------------------------------------------------------------------------

    long epoch() {
        return getLong("epoch", 0);
    }

    Optional<String> primaryId() {
        return get("primary.id");
    }

    Optional<String> secondaryId() {
        return get("secondary.id");
    }

    /** @return the last outbox sequence number the store of that id holds */
    long applied(String instanceId) {
        return getLong("applied." + instanceId, 0);
    }

    void setApplied(String instanceId, long seq) {
        set("applied." + instanceId, Long.toString(seq));
    }

    Instant boundary(StoreTable table) {
        return getInstant("table." + table.tableName() + ".boundary").orElse(Timestamps.MIN);
    }

    boolean backfilled(StoreTable table) {
        return get("table." + table.tableName() + ".backfilled").map(Boolean::parseBoolean).orElse(false);
    }

    void setBoundary(StoreTable table, Instant boundary, boolean backfilled) {
        setInstant("table." + table.tableName() + ".boundary", boundary);
        set("table." + table.tableName() + ".backfilled", Boolean.toString(backfilled));
    }

    void raiseBoundary(StoreTable table, Instant atLeast) {
        if (boundary(table).isBefore(atLeast)) {
            setInstant("table." + table.tableName() + ".boundary", atLeast);
        }
    }

    /** @return the ranges of a table the secondary misses since mirroring stopped, to copy from the primary */
    List<TimeRange> gaps(StoreTable table) {
        Optional<String> text = get("table." + table.tableName() + ".gaps");
        List<TimeRange> ranges = new ArrayList<>();
        if (text.isPresent() && !text.get().isBlank()) {
            for (String range : text.get().split(",")) {
                String[] ends = range.split("/");
                ranges.add(TimeRange.of(Instant.parse(ends[0]), Instant.parse(ends[1])));
            }
        }
        return ranges;
    }

    void setGaps(StoreTable table, List<TimeRange> ranges) {
        if (ranges.isEmpty()) {
            remove("table." + table.tableName() + ".gaps");
            return;
        }
        StringBuilder text = new StringBuilder();
        for (TimeRange range : ranges) {
            text.append(text.length() == 0 ? "" : ",").append(range.from()).append('/').append(range.to());
        }
        set("table." + table.tableName() + ".gaps", text.toString());
    }

    boolean hasGaps() {
        for (StoreTable table : StoreTable.values()) {
            if (!gaps(table).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
