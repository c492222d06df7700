package io.orgbase.datajob;

import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read record by record, never whole: decoded strictly (a byte sequence that is not
 * valid in the file's charset fails the job, rather than importing replacement characters), a
 * leading byte-order mark dropped, at most {@value #MAX_COLUMNS} columns and {@value
 * #MAX_RECORD_CHARS} characters per record (a chunk holds a thousand records).
 */
public final class CsvInput implements Closeable {

    public static final int MAX_COLUMNS = 1000;
    public static final int MAX_RECORD_CHARS = 1 << 16;

    private final LimitedReader limited;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;

    /** A file that cannot be read as the CSV it claims to be. */
    public static final class BadFile extends RuntimeException {
        public BadFile(String message) {
            super(message);
        }
    }

    public CsvInput(Path file, Charset charset, char delimiter) throws IOException {
        Reader decoded = new InputStreamReader(
                Files.newInputStream(file),
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        this.limited = new LimitedReader(withoutByteOrderMark(decoded));
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
                .setIgnoreEmptyLines(true)
                .setTrim(false)
                .get();
        try {
            this.parser =
                    CSVParser.builder().setReader(limited).setFormat(format).get();
        } catch (CharacterCodingException e) {
            limited.close();
            throw encoding(charset);
        } catch (BadFile e) {
            limited.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            limited.close();
            throw new BadFile("the header row cannot be read: " + message(e));
        }
        this.header = parser.getHeaderNames();
        if (header.isEmpty()) {
            close();
            throw new BadFile("the file has no header row");
        }
        if (header.size() > MAX_COLUMNS) {
            close();
            throw new BadFile("the file has " + header.size() + " columns; at most " + MAX_COLUMNS + " are read");
        }
        this.records = parser.iterator();
        this.charset = charset;
        limited.mark();
    }

    private final Charset charset;

    public List<String> header() {
        return header;
    }

    /** The next record, or null at the end. */
    public CSVRecord next() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            limited.mark();
            return record;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw encoding(charset);
            }
            throw new BadFile(message(e));
        } catch (IllegalStateException e) {
            throw new BadFile(message(e));
        }
    }

    private static BadFile encoding(Charset charset) {
        return new BadFile("the file is not valid " + charset.name()
                + " text (name its encoding with the charset option, such as windows-1252)");
    }

    private static String message(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        } else {
            limited.close();
        }
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /** Fails a record (with what the parser reads ahead) longer than the limit. */
    private static final class LimitedReader extends FilterReader {
        private long sinceMark;

        LimitedReader(Reader in) {
            super(in);
        }

        void mark() {
            sinceMark = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c == -1 ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            sinceMark += n;
            if (sinceMark > MAX_RECORD_CHARS + 65_536L) {
                throw new BadFile("a record is longer than " + MAX_RECORD_CHARS + " characters");
            }
        }
    }
}
