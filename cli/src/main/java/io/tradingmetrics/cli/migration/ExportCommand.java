package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.cli.StoreSpec;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.files.ExportOptions;
import io.tradingmetrics.migration.files.ExportReport;
import io.tradingmetrics.migration.files.FileFormat;
import io.tradingmetrics.migration.files.StoreExporter;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code metrics export}: a backup of the store, one file per table and a manifest of counts and checksums. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the store's tables to files in a directory (trading_metrics.parquet, candles.parquet, "
                + "performance_history.parquet, or .csv) and manifest.json with each file's rows and checksum. "
                + "The store is the one of --store or --config."})
public final class ExportCommand extends StoreCommand {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the export directory, new or empty")
    Path directory;

    @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
            converter = FileFormatConverter.class, description = "parquet or csv (default: ${DEFAULT-VALUE})")
    FileFormat format;

    @Mixin
    ScopeOptions scope;

    @Override
    public Integer call() {
        StoreSpec store = selectedStore();
        announce(store);
        ExportOptions options = new ExportOptions(format, scope.tables(), scope.range(spec.commandLine()));
        try (MetricsStore source = store.open(OpenMode.READ_ONLY)) {
            ExportReport report = new StoreExporter(CliProgressListener.on(err())).export(
                    RowSource.of(store.describe(), source), directory, options);
            out().println(report.summary());
            out().flush();
            return 0;
        }
    }
}
