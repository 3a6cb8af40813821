package io.tradingmetrics.cli;

/**
 * Sets slf4j-simple's levels before the first logger exists: warnings only by default, so that the command's own
 * output stays readable; with {@code --verbose}, info from libraries and debug from this project and from Flyway
 * (whose routine messages the stores log at debug, see {@code FlywayLogs}).
 */
final class Logging {
    private Logging() {}

    static void configure(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.io.tradingmetrics", "debug");
            System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "debug");
        }
    }
}
