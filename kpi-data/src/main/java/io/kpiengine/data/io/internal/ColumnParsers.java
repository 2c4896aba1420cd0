package io.kpiengine.data.io.internal;

import io.kpiengine.base.internal.Pow10;
import io.kpiengine.data.Bits;
import io.kpiengine.data.CategoryVector;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.DecimalVector;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.DoubleVector;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import io.kpiengine.data.internal.TextHash;
import io.kpiengine.data.TextVector;
import io.kpiengine.data.Vector;
import io.kpiengine.data.io.ColumnFormat;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@link ColumnParser}s of each column type.
 */
public final class ColumnParsers {

    private ColumnParsers() {
    }

    /**
     * A parser for a column.
     *
     * @param column the column
     * @param format its format
     * @param charset the charset of the bytes
     * @param dictionary the shared dictionary of a CATEGORY column, else ignored
     * @return a new parser
     */
    public static ColumnParser create(Column column, ColumnFormat format, Charset charset, Dictionary dictionary) {
        switch (column.type()) {
            case INTEGER:
                return new IntegerParser(column, format, charset);
            case DECIMAL:
                return column.isExactDecimal() ? new ExactDecimalParser(column, format, charset)
                        : new DoubleParser(column, format, charset);
            case BOOLEAN:
                return new BooleanParser(column, format, charset);
            case DATE:
                return new DateParser(column, format, charset);
            case TIMESTAMP:
                return new TimestampParser(column, format, charset);
            case CATEGORY:
                return new CategoryParser(column, format, charset, dictionary);
            default:
                return new TextParser(column, format, charset);
        }
    }

    private static byte decimalByte(ColumnFormat f) {
        return (byte) f.decimalSeparator();
    }

    private static byte[] groupingBytes(ColumnFormat f, Charset charset) {
        return f.thousandsSeparator().map(t -> t.getBytes(charset)).orElse(null);
    }

    private static String numberShape(ColumnFormat f, boolean decimal) {
        return "digits with an optional sign" + (decimal ? ", decimal separator '" + f.decimalSeparator() + "'" : "")
                + f.thousandsSeparator().map(t -> ", thousands separator '" + t + "'").orElse("");
    }

    /** Base of parsers that fill a {@code long[]}. */
    abstract static class LongBacked extends ColumnParser.Typed {
        long[] values;

        LongBacked(Column column, ColumnFormat format, Charset charset) {
            super(column, format, charset);
        }

        @Override
        void allocate(int capacity) {
            values = new long[capacity];
        }

        @Override
        public void putLong(int row, long value) {
            values[row] = value;
        }

        @Override
        public Vector finish(int size) {
            return LongVector.wrap(column.type(), values, nulls, size);
        }
    }

    static final class IntegerParser extends LongBacked {
        private final NumberScanner scanner;
        private final String shape;

        IntegerParser(Column column, ColumnFormat format, Charset charset) {
            super(column, format, charset);
            scanner = new NumberScanner(decimalByte(format), groupingBytes(format, charset), false);
            shape = numberShape(format, false);
        }

        @Override
        String value(byte[] b, int s, int e, int row) {
            // fast path: plain digits
            int i = s;
            boolean neg = b[i] == '-';
            if (neg || b[i] == '+') {
                i++;
            }
            if (i < e && e - i <= 18) {
                long v = 0;
                int k = i;
                while (k < e) {
                    int d = b[k] - '0';
                    if (d < 0 || d > 9) {
                        break;
                    }
                    v = v * 10 + d;
                    k++;
                }
                if (k == e) {
                    values[row] = neg ? -v : v;
                    return null;
                }
            }
            if (scanner.scan(b, s, e) != NumberScanner.OK) {
                return problem(b, s, e) + " is not an integer (expected " + shape + ")";
            }
            if (scanner.fractionDigits > 0) {
                return problem(b, s, e) + " is not an integer (it has a fraction)";
            }
            // the magnitude 2^63 (read as Long.MIN_VALUE) is -9223372036854775808 when negative, else too large
            if (scanner.overflow || !scanner.negative && scanner.mantissa < 0) {
                return problem(b, s, e) + " is out of range for a 64-bit integer";
            }
            values[row] = scanner.negative ? -scanner.mantissa : scanner.mantissa;
            return null;
        }
    }

