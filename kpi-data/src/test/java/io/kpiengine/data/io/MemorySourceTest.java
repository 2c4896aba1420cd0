package io.kpiengine.data.io;

import static io.kpiengine.data.io.CsvTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.CsvTesting.Result;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class MemorySourceTest {

    private final Schema schema = Schema.of(Column.of("channel", ColumnType.CATEGORY), Column.decimal("revenue", 2));

    @Test
    void estimatedRows_countsTheRowsNotYetRead() {
        RecordBatch one = RecordBatch.builder(schema, "m").addRow("a", null).addRow("b", null).build();
        RecordBatch two = RecordBatch.builder(schema, "m").addRow("c", null).build();
        try (MemorySource source = MemorySource.of(schema, java.util.List.of(one, two))) {
            assertThat(source.estimatedRows()).isEqualTo(3);
            source.next();
            assertThat(source.estimatedRows()).isEqualTo(1);
        }
    }

    @Test
    void rows_areBatchedWithTheirOrdinal() {
        MemorySource source = MemorySource.builder(schema).batchSize(2)
                .row("email", new BigDecimal("1.50"))
                .row("social", 2L)
                .row("email", null)
                .build();
        Result r = readAll(source);
        assertThat(r.batches()).isEqualTo(2);
        assertThat(r.lines()).containsExactly(1L, 2L, 3L);
        assertThat(r.rejected()).isEmpty();
    }

    @Test
    void row_withValuesItsColumnsCannotHold_isRefusedNamingRowColumnAndTypes() {
        Schema s = Schema.of(Column.of("ts", ColumnType.TIMESTAMP), Column.decimal("price", 2),
                Column.of("paid", ColumnType.BOOLEAN), Column.of("amount", ColumnType.DECIMAL));
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        MemorySource.Builder b = MemorySource.builder(s).row(t, new BigDecimal("12.50"), true, 1.5);

        assertThatThrownBy(() -> b.row(LocalDateTime.of(2025, 1, 1, 0, 0), null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 2, column 'ts' (TIMESTAMP): expected Instant, OffsetDateTime or ZonedDateTime (a"
                        + " LocalDateTime has no time zone: add one with atZone or atOffset), but was LocalDateTime"
                        + " '2025-01-01T00:00'");
        assertThatThrownBy(() -> b.row(t, null, null, "12.50"))
                .hasMessage("row 2, column 'amount' (DECIMAL): expected a Number (BigDecimal, Double, Long, ...), but"
                        + " was String '12.50'");
        assertThatThrownBy(() -> b.row(t, null, 1, null))
                .hasMessage("row 2, column 'paid' (BOOLEAN): expected Boolean, but was Integer '1'");
        assertThatThrownBy(() -> b.row(t, 12.505, null, null))
                .hasMessage("row 2, column 'price' (DECIMAL(2)): 12.505 has more than 2 decimal places; round it"
                        + " first");
        assertThatThrownBy(() -> b.row("only one"))
                .hasMessage("row 2 has 1 values, but the schema has 4 columns [ts, price, paid, amount]");
        // nothing was dropped: the one good row is the whole source
        Result r = readAll(b.build());
        assertThat(r.lines()).containsExactly(1L);
        assertThat(r.rejected()).isEmpty();
    }

    @Test
    void split_dividesBatchesInOrder_andBuilderStaysReusable() {
        MemorySource.Builder builder = MemorySource.builder(schema).batchSize(1);
        for (int i = 0; i < 5; i++) {
            builder.row("c" + i, BigDecimal.ONE);
        }
        List<RecordSource> parts = builder.build().split(2);
        assertThat(parts).hasSize(2);
        assertThat(readAll(parts).lines()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(readAll(builder.build()).rows()).hasSize(5);
        MemorySource read = builder.build();
        RecordBatch first = read.next();
        assertThat(first.size()).isEqualTo(1);
        assertThatThrownBy(() -> read.split(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MemorySource.of(Schema.of(Column.of("x", ColumnType.TEXT)), List.of(first)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("batch 1 must have schema");
    }

    @Test
    void builders_ofEveryReader_checkTheSharedOptionsAlike() {
        // the in-memory, CSV and JDBC builders share these checks and messages
        List<Runnable> nameTwice = List.of(
                () -> MemorySource.builder(schema).name("a").name("b"),
                () -> CsvSource.builder(new StringReader(""), "a").name("a").name("b"),
                () -> JdbcSource.builder(new JdbcDataSource()).name("a").name("b"));
        for (Runnable r : nameTwice) {
            assertThatThrownBy(r::run).isInstanceOf(IllegalStateException.class).hasMessage("name was already set to a");
        }
        assertThatThrownBy(() -> MemorySource.builder(schema).name(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must be non-blank, but was ' '");
        assertThatThrownBy(() -> MemorySource.builder(schema).batchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be in 1..1048576, but was 0");
        assertThatThrownBy(() -> JdbcSource.builder(new JdbcDataSource()).batchSize(1 << 21))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be in 1..1048576, but was 2097152");
        assertThatThrownBy(() -> MemorySource.builder(schema).batchSize(5).batchSize(6))
                .isInstanceOf(IllegalStateException.class).hasMessage("batchSize was already set to 5");
        Dictionary shared = new Dictionary();
        assertThatThrownBy(() -> MemorySource.builder(schema).dictionary("channel", shared)
                .dictionary("channel", new Dictionary()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("dictionary of 'channel' was already set to Dictionary[0 values]");
    }

    @Test
    void splitSource_refusesNext_andSplitTakesAtLeastOnePart() {
        MemorySource.Builder builder = MemorySource.builder(schema).name("orders").batchSize(1)
                .row("a", BigDecimal.ONE).row("b", BigDecimal.ONE);
        MemorySource source = builder.build();
        assertThatThrownBy(() -> source.split(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parts must be >= 1, but was 0");
        assertThat(source.split(2)).hasSize(2);
        assertThatThrownBy(source::next).isInstanceOf(IllegalStateException.class)
                .hasMessage("source orders was split: read its partitions instead");
        assertThatThrownBy(() -> source.split(2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("split must be called once, before the first next(), on source orders");
    }
}
