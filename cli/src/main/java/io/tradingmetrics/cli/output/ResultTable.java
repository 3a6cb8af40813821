package io.tradingmetrics.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The result of one query, ready to print: a title, columns, rows of raw values (Instants, numbers, Optionals,
 * label maps), and optionally a note (for example how long the query took).
 */
public final class ResultTable {
    private final String title;
    private final List<Column> columns;
    private final List<List<Object>> rows = new ArrayList<>();
    private Optional<String> note = Optional.empty();

    public ResultTable(String title, Column... columns) {
        this.title = requireNonNull(title, "title is null");
        this.columns = List.of(columns);
    }

    /** Adds a row; its values line up with the columns. */
    public ResultTable row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size()
                    + " columns");
        }
        rows.add(Arrays.asList(values));
        return this;
    }

    /** Sets the line printed under the title, for example the row count and timing. */
    public ResultTable note(String text) {
        this.note = Optional.of(text);
        return this;
    }

    public String title() {
        return title;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<List<Object>> rows() {
        return rows;
    }

    public Optional<String> note() {
        return note;
    }
}
