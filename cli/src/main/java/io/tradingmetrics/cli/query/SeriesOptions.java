package io.tradingmetrics.cli.query;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code --symbol} and {@code --label}: which points of a metric to read. */
public final class SeriesOptions {
    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "only points of this symbol")
    String symbol;

    @Option(names = "--label", paramLabel = "KEY=VALUE",
            description = "only points with this label (repeatable, all must match)")
    Map<String, String> labels = new LinkedHashMap<>();

    Optional<String> symbol() {
        return Optional.ofNullable(symbol);
    }

    Map<String, String> labels() {
        return labels;
    }
}
