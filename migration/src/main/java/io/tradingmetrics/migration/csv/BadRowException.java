package io.tradingmetrics.migration.csv;

import io.tradingmetrics.storage.api.InvalidInputException;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A row of a file cannot be read; the message names the file, the line, the column and the problem. */
public class BadRowException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String column;
    private final String problem;

    /**
     * @param file the file's name
     * @param line the line (CSV, counting the header as line 1) or row number (Parquet, from 1)
     * @param column the column's name, or empty when the whole row is at fault
     * @param problem what is wrong and how to fix it
     */
    public BadRowException(String file, long line, Optional<String> column, String problem) {
        this(file, line, column, problem, "");
    }

    /** @param consequence appended to the message, for example what was not done because of the row */
    protected BadRowException(String file, long line, Optional<String> column, String problem, String consequence) {
        super(requireNonNull(file, "file is null") + " line " + line + column.map(c -> ", column " + c).orElse("")
                + ": " + requireNonNull(problem, "problem is null") + consequence);
        this.file = file;
        this.line = line;
        this.column = column.orElse("");
        this.problem = problem;
    }

    /** @return the file's name */
    public String file() {
        return file;
    }

    /** @return the line or row number */
    public long line() {
        return line;
    }

    /** @return the column's name, empty when the whole row is at fault */
    public String column() {
        return column;
    }

    /** @return what is wrong with the row, without file, line and column */
    public String problem() {
        return problem;
    }
}
