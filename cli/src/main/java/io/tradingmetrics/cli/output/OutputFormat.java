package io.tradingmetrics.cli.output;

/** How result tables are printed. */
public enum OutputFormat {
    /** Aligned columns for people, numbers rounded for reading. */
    TABLE,
    /** RFC 4180 comma-separated values with a header row, full precision. */
    CSV,
    /** A JSON array of objects, one per row, full precision. */
    JSON
}
