package io.tradingmetrics.cli.query;

import io.tradingmetrics.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/** {@code --format table|csv|json}. */
public final class FormatOption {
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, csv or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;
}
