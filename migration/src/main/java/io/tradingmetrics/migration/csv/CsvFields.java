package io.tradingmetrics.migration.csv;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;

/** Typed access to one record's fields; every failure names file, line and column. */
final class CsvFields {
    private final String fileName;
    private final CsvReader.Record record;
    private final CsvLayout layout;

    CsvFields(String fileName, CsvReader.Record record, CsvLayout layout) {
        this.fileName = fileName;
        this.record = record;
        this.layout = layout;
        if (record.fields().length != layout.width()) {
            throw new BadRowException(fileName, record.line(), Optional.empty(), "the record has "
                    + record.fields().length + " fields but the header has " + layout.width()
                    + "; quote fields that hold commas or line breaks");
        }
    }

    Instant timestamp(String column) {
        return parse(column, requirePresent(column), CsvValues::parseTimestamp);
    }

    String text(String column) {
        return requirePresent(column);
    }

    Optional<String> optionalText(String column) {
        int position = layout.position(column);
        return position < 0 || record.isAbsent(position) ? Optional.empty() : Optional.of(record.fields()[position]);
    }

    /** An empty field is NaN: pandas writes a missing number as nothing. */
    double number(String column) {
        int position = layout.position(column);
        if (record.isAbsent(position)) {
            return Double.NaN;
        }
        return parse(column, record.fields()[position], CsvValues::parseDouble);
    }

    OptionalDouble optionalNumber(String column) {
        Optional<String> text = optionalText(column);
        return text.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(parse(column, text.get(),
                CsvValues::parseDouble));
    }

    long wholeNumber(String column) {
        return parse(column, requirePresent(column), CsvValues::parseLong);
    }

    OptionalInt optionalInt(String column) {
        Optional<String> text = optionalText(column);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        long value = parse(column, text.get(), CsvValues::parseLong);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw fail(column, "'" + text.get() + "' does not fit a 32-bit integer");
        }
        return OptionalInt.of((int) value);
    }

    Map<String, String> labels(String column) {
        Optional<String> text = optionalText(column);
        return text.isEmpty() ? Map.of() : parse(column, text.get(), CsvValues::parseLabels);
    }

    BadRowException fail(String column, String problem) {
        return new BadRowException(fileName, record.line(), Optional.of(column), problem);
    }

    /** @return the exception for a row whose values are readable but not acceptable together */
    BadRowException failRow(String problem) {
        return new BadRowException(fileName, record.line(), Optional.empty(), problem);
    }

    private String requirePresent(String column) {
        int position = layout.position(column);
        if (record.isAbsent(position)) {
            throw fail(column, "the field is empty; this column needs a value");
        }
        return record.fields()[position];
    }

    private <V> V parse(String column, String text, Function<String, V> parser) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw fail(column, e.getMessage());
        }
    }
}
