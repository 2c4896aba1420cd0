package io.kpiengine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.CategoryVector;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.io.CsvSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleEventsTest {

    @TempDir
    Path dir;

    @Test
    void sameSeed_sameBytes_otherSeed_otherBytes() {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        SampleEvents.builder().rows(2000).seed(1).build().writeCsv(a);
        SampleEvents.builder().rows(2000).seed(1).build().writeCsv(b);
        SampleEvents.builder().rows(2000).seed(2).build().writeCsv(c);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray()).isNotEqualTo(c.toByteArray());
        String text = a.toString(StandardCharsets.US_ASCII);
        assertThat(text).startsWith(SampleEvents.HEADER + "\n");
        assertThat(text.split("\n")).hasSize(2001);
    }

    @Test
    void file_matchesTheReferenceJob_shape() {
        Path p = dir.resolve("events.csv");
        int rows = 100_000;
        SampleEvents.Summary summary = SampleEvents.builder().rows(rows).seed(42).build().writeCsv(p);
        assertThat(summary.rows()).isEqualTo(rows);
        assertThat(summary.duplicateRows()).isBetween(800L, 1200L);
        long emptyVisitors = 0;
        long emptyRevenue = 0;
        long read = 0;
        Set<String> channels = new HashSet<>();
        Set<String> regions = new HashSet<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        try (CsvSource source = CsvSource.builder(p).schema(SampleEvents.schema()).build()) {
            for (RecordBatch b = source.next(); b != null; b = source.next()) {
                assertThat(b.rejected()).isEmpty();
                read += b.size();
                emptyVisitors += b.column("visitors").nullCount();
                emptyRevenue += b.column("revenue").nullCount();
                LongVector ts = (LongVector) b.column("ts");
                LongVector visitors = (LongVector) b.column("visitors");
                LongVector conversions = (LongVector) b.column("conversions");
                for (int i = 0; i < b.size(); i++) {
                    min = Math.min(min, ts.get(i));
                    max = Math.max(max, ts.get(i));
                    channels.add(((CategoryVector) b.column("channel")).get(i));
                    regions.add(((CategoryVector) b.column("region")).get(i));
                    if (!visitors.isNull(i)) {
                        assertThat(visitors.get(i)).isBetween(1L, 500L);
                        assertThat(conversions.get(i)).isBetween(0L, visitors.get(i) / 10);
                    }
                }
            }
        }
        assertThat(read).isEqualTo(rows);
        assertThat(emptyVisitors).isBetween(800L, 1200L);
        assertThat(emptyRevenue).isBetween(800L, 1200L);
        assertThat(channels).containsExactlyInAnyOrderElementsOf(SampleEvents.CHANNELS);
        assertThat(regions).hasSize(20).contains("R00", "R19");
        assertThat(min).isGreaterThanOrEqualTo(Instant.parse("2025-01-01T00:00:00Z").getEpochSecond() * 1_000_000L);
        assertThat(max).isLessThan(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000L);
    }

    @Test
    void builder_refusesBadOrRepeatedOptions() {
        assertThatThrownBy(() -> SampleEvents.builder().rows(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows must be >= 0, but was -1");
        assertThatThrownBy(() -> SampleEvents.builder().seed(1).seed(2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("seed was already set to 1");
    }
}
