package io.tradingmetrics.migration.files;

import io.tradingmetrics.storage.api.InvalidInputException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats of exports and imports. */
public enum FileFormat {
    /** Apache Parquet: typed columns, compressed; timestamps as TIMESTAMPTZ microseconds, labels as JSON text. */
    PARQUET("parquet"),
    /** RFC 4180 CSV with a header row; ISO-8601 UTC timestamps with microseconds, labels as JSON. */
    CSV("csv");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    /** @return the file name extension, without dot */
    public String extension() {
        return extension;
    }

    /** @return the format of a name such as {@code parquet} or {@code CSV} */
    public static FileFormat fromName(String name) {
        for (FileFormat format : values()) {
            if (format.extension.equalsIgnoreCase(name.trim())) {
                return format;
            }
        }
        throw new InvalidInputException("unknown file format '" + name + "'; use parquet or csv");
    }

    /** @return the format a file's extension names, empty for another extension */
    public static Optional<FileFormat> ofFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (FileFormat format : values()) {
            if (name.endsWith("." + format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** @return the file name stem: the name without this format's extension */
    String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - extension.length() - 1);
    }
}
