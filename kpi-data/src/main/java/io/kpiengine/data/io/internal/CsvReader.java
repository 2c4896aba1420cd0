package io.kpiengine.data.io.internal;

import io.kpiengine.data.Dictionary;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.ColumnFormat;
import io.kpiengine.data.io.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Reads CSV records from bytes into columnar batches: the streaming, byte-level parser behind
 * {@code CsvSource} and each of its partitions.
 *
 * <p><b>Buffering.</b> Bytes are read into one growing {@code byte[]}; a record is always parsed from its first
 * byte. When a record runs past the bytes read so far, the unread rest of the buffer (from the record's start)
 * moves to the front, more bytes are read and the record is tokenized again. The buffer only grows for a record
 * longer than the buffer, up to the record limit.
 *
 * <p><b>Grammar.</b> RFC 4180: fields separated by the delimiter, records by LF, CRLF or a lone CR; a field that
 * starts with the quote runs to the next lone quote, with doubled quotes standing for one and line breaks kept.
 * Record boundaries follow quote parity (every quote toggles "inside quotes"), which is what makes the file
 * splittable by counting quotes. A field whose quotes are not of that form (a quote inside an unquoted field,
 * text after a closing quote) makes the record malformed. A line that holds nothing at all is skipped.
 *
 * <p><b>Recovery.</b> A malformed record, a quote left open at the end of the input and a record longer than
 * the limit are rejected; when such a record spans several lines only its first line is rejected, and reading
 * resumes on the next line, so one stray quote costs one line and not the rest of the file.
 *
 * <p><b>A cut input.</b> The last record of the input that has no line break after it and could not be read (too
 * few fields, a quote left open, a value cut short that no longer parses) is not one bad record but the sign of
 * an input cut off in the middle of a record (still being written, or copied incompletely): the reader throws
 * {@link SourceException} instead of rejecting it. At the end of the input the reader runs the check given to
 * {@link #onEnd(Runnable)} (a file source checks that the file did not change while it was read).
 *
 * <p><b>Partitions.</b> A reader may start at any record start of a file and stop at an end offset that is
 * resolved lazily (when the first record at or after the nominal end is reached). A record that begins before
 * the end offset and ends after it proves that the partitions do not meet at a record boundary; the reader then
 * throws rather than yield records twice or lose them.
 *
 * <p>Not thread-safe: one reader per partition.
 */
public final class CsvReader implements AutoCloseable {

    /** Lexical settings: what the bytes are and how records are delimited. */
    public record Settings(String name, Charset charset, String encoding, boolean transcoded, byte delimiter,
            byte quote, int batchSize, int maxRecordBytes) {
    }

    private static final int NEED_MORE = -1;
    private static final int HIGH = 1;
    private static final int MALFORMED = 2;
    private static final int UNBALANCED = 4;

    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private static final int K_OTHER = 0;
    private static final int K_INTEGER = 1;
    private static final int K_EXACT = 2;
    private static final int K_DOUBLE = 3;
    private static final int K_TIMESTAMP = 4;
    private static final int K_DATE = 5;
    private static final int K_CATEGORY = 6;
    private static final int K_TEXT = 7;

    private static final int END = 0;
    private static final int RECORD = 1;

    private final Settings settings;
    private final String name;
    private final ByteInput input;
    private final byte delimiter;
    private final byte quote;
    private final boolean[] special = new boolean[256];
    private final boolean utf8;
    private final long delimiters;
    private final long quotes;

    private byte[] buf;
    private int pos;
    private int limit;
    private long bufStart;
    private boolean eof;
    private long line;

    private long nominalEnd = Long.MAX_VALUE;
    private LongSupplier endResolver;
    private long end = -1;

    private int[] fs = new int[16];
    private int[] fe = new int[16];
    private boolean[] fesc = new boolean[16];
    private int nf;
    private int recContentEnd;
    private int recBreaks;
    private int recFirstBreak;
    private int recFlags;
    private int malformedField;

    private Schema schema;
    private ColumnParser[] parsers;
    private int[] kinds;
    private int[] fieldOfColumn;
    private int[] order;
    private int expectedFields;
    private String fieldCountRule;
    private BudgetTracker budget;

    private long[] rowNumbers;
    private int rows;
    private List<RejectedRow> rejected;
    private boolean done;
    private boolean readAny;
    private Runnable endCheck;

    /**
     * Creates a reader.
     *
     * @param settings the lexical settings
     * @param input the bytes, closed with this reader
     * @param startOffset the offset of the first byte of {@code input} in its file (0 for streams)
     * @param startLine the line number of the first byte
     */
    public CsvReader(Settings settings, ByteInput input, long startOffset, long startLine) {
        this.settings = settings;
        this.name = settings.name();
        this.input = input;
        this.delimiter = settings.delimiter();
        this.quote = settings.quote();
        this.utf8 = settings.transcoded() || settings.charset().equals(StandardCharsets.UTF_8);
        special[delimiter & 0xFF] = true;
        special[quote & 0xFF] = true;
        special['\n'] = true;
        special['\r'] = true;
        this.delimiters = (delimiter & 0xFFL) * LOW_BITS;
        this.quotes = (quote & 0xFFL) * LOW_BITS;
        this.buf = new byte[Math.min(1 << 18, Math.max(1024, settings.maxRecordBytes()))];
        this.bufStart = startOffset;
        this.line = startLine;
    }

    /**
     * Limits this reader to the records that start before an end offset, resolved when first needed.
     *
     * @param nominal records that start before this offset never need the exact end
     * @param resolver computes the exact end offset (at or after {@code nominal})
     */
    public void limit(long nominal, LongSupplier resolver) {
        this.nominalEnd = nominal;
        this.endResolver = resolver;
    }

    /**
     * A check to run when this reader reaches its end (the end of the input, or of its partition), before the
     * last batch is returned; it throws to fail the source.
     *
     * @param check the check
     */
    public void onEnd(Runnable check) {
        this.endCheck = check;
    }

    /**
     * Binds the columns: from here on, records are read into batches.
     *
     * @param schema the schema
     * @param fieldOfColumn for each column, the field that holds it, or -1 when the file lacks it
     * @param expectedFields the number of fields every record must have
     * @param fieldCountRule the end of the wrong-field-count message, e.g. "the header has 8"
     * @param formats the format of each column
     * @param dictionaries the shared dictionary of each CATEGORY column (null for others)
     * @param budget the shared error budget
     */
    public void bind(Schema schema, int[] fieldOfColumn, int expectedFields, String fieldCountRule,
            ColumnFormat[] formats, Dictionary[] dictionaries, BudgetTracker budget) {
        this.schema = schema;
        this.fieldOfColumn = fieldOfColumn.clone();
        this.expectedFields = expectedFields;
        this.fieldCountRule = fieldCountRule;
        this.budget = budget;
        this.parsers = new ColumnParser[schema.size()];
        this.kinds = new int[schema.size()];
        List<Integer> failing = new ArrayList<>();
        List<Integer> safe = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            parsers[c] = ColumnParsers.create(schema.column(c), formats[c], settings.charset(), dictionaries[c]);
            ColumnParsers.setQuote(parsers[c], quote);
            kinds[c] = kindOf(parsers[c]);
            (parsers[c].canFail() ? failing : safe).add(c);
        }
        // columns that may reject a value come first, so that a rejected record never reaches a dictionary
        failing.addAll(safe);
        this.order = failing.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Makes the TEXT columns attach {@link io.kpiengine.data.internal.TextHash} values to the batches read from now on
     * (see {@link ColumnParsers#hashText}); call after {@link #bind}.
     *
     * @return true if at least one column will attach them
     */
    public boolean hashText() {
        boolean any = false;
        for (ColumnParser p : parsers) {
            any |= ColumnParsers.hashText(p);
        }
        return any;
    }

    /**
     * The file offset of the next unread byte.
     *
     * @return the offset
     */
    public long offset() {
        return bufStart + pos;
    }

    /**
     * The line number of the next unread byte.
     *
     * @return the 1-based line
     */
    public long line() {
        return line;
    }

    /**
     * Whether any batch was read.
     *
     * @return true once {@link #next()} was called
     */
    public boolean started() {
        return readAny;
    }

    /** Skips a UTF-8 byte-order mark at the current position. */
    public void skipUtf8Bom() {
        while (limit - pos < 3 && !eof) {
            fill();
        }
        if (limit - pos >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB
                && (buf[pos + 2] & 0xFF) == 0xBF) {
            pos += 3;
        }
    }

    /**
     * Reads the first record as text (the header), skipping blank lines.
     *
     * @return the fields, or null when the input has no record
     */
    public List<String> readHeader() {
        while (true) {
            if (pos >= limit && !fill()) {
                return null;
            }
            int next = tokenize(pos);
            if (next == NEED_MORE) {
                if (limit - pos >= settings.maxRecordBytes()) {
                    throw new SourceException(name, line, "the header is longer than the limit of "
                            + settings.maxRecordBytes() + " bytes (is a quote unbalanced?)", null);
                }
                fill();
                continue;
            }
            if (isBlank()) {
                advance(next);
                continue;
            }
            if ((recFlags & (MALFORMED | UNBALANCED)) != 0) {
                throw new SourceException(name, line, "the header " + quoteProblem(), null);
            }
            if ((recFlags & HIGH) != 0) {
                String bad = encodingProblem(pos, recContentEnd);
                if (bad != null) {
                    throw new SourceException(name, line, "the header has " + bad, null);
                }
            }
            List<String> fields = new ArrayList<>(nf);
            byte[] scratch = new byte[recContentEnd - pos];
            for (int f = 0; f < nf; f++) {
                int n = ColumnParsers.unescape(buf, fs[f], fe[f], quote, scratch);
                fields.add(new String(scratch, 0, n, settings.charset()));
            }
            advance(next);
            return fields;
        }
    }

    private void advance(int next) {
        line += recBreaks + (next > recContentEnd ? 1 : 0);
        pos = next;
    }

    private boolean isBlank() {
        return nf == 1 && fs[0] == pos && fe[0] == pos && (recFlags & (MALFORMED | UNBALANCED)) == 0;
    }

    /**
     * Reads the next batch.
     *
     * @return the batch, or null at the end
     * @throws SourceException on an I/O failure or a partition that does not end at a record boundary
     */
    public RecordBatch next() {
        if (done) {
            return null;
        }
        readAny = true;
        budget.checkStopped();
        int size = settings.batchSize();
        ColumnParsers.start(parsers, size);
        rowNumbers = new long[size];
        rows = 0;
        rejected = new ArrayList<>();
        boolean atEnd = false;
        while (rows + rejected.size() < size) {
            if (readRecord() == END) {
                atEnd = true;
                break;
            }
        }
        done = atEnd;
        if (atEnd && endCheck != null) {
            endCheck.run();
        }
        RecordBatch batch = ColumnParsers.finish(schema, name, parsers, rowNumbers, rows, rejected);
        budget.add(rows + rejected.size(), rejected, atEnd);
        return batch;
    }

    private int readRecord() {
        while (true) {
            if (pos >= limit && !fill()) {
                if (endResolver != null) {
                    // the end of the file must also be where this partition ends
                    atOrPastEnd(bufStart + pos);
                }
                return END;
            }
            long off = bufStart + pos;
            if (off >= nominalEnd && atOrPastEnd(off)) {
                return END;
            }
            int next = tokenizeFast(pos);
            if (next == NEED_MORE) {
                if (limit - pos >= settings.maxRecordBytes()) {
                    tooLong();
                    return RECORD;
                }
                fill();
                continue;
            }
            if (isBlank()) {
                advance(next);
                continue;
            }
            // the last record of the input, on one line without a line break after it (a quote left open over
            // several lines is a stray quote: only its first line is rejected, as anywhere else)
            boolean cut = eof && next == limit && next == recContentEnd && recBreaks == 0;
            if ((recFlags & (MALFORMED | UNBALANCED)) != 0) {
                if (cut) {
                    throw cutOff("record " + quoteProblem());
                }
                recover(quoteProblem(), next);
                return RECORD;
            }
            if (nf != expectedFields) {
                String problem = "record has " + nf + " field" + (nf == 1 ? "" : "s") + ", but " + fieldCountRule;
                if (cut) {
                    throw cutOff(problem);
                }
                reject(pos, recContentEnd, problem);
                advance(next);
                return RECORD;
            }
            if ((recFlags & HIGH) != 0) {
                String bad = encodingProblem(pos, recContentEnd);
                if (bad != null) {
                    if (cut) {
                        throw cutOff(bad);
                    }
                    reject(pos, recContentEnd, bad);
                    advance(next);
                    return RECORD;
                }
            }
            String problem = convert();
            if (problem != null) {
                if (cut) {
                    throw cutOff(problem);
                }
                reject(pos, recContentEnd, problem);
            }
            advance(next);
            return RECORD;
        }
    }

    /** The failure of an input whose last record, without a line break, cannot be read. */
    private SourceException cutOff(String problem) {
        String raw = new String(buf, pos, Math.min(recContentEnd - pos, 200), settings.charset());
        return new SourceException(name, line, "the input ends in the middle of a record: its last line has no line"
                + " break and cannot be read (" + problem + "): '" + raw + "'. The file looks cut off, as when it"
                + " is still being written or was copied incompletely; read it once it is complete (or, if the"
                + " record is really bad, fix it and end it with a line break)", null);
    }

    /**
     * Whether a record start (or the end of the file) is this partition's end; throws when the previous record
     * crossed the end, which proves that the partitions do not meet at a record boundary.
     */
    private boolean atOrPastEnd(long off) {
        if (end < 0) {
            end = endResolver.getAsLong();
        }
        if (off > end) {
            throw new SourceException(name, line, "cannot read this file in parallel: the record before this line"
                    + " crosses the boundary between two parts read by different threads, at byte " + end + ", so a"
                    + " quote before it is not closed where it should be; correct the quote, or read the file with"
                    + " one thread (kpi run --threads 1; in code, parallelism(1) or a source that is not split)",
                    null);
        }
        return off == end;
    }

    private static int kindOf(ColumnParser p) {
        return p instanceof ColumnParsers.IntegerParser ? K_INTEGER
                : p instanceof ColumnParsers.ExactDecimalParser ? K_EXACT
                : p instanceof ColumnParsers.DoubleParser ? K_DOUBLE
                : p instanceof ColumnParsers.TimestampParser ? K_TIMESTAMP
                : p instanceof ColumnParsers.DateParser ? K_DATE
                : p instanceof ColumnParsers.CategoryParser ? K_CATEGORY
                : p instanceof ColumnParsers.TextParser ? K_TEXT : K_OTHER;
    }

    /**
     * Reads one field. The switch on the parser's exact class gives each call site a single receiver type, so
     * the JIT inlines every parser instead of making one megamorphic virtual call per field.
     */
    private static String parse(ColumnParser p, int kind, byte[] b, int s, int e, boolean esc, int row) {
        switch (kind) {
            case K_INTEGER:
                return ((ColumnParsers.IntegerParser) p).parse(b, s, e, esc, row);
            case K_EXACT:
                return ((ColumnParsers.ExactDecimalParser) p).parse(b, s, e, esc, row);
            case K_DOUBLE:
                return ((ColumnParsers.DoubleParser) p).parse(b, s, e, esc, row);
            case K_TIMESTAMP:
                return ((ColumnParsers.TimestampParser) p).parse(b, s, e, esc, row);
            case K_DATE:
                return ((ColumnParsers.DateParser) p).parse(b, s, e, esc, row);
            case K_CATEGORY:
                return ((ColumnParsers.CategoryParser) p).parse(b, s, e, esc, row);
            case K_TEXT:
                return ((ColumnParsers.TextParser) p).parse(b, s, e, esc, row);
            default:
                return p.parse(b, s, e, esc, row);
        }
    }

    /** Converts the record's fields into the row {@link #rows}; returns the problem of a value that does not parse. */
    private String convert() {
        int row = rows;
        byte[] b = buf;
        for (int c : order) {
            int f = fieldOfColumn[c];
            if (f < 0) {
                parsers[c].setNull(row);
                continue;
            }
            String problem = parse(parsers[c], kinds[c], b, fs[f], fe[f], fesc[f], row);
            if (problem != null) {
                for (ColumnParser p : parsers) {
                    p.clear(row);
                }
                return problem;
            }
        }
        rowNumbers[row] = line;
        rows = row + 1;
        return null;
    }

    private String quoteProblem() {
        if ((recFlags & MALFORMED) != 0) {
            return "has a stray quote in field " + malformedField
                    + ": quotes must enclose the whole field, and a quote inside a quoted field must be doubled";
        }
        return "has an unbalanced quote: a quoted field is not closed before the end of the input";
    }

    /** Rejects the first line of a bad multi-line record (or the whole one-line record) and moves past it. */
    private void recover(String problem, int next) {
        if (recBreaks > 0) {
            int stop = recFirstBreak;
            reject(pos, stop, "record " + problem);
            int after = buf[stop] == '\r' && stop + 1 < limit && buf[stop + 1] == '\n' ? stop + 2 : stop + 1;
            line++;
            pos = after;
        } else {
            reject(pos, recContentEnd, "record " + problem);
            advance(next);
        }
    }

    private void tooLong() {
        String problem = "record is longer than the limit of " + settings.maxRecordBytes()
                + " bytes (is a quote unbalanced?)";
        for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n' || buf[i] == '\r') {
                reject(pos, i, problem);
                line++;
                pos = buf[i] == '\r' && i + 1 < limit && buf[i + 1] == '\n' ? i + 2 : i + 1;
                return;
            }
        }
        reject(pos, Math.min(limit, pos + RejectedRow.MAX_RAW_TEXT), problem);
        // one line longer than the limit: skip to its end without keeping it
        while (true) {
            pos = limit;
            if (!fill()) {
                return;
            }
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n' || buf[i] == '\r') {
                    line++;
                    pos = buf[i] == '\r' && i + 1 < limit && buf[i + 1] == '\n' ? i + 2 : i + 1;
                    return;
                }
            }
        }
    }

    private void reject(int s, int e, String reason) {
        String raw = new String(buf, s, Math.min(e - s, RejectedRow.MAX_RAW_TEXT * 4), settings.charset());
        rejected.add(new RejectedRow(name, line, raw, reason));
    }

    /** Null when the bytes decode, else what is wrong. */
    private String encodingProblem(int s, int e) {
        if (settings.transcoded()) {
            int bad = Utf8.firstInvalid(buf, s, e);
            return bad < 0 ? null : "cannot be decoded as " + settings.encoding() + " (malformed or unmappable input)";
        }
        if (utf8) {
            int bad = Utf8.firstInvalid(buf, s, e);
            if (bad < 0) {
                return null;
            }
            StringBuilder sb = new StringBuilder("invalid UTF-8 byte sequence at byte ").append(bad - s + 1)
                    .append(" of the record (");
            for (int i = bad; i < Math.min(e, bad + 4); i++) {
                sb.append(i == bad ? "" : " ").append(String.format("0x%02X", buf[i] & 0xFF));
            }
            return sb.append(')').toString();
        }
        try {
            settings.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, s, e - s));
            return null;
        } catch (CharacterCodingException ex) {
            return "cannot be decoded as " + settings.encoding() + " (malformed or unmappable input)";
        }
    }

    private void growFields() {
        int n = fs.length * 2;
        fs = Arrays.copyOf(fs, n);
        fe = Arrays.copyOf(fe, n);
        fesc = Arrays.copyOf(fesc, n);
    }

    /**
     * Tokenizes a record without quotes or lone CR in one pass of eight-byte words: each word yields a bit mask of
     * its delimiter, quote and control bytes, whose set bits are visited in order. Any quote, CR, a record near
     * the end of the buffer or one with more fields than the arrays hold goes to {@link #tokenize}, which
     * handles everything.
     *
     * <p>The mask is exact for its lowest byte; higher bits may be false positives (a borrow), so every hit is
     * checked against the byte itself. {@code acc} may also take bytes after the record's end, which can only
     * make the record's UTF-8 check run when it need not.
     */
    private int tokenizeFast(int p) {
        final byte[] b = buf;
        final int lim = limit;
        final byte d = delimiter;
        final int[] starts = fs;
        final int[] ends = fe;
        final boolean[] escaped = fesc;
        final int cap = starts.length - 1;
        int f = 0;
        int start = p;
        long acc = 0;
        for (int i = p; i + 8 <= lim; i += 8) {
            long x = (long) LONGS.get(b, i);
            acc |= x;
            long hit = zeroBytes(x ^ delimiters) | zeroBytes(x ^ quotes) | (x - 0x0E0E0E0E0E0E0E0EL) & ~x & HIGH_BITS;
            while (hit != 0) {
                int k = i + (Long.numberOfTrailingZeros(hit) >>> 3);
                hit &= hit - 1;
                byte c = b[k];
                if (c == d) {
                    if (f == cap) {
                        return tokenize(p);
                    }
                    starts[f] = start;
                    ends[f] = k;
                    escaped[f] = false;
                    f++;
                    start = k + 1;
                } else if (c == '\n') {
                    starts[f] = start;
                    ends[f] = k;
                    escaped[f] = false;
                    return record(f + 1, k, k + 1, acc, 0, -1, 0);
                } else if (c == '\r' && k + 1 < lim && b[k + 1] == '\n') {
                    starts[f] = start;
                    ends[f] = k;
                    escaped[f] = false;
                    return record(f + 1, k, k + 2, acc, 0, -1, 0);
                } else if (c == quote || c == '\r') {
                    return tokenize(p);
                }
            }
        }
        return tokenize(p);
    }

    /**
     * Tokenizes the record that starts at {@code p} into {@link #fs}/{@link #fe}/{@link #fesc}.
     *
     * @return the position after the record's terminator, or {@link #NEED_MORE}
     */
    private int tokenize(int p) {
        final byte[] b = buf;
        final int lim = limit;
        final byte d = delimiter;
        final byte q = quote;
        final boolean[] sp = special;
        int i = p;
        int f = 0;
        long acc = 0;
        int breaks = 0;
        int firstBreak = -1;
        while (true) {
            if (f == fs.length) {
                growFields();
            }
            if (i < lim && b[i] == q) {
                int s = ++i;
                boolean esc = false;
                while (true) {
                    if (i >= lim) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        return record(f, lim, lim, acc, breaks, firstBreak, UNBALANCED);
                    }
                    byte c = b[i];
                    if (c == q) {
                        if (i + 1 >= lim && !eof) {
                            return NEED_MORE;
                        }
                        if (i + 1 < lim && b[i + 1] == q) {
                            esc = true;
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n' || c == '\r') {
                        if (firstBreak < 0) {
                            firstBreak = i;
                        }
                        if (c == '\r') {
                            if (i + 1 >= lim && !eof) {
                                return NEED_MORE;
                            }
                            if (i + 1 < lim && b[i + 1] == '\n') {
                                i++;
                            }
                        }
                        breaks++;
                    }
                    acc |= c;
                    i++;
                }
                fs[f] = s;
                fe[f] = i;
                fesc[f] = esc;
                i++;
            } else {
                int s = i;
                // eight bytes at a time while they hold no delimiter, quote or control character (SWAR)
                while (i + 8 <= lim) {
                    long x = (long) LONGS.get(b, i);
                    long hit = zeroBytes(x ^ delimiters) | zeroBytes(x ^ quotes)
                            | (x - 0x0E0E0E0E0E0E0E0EL) & ~x & HIGH_BITS;
                    acc |= x;
                    if (hit == 0) {
                        i += 8;
                        continue;
                    }
                    i += Long.numberOfTrailingZeros(hit) >>> 3;
                    if (sp[b[i] & 0xFF]) {
                        break;
                    }
                    i++;
                }
                while (i < lim) {
                    byte c = b[i];
                    if (sp[c & 0xFF]) {
                        break;
                    }
                    acc |= c;
                    i++;
                }
                fs[f] = s;
                fe[f] = i;
                fesc[f] = false;
            }
            f++;
            // after a field: a delimiter, a line break, the end of the input, or else a malformed record
            if (i >= lim) {
                if (!eof) {
                    return NEED_MORE;
                }
                return record(f, lim, lim, acc, breaks, firstBreak, 0);
            }
            byte c = b[i];
            if (c == d) {
                i++;
                continue;
            }
            if (c == '\n') {
                return record(f, i, i + 1, acc, breaks, firstBreak, 0);
            }
            if (c == '\r') {
                if (i + 1 >= lim && !eof) {
                    return NEED_MORE;
                }
                return record(f, i, i + 1 < lim && b[i + 1] == '\n' ? i + 2 : i + 1, acc, breaks, firstBreak, 0);
            }
            return malformed(f, i, acc, breaks, firstBreak);
        }
    }

    /** The high bit of each byte of {@code v} that is zero (exact for the lowest such byte). */
    private static long zeroBytes(long v) {
        return (v - LOW_BITS) & ~v & HIGH_BITS;
    }

    private int record(int f, int contentEnd, int next, long acc, int breaks, int firstBreak, int flags) {
        nf = f;
        recContentEnd = contentEnd;
        recBreaks = breaks;
        recFirstBreak = firstBreak;
        recFlags = flags | ((acc & HIGH_BITS) != 0 ? HIGH : 0);
        return next;
    }

    /** Scans the rest of a malformed record by quote parity alone, from {@code i}. */
    private int malformed(int field, int i, long acc, int breaks, int firstBreak) {
        malformedField = field;
        final byte[] b = buf;
        final int lim = limit;
        boolean inside = false;
        while (i < lim) {
            byte c = b[i];
            if (c == quote) {
                inside = !inside;
            } else if (c == '\n' || c == '\r') {
                int next = i + 1;
                if (c == '\r') {
                    if (i + 1 >= lim && !eof) {
                        return NEED_MORE;
                    }
                    if (i + 1 < lim && b[i + 1] == '\n') {
                        next++;
                    }
                }
                if (!inside) {
                    return record(field, i, next, acc, breaks, firstBreak, MALFORMED);
                }
                if (firstBreak < 0) {
                    firstBreak = i;
                }
                breaks++;
                i = next;
                continue;
            }
            acc |= c;
            i++;
        }
        if (!eof) {
            return NEED_MORE;
        }
        return record(field, lim, lim, acc, breaks, firstBreak, MALFORMED | (inside ? UNBALANCED : 0));
    }

    /** Reads more bytes, keeping those from {@link #pos}; false at the end of the input. */
    private boolean fill() {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            bufStart += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int n;
            do {
                n = input.read(buf, limit, buf.length - limit);
            } while (n == 0);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        } catch (IOException e) {
            throw new SourceException(name, line, "cannot read: " + e.getMessage(), e);
        }
        return true;
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + name, e);
        }
    }
}
