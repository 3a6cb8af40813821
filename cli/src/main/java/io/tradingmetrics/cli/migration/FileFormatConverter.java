package io.tradingmetrics.cli.migration;

import io.tradingmetrics.migration.files.FileFormat;
import io.tradingmetrics.storage.api.MetricsStoreException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code parquet} or {@code csv}, with the library's message for anything else. */
final class FileFormatConverter implements ITypeConverter<FileFormat> {
    @Override
    public FileFormat convert(String value) {
        try {
            return FileFormat.fromName(value);
        } catch (MetricsStoreException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
