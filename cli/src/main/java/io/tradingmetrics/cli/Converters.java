package io.tradingmetrics.cli;

import io.tradingmetrics.cli.output.OutputFormat;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.Choices;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreTable;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Instant;
import java.util.function.Supplier;

/** Converts option values to the API's types, with the API's own messages naming the valid choices. */
final class Converters {
    private Converters() {}

    static void register(CommandLine commandLine, Supplier<Instant> now) {
        commandLine.registerConverter(Interval.class, spi(Interval::parse));
        commandLine.registerConverter(Aggregation.class, spi(Aggregation::parse));
        commandLine.registerConverter(GapFill.class, spi(GapFill::parse));
        commandLine.registerConverter(Instant.class, spi(text -> TimeExpression.parse(text, now.get())));
        commandLine.registerConverter(StoreTable.class, spi(StoreTable::fromName));
        commandLine.registerConverter(OutputFormat.class,
                spi(text -> Choices.parse(text, OutputFormat.values(), Choices::lowerCase, "format")));
    }

    private static <T> ITypeConverter<T> spi(ITypeConverter<T> parser) {
        return text -> {
            try {
                return parser.convert(text);
            } catch (MetricsStoreException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }
}
