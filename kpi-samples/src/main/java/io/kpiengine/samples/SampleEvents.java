package io.kpiengine.samples;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic generator of the reference "events" workload: a CSV of web-shop events with the columns, value
 * ranges and defects of the reference batch job, for benchmarks, demos and tests.
 *
 * <pre>{@code
 * SampleEvents.Summary s = SampleEvents.builder().rows(2_000_000).seed(42).build().writeCsv(Path.of("events.csv"));
 * try (CsvSource source = CsvSource.builder(Path.of("events.csv")).schema(SampleEvents.schema()).build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>The file has the header {@value #HEADER} and, per row:
 * <table>
 *   <caption>Columns of the generated file</caption>
 *   <tr><th>column</th><th>content</th></tr>
 *   <tr><td>ts</td><td>an instant uniform over the seconds of 2025 (UTC), written as ISO-8601 local time with
 *       an offset chosen uniformly from {@code +00:00}, {@code +09:00} and {@code -05:00}, e.g.
 *       {@code 2025-03-14T18:02:11+09:00}</td></tr>
 *   <tr><td>order_id</td><td>{@code O<n>}, n = 1, 2, ... per original row (unique except in duplicated rows)</td></tr>
 *   <tr><td>channel</td><td>uniform over the 8 {@link #CHANNELS}</td></tr>
 *   <tr><td>region</td><td>uniform over {@code R00} .. {@code R19}</td></tr>
 *   <tr><td>visitors</td><td>integer uniform in 1..500; empty in 1% of rows</td></tr>
 *   <tr><td>conversions</td><td>integer uniform in 0..visitors/10 (of the visitors drawn, even when that cell
 *       is empty)</td></tr>
 *   <tr><td>revenue</td><td>conversions times an order value uniform in 5.00..200.00 USD, in the row's
 *       currency (EUR: divided by 1.08, KRW: times 1,300), with 2 decimal places; empty in 1% of rows</td></tr>
 *   <tr><td>currency</td><td>USD (50%), EUR (30%) or KRW (20%)</td></tr>
 * </table>
 * 1% of rows are exact copies of the row before them (a duplicate is one of the requested rows). Lines end with
 * LF. The same seed and row count always give the same bytes, on every platform (the generator is SplitMix64,
 * not {@code java.util.Random}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SampleEvents {

    /** The header line of the generated file. */
    public static final String HEADER = "ts,order_id,channel,region,visitors,conversions,revenue,currency";

    /** The 8 channels, in code order. */
    public static final List<String> CHANNELS =
            List.of("organic", "paid_search", "social", "email", "referral", "display", "affiliate", "direct");

    /** The currencies. */
    public static final List<String> CURRENCIES = List.of("USD", "EUR", "KRW");

    private static final long YEAR_START = 1_735_689_600L; // 2025-01-01T00:00:00Z
    private static final long YEAR_SECONDS = 365L * 86_400L;
    private static final int[] OFFSETS = {0, 9 * 3600, -5 * 3600};
    private static final byte[][] OFFSET_TEXT = {ascii("+00:00"), ascii("+09:00"), ascii("-05:00")};
    private static final byte[][] CHANNEL_BYTES = CHANNELS.stream().map(SampleEvents::ascii).toArray(byte[][]::new);
    private static final byte[][] CURRENCY_BYTES =
            CURRENCIES.stream().map(SampleEvents::ascii).toArray(byte[][]::new);

    private final long rows;
    private final long seed;

    private SampleEvents(long rows, long seed) {
        this.rows = rows;
        this.seed = seed;
    }

    /**
     * A builder; by default 1,000 rows with seed 42.
     *
     * <pre>{@code
     * SampleEvents.builder().rows(100_000).seed(42).build().writeCsv(Path.of("events.csv"));
     * }</pre>
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The schema to read the generated file with: ts TIMESTAMP, order_id TEXT, channel and region CATEGORY,
     * visitors and conversions INTEGER, revenue exact DECIMAL(2), currency CATEGORY.
     *
     * @return the schema
     */
    public static Schema schema() {
        return Schema.of(
                Column.of("ts", ColumnType.TIMESTAMP),
                Column.of("order_id", ColumnType.TEXT),
                Column.of("channel", ColumnType.CATEGORY),
                Column.of("region", ColumnType.CATEGORY),
                Column.of("visitors", ColumnType.INTEGER),
                Column.of("conversions", ColumnType.INTEGER),
                Column.decimal("revenue", 2),
                Column.of("currency", ColumnType.CATEGORY));
    }

    /**
     * The number of data rows.
     *
     * @return the row count
     */
    public long rows() {
        return rows;
    }

    /**
     * The seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Writes the CSV file (header and rows), replacing an existing file.
     *
     * @param file the file
     * @return what was written
     * @throws UncheckedIOException if the file cannot be written
     */
    public Summary writeCsv(Path file) {
        Objects.requireNonNull(file, "file");
        try (OutputStream out = Files.newOutputStream(file)) {
            return writeCsv(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Writes the CSV text (header and rows) to a stream, which stays open.
     *
     * @param out the stream
     * @return what was written
     * @throws UncheckedIOException if the stream fails
     */
    public Summary writeCsv(OutputStream out) {
        Objects.requireNonNull(out, "out");
        try {
            return write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample events", e);
        }
    }

    private Summary write(OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        int n = 0;
        long bytes = 0;
        byte[] header = ascii(HEADER + "\n");
        out.write(header);
        bytes += header.length;
        long state = seed;
        byte[] previous = new byte[160];
        int previousLength = 0;
        long original = 0;
        long duplicates = 0;
        for (long r = 0; r < rows; r++) {
            if (buf.length - n < 160) {
                out.write(buf, 0, n);
                bytes += n;
                n = 0;
            }
            state += GOLDEN;
            boolean duplicate = previousLength > 0 && mix(state) % 100 == 0;
            if (duplicate) {
                System.arraycopy(previous, 0, buf, n, previousLength);
                n += previousLength;
                duplicates++;
                continue;
            }
            original++;
            int start = n;
            state += GOLDEN;
            long instant = YEAR_START + Math.floorMod(mix(state), YEAR_SECONDS);
            state += GOLDEN;
            int offsetIndex = (int) Math.floorMod(mix(state), 3L);
            n = timestamp(buf, n, instant + OFFSETS[offsetIndex]);
            System.arraycopy(OFFSET_TEXT[offsetIndex], 0, buf, n, 6);
            n += 6;
            buf[n++] = ',';
            buf[n++] = 'O';
            n = digits(buf, n, original);
            buf[n++] = ',';
            state += GOLDEN;
            byte[] channel = CHANNEL_BYTES[(int) Math.floorMod(mix(state), 8L)];
            System.arraycopy(channel, 0, buf, n, channel.length);
            n += channel.length;
            buf[n++] = ',';
            buf[n++] = 'R';
            state += GOLDEN;
            int region = (int) Math.floorMod(mix(state), 20L);
            buf[n++] = (byte) ('0' + region / 10);
            buf[n++] = (byte) ('0' + region % 10);
            buf[n++] = ',';
            state += GOLDEN;
            long visitors = 1 + Math.floorMod(mix(state), 500L);
            state += GOLDEN;
            boolean visitorsEmpty = Math.floorMod(mix(state), 100L) == 0;
            if (!visitorsEmpty) {
                n = digits(buf, n, visitors);
            }
            buf[n++] = ',';
            state += GOLDEN;
            long conversions = Math.floorMod(mix(state), visitors / 10 + 1);
            n = digits(buf, n, conversions);
            buf[n++] = ',';
            state += GOLDEN;
            long orderValueCents = 500 + Math.floorMod(mix(state), 19_501L);
            state += GOLDEN;
            int currency = (int) Math.floorMod(mix(state), 10L);
            currency = currency < 5 ? 0 : currency < 8 ? 1 : 2;
            state += GOLDEN;
            boolean revenueEmpty = Math.floorMod(mix(state), 100L) == 0;
            if (!revenueEmpty) {
                long cents = conversions * orderValueCents;
                if (currency == 1) {
                    cents = Math.round(cents / 1.08);
                } else if (currency == 2) {
                    cents *= 1300;
                }
                n = digits(buf, n, cents / 100);
                buf[n++] = '.';
                buf[n++] = (byte) ('0' + cents / 10 % 10);
                buf[n++] = (byte) ('0' + cents % 10);
            }
            buf[n++] = ',';
            System.arraycopy(CURRENCY_BYTES[currency], 0, buf, n, 3);
            n += 3;
            buf[n++] = '\n';
            previousLength = n - start;
            System.arraycopy(buf, start, previous, 0, previousLength);
        }
        out.write(buf, 0, n);
        bytes += n;
        out.flush();
        return new Summary(rows, duplicates, bytes);
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** SplitMix64's output function. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int digits(byte[] b, int n, long v) {
        if (v < 10) {
            b[n] = (byte) ('0' + v);
            return n + 1;
        }
        int len = 0;
        for (long x = v; x > 0; x /= 10) {
            len++;
        }
        for (int i = n + len - 1; i >= n; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return n + len;
    }

    private static int two(byte[] b, int n, int v) {
        b[n] = (byte) ('0' + v / 10);
        b[n + 1] = (byte) ('0' + v % 10);
        return n + 2;
    }

    /** Writes {@code yyyy-MM-ddTHH:mm:ss} of local epoch seconds (civil-from-days, H. Hinnant). */
    private static int timestamp(byte[] b, int n, long localSeconds) {
        long days = Math.floorDiv(localSeconds, 86_400L);
        int secs = (int) Math.floorMod(localSeconds, 86_400L);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        n = two(b, n, year / 100);
        n = two(b, n, year % 100);
        b[n++] = '-';
        n = two(b, n, month);
        b[n++] = '-';
        n = two(b, n, day);
        b[n++] = 'T';
        n = two(b, n, secs / 3600);
        b[n++] = ':';
        n = two(b, n, secs / 60 % 60);
        b[n++] = ':';
        return two(b, n, secs % 60);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "SampleEvents[rows=" + rows + ", seed=" + seed + "]";
    }

    /**
     * What {@link #writeCsv} wrote.
     *
     * @param rows data rows written (without the header)
     * @param duplicateRows rows that repeat the row before them exactly
     * @param bytes bytes written, header included
     */
    public record Summary(long rows, long duplicateRows, long bytes) {
    }

    /**
     * Builds {@link SampleEvents}. Each option may be set once; not thread-safe.
     */
    public static final class Builder {
        private long rows = 1_000;
        private boolean rowsSet;
        private long seed = 42;
        private boolean seedSet;

        private Builder() {
        }

        /**
         * The number of data rows (default 1,000).
         *
         * @param rows 0 or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         * @throws IllegalStateException if already set
         */
        public Builder rows(long rows) {
            if (rowsSet) {
                throw new IllegalStateException("rows was already set to " + this.rows);
            }
            if (rows < 0) {
                throw new IllegalArgumentException("rows must be >= 0, but was " + rows);
            }
            this.rows = rows;
            rowsSet = true;
            return this;
        }

        /**
         * The seed (default 42); the same seed gives the same file.
         *
         * @param seed any value
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder seed(long seed) {
            if (seedSet) {
                throw new IllegalStateException("seed was already set to " + this.seed);
            }
            this.seed = seed;
            seedSet = true;
            return this;
        }

        /**
         * Builds the generator.
         *
         * @return the immutable generator
         */
        public SampleEvents build() {
            return new SampleEvents(rows, seed);
        }
    }
}
