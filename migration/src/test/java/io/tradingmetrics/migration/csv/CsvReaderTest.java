package io.tradingmetrics.migration.csv;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    private static List<CsvReader.Record> read(String text) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(text), "t.csv");
        List<CsvReader.Record> records = new ArrayList<>();
        for (Optional<CsvReader.Record> r = reader.next(); r.isPresent(); r = reader.next()) {
            records.add(r.get());
        }
        return records;
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaksAndCountsLines() throws IOException {
        List<CsvReader.Record> records = read("\uFEFFa,b,c\r\n1,\"x,\"\"y\"\"\nz\",\r\n\n2,\"\",3");
        assertThat(records).hasSize(3);
        assertThat(records.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(records.get(1).fields()).containsExactly("1", "x,\"y\"\nz", "");
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(1).isAbsent(2)).isTrue();
        assertThat(records.get(2).line()).isEqualTo(5);
        assertThat(records.get(2).isAbsent(1)).isFalse();
        assertThat(records.get(2).fields()[1]).isEmpty();
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws IOException {
        StringWriter text = new StringWriter();
        CsvWriter writer = new CsvWriter(text);
        writer.writeRecord("plain", null, "", "a,b", "q\"uote", "line\r\nbreak");
        writer.flush();
        CsvReader.Record record = read(text.toString()).get(0);
        assertThat(record.fields()).containsExactly("plain", "", "", "a,b", "q\"uote", "line\r\nbreak");
        assertThat(record.isAbsent(1)).isTrue();
        assertThat(record.isAbsent(2)).isFalse();
    }

    @Test
    void anUnclosedQuoteNamesTheLineItStartsOn() {
        assertThatThrownBy(() -> read("a,b\n1,\"open\n\n")).isInstanceOf(BadRowException.class)
                .hasMessageContaining("t.csv line 2").hasMessageContaining("not closed");
    }
}
