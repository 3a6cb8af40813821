package io.tradingmetrics.cli.migration;

import io.tradingmetrics.migration.MigrationOptions;
import io.tradingmetrics.migration.VerifyOptions;
import io.tradingmetrics.storage.api.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.function.Supplier;

/**
 * {@code --chunk-rows} and {@code --parallel}: how a copy or a comparison splits each table, and how many pieces it
 * works on at once. A value the migration module refuses is a usage error (exit code 2) naming the option.
 */
final class ChunkOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--chunk-rows", paramLabel = "ROWS", defaultValue = "" + MigrationOptions.DEFAULT_CHUNK_ROWS,
            description = "source rows per chunk, the piece that is checkpointed and compared "
                    + "(default: ${DEFAULT-VALUE})")
    long chunkRows;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + MigrationOptions.DEFAULT_PARALLELISM,
            description = "chunks worked on at once (default: ${DEFAULT-VALUE})")
    int parallel;

    /** @throws CommandLine.ParameterException when the module refuses a value */
    MigrationOptions applyTo(MigrationOptions options) {
        MigrationOptions chunked = checked("--chunk-rows", () -> options.withChunkRows(chunkRows));
        return checked("--parallel", () -> chunked.withParallelism(parallel));
    }

    /** @throws CommandLine.ParameterException when the module refuses a value */
    VerifyOptions applyTo(VerifyOptions options) {
        VerifyOptions chunked = checked("--chunk-rows", () -> options.withChunkRows(chunkRows));
        return checked("--parallel", () -> chunked.withParallelism(parallel));
    }

    /** @return the options the supplier gives; a refused value as a usage error naming the option */
    <T> T checked(String option, Supplier<T> options) {
        try {
            return options.get();
        } catch (InvalidInputException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "invalid value for option '" + option
                    + "': " + e.getMessage());
        }
    }
}
