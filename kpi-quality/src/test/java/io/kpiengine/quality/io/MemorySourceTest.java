package io.kpiengine.quality.io;

import static io.kpiengine.quality.io.CsvTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.quality.Column;
import io.kpiengine.quality.ColumnType;
import io.kpiengine.quality.RecordBatch;
import io.kpiengine.quality.RecordSource;
import io.kpiengine.quality.RejectedRow;
import io.kpiengine.quality.Schema;
import io.kpiengine.quality.io.CsvTesting.Result;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemorySourceTest {

    private final Schema schema = Schema.of(Column.of("channel", ColumnType.CATEGORY), Column.decimal("revenue", 2));

    @Test
    void rows_areBatched_andBadRowsQuarantinedWithTheirOrdinal() {
        MemorySource source = MemorySource.builder(schema).batchSize(2)
                .row("email", new BigDecimal("1.50"))
                .row("social", new BigDecimal("1.505"))
                .row("email", null)
                .row("only one")
                .build();
        Result r = readAll(source);
        assertThat(r.batches()).isEqualTo(2);
        assertThat(r.lines()).containsExactly(1L, 3L);
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L,
                        "row 2, column 'revenue' (DECIMAL): 1.505 does not fit scale 2 in 64 bits"),
                org.assertj.core.groups.Tuple.tuple(4L,
                        "row 4 has 1 values, but the schema has 2 columns [channel, revenue]"));
        assertThat(r.rejected().get(1).rawText()).isEqualTo("[only one]");
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
}
