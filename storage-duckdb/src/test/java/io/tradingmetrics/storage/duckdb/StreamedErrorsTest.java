package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricsStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With streamed results DuckDB's driver reports every failure of a query as "Invalid result set"; the store's
 * connections report DuckDB's own error instead, and a read's error is labelled as a read's.
 */
class StreamedErrorsTest {
    private static final String OVERFLOW = "SELECT CAST(? AS TINYINT) * CAST(100 AS TINYINT)";

    @TempDir
    Path folder;

    @Test
    void aFailedReadReportsDuckDbsOwnErrorWithItsParameters() throws Exception {
        try (DuckDbConnectionSource source = DuckDbConnectionSource.open(DuckDbStoreConfig.of(
                folder.resolve("e.duckdb").toString()))) {
            Connection connection = source.borrow();
            try (PreparedStatement statement = connection.prepareStatement(OVERFLOW)) {
                statement.setString(1, "2");

                assertThatThrownBy(statement::executeQuery).isInstanceOf(SQLException.class)
                        .hasMessageStartingWith("Out of Range Error: Overflow in multiplication of INT8 (2 * 100)!");
            }
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery("SELECT CAST('x' AS INTEGER)"))
                        .hasMessageStartingWith("Conversion Error: Could not convert string 'x' to INT32");
            }
            source.giveBack(connection, false);
        }
    }

    @Test
    void theDriverAloneHidesTheCauseWhichIsWhyTheWrapperExists() throws Exception {
        try (DuckDbConnectionSource source = DuckDbConnectionSource.open(DuckDbStoreConfig.of(
                folder.resolve("h.duckdb").toString()));
             Connection raw = source.newDuplicate(); PreparedStatement statement = raw.prepareStatement(OVERFLOW)) {
            statement.setString(1, "2");

            assertThatThrownBy(statement::executeQuery).hasMessage("Invalid Input Error: Invalid result set");
        }
    }

    @Test
    void aReadsRefusedValueIsNotCalledARefusedWriteAndKeepsItsCause() {
        DuckDbErrorTranslator errors = new DuckDbErrorTranslator("the DuckDB file /x.duckdb");
        SQLException overflow = new SQLException("Out of Range Error: Overflow in multiplication of INT8 (2 * 100)!");

        MetricsStoreException read = errors.translateRead("aggregate metrics", overflow);
        MetricsStoreException write = errors.translate("insert 1 metric points", overflow);

        assertThat(read).isInstanceOf(InvalidInputException.class).hasCause(overflow)
                .hasMessage("cannot aggregate metrics in the DuckDB file /x.duckdb: Out of Range Error: Overflow in"
                        + " multiplication of INT8 (2 * 100)!; the database could not compute the result from the"
                        + " query's arguments and the stored values: check the arguments (a read changes nothing)");
        assertThat(write).isInstanceOf(InvalidInputException.class).hasCause(overflow)
                .hasMessageEndingWith("; the database refused a value: correct it and retry (a refused write stores"
                        + " nothing)");
    }

    @Test
    void aHiddenCauseThatCannotBeRecoveredIsNotCalledABadValue() {
        DuckDbErrorTranslator errors = new DuckDbErrorTranslator("the DuckDB file /x.duckdb");

        MetricsStoreException translated = errors.translateRead("query metrics",
                new SQLException("Invalid Input Error: Invalid result set"));

        assertThat(translated).isNotInstanceOf(InvalidInputException.class)
                .hasMessage("cannot query metrics in the DuckDB file /x.duckdb: DuckDB reported only 'Invalid Input"
                        + " Error: Invalid result set', without the cause; check the store's health, which reads every"
                        + " stored block, and retry");
    }
}
