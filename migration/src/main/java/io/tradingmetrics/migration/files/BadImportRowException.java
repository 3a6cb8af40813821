package io.tradingmetrics.migration.files;

import io.tradingmetrics.migration.csv.BadRowException;

import java.util.Optional;

/** A row of an imported file cannot be read; nothing of the import was written to the target. */
public class BadImportRowException extends BadRowException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the file's name
     * @param line the line (CSV, counting the header as line 1) or row number (Parquet, from 1)
     * @param column the column's name, or empty when the whole row is at fault
     * @param problem what is wrong and how to fix it
     */
    public BadImportRowException(String file, long line, Optional<String> column, String problem) {
        super(file, line, column, problem, " (nothing was imported)");
    }

    /** @return the same fault, as the reason an import stopped */
    static BadImportRowException of(BadRowException e) {
        if (e instanceof BadImportRowException already) {
            return already;
        }
        BadImportRowException imported = new BadImportRowException(e.file(), e.line(),
                e.column().isEmpty() ? Optional.empty() : Optional.of(e.column()), e.problem());
        imported.initCause(e);
        return imported;
    }
}
