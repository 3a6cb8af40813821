package io.tradingmetrics.storage.jdbc;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's messages through SLF4J, one level lower than Flyway gives them: its INFO lines (about a dozen per open:
 * the database and its version, the history table, "schema is up to date", plug-in notices) are routine for a store
 * that checks its schema on every open, so they go to DEBUG, and Flyway's DEBUG goes to TRACE. Warnings and errors
 * keep their level. Loggers keep Flyway's class names ({@code org.flywaydb...}), so an app or the CLI shows them by
 * enabling DEBUG for {@code org.flywaydb}. No logging backend is chosen here: SLF4J's binding is the app's.
 *
 * <p>Flyway takes its log creator by class name ({@code loggers} option) and holds it JVM-wide until a Flyway
 * configured otherwise is loaded, which is why this class is public and has a public constructor.
 */
public final class FlywayLogs implements LogCreator {

    /** Instantiated by Flyway from {@link org.flywaydb.core.api.configuration.FluentConfiguration#loggers}. */
    public FlywayLogs() {}

    @Override
    public Log createLogger(Class<?> type) {
        return new LoweredLog(LoggerFactory.getLogger(type));
    }

    private record LoweredLog(Logger logger) implements Log {
        @Override
        public boolean isDebugEnabled() {
            return logger.isTraceEnabled();
        }

        @Override
        public void debug(String message) {
            logger.trace(message);
        }

        @Override
        public void info(String message) {
            logger.debug(message);
        }

        @Override
        public void notice(String message) {
            logger.debug(message);
        }

        @Override
        public void warn(String message) {
            logger.warn(message);
        }

        @Override
        public void error(String message) {
            logger.error(message);
        }

        @Override
        public void error(String message, Exception e) {
            logger.error(message, e);
        }
    }
}
