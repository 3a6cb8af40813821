package io.tradingmetrics.cli.query;

import io.tradingmetrics.storage.api.TimeRange;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Instant;

/** {@code --from} and {@code --to}: a half-open time range, by default the last hour. */
public final class RangeOptions {
    @Option(names = "--from", defaultValue = "-1h", paramLabel = "TIME",
            description = "start, included: ISO-8601 (2026-11-24T10:00:00Z), a date, now, or relative (-1h, -7d)"
                    + " (default: ${DEFAULT-VALUE})")
    Instant from;

    @Option(names = "--to", defaultValue = "now", paramLabel = "TIME",
            description = "end, excluded; same forms (default: ${DEFAULT-VALUE})")
    Instant to;

    /** @return the range, or a usage error when it ends before it starts */
    TimeRange range(CommandLine commandLine) {
        if (to.isBefore(from)) {
            throw new CommandLine.ParameterException(commandLine, "--to " + to + " is before --from " + from
                    + "; give the earlier time as --from");
        }
        return TimeRange.of(from, to);
    }
}