    static final class ExactDecimalParser extends ColumnParser.Typed {
        private final NumberScanner scanner;
        private final String shape;
        private final int scale;
        private final byte decimal;
        private long[] values;

        ExactDecimalParser(Column column, ColumnFormat format, Charset charset) {
            super(column, format, charset);
            decimal = decimalByte(format);
            scanner = new NumberScanner(decimalByte(format), groupingBytes(format, charset), false);
            shape = numberShape(format, true);
            scale = column.scale();
        }

        @Override
        void allocate(int capacity) {
            values = new long[capacity];
        }

        @Override
        String value(byte[] b, int s, int e, int row) {
            // fast path: [-]digits[.digits] with at most 18 digits and no more places than the scale
            int i = s;
            boolean neg = b[i] == '-';
            if (neg) {
                i++;
            }
            if (e - i <= 18 && i < e) {
                long v = 0;
                int places = -1;
                int k = i;
                while (k < e) {
                    int d = b[k] - '0';
                    if (d >= 0 && d <= 9) {
                        v = v * 10 + d;
                        if (places >= 0) {
                            places++;
                        }
                    } else if (b[k] == decimal && places < 0 && k > i) {
                        places = 0;
                    } else {
                        break;
                    }
                    k++;
                }
                int shift = scale - (places < 0 ? 0 : places);
                // at most e - i digits, shifted by at most 18 - (e - i) places: below 10^18, no overflow
                if (k == e && places != 0 && shift >= 0 && e - i + shift <= 18) {
                    v *= Pow10.asLong(shift);
                    values[row] = neg ? -v : v;
                    return null;
                }
            }
            if (scanner.scan(b, s, e) != NumberScanner.OK) {
                return problem(b, s, e) + " is not a decimal number (expected " + shape + ")";
            }
            int frac = scanner.fractionDigits;
            if (frac > scale) {
                if (format.rounding().isEmpty()) {
                    return problem(b, s, e) + " has more than " + scale
                            + " decimal places (give the column more places, or a rounding in its format)";
                }
                return rounded(b, s, e, row);
            }
            long m = scanner.mantissa;
            long p = Pow10.asLong(scale - frac);
            // magnitudes as unsigned: at most 2^63 - 1, or 2^63 for a negative value
            long limit = scanner.negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            if (scanner.overflow || Long.compareUnsigned(m, Long.divideUnsigned(limit, p)) > 0) {
                return problem(b, s, e) + " is out of range for " + scale + " decimal places in 64 bits";
            }
            m *= p;
            values[row] = scanner.negative ? -m : m;
            return null;
        }

        /** The slow path for values with more places than the scale, rounded by the column's mode. */
        private String rounded(byte[] b, int s, int e, int row) {
            try {
                values[row] = new BigDecimal(scanner.normalized(b, s, e)).setScale(scale, format.rounding().orElseThrow())
                        .unscaledValue().longValueExact();
                return null;
            } catch (ArithmeticException ex) {
                return problem(b, s, e) + " is out of range for " + scale + " decimal places in 64 bits";
            }
        }

        @Override
        public void putLong(int row, long value) {
            values[row] = value;
        }

        @Override
        public Vector finish(int size) {
            return DecimalVector.wrap(values, nulls, size, scale);
        }
    }

    static final class DoubleParser extends ColumnParser.Typed {
        private final NumberScanner scanner;
        private final String shape;
        private double[] values;

        DoubleParser(Column column, ColumnFormat format, Charset charset) {
            super(column, format, charset);
            scanner = new NumberScanner(decimalByte(format), groupingBytes(format, charset), true);
            shape = numberShape(format, true) + ", optional exponent";
        }

        @Override
        void allocate(int capacity) {
            values = new double[capacity];
        }

