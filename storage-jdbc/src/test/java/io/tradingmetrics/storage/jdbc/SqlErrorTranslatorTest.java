package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class SqlErrorTranslatorTest {
    private final SqlErrorTranslator errors = new SqlErrorTranslator("the server db:5432");

    @Test
    void classifiesBySqlStateAndNamesActionPlaceAndCause() {
        MetricsStoreException down = errors.translate("read candles", new SQLException("refused", "08001"));
        assertThat(down).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot read candles in the server db:5432: refused");
        assertThat(errors.translate("x", new SQLException("bad", "22003"))).isInstanceOf(InvalidInputException.class);
        assertThat(errors.translate("x", new SQLException("dup", "23505"))).isInstanceOf(InvalidInputException.class);
        assertThat(errors.translate("x", new SQLException("no table", "42P01"))).isInstanceOf(SchemaException.class)
                .hasMessageContaining("open the store for migrating its schema (migrate-on-start = true)");
        assertThat(errors.translate("x", new SQLException("other", "XX000"))).isExactlyInstanceOf(MetricsStoreException.class);
        assertThat(errors.isTransientConflict(new SQLException("serialization", "40001"))).isTrue();
        assertThat(errors.isTransientConflict(new SQLException("other", (String) null))).isFalse();
    }
}
