package io.kpiengine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RecordBatchTest {

    /** A column of every type; shared with {@link SelectedVectorTest}. */
    static final Schema EVERY_TYPE = Schema.of(
            Column.of("ts", ColumnType.TIMESTAMP),
            Column.of("channel", ColumnType.CATEGORY),
            Column.of("visitors", ColumnType.INTEGER),
            Column.decimal("revenue", 2),
            Column.of("rate", ColumnType.DECIMAL),
            Column.of("day", ColumnType.DATE),
            Column.of("ok", ColumnType.BOOLEAN),
            Column.of("note", ColumnType.TEXT));

    private final Schema schema = EVERY_TYPE;

    @Test
    void builder_roundTripsEveryType() {
        RecordBatch b = RecordBatch.builder(schema, "mem")
                .addRow(Instant.parse("2025-01-01T00:00:00.123456Z"), "email", 5L, new BigDecimal("12.34"), 0.5,
                        LocalDate.of(2025, 1, 1), true, "x")
                .addRow(null, null, null, null, null, null, null, null)
                .build();
        assertThat(b.size()).isEqualTo(2);
        assertThat(b.row(0).toMap()).containsExactly(
                org.assertj.core.api.Assertions.entry("ts", Instant.parse("2025-01-01T00:00:00.123456Z")),
                org.assertj.core.api.Assertions.entry("channel", "email"),
                org.assertj.core.api.Assertions.entry("visitors", 5L),
                org.assertj.core.api.Assertions.entry("revenue", new BigDecimal("12.34")),
                org.assertj.core.api.Assertions.entry("rate", 0.5),
                org.assertj.core.api.Assertions.entry("day", LocalDate.of(2025, 1, 1)),
                org.assertj.core.api.Assertions.entry("ok", true),
                org.assertj.core.api.Assertions.entry("note", "x"));
        assertThat(((DecimalVector) b.column("revenue")).unscaled(0)).isEqualTo(1234L);
        for (int c = 0; c < schema.size(); c++) {
            assertThat(b.column(c).isNull(1)).as(schema.column(c).name()).isTrue();
            assertThat(b.column(c).nullCount()).isEqualTo(1);
        }
        assertThat(b.rowNumber(1)).isEqualTo(2L);
    }

    @Test
    void builder_refusesLossOfDigits_namingRowAndColumn() {
        RecordBatch.Builder builder = RecordBatch.builder(schema, "mem");
        assertThatThrownBy(() -> builder.addRow(null, null, null, new BigDecimal("1.234"), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("row 1, column 'revenue' (DECIMAL(2)): 1.234 has more than 2 decimal places");
    }

    @Test
    void select_keepsRowNumbersAndNulls() {
        RecordBatch b = RecordBatch.builder(schema, "mem")
                .addRowAt(10, null, "a", 1L, null, null, null, null, null)
                .addRowAt(20, null, "b", null, null, null, null, null, null)
                .addRowAt(30, null, "c", 3L, null, null, null, null, null)
                .build();
        RecordBatch s = b.select(new int[] {2, 1}, 2);
        assertThat(s.rowNumber(0)).isEqualTo(30L);
        assertThat(s.row(0).get("channel")).isEqualTo("c");
        assertThat(s.column("visitors").isNull(1)).isTrue();
        assertThat(s.column("visitors").isNull(0)).isFalse();
    }

    @Test
    void dictionary_sharedCodesAreStable() {
        Dictionary d = new Dictionary();
        assertThat(d.encode("a")).isZero();
        assertThat(d.encode("b")).isEqualTo(1);
        assertThat(d.encode("a")).isZero();
        assertThat(d.value(1)).isEqualTo("b");
        assertThat(d.find("zzz")).isEqualTo(-1);
        assertThatThrownBy(() -> d.value(5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void schema_duplicateNames_areRefused() {
        assertThatThrownBy(() -> Schema.of(Column.of("a", ColumnType.TEXT), Column.of("a", ColumnType.INTEGER)))
                .hasMessage("duplicate column name 'a' at positions 1 and 2");
    }
}
