package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Copies tables from a {@link RowSource} into any {@link MetricsStore}, through the SPI only, exactly once across
 * crashes: each table's range is split into chunks, chunks are copied in fixed-size batches (memory stays bounded)
 * on a small thread pool, and each finished chunk is recorded in a checkpoint file. Running the same migration again
 * resumes it: finished chunks are skipped, unfinished ones are cleared in the target and copied again.
 *
 * <p>A fresh migration refuses a target that holds rows in the tables and range, unless asked to append.
 */
public final class StoreMigrator {
    static final String KIND_MIGRATE = "migrate";
    static final String KIND_BACKFILL = "backfill";

    private final MigrationListener listener;

    public StoreMigrator(MigrationListener listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    /**
     * Copies (or, with {@link MigrationOptions#dryRun()}, plans the copy of) the source's rows into the target.
     *
     * @param targetId the target's stable identity (for example its JDBC URL, file paths made absolute); the
     *                 checkpoint is keyed by it and by the source's id, the tables and the range
     * @throws TargetNotEmptyException when a fresh migration finds rows in the target
     * @throws SchemaException when the target's schema is not up to date
     * @throws MigrationInProgressException when the same migration runs elsewhere right now
     * @throws MigrationException when copying fails; what was copied is kept and a rerun resumes
     */
    public MigrationReport migrate(RowSource source, MetricsStore target, String targetId, MigrationOptions options) {
        return migrate(KIND_MIGRATE, source, target, targetId, options);
    }

    /**
     * Copies the source's rows into a target whose rows in the tables and range are, by construction, all copies of
     * the source's made earlier (the secondary of a dual store before its backfill boundary, where only copies of
     * the primary ever land): every chunk not yet done is cleared in the target and copied, so a fresh run does not
     * refuse rows there. Resumable like {@link #migrate}, with checkpoints of their own.
     *
     * @throws IllegalArgumentException when the options ask to append
     */
    public MigrationReport backfill(RowSource source, MetricsStore target, String targetId, MigrationOptions options) {
        if (options.append()) {
            throw new IllegalArgumentException("a backfill replaces the target's rows in the range; it never appends");
        }
        return migrate(KIND_BACKFILL, source, target, targetId, options);
    }

    MigrationReport migrate(String kind, RowSource source, MetricsStore target, String targetId,
                            MigrationOptions options) {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(options, "options is null");
        long start = System.nanoTime();
        CheckpointKey key = new CheckpointKey(kind, source.id(), targetId, options.tables(), options.range());
        Path path = CheckpointFile.path(options.stateDirectory(), key);
        if (options.dryRun()) {
            Optional<Checkpoint> existing = trusted(CheckpointFile.read(path, key), source, target, targetId, path,
                    "; a real run would start this migration afresh");
            MigrationPlan plan = plan(source, target, targetId, options, existing, path);
            MigrationReport.Outcome outcome = existing.flatMap(Checkpoint::completed).isPresent()
                    ? MigrationReport.Outcome.ALREADY_COMPLETE : MigrationReport.Outcome.DRY_RUN;
            if (outcome == MigrationReport.Outcome.DRY_RUN && existing.isEmpty() && !options.append()
                    && !kind.equals(KIND_BACKFILL)) {
                describeRefusal(plan).ifPresent(reason -> listener.info("a real run would stop here: " + reason));
            }
            return new MigrationReport(outcome, plan, List.of(), elapsedSince(start), Optional.empty());
        }
        try (CheckpointFile file = CheckpointFile.lock(options.stateDirectory(), key)) {
            Optional<Checkpoint> existing = trusted(CheckpointFile.read(path, key), source, target, targetId, path,
                    "; starting this migration afresh");
            if (existing.isPresent() && existing.get().completed().isPresent()) {
                MigrationPlan plan = plan(source, target, targetId, options, existing, path);
                listener.info("nothing to copy: this migration was completed at " + existing.get().completed().get()
                        + " (checkpoint " + path + ")");
                Optional<VerificationReport> verification = options.verify() && !existing.get().append()
                        ? Optional.of(verify(source, target, targetId, existing.get(), options)) : Optional.empty();
                return new MigrationReport(MigrationReport.Outcome.ALREADY_COMPLETE, plan, List.of(),
                        elapsedSince(start), verification);
            }
            requireUpToDateSchema(target.schemaInfo(), targetId);
            MigrationPlan plan = plan(source, target, targetId, options, existing, path);
            Checkpoint checkpoint;
            if (existing.isPresent()) {
                checkpoint = existing.get();
            } else {
                if (!options.append() && !kind.equals(KIND_BACKFILL)) {
                    Optional<String> refusal = describeRefusal(plan);
                    if (refusal.isPresent()) {
                        throw new TargetNotEmptyException(refusal.get());
                    }
                }
                checkpoint = newCheckpoint(key, options.append(), StoreInstances.of(source, target), plan);
                file.save(checkpoint);
            }
            listener.info(plan.describe());
            List<TableCopy> copies = copy(source, target, checkpoint, file, options, plan.rowsLeft());
            checkpoint.markComplete(Instant.now());
            file.save(checkpoint);
            Duration copyElapsed = elapsedSince(start);
            Optional<VerificationReport> verification = Optional.empty();
            if (options.verify()) {
                if (checkpoint.append()) {
                    listener.info("verification skipped: the target held rows in the range before this append, "
                            + "so it cannot equal the source there");
                } else {
                    verification = Optional.of(verify(source, target, targetId, checkpoint, options));
                }
            }
            List<MigrationReport.TableReport> tables = copies.stream().map(TableCopy::report).toList();
            return new MigrationReport(MigrationReport.Outcome.COPIED, plan, tables, copyElapsed, verification);
        }
    }

    private MigrationPlan plan(RowSource source, MetricsStore target, String targetId, MigrationOptions options,
                               Optional<Checkpoint> existing, Path path) {
        List<MigrationPlan.TablePlan> tables = new ArrayList<>();
        for (StoreTable table : options.tables()) {
            // A resumed migration takes its chunks from the checkpoint and does not ask the source (which, for
            // imports, would read every file again just to say that nothing is left to do).
            Optional<TimeRange> extent = existing.isPresent() ? Optional.empty() : source.extent(table)
                    .flatMap(e -> TimeRanges.intersection(options.range(), e));
            List<ChunkState> chunks;
            if (existing.isPresent()) {
                chunks = existing.get().chunks(table);
            } else {
                ChunkPlanner planner = new ChunkPlanner(options.chunkRows(), range -> source.count(table, range));
                List<ChunkPlanner.Span> spans = planner.plan(options.range(), extent);
                chunks = new ArrayList<>();
                for (ChunkPlanner.Span span : spans) {
                    chunks.add(ChunkState.pending(table, chunks.size(), span.range(), span.rows()));
                }
            }
            long sourceRows = chunks.stream().mapToLong(ChunkState::sourceRows).sum();
            tables.add(new MigrationPlan.TablePlan(table, extent, sourceRows,
                    target.count(table, options.range()), chunks));
        }
        return new MigrationPlan(source.id(), targetId, options.range(), existing.map(Checkpoint::append)
                .orElse(options.append()), existing.isPresent(), tables, target.schemaInfo(), target.stats(), path);
    }

    private static Optional<String> describeRefusal(MigrationPlan plan) {
        List<MigrationPlan.TablePlan> occupied = plan.tables().stream()
                .filter(t -> t.targetRowsInRange() > 0).toList();
        if (occupied.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the target " + plan.targetId() + " already holds rows in the range "
                + TimeRanges.format(plan.range()) + ": "
                + occupied.stream().map(t -> String.format("%s %,d rows", t.table().tableName(), t.targetRowsInRange()))
                .collect(Collectors.joining(", "))
                + ". Copy into an empty target, narrow the tables or the time range (--tables, --since, --until), "
                + "or add --append to keep those rows and add the source's to them");
    }

    private static void requireUpToDateSchema(SchemaInfo schema, String targetId) {
        if (!schema.isUpToDate()) {
            throw new SchemaException("the target " + targetId + " has schema version " + schema.currentVersion()
                    + " but this program writes version " + schema.latestVersion()
                    + "; bring it up to date first: bin/metrics schema migrate --store " + targetId);
        }
    }

    private static Checkpoint newCheckpoint(CheckpointKey key, boolean append, StoreInstances instances,
                                            MigrationPlan plan) {
        Map<StoreTable, List<ChunkState>> chunks = new EnumMap<>(StoreTable.class);
        plan.tables().forEach(t -> chunks.put(t.table(), t.chunks()));
        return new Checkpoint(key, append, instances, Instant.now(), chunks, Optional.empty());
    }

    /** @return the checkpoint when it still describes the stores, empty when there is none or it is set aside */
    private Optional<Checkpoint> trusted(Optional<Checkpoint> existing, RowSource source, MetricsStore target,
                                         String targetId, Path path, String consequence) {
        if (existing.isEmpty()) {
            return existing;
        }
        Optional<String> afresh = CheckpointCheck.reasonToStartAfresh(existing.get(),
                StoreInstances.of(source, target), source, target, targetId, path);
        afresh.ifPresent(reason -> listener.info(reason + consequence));
        return afresh.isPresent() ? Optional.empty() : existing;
    }

    private List<TableCopy> copy(RowSource source, MetricsStore target, Checkpoint checkpoint, CheckpointFile file,
                                 MigrationOptions options, long rowsLeft) {
        ChunkCopier copier = new ChunkCopier(source, target, checkpoint, file,
                new UndoLog(options.stateDirectory(), checkpoint.key().fileStem()), options.batchSize(), listener);
        Map<StoreTable, TableCopy> copies = new EnumMap<>(StoreTable.class);
        List<Function<BooleanSupplier, ChunkCopier.Result>> tasks = new ArrayList<>();
        for (StoreTable table : checkpoint.key().tables()) {
            TableCopy tableCopy = new TableCopy(table);
            copies.put(table, tableCopy);
            for (ChunkState chunk : checkpoint.chunks(table)) {
                if (chunk.isDone()) {
                    tableCopy.skipped++;
                } else {
                    tasks.add(stop -> tableCopy.add(copier.copy(chunk, stop)));
                }
            }
        }
        listener.phaseStarted(MigrationPhase.COPY, rowsLeft);
        try {
            ParallelTasks.run(options.parallelism(), "metrics-copy", tasks);
        } catch (RuntimeException e) {
            List<ChunkState> all = checkpoint.allChunks();
            long done = all.stream().filter(ChunkState::isDone).count();
            throw new MigrationException("copying stopped: " + e.getMessage() + ". " + done + " of " + all.size()
                    + " chunks are copied and recorded in " + file.file() + "; fix the cause and run the same "
                    + "command again to resume (finished chunks are skipped, the unfinished ones copied again)", e);
        } finally {
            listener.phaseFinished(MigrationPhase.COPY);
        }
        return List.copyOf(copies.values());
    }

    private VerificationReport verify(RowSource source, MetricsStore target, String targetId, Checkpoint checkpoint,
                                      MigrationOptions options) {
        Map<StoreTable, List<TimeRange>> chunks = new EnumMap<>(StoreTable.class);
        for (StoreTable table : checkpoint.key().tables()) {
            chunks.put(table, checkpoint.chunks(table).stream().map(ChunkState::range).toList());
        }
        return new Verifier(listener).verify(source, RowSource.of(targetId, target), options.range(), chunks,
                options.parallelism());
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The progress of one table in this run; chunks of one table may finish on several threads. */
    private static final class TableCopy {
        private final StoreTable table;
        private int skipped;
        private int copied;
        private long rows;
        private long cleared;
        private long firstStart = Long.MAX_VALUE;
        private long lastEnd = Long.MIN_VALUE;

        TableCopy(StoreTable table) {
            this.table = table;
        }

        synchronized ChunkCopier.Result add(ChunkCopier.Result result) {
            copied++;
            rows += result.rowsCopied();
            cleared += result.rowsCleared();
            firstStart = Math.min(firstStart, result.startNanos());
            lastEnd = Math.max(lastEnd, result.endNanos());
            return result;
        }

        synchronized MigrationReport.TableReport report() {
            Duration elapsed = copied == 0 ? Duration.ZERO : Duration.ofNanos(lastEnd - firstStart);
            return new MigrationReport.TableReport(table, rows, copied, skipped, cleared, elapsed);
        }
    }
}