        @Override
        String value(byte[] b, int s, int e, int row) {
            if (scanner.scan(b, s, e) != NumberScanner.OK) {
                return problem(b, s, e) + " is not a decimal number (expected " + shape + ")";
            }
            int power = scanner.exponent - scanner.fractionDigits;
            double v;
            if (!scanner.overflow && scanner.mantissa >= 0 && scanner.mantissa < (1L << 53) && power >= -22
                    && power <= 22) {
                // both operands are exact doubles, so one IEEE operation rounds correctly (Clinger's fast path)
                v = power < 0 ? scanner.mantissa / Pow10.asDouble(-power) : scanner.mantissa * Pow10.asDouble(power);
                v = scanner.negative ? -v : v;
            } else {
                // the normalized text keeps its sign
                v = Double.parseDouble(scanner.normalized(b, s, e));
            }
            if (Double.isInfinite(v)) {
                return problem(b, s, e) + " is out of range for a 64-bit floating-point number";
            }
            values[row] = v;
            return null;
        }

        @Override
        public void putDouble(int row, double value) {
            values[row] = value;
        }

        @Override
        public Vector finish(int size) {
            return DoubleVector.wrap(values, nulls, size);
        }
    }

    static final class BooleanParser extends LongBacked {
        private final byte[][] trueWords;
        private final byte[][] falseWords;

        BooleanParser(Column column, ColumnFormat format, Charset charset) {
            super(column, format, charset);
            trueWords = lower(format.trueWords(), charset);
            falseWords = lower(format.falseWords(), charset);
        }

        private static byte[][] lower(List<String> words, Charset charset) {
            byte[][] out = new byte[words.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = words.get(i).toLowerCase(Locale.ROOT).getBytes(charset);
            }
            return out;
        }

        private static boolean any(byte[][] words, byte[] b, int s, int e) {
            for (byte[] w : words) {
                if (w.length == e - s) {
                    int k = 0;
                    while (k < w.length) {
                        byte c = b[s + k];
                        if (c >= 'A' && c <= 'Z') {
                            c = (byte) (c + ('a' - 'A'));
                        }
                        if (c != w[k]) {
                            break;
                        }
                        k++;
                    }
                    if (k == w.length) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        String value(byte[] b, int s, int e, int row) {
            if (any(trueWords, b, s, e)) {
                values[row] = 1;
            } else if (any(falseWords, b, s, e)) {
                values[row] = 0;
            } else {
                return problem(b, s, e) + " is not a boolean (expected one of " + String.join(", ", format.trueWords())
                        + " or " + String.join(", ", format.falseWords()) + ")";
            }
            return null;
        }
    }

    private static List<DatePattern> patterns(ColumnFormat format, Charset charset) {
        List<DatePattern> out = new ArrayList<>();
        for (String p : format.datePatterns()) {
            out.add(new DatePattern(p, format.locale(), charset));
        }
        return out;
    }

    private static String formats(List<DatePattern> patterns) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < patterns.size(); i++) {
            sb.append(i == 0 ? "" : i == patterns.size() - 1 ? " or " : ", ").append('\'')
                    .append(patterns.get(i).text()).append('\'');
        }
        return sb.toString();
    }

    static final class DateParser extends LongBacked {
        private final DatePattern[] patterns;
        private final String expected;

        DateParser(Column column, ColumnFormat format, Charset charset) {
            super(column, format, charset);
            List<DatePattern> list = patterns(format, charset);
            patterns = list.toArray(new DatePattern[0]);
            expected = list.isEmpty() ? "'yyyy-MM-dd' (other layouts, such as 'M/d/yyyy' or 'yyyy-MM', need"
                    + " datePatterns in the column's format)" : formats(list);
        }

        @Override
        String value(byte[] b, int s, int e, int row) {
            if (patterns.length == 0) {
                long day = Civil.isoDate(b, s, e);
                if (day != Long.MIN_VALUE) {
                    values[row] = day;
                    return null;
                }
            }
            for (DatePattern p : patterns) {
                if (p.match(b, s, e)) {
                    values[row] = p.days;
                    return null;
                }
            }
            String impossible = patterns.length == 0 ? Civil.noSuchDateTime(new String(b, s, e - s,
                    StandardCharsets.ISO_8859_1)) : null;
            return problem(b, s, e) + (impossible != null ? impossible : " is not a date in format " + expected);
        }
    }


    static final class TimestampParser extends LongBacked {
        private final DatePattern[] patterns;
        private final ZoneId zone;
        private final ZoneRules rules;
        private final int fixedOffset;
        private final Civil.IsoParts parts = new Civil.IsoParts();
        private final String expected;

