package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.StoreConfigException;

import java.util.Locale;

/** Whether the store uses the TimescaleDB extension ({@code metrics.store.timescale.timescaledb}). */
public enum TimescaleMode {
    /** Use TimescaleDB when the server has it, plain PostgreSQL otherwise. */
    AUTO,
    /** Refuse to start without TimescaleDB. */
    REQUIRED,
    /** Plain PostgreSQL tables and SQL, even where TimescaleDB is installed. */
    OFF;

    /**
     * @return the mode of that name, case-insensitive; {@code true} and {@code false} stand for required and off
     * @throws StoreConfigException naming the valid values
     */
    public static TimescaleMode parse(String text, String key) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "auto" -> AUTO;
            case "required", "true", "on" -> REQUIRED;
            case "off", "false" -> OFF;
            default -> throw new StoreConfigException(key + " = '" + text + "' is not a mode; valid modes: auto,"
                    + " required, off");
        };
    }

    /** @return the name used in configuration */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
