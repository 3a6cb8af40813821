package io.tradingmetrics.cli.migration;

import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code --tables}, {@code --since}, {@code --until}: which rows a migration, verification or export covers. */
final class ScopeOptions {
    @Option(names = "--tables", split = ",", paramLabel = "TABLE",
            description = "tables, comma-separated: trading_metrics, candles, performance_history (default: all)")
    List<StoreTable> tables = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME",
            description = "first instant included: ISO-8601, a date, now or relative (-7d) (default: the beginning)")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", description = "first instant excluded; same forms (default: the end)")
    Instant until;

    List<StoreTable> tables() {
        if (tables.isEmpty()) {
            return List.of(StoreTable.values());
        }
        return List.copyOf(tables);
    }

    TimeRange range(CommandLine commandLine) {
        Instant from = since == null ? Timestamps.MIN : since;
        Instant to = until == null ? Timestamps.MAX : until;
        if (to.isBefore(from)) {
            throw new CommandLine.ParameterException(commandLine, "--until " + to + " is before --since " + from
                    + "; give the earlier time as --since");
        }
        return TimeRange.of(from, to);
    }
}