        TimestampParser(Column column, ColumnFormat format, Charset charset) {
            super(column, format, charset);
            List<DatePattern> list = patterns(format, charset);
            patterns = list.toArray(new DatePattern[0]);
            zone = format.zone().orElse(null);
            rules = zone == null ? null : zone.getRules();
            fixedOffset = rules != null && rules.isFixedOffset() ? rules.getOffset(java.time.Instant.EPOCH)
                    .getTotalSeconds() : Integer.MIN_VALUE;
            expected = list.isEmpty() ? "ISO-8601 'yyyy-MM-ddTHH:mm[:ss[.fraction]]' with an offset such as "
                    + "'+09:00' or 'Z'" + (zone == null ? "" : " (or without one, in zone " + zone + ")")
                    : formats(list);
        }

        @Override
        String value(byte[] b, int s, int e, int row) {
            if (patterns.length == 0) {
                long v = Civil.isoTimestamp(b, s, e, parts);
                if (v == Civil.BAD) {
                    String impossible = Civil.noSuchDateTime(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
                    return problem(b, s, e) + (impossible != null ? impossible
                            : " is not a timestamp in format " + expected);
                }
                if (v == Civil.NO_OFFSET) {
                    if (zone == null) {
                        return noZone(b, s, e);
                    }
                    v = local(parts.localSeconds) * Civil.MICROS + parts.micros;
                }
                values[row] = v;
                return null;
            }
            for (DatePattern p : patterns) {
                if (p.match(b, s, e)) {
                    long local = p.days * 86_400L + p.secondOfDay;
                    long seconds;
                    if (p.hasOffset) {
                        seconds = local - p.offsetSeconds;
                    } else if (p.zone != null) {
                        seconds = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC).atZone(p.zone)
                                .toEpochSecond();
                    } else if (zone != null) {
                        seconds = local(local);
                    } else {
                        return noZone(b, s, e);
                    }
                    values[row] = seconds * Civil.MICROS + p.nanos / 1000;
                    return null;
                }
            }
            return problem(b, s, e) + " is not a timestamp in format " + expected;
        }

        private String noZone(byte[] b, int s, int e) {
            return problem(b, s, e) + " has no offset and the column declares no zone";
        }

        /** Epoch seconds of a local time in the column's zone (gap: later by the gap; overlap: earlier offset). */
        private long local(long localSeconds) {
            if (fixedOffset != Integer.MIN_VALUE) {
                return localSeconds - fixedOffset;
            }
            return ZonedDateTime.ofLocal(LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC), zone, null)
                    .toEpochSecond();
        }
    }

    /** Undoes doubled quotes into a scratch array; returns the new length. */
    static int unescape(byte[] b, int s, int e, byte quote, byte[] out) {
        int n = 0;
        for (int i = s; i < e; i++) {
            out[n++] = b[i];
            if (b[i] == quote && i + 1 < e && b[i + 1] == quote) {
                i++;
            }
        }
        return n;
    }

    /** Base of text and category parsers: trimming, unescaping, missing values. */
    abstract static class Textual extends ColumnParser {
        private final boolean trim;
        private final boolean emptyAsMissing;
        private byte[] scratch = new byte[64];
        byte quote = '"';

        Textual(Column column, ColumnFormat format, Charset charset) {
            super(column, format, charset);
            trim = format.trim();
            emptyAsMissing = format.emptyAsMissing();
        }

        @Override
        public final boolean canFail() {
            return false;
        }

        @Override
        public final String parse(byte[] b, int s, int e, boolean escaped, int row) {
            if (escaped) {
                if (scratch.length < e - s) {
                    scratch = new byte[Math.max(e - s, scratch.length * 2)];
                }
                e = unescape(b, s, e, quote, scratch);
                s = 0;
                b = scratch;
            }
            if (trim) {
                while (s < e && isBlank(b[s])) {
                    s++;
                }
                while (e > s && isBlank(b[e - 1])) {
                    e--;
                }
            }
            if (s == e ? emptyAsMissing : isNullToken(b, trimStart(b, s, e), trimEnd(b, s, e))) {
                Bits.set(nulls, row);
                return null;
            }
            text(b, s, e, row);
            return null;
        }

        private static int trimStart(byte[] b, int s, int e) {
            while (s < e && isBlank(b[s])) {
                s++;
            }
            return s;
        }

