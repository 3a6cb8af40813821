package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What identifies one migration: the same source, target, tables and range resume the same checkpoint; any other
 * combination is a different migration.
 *
 * @param kind what the checkpoint is for, {@code migrate} or {@code import}
 * @param sourceId the source's identity
 * @param targetId the target's identity
 * @param tables the tables, in {@link StoreTable} order
 * @param range the time range
 */
record CheckpointKey(String kind, String sourceId, String targetId, List<StoreTable> tables, TimeRange range) {
    CheckpointKey {
        requireNonNull(kind, "kind is null");
        requireNonNull(sourceId, "sourceId is null");
        requireNonNull(targetId, "targetId is null");
        tables = List.copyOf(tables);
        requireNonNull(range, "range is null");
    }

    /** @return a file name stem derived from every part of the key, for example {@code migrate-3f9a0c...} */
    String fileStem() {
        String text = String.join("\n", kind, sourceId, targetId,
                tables.stream().map(StoreTable::tableName).collect(Collectors.joining(",")),
                TimeRanges.format(range.from()), TimeRanges.format(range.to()));
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return kind + "-" + HexFormat.of().formatHex(sha, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
