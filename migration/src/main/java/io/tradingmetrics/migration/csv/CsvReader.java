package io.tradingmetrics.migration.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads RFC 4180 CSV one record at a time: quoted fields may hold commas, doubled quotes and line breaks; CRLF and
 * LF line ends; a UTF-8 byte order mark is skipped; blank lines are skipped. Each record knows the line it starts on
 * and which fields were quoted, so that an unquoted empty field (absent) differs from {@code ""} (an empty string).
 */
public final class CsvReader implements AutoCloseable {
    /**
     * One record.
     *
     * @param line the line number the record starts on, from 1
     * @param fields the field texts
     * @param quoted for each field, whether it was quoted
     */
    public record Record(long line, String[] fields, boolean[] quoted) {
        /** @return whether the field is absent: empty and not quoted */
        public boolean isAbsent(int index) {
            return fields[index].isEmpty() && !quoted[index];
        }
    }

    private final Reader in;
    private final String fileName;
    private long line = 1;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean started;

    /**
     * @param in the file's characters; a {@link CharacterCodingException} from it is reported with the line it is on
     * @param fileName the name errors give
     */
    public CsvReader(Reader in, String fileName) {
        this.in = in;
        this.fileName = fileName;
    }

    /** @return the next record, empty at the end of the file */
    public Optional<Record> next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        while (peek() == '\r' || peek() == '\n') {
            readLineEnd();
        }
        if (peek() == -1) {
            return Optional.empty();
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            int c = read();
            if (c == '"' && field.length() == 0) {
                readQuoted(field, startLine);
                fields.add(field.toString());
                quoted.add(true);
                field.setLength(0);
                int after = peek();
                if (after == ',') {
                    read();
                    continue;
                }
                if (after == '\r' || after == '\n') {
                    readLineEnd();
                    break;
                }
                if (after == -1) {
                    break;
                }
                throw new BadRowException(fileName, line, Optional.empty(),
                        "text after a closing quote; a quote inside a quoted field must be doubled (\"\")");
            }
            if (c == ',' || c == '\r' || c == '\n' || c == -1) {
                fields.add(field.toString());
                quoted.add(false);
                field.setLength(0);
                if (c == ',') {
                    continue;
                }
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                if (c != -1) {
                    line++;
                }
                break;
            }
            field.append((char) c);
        }
        boolean[] quotedArray = new boolean[quoted.size()];
        for (int i = 0; i < quotedArray.length; i++) {
            quotedArray[i] = quoted.get(i);
        }
        return Optional.of(new Record(startLine, fields.toArray(new String[0]), quotedArray));
    }

    private void readQuoted(StringBuilder field, long startLine) throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                throw new BadRowException(fileName, startLine, Optional.empty(),
                        "a quoted field is not closed before the end of the file");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    field.append('"');
                    continue;
                }
                return;
            }
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            field.append((char) c);
        }
    }

    private void readLineEnd() throws IOException {
        int c = read();
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() throws IOException {
        if (position == limit) {
            int n;
            try {
                n = in.read(buffer, 0, buffer.length);
            } catch (CharacterCodingException e) {
                throw new BadRowException(fileName, line, Optional.empty(), "the line holds bytes that are not UTF-8"
                        + " text; convert the file to UTF-8 (for example iconv -f LATIN1 -t UTF-8) and import again");
            }
            if (n <= 0) {
                return -1;
            }
            position = 0;
            limit = n;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        int c = peek();
        if (c != -1) {
            position++;
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
