package io.kpiengine.data.io.internal;

import io.kpiengine.base.internal.Gregorian;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One date or timestamp pattern, compiled either into a byte-level matcher (patterns of numeric fields and
 * literal punctuation only: {@code yyyy uuuu M MM d dd H HH mm ss}) or, for anything else, into a strict
 * {@link DateTimeFormatter}.
 *
 * <p>Results are written into {@link #days} (days since 1970-01-01) and {@link #secondOfDay}; a pattern with an
 * offset or zone also sets {@link #offsetSeconds} and {@link #hasOffset}. Not thread-safe: one per column reader.
 */
public final class DatePattern {

    private static final int LIT = 0;
    private static final int YEAR4 = 1;
    private static final int MONTH = 2;
    private static final int DAY = 3;
    private static final int HOUR = 4;
    private static final int MINUTE = 5;
    private static final int SECOND = 6;

    private final String text;
    private final int[] kinds;
    private final int[] widths;
    private final byte[] literals;
    private final DateTimeFormatter formatter;
    private final Charset charset;
    private final boolean timeFields;

    /** Days since the epoch of the last match. */
    public long days;
    /** Seconds of the day of the last match (0 for a date). */
    public int secondOfDay;
    /** Whether the last match carried an offset. */
    public boolean hasOffset;
    /** The offset of the last match, when {@link #hasOffset}. */
    public int offsetSeconds;
    /** Nanoseconds of the last match. */
    public int nanos;
    /** A zone of the last match, when the text named a region rather than an offset; else null. */
    public ZoneId zone;

    /**
     * Compiles a pattern.
     *
     * @param pattern a {@link DateTimeFormatter} pattern
     * @param locale the locale for names
     * @param charset the charset of the input bytes
     */
    public DatePattern(String pattern, Locale locale, Charset charset) {
        this.text = pattern;
        this.charset = charset;
        List<int[]> parts = new ArrayList<>();
        StringBuilder lits = new StringBuilder();
        boolean simple = true;
        boolean time = false;
        int i = 0;
        while (i < pattern.length() && simple) {
            char c = pattern.charAt(i);
            int j = i;
            while (j < pattern.length() && pattern.charAt(j) == c) {
                j++;
            }
            int n = j - i;
            int kind;
            if ((c == 'y' || c == 'u') && n == 4) {
                kind = YEAR4;
            } else if (c == 'M' && n <= 2) {
                kind = MONTH;
            } else if (c == 'd' && n <= 2) {
                kind = DAY;
            } else if (c == 'H' && n <= 2) {
                kind = HOUR;
            } else if (c == 'm' && n == 2) {
                kind = MINUTE;
            } else if (c == 's' && n == 2) {
                kind = SECOND;
            } else if (c < 128 && !Character.isLetterOrDigit(c) && c != '\'' && c != '[' && c != ']' && c != '#'
                    && c != '{' && c != '}') {
                for (int k = 0; k < n; k++) {
                    parts.add(new int[] {LIT, 1});
                    lits.append(c);
                }
                i = j;
                continue;
            } else {
                simple = false;
                break;
            }
            time |= kind >= HOUR;
            parts.add(new int[] {kind, n});
            lits.append('\0');
            i = j;
        }
        boolean adjacentNumbers = false;
        for (int k = 1; k < parts.size(); k++) {
            if (parts.get(k)[0] != LIT && parts.get(k - 1)[0] != LIT
                    && (parts.get(k)[1] == 1 || parts.get(k - 1)[1] == 1)) {
                adjacentNumbers = true;
            }
        }
        if (simple && !adjacentNumbers && hasYearAndMonthOrOnlyYear(parts)) {
            kinds = new int[parts.size()];
            widths = new int[parts.size()];
            for (int k = 0; k < parts.size(); k++) {
                kinds[k] = parts.get(k)[0];
                widths[k] = parts.get(k)[1];
            }
            literals = lits.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            formatter = null;
            timeFields = time;
        } else {
            kinds = null;
            widths = null;
            literals = null;
            timeFields = false;
            formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(strictYears(pattern))
                    .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
                    .toFormatter(locale).withResolverStyle(ResolverStyle.STRICT);
        }
    }

    /** A year and a month ({@code yyyy-MM}, {@code M/d/yyyy}), or a year without month or day ({@code yyyy}). */
    private static boolean hasYearAndMonthOrOnlyYear(List<int[]> parts) {
        boolean y = false;
        boolean m = false;
        boolean d = false;
        for (int[] p : parts) {
            y |= p[0] == YEAR4;
            m |= p[0] == MONTH;
            d |= p[0] == DAY;
        }
        return y && (m || !d);
    }

    /** Strict resolving needs the proleptic year 'u' instead of the year-of-era 'y' (which also needs an era). */
    private static String strictYears(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            sb.append(!quoted && c == 'y' ? 'u' : c);
        }
        return sb.toString();
    }

    /**
     * The pattern text.
     *
     * @return the pattern
     */
    public String text() {
        return text;
    }

    /**
     * Whether this pattern reads a time of day (otherwise it reads a date only).
     *
     * @return true if it has hour, minute or second fields
     */
    public boolean hasTime() {
        return formatter == null ? timeFields : text.indexOf('H') >= 0 || text.indexOf('h') >= 0
                || text.indexOf('m') >= 0 || text.indexOf('k') >= 0;
    }

    /**
     * Matches {@code b[s, e)} against this pattern.
     *
     * @param b the bytes
     * @param s first byte
     * @param e end (exclusive)
     * @return true if the whole text matched and is a valid date or time
     */
    public boolean match(byte[] b, int s, int e) {
        hasOffset = false;
        offsetSeconds = 0;
        nanos = 0;
        zone = null;
        return formatter == null ? matchSimple(b, s, e) : matchFormatter(new String(b, s, e - s, charset));
    }

    private boolean matchSimple(byte[] b, int s, int e) {
        int i = s;
        int year = 0;
        // a pattern without a month (a year such as 'yyyy') reads January 1
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        for (int k = 0; k < kinds.length; k++) {
            int kind = kinds[k];
            if (kind == LIT) {
                if (i >= e || b[i] != literals[k]) {
                    return false;
                }
                i++;
                continue;
            }
            int max = kind == YEAR4 ? 4 : 2;
            int min = widths[k] == 1 ? 1 : max;
            int v = 0;
            int n = 0;
            while (n < max && i < e && b[i] >= '0' && b[i] <= '9') {
                v = v * 10 + (b[i] - '0');
                i++;
                n++;
            }
            if (n < min) {
                return false;
            }
            switch (kind) {
                case YEAR4:
                    year = v;
                    break;
                case MONTH:
                    month = v;
                    break;
                case DAY:
                    day = v;
                    break;
                case HOUR:
                    hour = v;
                    break;
                case MINUTE:
                    minute = v;
                    break;
                default:
                    second = v;
                    break;
            }
        }
        if (i != e || month < 1 || month > 12 || day < 1 || day > Gregorian.lengthOfMonth(year, month) || hour > 23
                || minute > 59 || second > 59) {
            return false;
        }
        days = Gregorian.epochDay(year, month, day);
        secondOfDay = hour * 3600 + minute * 60 + second;
        return true;
    }

    private boolean matchFormatter(String s) {
        TemporalAccessor t;
        try {
            t = formatter.parse(s);
        } catch (DateTimeParseException ex) {
            return false;
        }
        try {
            LocalDate date = LocalDate.from(t);
            days = date.toEpochDay();
            secondOfDay = 0;
            if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
                LocalDateTime ldt = LocalDateTime.from(t);
                secondOfDay = ldt.toLocalTime().toSecondOfDay();
                nanos = ldt.get(ChronoField.NANO_OF_SECOND);
            }
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                hasOffset = true;
                offsetSeconds = t.get(ChronoField.OFFSET_SECONDS);
            } else {
                ZoneId z = t.query(java.time.temporal.TemporalQueries.zone());
                if (z instanceof ZoneOffset o) {
                    hasOffset = true;
                    offsetSeconds = o.getTotalSeconds();
                } else {
                    zone = z;
                }
            }
            return true;
        } catch (DateTimeException ex) {
            return false;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