        private static int trimEnd(byte[] b, int s, int e) {
            while (e > s && isBlank(b[e - 1])) {
                e--;
            }
            return e;
        }

        abstract void text(byte[] b, int s, int e, int row);
    }

    /**
     * Starts a batch in every parser of a source.
     *
     * @param parsers one parser per schema column
     * @param size the most rows the batch may hold
     */
    public static void start(ColumnParser[] parsers, int size) {
        for (ColumnParser p : parsers) {
            p.start(size);
        }
    }

    /**
     * Ends a batch of a source: the rows the parsers hold and the records rejected on the same stretch of input.
     *
     * @param schema the source's schema
     * @param source the source name
     * @param parsers one parser per schema column, started with {@link #start}
     * @param rowNumbers the line or ordinal of each row
     * @param rows the number of rows
     * @param rejected the rejected records
     * @return the batch, or null when the stretch held neither a row nor a rejected record
     */
    public static RecordBatch finish(Schema schema, String source, ColumnParser[] parsers, long[] rowNumbers,
            int rows, List<RejectedRow> rejected) {
        if (rows == 0 && rejected.isEmpty()) {
            return null;
        }
        List<Vector> vectors = new ArrayList<>(parsers.length);
        for (ColumnParser p : parsers) {
            vectors.add(p.finish(rows));
        }
        return RecordBatch.of(schema, source, vectors, rowNumbers, rows, rejected);
    }

    /**
     * Sets the quote byte used to undo doubled quotes in text and category parsers.
     *
     * @param parser a parser
     * @param quote the quote byte
     */
    public static void setQuote(ColumnParser parser, byte quote) {
        if (parser instanceof Textual t) {
            t.quote = quote;
        }
    }

    /**
     * Makes a TEXT parser attach the {@link io.kpiengine.data.internal.TextHash} of each value it parses from bytes to
     * its vectors (see {@link TextVector#wrap(String[], long[], int)}), when its charset reads ASCII bytes as
     * the same characters; values with other bytes, and values put as strings, are left to be hashed from the
     * string. Other parsers ignore this.
     *
     * @param parser a parser
     * @return true if the parser will attach hashes
     */
    public static boolean hashText(ColumnParser parser) {
        if (parser instanceof TextParser t && asciiCompatible(t.charset)) {
            t.hash = true;
            return true;
        }
        return false;
    }

    private static boolean asciiCompatible(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1);
    }

    static final class TextParser extends Textual {
        private String[] values;
        private long[] hashes;
        boolean hash;

        TextParser(Column column, ColumnFormat format, Charset charset) {
            super(column, format, charset);
        }

        @Override
        void allocate(int capacity) {
            values = new String[capacity];
            hashes = hash ? new long[2 * capacity] : null;
        }

        @Override
        void text(byte[] b, int s, int e, int row) {
            values[row] = new String(b, s, e - s, charset);
            if (hashes != null) {
                TextHash.ofAscii(b, s, e, hashes, 2 * row);
            }
        }

        @Override
        public void putText(int row, String value) {
            values[row] = value;
            if (hashes != null) {
                hashes[2 * row] = 0;
                hashes[2 * row + 1] = 0;
            }
        }

        @Override
        public Vector finish(int size) {
            for (int i = 0; i < size; i++) {
                if (Bits.get(nulls, i)) {
                    values[i] = null;
                }
            }
            return hashes == null ? TextVector.wrap(values, size) : TextVector.wrap(values, hashes, size);
        }
    }

    static final class CategoryParser extends Textual {
        private final Dictionary dictionary;
        private final ByteDictionary cache;
        private int[] codes;

        CategoryParser(Column column, ColumnFormat format, Charset charset, Dictionary dictionary) {
            super(column, format, charset);
            this.dictionary = dictionary;
            this.cache = new ByteDictionary(dictionary, charset);
        }

        @Override
        void allocate(int capacity) {
            codes = new int[capacity];
        }

        @Override
        void text(byte[] b, int s, int e, int row) {
            codes[row] = cache.encode(b, s, e);
        }

        @Override
        public void putText(int row, String value) {
            codes[row] = dictionary.encode(value);
        }

        @Override
        public Vector finish(int size) {
            return CategoryVector.wrap(codes, nulls, size, dictionary);
        }
    }
}
