package io.kpiengine.data.io;

import static io.kpiengine.data.io.CsvTesting.readAll;
import static io.kpiengine.data.io.CsvTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.kpiengine.data.CategoryVector;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.DecimalVector;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.CsvTesting.Result;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {

    @TempDir
    Path dir;

    private static final Schema TEXT2 = Schema.of(Column.of("a", ColumnType.TEXT), Column.of("b", ColumnType.TEXT));

    private Result read(String content, Schema schema) {
        return readAll(CsvSource.builder(write(dir, "t.csv", content)).schema(schema).build());
    }

    /** Writes the content to the builder's file (made by {@link #file}) and reads it. */
    private Result read(String content, CsvSource.Builder builder) {
        write(dir, "t.csv", content);
        return readAll(builder.build());
    }

    private CsvSource.Builder file(String content, Schema schema) {
        return CsvSource.builder(write(dir, "t.csv", content)).schema(schema);
    }

    /**
     * A reader asked to attach text hashes hashes exactly the values it returns: after undoing doubled quotes,
     * after trimming, with missing values and non-ASCII text left to the strings, in every partition of a split
     * file, and it reads the same values as a reader that does not hash.
     */
    @Test
    void attachTextHashes_givesTheHashesOfTheValues_inEveryPartition() {
        StringBuilder csv = new StringBuilder("a,b\n");
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        String[] shapes = {"\"q\"\"uoted\"", "  padded  ", "", "naïve", "O%d", "\"multi\nline\"", "x,%d"};
        for (int i = 0; i < 30_000; i++) {
            String shape = shapes[rnd.nextInt(shapes.length)];
            String v = shape.contains("%d") ? String.format(shape, i) : shape;
            if (v.contains(",")) {
                v = "\"" + v + "\"";
            }
            csv.append(v).append(',').append(i % 7 == 0 ? "" : "B" + (i % 1000)).append('\n');
        }
        Schema schema = TEXT2;
        // one file read by both readers: writing it again while the first is open would change it under it
        Path file = write(dir, "t.csv", csv.toString());
        List<RecordSource> plainParts = CsvSource.builder(file).schema(schema).build().split(3);
        CsvSource hashing = CsvSource.builder(file).schema(schema).build();
        assertThat(hashing.attachTextHashes()).isTrue();
        List<RecordSource> parts = hashing.split(3);
        assertThat(parts).hasSize(3);
        long checked = 0;
        for (int p = 0; p < parts.size(); p++) {
            try (RecordSource plain = plainParts.get(p); RecordSource hashed = parts.get(p)) {
                for (RecordBatch x = plain.next(), y = hashed.next(); x != null; x = plain.next(), y = hashed.next()) {
                    assertThat(y).isEqualTo(x);
                    for (int c = 0; c < 2; c++) {
                        io.kpiengine.data.TextVector v = (io.kpiengine.data.TextVector) y.column(c);
                        long[] a = new long[v.size()];
                        long[] b = new long[v.size()];
                        v.hashTo(0, v.size(), a, b);
                        long[] want = new long[2];
                        for (int r = 0; r < v.size(); r++) {
                            if (v.get(r) == null) {
                                assertThat(a[r]).isZero();
                                continue;
                            }
                            io.kpiengine.data.internal.TextHash.of(v.get(r), want, 0);
                            assertThat(new long[] {a[r], b[r]}).as("value '%s'", v.get(r)).containsExactly(want);
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(50_000);
        try (CsvSource cp1252 = CsvSource.builder(write(dir, "w.csv", "a,b\n1,2\n")).schema(TEXT2)
                .charset(java.nio.charset.Charset.forName("windows-1252")).build()) {
            assertThat(cp1252.attachTextHashes()).as("only charsets known to read ASCII as such").isFalse();
            assertThat(readAll(cp1252).rows()).hasSize(1);
        }
        byte[] utf16 = "a,b\nnaïve,O1\n".getBytes(StandardCharsets.UTF_16LE);
        try (CsvSource transcoded = CsvSource.builder(write(dir, "u.csv", utf16)).schema(TEXT2)
                .charset(StandardCharsets.UTF_16LE).build()) {
            assertThat(transcoded.attachTextHashes()).as("re-encoded to UTF-8 before parsing").isTrue();
            RecordBatch batch = transcoded.next();
            io.kpiengine.data.TextVector v = (io.kpiengine.data.TextVector) batch.column(1);
            long[] a = new long[1];
            long[] b = new long[1];
            v.hashTo(0, 1, a, b);
            long[] want = new long[2];
            io.kpiengine.data.internal.TextHash.of("O1", want, 0);
            assertThat(new long[] {a[0], b[0]}).containsExactly(want);
        }
    }

    @Test
    void estimatedRows_exactForSmallFiles_closeForLargeOnes_unknownForStreams() {
        try (CsvSource small = file("a,b\n1,2\n3,4\n5,6", TEXT2).build()) {
            assertThat(small.estimatedRows()).as("no final line break").isEqualTo(3);
        }
        try (CsvSource header = file("a,b\n", TEXT2).build()) {
            assertThat(header.estimatedRows()).isZero();
        }
        StringBuilder big = new StringBuilder("a,b\n");
        int rows = 300_000;
        for (int i = 0; i < rows; i++) {
            big.append(i).append(",v").append(i % 97).append('\n');
        }
        try (CsvSource large = file(big.toString(), TEXT2).build()) {
            // the sample is the first MiB, whose lines are a little shorter than the average line
            assertThat(large.estimatedRows()).isBetween((long) (rows * 0.9), (long) (rows * 1.2));
            List<RecordSource> parts = large.split(2);
            assertThat(parts.get(0).estimatedRows()).isBetween((long) (rows * 0.45), (long) (rows * 0.6));
            for (RecordSource p : parts) {
                p.close();
            }
        }
        try (CsvSource stream = CsvSource.builder(new java.io.ByteArrayInputStream("a,b\n1,2\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), "in").schema(TEXT2).build()) {
            assertThat(stream.estimatedRows()).isEqualTo(-1);
        }
    }

    @Test
    void quotes_doubledQuotesAndEmbeddedNewlines_keepTextAndStartLines() {
        Result r = read("a,b\n\"say \"\"hi\"\"\",x\n\"two\nlines\",\"c,d\"\nlast,\"\"\n", TEXT2);
        assertThat(r.rows()).extracting(m -> m.get("a")).containsExactly("say \"hi\"", "two\nlines", "last");
        assertThat(r.rows()).extracting(m -> m.get("b")).containsExactly("x", "c,d", null);
        assertThat(r.lines()).containsExactly(2L, 3L, 5L);
        assertThat(r.rejected()).isEmpty();
    }

    @Test
    void lineEndings_crlfLoneCrAndNoFinalNewline_allEndRecords() {
        Result r = read("a,b\r\n1,2\r\n3,4\r5,6", TEXT2);
        assertThat(r.rows()).extracting(m -> m.get("a")).containsExactly("1", "3", "5");
        assertThat(r.rows()).extracting(m -> m.get("b")).containsExactly("2", "4", "6");
        assertThat(r.lines()).containsExactly(2L, 3L, 4L);
    }

    @Test
    void bom_utf8IsSkipped_andBlankLinesAreSkipped() {
        byte[] body = "a,b\n\nx,é\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Result r = readAll(CsvSource.builder(write(dir, "bom.csv", withBom)).schema(TEXT2).build());
        assertThat(r.rows()).containsExactly(java.util.Map.of("a", "x", "b", "é"));
        assertThat(r.lines()).containsExactly(3L);
    }

    @Test
    void bom_utf16LittleEndian_isDecoded() {
        byte[] text = "a,b\nü,2\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] file = new byte[text.length + 2];
        file[0] = (byte) 0xFF;
        file[1] = (byte) 0xFE;
        System.arraycopy(text, 0, file, 2, text.length);
        CsvSource source = CsvSource.builder(write(dir, "u16.csv", file)).schema(TEXT2).build();
        assertThat(source.split(2)).containsExactly(source);
        assertThat(readAll(source).rows()).containsExactly(java.util.Map.of("a", "ü", "b", "2"));
    }

    @Test
    void inputs_streamAndReader_readLikeFiles() {
        String csv = "a,b\n1,\"x\ny\"\n";
        Result s = readAll(CsvSource.builder(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "in")
                .schema(TEXT2).build());
        Result t = readAll(CsvSource.builder(new StringReader(csv), "in").schema(TEXT2).build());
        assertThat(s.rows()).isEqualTo(t.rows()).containsExactly(java.util.Map.of("a", "1", "b", "x\ny"));
        assertThat(s.lines()).isEqualTo(t.lines()).containsExactly(2L);
    }

    @Test
    void charset_latin1_decodesText() {
        byte[] file = "a,b\ncaf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1);
        Result r = readAll(CsvSource.builder(write(dir, "l1.csv", file)).schema(TEXT2)
                .charset(StandardCharsets.ISO_8859_1).build());
        assertThat(r.rows()).extracting(m -> m.get("a")).containsExactly("café");
    }

    @Test
    void sampleShape_everyTypeFromBytes() {
        Schema schema = Schema.of(Column.of("ts", ColumnType.TIMESTAMP), Column.of("channel", ColumnType.CATEGORY),
                Column.of("visitors", ColumnType.INTEGER), Column.decimal("revenue", 2),
                Column.of("rate", ColumnType.DECIMAL), Column.of("day", ColumnType.DATE),
                Column.of("ok", ColumnType.BOOLEAN));
        Result r = read("ts,channel,visitors,revenue,rate,day,ok\n"
                + "2025-03-14T18:02:11+09:00,email,12,34.5,1.5e3,2025-03-14,yes\n"
                + "2025-03-14T09:02:11.123456789Z,social,-7,-0.05,0.1,2024-02-29,FALSE\n"
                + "2025-03-14 04:02:11-05:00,email,,,,,\n", schema);
        assertThat(r.rejected()).isEmpty();
        assertThat(r.rows().get(0)).containsExactly(entry("ts", Instant.parse("2025-03-14T09:02:11Z")),
                entry("channel", "email"), entry("visitors", 12L), entry("revenue", new BigDecimal("34.50")),
                entry("rate", 1500.0), entry("day", LocalDate.of(2025, 3, 14)), entry("ok", true));
        assertThat(r.rows().get(1)).contains(entry("ts", Instant.parse("2025-03-14T09:02:11.123456Z")),
                entry("visitors", -7L), entry("revenue", new BigDecimal("-0.05")), entry("rate", 0.1),
                entry("day", LocalDate.of(2024, 2, 29)), entry("ok", false));
        assertThat(r.rows().get(2)).contains(entry("ts", Instant.parse("2025-03-14T09:02:11Z")),
                entry("visitors", null), entry("revenue", null), entry("day", null), entry("ok", null));
    }

    @Test
    void categories_shareOneDictionaryAcrossBatches() {
        Dictionary dict = new Dictionary();
        Schema schema = Schema.of(Column.of("c", ColumnType.CATEGORY));
        CsvSource source = file("c\nx\ny\nx\n\"x\"\n", schema).dictionary("c", dict).batchSize(2).build();
        RecordBatch first = source.next();
        RecordBatch second = source.next();
        assertThat(source.next()).isNull();
        CategoryVector a = (CategoryVector) first.column(0);
        CategoryVector b = (CategoryVector) second.column(0);
        assertThat(a.code(0)).isEqualTo(b.code(0)).isEqualTo(b.code(1)).isEqualTo(dict.find("x"));
        assertThat(dict.size()).isEqualTo(2);
    }

    @Test
    void dates_severalPatternsInOneColumn_firstMatchWins() {
        Schema schema = Schema.of(Column.of("d", ColumnType.DATE));
        Result r = read("d\n9/14/2014\n09-15-2014\n12/31/2019\n", file("", schema).format("d",
                ColumnFormat.builder().datePatterns("M/d/yyyy", "MM-dd-yyyy").build()));
        assertThat(r.rows()).extracting(m -> m.get("d")).containsExactly(LocalDate.of(2014, 9, 14),
                LocalDate.of(2014, 9, 15), LocalDate.of(2019, 12, 31));
    }

    @Test
    void dates_invalidDay_isRejectedWithEveryPattern() {
        Schema schema = Schema.of(Column.of("d", ColumnType.DATE));
        Result r = read("d\n2/30/2020\n", file("", schema).format("d",
                ColumnFormat.builder().datePatterns("M/d/yyyy", "MM-dd-yyyy").build()));
        assertThat(r.rejected()).containsExactly(new RejectedRow("t.csv", 2, "2/30/2020",
                "column 'd': '2/30/2020' is not a date in format 'M/d/yyyy' or 'MM-dd-yyyy'"));
    }

    @Test
    void dates_monthPattern_readsFirstOfMonth_andNamedMonthsUseFormatter() {
        Schema schema = Schema.of(Column.of("m", ColumnType.DATE), Column.of("n", ColumnType.DATE));
        Result r = read("m,n\n\"1960-01\",3 Feb 2021\n", file("", schema)
                .format("m", ColumnFormat.builder().datePatterns("yyyy-MM").build())
                .format("n", ColumnFormat.builder().datePatterns("d MMM yyyy").locale(Locale.ENGLISH).build()));
        assertThat(r.rows()).containsExactly(java.util.Map.of("m", LocalDate.of(1960, 1, 1),
                "n", LocalDate.of(2021, 2, 3)));
    }

    @Test
    void dates_yearPattern_readsJanuaryFirst_andRejectsWhatIsNotAYear() {
        Schema schema = Schema.of(Column.of("y", ColumnType.DATE), Column.of("t", ColumnType.TIMESTAMP));
        Result r = read("y,t\n1930,2021\n1931x,2021\n193,2021\n", file("", schema)
                .format("y", ColumnFormat.builder().datePatterns("yyyy").build())
                .format("t", ColumnFormat.builder().datePatterns("uuuu").zone(java.time.ZoneOffset.UTC).build()));
        assertThat(r.rows()).containsExactly(java.util.Map.of("y", LocalDate.of(1930, 1, 1),
                "t", java.time.Instant.parse("2021-01-01T00:00:00Z")));
        assertThat(r.rejected()).extracting(RejectedRow::reason).containsExactly(
                "column 'y': '1931x' is not a date in format 'yyyy'", "column 'y': '193' is not a date in format 'yyyy'");
    }

    @Test
    void dates_isoDefault_messageNamesFormat() {
        Result r = read("d\n2025-13-01\n03/14/2025\n2025-02-29\n", Schema.of(Column.of("d", ColumnType.DATE)));
        assertThat(r.rejected()).extracting(RejectedRow::reason).containsExactly(
                "column 'd': '2025-13-01' is no such date: there is no month 13 (months run 01 to 12); if the day"
                        + " comes before the month, declare datePatterns such as 'yyyy-dd-MM' in the column's format",
                "column 'd': '03/14/2025' is not a date in format 'yyyy-MM-dd' (other layouts, such as 'M/d/yyyy' or"
                        + " 'yyyy-MM', need datePatterns in the column's format)",
                "column 'd': '2025-02-29' is no such date: February 2025 has 28 days");
    }

    @Test
    void timestamps_localTimeWithZone_followsJavaTimeAcrossDst() {
        Schema schema = Schema.of(Column.of("t", ColumnType.TIMESTAMP));
        Result r = read("t\n2025-03-30T01:30:00\n2025-03-30T02:30:00\n2025-10-26T02:30:00\n2025-01-01T00:00:00+01:00\n",
                file("", schema).format("t", ColumnFormat.builder().zone(ZoneId.of("Europe/Berlin")).build()));
        assertThat(r.rows()).extracting(m -> m.get("t")).containsExactly(
                Instant.parse("2025-03-30T00:30:00Z"),
                // 02:30 does not exist (gap): moved forward by the gap, as ZonedDateTime.ofLocal does
                Instant.parse("2025-03-30T01:30:00Z"),
                // 02:30 happens twice (overlap): the earlier offset, +02:00
                Instant.parse("2025-10-26T00:30:00Z"),
                Instant.parse("2024-12-31T23:00:00Z"));
    }

    @Test
    void timestamps_withoutOffsetOrZone_areRejected() {
        Result r = read("t\n2025-03-30T01:30:00\n2025-03-30T25:30:00Z\n2016-12-31T23:59:60Z\n2025-03-30 x\n",
                Schema.of(Column.of("t", ColumnType.TIMESTAMP)));
        assertThat(r.rejected()).extracting(RejectedRow::reason).containsExactly(
                "column 't': '2025-03-30T01:30:00' has no offset and the column declares no zone",
                "column 't': '2025-03-30T25:30:00Z' is no such time: there is no hour 25 (hours run 00 to 23; midnight"
                        + " at the end of a day is 00:00 of the next)",
                "column 't': '2016-12-31T23:59:60Z' is no such time: second 60 is a leap second, which timestamps do"
                        + " not hold (seconds run 00 to 59); write :59 instead",
                "column 't': '2025-03-30 x' is not a timestamp in format ISO-8601 "
                        + "'yyyy-MM-ddTHH:mm[:ss[.fraction]]' with an offset such as '+09:00' or 'Z'");
    }

    @Test
    void timestamps_patternsWithZone() {
        Schema schema = Schema.of(Column.of("t", ColumnType.TIMESTAMP));
        Result r = read("t\n3/30/2025 9:05\n", file("", schema).format("t", ColumnFormat.builder()
                .datePatterns("M/d/yyyy H:mm").zone(ZoneId.of("Asia/Seoul")).build()));
        assertThat(r.rows()).extracting(m -> m.get("t")).containsExactly(Instant.parse("2025-03-30T00:05:00Z"));
    }

    @Test
    void numbers_thousandsSeparators_mustGroupByThree() {
        Schema schema = Schema.of(Column.of("n", ColumnType.INTEGER));
        Result r = read("n\n\"2,146\"\n\"1,234,567\"\n152\n\"21,46\"\n", file("", schema).format("n",
                ColumnFormat.builder().thousandsSeparator(',').build()));
        assertThat(r.rows()).extracting(m -> m.get("n")).containsExactly(2146L, 1234567L, 152L);
        assertThat(r.rejected()).containsExactly(new RejectedRow("t.csv", 5, "\"21,46\"",
                "column 'n': '21,46' is not an integer (expected digits with an optional sign, thousands separator ',')"));
    }

    @Test
    void numbers_decimalCommaByLocale() {
        Schema schema = Schema.of(Column.of("x", ColumnType.DECIMAL), Column.decimal("m", 2));
        Result r = read("x;m\n1.234,5;-0,5\n", file("", schema).delimiter(';')
                .defaultFormat(ColumnFormat.builder().locale(Locale.GERMANY).build()));
        assertThat(r.rows()).containsExactly(java.util.Map.of("x", 1234.5, "m", new BigDecimal("-0.50")));
    }

    @Test
    void numbers_badValues_haveExactReasons() {
        Schema schema = Schema.of(Column.of("i", ColumnType.INTEGER), Column.decimal("m", 2),
                Column.of("d", ColumnType.DECIMAL));
        Result r = read("i,m,d\nabc,1,1\n1.5,1,1\n99999999999999999999,1,1\n1,12.345,1\n1,1,NaN\n12.0,12.340,1\n",
                schema);
        assertThat(r.rejected()).extracting(RejectedRow::reason).containsExactly(
                "column 'i': 'abc' is not an integer (expected digits with an optional sign)",
                "column 'i': '1.5' is not an integer (it has a fraction)",
                "column 'i': '99999999999999999999' is out of range for a 64-bit integer",
                "column 'm': '12.345' has more than 2 decimal places (give the column more places, or a rounding in its"
                        + " format)",
                "column 'd': 'NaN' is not a decimal number (expected digits with an optional sign, decimal separator "
                        + "'.', optional exponent)");
        assertThat(r.rows()).containsExactly(java.util.Map.of("i", 12L, "m", new BigDecimal("12.34"), "d", 1.0));
        assertThat(r.lines()).containsExactly(7L);
    }

    @Test
    void decimals_roundingMode_roundsSpreadsheetArtefacts_insteadOfRejecting() {
        Schema schema = Schema.of(Column.decimal("p", 4));
        Result r = read("p\n85.3091999999998\n-0.00005\n1.5\n", file("", schema).format("p",
                ColumnFormat.builder().rounding(java.math.RoundingMode.HALF_EVEN).build()));
        assertThat(r.rejected()).isEmpty();
        assertThat(r.rows()).extracting(m -> m.get("p")).containsExactly(new BigDecimal("85.3092"),
                new BigDecimal("0.0000"), new BigDecimal("1.5000"));
        assertThatThrownBy(() -> ColumnFormat.builder().rounding(java.math.RoundingMode.UNNECESSARY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rounding must be a mode that rounds, but was UNNECESSARY");
    }

    @Test
    void decimals_fastPathEqualsJavaParsing() {
        Schema schema = Schema.of(Column.of("d", ColumnType.DECIMAL));
        String[] values = {"0.1", "123456789.123456789", "1e-300", "-2.5E+10", "9007199254740993", ".5", "7."};
        StringBuilder csv = new StringBuilder("d\n");
        for (String v : values) {
            csv.append(v).append('\n');
        }
        Result r = read(csv.toString(), schema);
        for (int i = 0; i < values.length; i++) {
            assertThat(r.rows().get(i).get("d")).as(values[i]).isEqualTo(Double.parseDouble(values[i]));
        }
    }

    @Test
    void booleans_nullTokensTrimAndEmptyStrings() {
        Schema schema = Schema.of(Column.of("b", ColumnType.BOOLEAN), Column.of("t", ColumnType.TEXT),
                Column.of("e", ColumnType.TEXT));
        Result r = read("b,t,e\n Oui ,  x  ,\nnon,NA,\"\"\nmaybe,a,b\n", file("", schema)
                .format("b", ColumnFormat.builder().booleanWords(List.of("oui"), List.of("non")).build())
                .format("t", ColumnFormat.builder().trim(true).nullTokens("NA").build())
                .format("e", ColumnFormat.builder().emptyAsMissing(false).build()));
        assertThat(r.rows()).extracting(m -> m.get("b"), m -> m.get("t"), m -> m.get("e")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(true, "x", ""), org.assertj.core.groups.Tuple.tuple(false, null, ""));
        assertThat(r.rejected()).extracting(RejectedRow::reason)
                .containsExactly("column 'b': 'maybe' is not a boolean (expected one of oui or non)");
    }

    @Test
    void malformed_wrongFieldCount_isQuarantinedAndReadingContinues() {
        Result r = read("a,b\n1,2\n1,2,3\n4\n5,6\n", TEXT2);
        assertThat(r.rows()).extracting(m -> m.get("a")).containsExactly("1", "5");
        assertThat(r.rejected()).containsExactly(
                new RejectedRow("t.csv", 3, "1,2,3", "record has 3 fields, but the header has 2"),
                new RejectedRow("t.csv", 4, "4", "record has 1 field, but the header has 2"));
    }

    @Test
    void malformed_unbalancedQuoteAtEnd_rejectsOnlyItsFirstLine() {
        Result r = read("a,b\n1,2\n3,\"open\n5,6\n7,8\n", TEXT2);
        assertThat(r.rows()).extracting(m -> m.get("a")).containsExactly("1", "5", "7");
        assertThat(r.lines()).containsExactly(2L, 4L, 5L);
        assertThat(r.rejected()).containsExactly(new RejectedRow("t.csv", 3, "3,\"open",
                "record has an unbalanced quote: a quoted field is not closed before the end of the input"));
    }

    @Test
    void malformed_strayQuote_rejectsTheLine() {
        Result r = read("a,b\n1,2\n24\" screen,9\n5,6\n", TEXT2);
        assertThat(r.rows()).extracting(m -> m.get("a")).containsExactly("1", "5");
        assertThat(r.rejected()).containsExactly(new RejectedRow("t.csv", 3, "24\" screen,9",
                "record has a stray quote in field 1: quotes must enclose the whole field, and a quote inside a "
                        + "quoted field must be doubled"));
    }

    @Test
    void malformed_invalidUtf8_isRejectedWithItsPosition() {
        byte[] head = "a,b\nok,1\nbad".getBytes(StandardCharsets.UTF_8);
        byte[] tail = ",2\nfine,3\n".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, file, 0, head.length);
        file[head.length] = (byte) 0xC3;
        file[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, file, head.length + 2, tail.length);
        Result r = readAll(CsvSource.builder(write(dir, "u.csv", file)).schema(TEXT2).build());
        assertThat(r.rows()).extracting(m -> m.get("a")).containsExactly("ok", "fine");
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L,
                        "invalid UTF-8 byte sequence at byte 4 of the record (0xC3 0x28 0x2C 0x32)"));
    }

    @Test
    void malformed_recordLongerThanLimit_isRejected() {
        String big = "x".repeat(3000);
        Result r = read("a,b\n1,\"" + big + "\n2,3\n", file("", TEXT2).maxRecordBytes(1024));
        assertThat(r.rows()).extracting(m -> m.get("a")).containsExactly("2");
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L,
                        "record is longer than the limit of 1024 bytes (is a quote unbalanced?)"));
    }

    @Test
    void header_missingColumns_failBuildNamingFileHeaderAndSuggestion() {
        Schema schema = Schema.of(Column.of("visitors", ColumnType.INTEGER), Column.of("revenue", ColumnType.DECIMAL),
                Column.of("a", ColumnType.TEXT));
        assertThatThrownBy(() -> file("a,Visitors\n1,2\n", schema).build())
                .isInstanceOf(SourceException.class)
                .hasMessage("t.csv:1: the header lacks the columns 'visitors' (did you mean 'Visitors'?), 'revenue' "
                        + "that the schema requires; the header is [a, Visitors]");
    }

    @Test
    void header_extraColumnsRefusedWhenAsked_aliasesAndOptionalColumns() {
        assertThatThrownBy(() -> file("a,b,c\n", TEXT2).allowExtraColumns(false).build())
                .isInstanceOf(SourceException.class)
                .hasMessage("t.csv:1: the header has columns that the schema does not declare: 'c'; the header is "
                        + "[a, b, c]");
        Schema schema = Schema.of(Column.of("loads", ColumnType.INTEGER), Column.of("gone", ColumnType.TEXT));
        Result r = read("Page.Loads,x\n5,y\n", file("", schema).headerName("loads", "Page.Loads")
                .optionalColumns("gone"));
        assertThat(r.rows()).hasSize(1);
        assertThat(r.rows().get(0)).containsExactly(entry("loads", 5L), entry("gone", null));
    }

    @Test
    void header_emptyInput_failsBuild_butHeaderOnlyGivesNoRows() {
        assertThatThrownBy(() -> file("", TEXT2).build()).isInstanceOf(SourceException.class)
                .hasMessage("t.csv:1: the input is empty: it has no header with the columns [a, b] that the schema "
                        + "requires");
        Result r = read("a,b\r\n", TEXT2);
        assertThat(r.rows()).isEmpty();
        assertThat(r.batches()).isZero();
    }

    @Test
    void header_anyOrderAndSubset_ofTheFileColumns_areFoundByName() {
        Schema schema = Schema.of(Column.of("c", ColumnType.INTEGER), Column.of("a", ColumnType.TEXT));
        Result r = read("a,b,c,d\nx,y,3,z\n", file("", schema));
        assertThat(r.rows().get(0)).containsExactly(entry("c", 3L), entry("a", "x"));
    }

    @Test
    void header_ignoreHeaderCase_matchesHeadersInAnyCase_andStillReportsWhatIsMissing() {
        Schema schema = Schema.of(Column.of("order_date", ColumnType.TEXT), Column.of("region", ColumnType.TEXT));
        Result r = read("REGION,Order Date\nEast,x\n", file("", schema).headerName("order_date", "order date")
                .ignoreHeaderCase(true));
        assertThat(r.rows().get(0)).containsExactly(entry("order_date", "x"), entry("region", "East"));
        assertThatThrownBy(() -> file("REGION,Order Date\n", schema).headerName("order_date", "order date").build())
                .isInstanceOf(SourceException.class)
                .hasMessage("t.csv:1: the header lacks the columns 'order date' (did you mean 'Order Date'?), 'region'"
                        + " (did you mean 'REGION'?) that the schema requires; the header is [REGION, Order Date]");
        assertThat(CsvSettings.builder().ignoreHeaderCase(true).build().ignoreHeaderCase()).isTrue();
        assertThat(CsvSettings.DEFAULTS.ignoreHeaderCase()).isFalse();
    }

    @Test
    void header_absent_mapsByPosition() {
        Result r = read("1,2\n3,4\n", file("", TEXT2).header(false));
        assertThat(r.rows()).extracting(m -> m.get("a")).containsExactly("1", "3");
        assertThat(r.lines()).containsExactly(1L, 2L);
    }

    @Test
    void builder_misuse_failsAtOnceWithRule() {
        CsvSource.Builder b = CsvSource.builder(dir.resolve("x.csv")).schema(TEXT2).batchSize(10);
        assertThatThrownBy(() -> b.batchSize(20)).isInstanceOf(IllegalStateException.class)
                .hasMessage("batchSize was already set to 10");
        assertThatThrownBy(() -> b.delimiter('\n')).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delimiter must be a printable ASCII character or tab, but was U+000A");
        assertThatThrownBy(() -> b.format("nope", ColumnFormat.DEFAULT).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("invalid CSV options: format: no column 'nope' in schema [a, b]");
        assertThatThrownBy(() -> CsvSource.builder(dir.resolve("missing.csv")).schema(TEXT2).build())
                .isInstanceOf(SourceException.class).hasMessageStartingWith("missing.csv: cannot open: ");
    }

    @Test
    void errorBudget_maxCount_stopsWithRejectionsSoFar() {
        CsvSource source = file("a,b\n1,2\nx\ny\n3,4\nz\n", TEXT2).errorBudget(ErrorBudget.maxCount(1))
                .batchSize(2).build();
        assertThat(source.next().rejected()).hasSize(1);
        assertThatThrownBy(source::next).isInstanceOfSatisfying(ErrorBudgetExceededException.class, e -> {
            assertThat(e.rejectedCount()).isEqualTo(2);
            assertThat(e.records()).isEqualTo(4);
            assertThat(e.rejected()).extracting(RejectedRow::line).containsExactly(3L, 4L);
            assertThat(e).hasMessage("t.csv: 2 of 4 records (50.00%) were rejected, more than the error budget of 1 "
                    + "records; first rejection: t.csv:3: record has 1 field, but the header has 2");
        });
        source.close();
    }

    @Test
    void errorBudget_fraction_isJudgedAfterMinimumAndAtEnd() {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i % 10 == 0 ? "bad\n" : "1,2\n");
        }
        Result ok = read(csv.toString(), file("", TEXT2).errorBudget(ErrorBudget.maxFraction(0.10, 50)));
        assertThat(ok.rejected()).hasSize(10);
        assertThatThrownBy(() -> read(csv.toString(), file("", TEXT2).errorBudget(ErrorBudget.maxFraction(0.05, 1000))))
                .isInstanceOf(ErrorBudgetExceededException.class)
                .hasMessageContaining("10 of 100 records (10.00%) were rejected, more than the error budget of "
                        + "5.00% of records (judged after 1000 records)");
    }

    @Test
    void batchSize_cutsBatchesAndKeepsRejectionsWithTheirStretch() {
        Result r = read("a,b\n1,2\nx\n3,4\n5,6\n", file("", TEXT2).batchSize(2));
        assertThat(r.batches()).isEqualTo(2);
        assertThat(r.lines()).containsExactly(2L, 4L, 5L);
    }

    @Test
    void realShape_dailyWebsiteVisitors_crlfQuotedThousandsMixedDates() {
        String csv = "Row,Day,Day.Of.Week,Date,Page.Loads,Unique.Visits,First.Time.Visits,Returning.Visits\r\n"
                + "1,Sunday,1,9/14/2014,\"2,146\",\"1,582\",\"1,430\",152\r\n"
                + "2,Monday,2,9/15/2014,\"3,621\",\"2,528\",\"2,297\",231\r\n"
                + "1316,Saturday,7,04-23-2018,\"3,131\",\"2,216\",\"1,938\",278\r\n";
        ColumnFormat counts = ColumnFormat.builder().thousandsSeparator(',').build();
        Schema schema = Schema.of(Column.of("Date", ColumnType.DATE), Column.of("Day", ColumnType.CATEGORY),
                Column.of("Page.Loads", ColumnType.INTEGER), Column.of("Unique.Visits", ColumnType.INTEGER),
                Column.of("First.Time.Visits", ColumnType.INTEGER), Column.of("Returning.Visits", ColumnType.INTEGER));
        Result r = read(csv, file("", schema)
                .format("Date", ColumnFormat.builder().datePatterns("M/d/yyyy", "MM-dd-yyyy").build())
                .format("Page.Loads", counts).format("Unique.Visits", counts).format("First.Time.Visits", counts));
        assertThat(r.rejected()).isEmpty();
        assertThat(r.rows()).extracting(m -> m.get("Date"), m -> m.get("Page.Loads"), m -> m.get("Unique.Visits"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2014, 9, 14), 2146L, 1582L),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2014, 9, 15), 3621L, 2528L),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2018, 4, 23), 3131L, 2216L));
        for (var row : r.rows()) {
            assertThat((Long) row.get("Unique.Visits"))
                    .isEqualTo((Long) row.get("First.Time.Visits") + (Long) row.get("Returning.Visits"));
        }
    }

    @Test
    void realShape_superstore_quotedCommasAndDoubledQuotes() {
        String csv = "Row ID,Order ID,Order Date,Product Name,Sales,Quantity,Discount,Profit\n"
                + "1,CA-2020-152156,11/8/2020,Bush Somerset Collection Bookcase,261.96,2,0,41.9136\n"
                + "2,CA-2020-152156,11/8/2020,\"Hon Deluxe Fabric Upholstered Stacking Chairs, Rounded Back\","
                + "731.94,3,0,219.582\n"
                + "3,US-2019-108966,10/11/2019,\"Eldon Expressions Wood Desk Accessories, \"\"Oak\"\"\",22.368,2,0.2,"
                + "-3.8646\n";
        Schema schema = Schema.of(Column.of("Order Date", ColumnType.DATE), Column.of("Product Name", ColumnType.TEXT),
                Column.decimal("Sales", 4), Column.of("Quantity", ColumnType.INTEGER),
                Column.of("Discount", ColumnType.DECIMAL), Column.decimal("Profit", 4));
        Result r = read(csv, file("", schema).format("Order Date",
                ColumnFormat.builder().datePatterns("M/d/yyyy").build()));
        assertThat(r.rejected()).isEmpty();
        assertThat(r.rows()).extracting(m -> m.get("Product Name")).containsExactly(
                "Bush Somerset Collection Bookcase", "Hon Deluxe Fabric Upholstered Stacking Chairs, Rounded Back",
                "Eldon Expressions Wood Desk Accessories, \"Oak\"");
        assertThat(r.rows().get(2)).contains(entry("Order Date", LocalDate.of(2019, 10, 11)),
                entry("Sales", new BigDecimal("22.3680")), entry("Profit", new BigDecimal("-3.8646")));
        DecimalVector sales = (DecimalVector) CsvSource.builder(dir.resolve("t.csv")).schema(schema)
                .format("Order Date", ColumnFormat.builder().datePatterns("M/d/yyyy").build()).build().next()
                .column("Sales");
        assertThat(sales.unscaled(0) + sales.unscaled(1) + sales.unscaled(2)).isEqualTo(10_162_680L);
    }
}
