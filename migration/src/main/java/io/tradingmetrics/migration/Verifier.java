package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Compares two row sources chunk by chunk, by row count and order-independent checksum ({@link Checksums}); memory
 * stays bounded because rows are hashed as they stream by. For the first differing chunks it narrows the difference
 * down by halving the range, then names rows that only one side holds.
 */
public final class Verifier {
    private static final int EXPLAINED_CHUNKS = 5;
    private static final int DIFF_ROWS = 1_000;
    private static final int SHOWN_ROWS = 5;
    private static final int PROGRESS_STEP = 10_000;

    private final MigrationListener listener;

    public Verifier(MigrationListener listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** Compares the sources over chunks planned on the first one. */
    public VerificationReport verify(RowSource source, RowSource target, VerifyOptions options) {
        Map<StoreTable, List<TimeRange>> chunks = new EnumMap<>(StoreTable.class);
        for (StoreTable table : options.tables()) {
            ChunkPlanner planner = new ChunkPlanner(options.chunkRows(), range -> source.count(table, range));
            chunks.put(table, planner.plan(options.range(), source.extent(table)).stream()
                    .map(ChunkPlanner.Span::range).toList());
        }
        return verify(source, target, options.range(), chunks, options.parallelism());
    }

    /** Compares the sources over given chunks, which must tile the range per table. */
    VerificationReport verify(RowSource source, RowSource target, TimeRange range,
                              Map<StoreTable, List<TimeRange>> chunks, int parallelism) {
        long start = System.nanoTime();
        record Job(StoreTable table, TimeRange range) {}
        List<Job> jobs = new ArrayList<>();
        chunks.forEach((table, ranges) -> ranges.forEach(r -> jobs.add(new Job(table, r))));
        long total = 0;
        for (StoreTable table : chunks.keySet()) {
            total += source.count(table, range) + target.count(table, range);
        }
        listener.phaseStarted(MigrationPhase.VERIFY, total);
        List<Function<BooleanSupplier, Digest[]>> tasks = new ArrayList<>();
        for (Job job : jobs) {
            tasks.add(stop -> new Digest[] {digest(TableRows.of(job.table()), source, job.range(), true),
                    digest(TableRows.of(job.table()), target, job.range(), true)});
        }
        List<Digest[]> digests;
        try {
            digests = ParallelTasks.run(parallelism, "metrics-verify", tasks);
        } finally {
            listener.phaseFinished(MigrationPhase.VERIFY);
        }
        List<VerificationReport.TableVerification> tables = new ArrayList<>();
        int jobIndex = 0;
        for (Map.Entry<StoreTable, List<TimeRange>> entry : chunks.entrySet()) {
            StoreTable table = entry.getKey();
            Digest sourceTotal = Digest.EMPTY;
            Digest targetTotal = Digest.EMPTY;
            int mismatched = 0;
            List<ChunkMismatch> explained = new ArrayList<>();
            List<VerificationReport.ChunkDigests> differing = new ArrayList<>();
            for (TimeRange chunk : entry.getValue()) {
                Digest[] pair = digests.get(jobIndex++);
                sourceTotal = sourceTotal.plus(pair[0]);
                targetTotal = targetTotal.plus(pair[1]);
                if (!pair[0].equals(pair[1])) {
                    mismatched++;
                    differing.add(new VerificationReport.ChunkDigests(chunk, pair[0], pair[1]));
                    if (explained.size() < EXPLAINED_CHUNKS) {
                        explained.add(explain(TableRows.of(table), source, target, chunk, pair[0], pair[1]));
                    }
                }
            }
            tables.add(new VerificationReport.TableVerification(table, sourceTotal, targetTotal,
                    entry.getValue().size(), mismatched, explained, differing));
        }
        return new VerificationReport(source.id(), target.id(), range, tables,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Compares again, on the same chunks, what differed in an earlier comparison: rows may still have been on their
     * way to one side (a mirror's queued writes) while it ran. The chunks that matched keep their result.
     *
     * @return the earlier report with the differing chunks' new results
     */
    public VerificationReport recheck(VerificationReport earlier, RowSource source, RowSource target,
                                      int parallelism) {
        requireNonNull(earlier, "earlier is null");
        Map<StoreTable, List<TimeRange>> chunks = new EnumMap<>(StoreTable.class);
        for (VerificationReport.TableVerification table : earlier.tables()) {
            if (!table.differing().isEmpty()) {
                chunks.put(table.table(), table.differing().stream().map(VerificationReport.ChunkDigests::range)
                        .toList());
            }
        }
        if (chunks.isEmpty()) {
            return earlier;
        }
        VerificationReport again = verify(source, target, earlier.range(), chunks, parallelism);
        Map<StoreTable, VerificationReport.TableVerification> redone = new EnumMap<>(StoreTable.class);
        again.tables().forEach(t -> redone.put(t.table(), t));
        List<VerificationReport.TableVerification> tables = new ArrayList<>();
        for (VerificationReport.TableVerification table : earlier.tables()) {
            VerificationReport.TableVerification now = redone.get(table.table());
            if (now == null) {
                tables.add(table);
                continue;
            }
            Digest sourceTotal = table.source();
            Digest targetTotal = table.target();
            for (VerificationReport.ChunkDigests chunk : table.differing()) {
                sourceTotal = sourceTotal.minus(chunk.source());
                targetTotal = targetTotal.minus(chunk.target());
            }
            tables.add(new VerificationReport.TableVerification(table.table(), sourceTotal.plus(now.source()),
                    targetTotal.plus(now.target()), table.chunks(), now.mismatchedChunks(), now.mismatches(),
                    now.differing()));
        }
        return new VerificationReport(earlier.sourceId(), earlier.targetId(), earlier.range(), tables,
                earlier.elapsed().plus(again.elapsed()));
    }

    private <T> Digest digest(TableRows<T> rows, RowSource side, TimeRange range, boolean progress) {
        long count = 0;
        long sum = 0;
        try (Stream<T> stream = rows.stream(side, range)) {
            for (Iterator<T> it = stream.iterator(); it.hasNext(); ) {
                sum += rows.hash(it.next());
                if (++count % PROGRESS_STEP == 0 && progress) {
                    listener.rowsDone(MigrationPhase.VERIFY, rows.table(), PROGRESS_STEP);
                }
            }
        }
        if (progress) {
            listener.rowsDone(MigrationPhase.VERIFY, rows.table(), count % PROGRESS_STEP);
        }
        return new Digest(count, sum);
    }

    private <T> ChunkMismatch explain(TableRows<T> rows, RowSource source, RowSource target, TimeRange chunk,
                                      Digest sourceDigest, Digest targetDigest) {
        TimeRange range = chunk;
        Digest inSource = sourceDigest;
        Digest inTarget = targetDigest;
        while (Math.max(inSource.rows(), inTarget.rows()) > DIFF_ROWS && TimeRanges.micros(range) >= 2) {
            TimeRange left = TimeRange.of(range.from(), TimeRanges.middle(range));
            Digest leftSource = digest(rows, source, left, false);
            Digest leftTarget = digest(rows, target, left, false);
            if (!leftSource.equals(leftTarget)) {
                range = left;
                inSource = leftSource;
                inTarget = leftTarget;
            } else {
                range = TimeRange.of(left.to(), range.to());
                inSource = inSource.minus(leftSource);
                inTarget = inTarget.minus(leftTarget);
            }
        }
        List<String> onlyInSource = new ArrayList<>();
        List<String> onlyInTarget = new ArrayList<>();
        if (Math.max(inSource.rows(), inTarget.rows()) <= DIFF_ROWS) {
            Map<Long, List<T>> sourceRows = rowsByHash(rows, source, range);
            Map<Long, List<T>> targetRows = rowsByHash(rows, target, range);
            collectSurplus(sourceRows, targetRows, onlyInSource);
            collectSurplus(targetRows, sourceRows, onlyInTarget);
        }
        return new ChunkMismatch(rows.table(), chunk, sourceDigest, targetDigest,
                range.equals(chunk) ? Optional.empty() : Optional.of(range), onlyInSource, onlyInTarget);
    }

    private static <T> Map<Long, List<T>> rowsByHash(TableRows<T> rows, RowSource side, TimeRange range) {
        Map<Long, List<T>> byHash = new HashMap<>();
        try (Stream<T> stream = rows.stream(side, range)) {
            stream.forEach(row -> byHash.computeIfAbsent(rows.hash(row), h -> new ArrayList<>()).add(row));
        }
        return byHash;
    }

    private static <T> void collectSurplus(Map<Long, List<T>> side, Map<Long, List<T>> other, List<String> into) {
        for (Map.Entry<Long, List<T>> entry : side.entrySet()) {
            int surplus = entry.getValue().size() - other.getOrDefault(entry.getKey(), List.of()).size();
            for (int i = 0; i < surplus && into.size() < SHOWN_ROWS; i++) {
                into.add(entry.getValue().get(i).toString());
            }
        }
    }
}
