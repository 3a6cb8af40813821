package io.tradingmetrics.cli.query;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code metrics query}: the dashboard reads, one subcommand each. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Reads the store: raw points, aggregations, latest values, candles.",
        subcommands = {
                RawQueryCommand.class,
                AggregateQueryCommand.class,
                LatestQueryCommand.class,
                CandlesQueryCommand.class,
        })
public final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a query: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
