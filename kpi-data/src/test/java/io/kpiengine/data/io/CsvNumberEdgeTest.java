package io.kpiengine.data.io;

import static io.kpiengine.data.io.CsvTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ends of the 64-bit range: every value a {@code long} holds is read, the next one out is rejected. The
 * expected values come from {@link BigInteger} and {@link BigDecimal}, not from the parser under test.
 */
class CsvNumberEdgeTest {

    private static CsvTesting.Result read(Schema schema, List<String> values, ColumnFormat format) {
        StringBuilder csv = new StringBuilder("v\n");
        values.forEach(v -> csv.append('"').append(v).append("\"\n"));
        CsvSource.Builder b = CsvSource.builder(new StringReader(csv.toString()), "edge.csv").schema(schema);
        if (format != null) {
            b.format("v", format);
        }
        return readAll(b.build());
    }

    private static List<String> around(BigInteger edge, int below, int above) {
        List<String> out = new ArrayList<>();
        for (int d = -below; d <= above; d++) {
            out.add(edge.add(BigInteger.valueOf(d)).toString());
        }
        return out;
    }

    @Test
    void integer_everyValueUpToLongMax_isRead_andTheNextIsRejected() {
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        List<String> values = around(max, 10, 1); // 9223372036854775797 .. 9223372036854775808
        values.addAll(around(BigInteger.valueOf(Long.MIN_VALUE), 1, 10));

        CsvTesting.Result r = read(Schema.of(Column.of("v", ColumnType.INTEGER)), values, null);

        List<Object> expected = new ArrayList<>();
        for (String v : values) {
            BigInteger x = new BigInteger(v);
            if (x.bitLength() < 64) {
                expected.add(x.longValueExact());
            }
        }
        assertThat(r.rows()).extracting(m -> m.get("v")).containsExactlyElementsOf(expected);
        assertThat(r.rejected()).extracting(RejectedRow::reason).containsExactly(
                "column 'v': '9223372036854775808' is out of range for a 64-bit integer",
                "column 'v': '-9223372036854775809' is out of range for a 64-bit integer");
    }

    @Test
    void integer_withThousandsSeparators_readsTheEdge() {
        CsvTesting.Result r = read(Schema.of(Column.of("v", ColumnType.INTEGER)),
                List.of("9,223,372,036,854,775,807", "-9,223,372,036,854,775,808", "9,223,372,036,854,775,808"),
                ColumnFormat.builder().thousandsSeparator(',').build());
        assertThat(r.rows()).extracting(m -> m.get("v")).containsExactly(Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(r.rejected()).hasSize(1);
    }

    @Test
    void decimal2_everyValueUpToTheEdge_isRead_andTheNextIsRejected() {
        List<String> values = new ArrayList<>();
        for (String unscaled : around(BigInteger.valueOf(Long.MAX_VALUE), 8, 1)) {
            values.add(new BigDecimal(new BigInteger(unscaled), 2).toPlainString());
        }
        for (String unscaled : around(BigInteger.valueOf(Long.MIN_VALUE), 1, 8)) {
            values.add(new BigDecimal(new BigInteger(unscaled), 2).toPlainString());
        }
        values.add("92233720368547758.1"); // one place: 9223372036854775810 unscaled, out of range

        CsvTesting.Result r = read(Schema.of(Column.decimal("v", 2)), values, null);

        List<Object> expected = new ArrayList<>();
        for (String v : values) {
            BigInteger unscaled = new BigDecimal(v).setScale(2).unscaledValue();
            if (unscaled.bitLength() < 64) {
                expected.add(new BigDecimal(v).setScale(2));
            }
        }
        assertThat(r.rows()).extracting(m -> m.get("v")).containsExactlyElementsOf(expected);
        assertThat(r.rejected()).extracting(RejectedRow::reason).containsExactly(
                "column 'v': '92233720368547758.08' is out of range for 2 decimal places in 64 bits",
                "column 'v': '-92233720368547758.09' is out of range for 2 decimal places in 64 bits",
                "column 'v': '92233720368547758.1' is out of range for 2 decimal places in 64 bits");
    }

    @Test
    void double_atTheEdgeOfLong_isTheCorrectlyRoundedDouble() {
        CsvTesting.Result r = read(Schema.of(Column.of("v", ColumnType.DECIMAL)),
                List.of("-9223372036854775808", "9223372036854775808", "-9223372036854775807.5", "-1e30",
                        "-123456789012345678901234"), null);
        // the slow path (more digits than a long, or an exponent beyond 10^22) kept a negative sign twice
        assertThat(r.rows()).extracting(m -> m.get("v")).containsExactly(
                Double.parseDouble("-9223372036854775808"), Double.parseDouble("9223372036854775808"),
                Double.parseDouble("-9223372036854775807.5"), -1e30, Double.parseDouble("-123456789012345678901234"));
    }
}
