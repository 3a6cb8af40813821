package io.tradingmetrics.cli.migration;

import io.tradingmetrics.migration.MigrationOptions;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@link ChunkOptions} and {@code --batch-size}: the sizes of a copy (migrate, import). */
final class CopySizeOptions {
    @Mixin
    ChunkOptions chunks;

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "" + MigrationOptions.DEFAULT_BATCH_SIZE,
            description = "rows per write (default: ${DEFAULT-VALUE})")
    int batchSize;

    /** @throws CommandLine.ParameterException when the module refuses a value, naming the option */
    MigrationOptions applyTo(MigrationOptions options) {
        // The batch size first: a chunk smaller than the batch is the chunk size's fault.
        MigrationOptions batched = chunks.checked("--batch-size", () -> options.withBatchSize(batchSize));
        return chunks.applyTo(batched);
    }
}
