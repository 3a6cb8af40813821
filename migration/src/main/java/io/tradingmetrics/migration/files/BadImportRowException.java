package io.tradingmetrics.migration.files;

import io.tradingmetrics.storage.api.InvalidInputException;

import java.util.Optional;

/** A row of an imported file cannot be read; nothing of the import was written to the target. */
public class BadImportRowException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String column;

    /**
     * @param file the file's name
     * @param line the line (CSV, counting the header as line 1) or row number (Parquet, from 1)
     * @param column the column's name, or empty when the whole row is at fault
     * @param problem what is wrong and how to fix it
     */
    public BadImportRowException(String file, long line, Optional<String> column, String problem) {
        super(file + " line " + line + column.map(c -> ", column " + c).orElse("") + ": " + problem
                + " (nothing was imported)");
        this.file = file;
        this.line = line;
        this.column = column.orElse("");
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
}
