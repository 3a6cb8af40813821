package io.tradingmetrics.storage.timescale;

/** Quoting of identifiers the store splices into SQL (schema names come from configuration). */
final class SqlNames {
    private SqlNames() {}

    /** @return the identifier as a quoted PostgreSQL identifier, inner quotes doubled */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
