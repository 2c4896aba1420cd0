package io.kpiengine.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Any bytes read as a CSV file either give every record as a row or a rejected row, the same whatever the batch
 * size, or fail with a {@link SourceException} that names the line; never another throwable, and never more memory
 * than a small multiple of the input (plus the reader's fixed buffers).
 *
 * <p>{@code mvn verify} runs this in Jazzer's regression mode over the committed inputs in
 * {@code src/test/resources/io/kpiengine/data/io/CsvFuzzTestInputs/read_anyBytes_rowsOrPositionedFailure} (cut
 * records, stray and open quotes, CR-only lines, BOMs, NUL and invalid UTF-8, 64-bit edges). To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl kpi-data -am test -Dtest=CsvFuzzTest -Djazzer.hooks=true}.
 */
class CsvFuzzTest {

    static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE), Column.of("channel", ColumnType.CATEGORY),
            Column.decimal("amount", 2), Column.of("n", ColumnType.INTEGER), Column.of("ts", ColumnType.TIMESTAMP),
            Column.of("x", ColumnType.DECIMAL));

    /** Fixed cost of a read (measured after a first read has loaded the classes): buffers, a batch, dictionaries. */
    static final long BASE_BYTES = 32L << 20;

    @FuzzTest(maxDuration = "5m")
    void read_anyBytes_rowsOrPositionedFailure(byte[] input) {
        List<String> small = read(input, 3);
        // measured on the second read, so that loading classes does not count
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        List<String> large = read(input, 8192);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(small).isEqualTo(large);
        assertThat(allocated).as("bytes allocated for an input of %d bytes", input.length)
                .isLessThan(BASE_BYTES + 2_000L * input.length);
    }

    /** The rows and rejected records, in order, as text; or only the failure, which must name a line. */
    private static List<String> read(byte[] input, int batch) {
        List<String> out = new ArrayList<>();
        try (RecordSource s = CsvSource.builder(new ByteArrayInputStream(input), "f.csv").schema(SCHEMA)
                .optionalColumns("day", "channel", "amount", "n", "ts", "x").batchSize(batch).build()) {
            long last = 0;
            for (RecordBatch b = s.next(); b != null; b = s.next()) {
                List<Object[]> items = new ArrayList<>();
                for (int r = 0; r < b.size(); r++) {
                    items.add(new Object[] {b.rowNumber(r), "row " + b.rowNumber(r) + " " + b.row(r).toMap()});
                }
                for (RejectedRow x : b.rejected()) {
                    assertThat(x.reason()).isNotBlank();
                    items.add(new Object[] {x.line(), "rejected " + x.line() + " " + x.reason()});
                }
                items.sort((p, q) -> Long.compare((Long) p[0], (Long) q[0]));
                for (Object[] i : items) {
                    assertThat((Long) i[0]).as("lines increase").isGreaterThan(last);
                    last = (Long) i[0];
                    out.add((String) i[1]);
                }
            }
        } catch (SourceException e) {
            assertThat(e.getMessage()).startsWith("f.csv:");
            assertThat(e.line()).isGreaterThanOrEqualTo(1);
            // the batches before a failure depend on the batch size; the failure itself does not
            return List.of("failed " + e.getMessage());
        }
        return out;
    }
}
