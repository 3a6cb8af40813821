package io.tradingmetrics.migration.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each known column sits in a file, from its header. Columns are matched by name (case and surrounding spaces
 * ignored), in any order. An index column without a name (pandas), {@code Unnamed: 0}, {@code index} and {@code id}
 * are skipped; any other unknown column is refused so that no data is silently dropped.
 */
final class CsvLayout {
    private static final Set<String> SKIPPED = Set.of("", "index", "id");

    private final Map<String, Integer> positions;
    private final int width;

    private CsvLayout(Map<String, Integer> positions, int width) {
        this.positions = positions;
        this.width = width;
    }

    static CsvLayout of(String fileName, CsvReader.Record header, List<String> required, List<String> optional) {
        Map<String, Integer> positions = new HashMap<>();
        String[] names = header.fields();
        for (int i = 0; i < names.length; i++) {
            String name = names[i].trim().toLowerCase(Locale.ROOT);
            if (SKIPPED.contains(name) || name.startsWith("unnamed:")) {
                continue;
            }
            if (!required.contains(name) && !optional.contains(name)) {
                throw new BadRowException(fileName, header.line(), Optional.of(names[i]),
                        "unknown column '" + names[i] + "'; this table's columns are " + String.join(", ", required)
                                + (optional.isEmpty() ? "" : " and optionally " + String.join(", ", optional))
                                + ". Remove the column (or rename it) so that no data is dropped unnoticed");
            }
            if (positions.put(name, i) != null) {
                throw new BadRowException(fileName, header.line(), Optional.of(names[i]),
                        "column '" + names[i] + "' appears twice in the header");
            }
        }
        for (String name : required) {
            if (!positions.containsKey(name)) {
                throw new BadRowException(fileName, header.line(), Optional.empty(),
                        "the header lacks column '" + name + "'; this table needs " + String.join(", ", required)
                                + ". Is the file for another table? Name it after its table or give the table");
            }
        }
        return new CsvLayout(positions, names.length);
    }

    /** @return the column's position, or -1 when the file does not have it */
    int position(String column) {
        return positions.getOrDefault(column, -1);
    }

    /** @return how many fields every record must have */
    int width() {
        return width;
    }
}
