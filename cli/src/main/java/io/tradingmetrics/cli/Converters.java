package io.tradingmetrics.cli;

import io.tradingmetrics.cli.output.OutputFormat;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricsStoreException;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Converts option values to the SPI's types, with the SPI's own messages naming the valid choices. */
final class Converters {
    private Converters() {}

    static void register(CommandLine commandLine, Supplier<Instant> now) {
        commandLine.registerConverter(Interval.class, spi(Interval::parse));
        commandLine.registerConverter(Aggregation.class, spi(Aggregation::parse));
        commandLine.registerConverter(GapFill.class, spi(GapFill::parse));
        commandLine.registerConverter(Instant.class, spi(text -> TimeExpression.parse(text, now.get())));
        commandLine.registerConverter(OutputFormat.class, Converters::format);
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

    private static OutputFormat format(String text) {
        try {
            return OutputFormat.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("unknown format '" + text + "'; valid formats: "
                    + Arrays.stream(OutputFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
    }
}
