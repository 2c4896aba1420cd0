package io.kpiengine.data.io;

import static io.kpiengine.data.io.CsvTesting.readAll;
import static io.kpiengine.data.io.CsvTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.CsvTesting.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: reading the partitions of a split file yields exactly the rows, line numbers and rejections of a
 * sequential read, for random files (quoted fields with delimiters, doubled quotes and line breaks, CRLF and lone
 * CR, blank lines, bad rows, no final newline) and random split counts and batch sizes.
 */
class CsvSplitPropertyTest {

    private static final Schema SCHEMA = Schema.of(Column.of("id", ColumnType.INTEGER),
            Column.of("name", ColumnType.TEXT), Column.of("kind", ColumnType.CATEGORY),
            Column.decimal("amount", 2));

    @TempDir
    Path dir;

    private static String cell(SplittableRandom r) {
        switch (r.nextInt(8)) {
            case 0:
                return "\"a,b\"";
            case 1:
                return "\"say \"\"hi\"\"\"";
            case 2:
                return "\"two\nlines\"";
            case 3:
                return "\"cr\r\nlf\"";
            case 4:
                return "";
            case 5:
                return "\"\"";
            default:
                return "n" + r.nextInt(100);
        }
    }

    private static String file(SplittableRandom r, boolean malformed) {
        StringBuilder sb = new StringBuilder("id,name,kind,amount\n");
        int rows = r.nextInt(60);
        for (int i = 0; i < rows; i++) {
            int shape = r.nextInt(40);
            if (shape == 0) {
                sb.append('\n');
                continue;
            }
            if (shape == 1) {
                sb.append(i).append(",only two\n");
                continue;
            }
            if (shape == 2) {
                sb.append("x").append(i).append(",bad id,k,1.00\n");
                continue;
            }
            if (malformed && shape == 3) {
                sb.append(i).append(",24\" screen,k,1\n");
                continue;
            }
            sb.append(i).append(',').append(cell(r)).append(',').append(r.nextBoolean() ? "k1" : "\"k2\"").append(',')
                    .append(r.nextInt(1000)).append('.').append(r.nextInt(10)).append(r.nextInt(10));
            int end = r.nextInt(10);
            sb.append(end == 0 ? "\r\n" : end == 1 ? "\r" : "\n");
        }
        if (r.nextBoolean() && sb.charAt(sb.length() - 1) == '\n') {
            sb.setLength(sb.length() - 1);
            if (sb.charAt(sb.length() - 1) == '\r') {
                sb.setLength(sb.length() - 1);
            }
        }
        return sb.toString();
    }

    /**
     * Whether reading fails because the last line has no line break and cannot be read (a cut file); any other
     * failure propagates.
     */
    private static boolean cutOff(Runnable read, String what) {
        try {
            read.run();
            return false;
        } catch (SourceException e) {
            if (e.getMessage().contains("cannot read this file in parallel")) {
                return true;
            }
            assertThat(e).as(what).hasMessageContaining("the input ends in the middle of a record");
            return true;
        }
    }

    @Test
    void split_equalsSequential_forRandomWellQuotedFiles() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        for (int round = 0; round < 1000; round++) {
            String csv = file(r, false);
            int parts = 1 + r.nextInt(8);
            int batch = 1 + r.nextInt(20);
            Path p = write(dir, "f.csv", csv);
            String what = "seed " + seed + ", round " + round + ", parts " + parts + ", file:\n" + csv;
            if (cutOff(() -> readAll(CsvSource.builder(p).schema(SCHEMA).batchSize(batch).build()), what)) {
                assertThat(cutOff(() -> readAll(CsvSource.builder(p).schema(SCHEMA).batchSize(batch).build()
                        .split(parts)), what)).as(what).isTrue();
                continue;
            }
            Result sequential = readAll(CsvSource.builder(p).schema(SCHEMA).batchSize(batch).build());
            Result split = readAll(CsvSource.builder(p).schema(SCHEMA).batchSize(batch).build().split(parts));
            assertThat(split.rows()).as(what).isEqualTo(sequential.rows());
            assertThat(split.lines()).as(what).isEqualTo(sequential.lines());
            assertThat(split.rejected()).as(what).isEqualTo(sequential.rejected());
        }
    }

    @Test
    void split_withStrayQuotes_equalsSequentialOrFailsLoudly() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        int equal = 0;
        for (int round = 0; round < 300; round++) {
            String csv = file(r, true);
            int parts = 2 + r.nextInt(6);
            Path p = write(dir, "m.csv", csv);
            if (cutOff(() -> readAll(CsvSource.builder(p).schema(SCHEMA).build()), csv)) {
                continue;
            }
            Result sequential = readAll(CsvSource.builder(p).schema(SCHEMA).build());
            Result split;
            try {
                split = readAll(CsvSource.builder(p).schema(SCHEMA).build().split(parts));
            } catch (SourceException e) {
                // the message says what a command-line user can do, not only what the API offers
                assertThat(e).hasMessageContaining("cannot read this file in parallel")
                        .hasMessageContaining("read the file with one thread (kpi run --threads 1;");
                continue;
            }
            String what = "seed " + seed + ", round " + round + ", parts " + parts + ", file:\n" + csv;
            assertThat(split.rows()).as(what).isEqualTo(sequential.rows());
            assertThat(split.lines()).as(what).isEqualTo(sequential.lines());
            assertThat(split.rejected()).as(what).isEqualTo(sequential.rejected());
            equal++;
        }
        assertThat(equal).as("seed " + seed).isGreaterThan(0);
    }

    @Test
    void split_oneQuotedFieldSpanningChunks_givesFewerNonEmptyPartitions() {
        String csv = "id,name,kind,amount\n1,\"" + "long\n".repeat(200) + "\",k,1.00\n2,x,k,2.00\n";
        Path p = write(dir, "long.csv", csv);
        List<RecordSource> parts = CsvSource.builder(p).schema(SCHEMA).build().split(8);
        Result all = readAll(parts);
        assertThat(all.lines()).containsExactly(2L, 203L);
        assertThat(all.rejected()).isEmpty();
    }

    @Test
    void split_budgetIsSharedByPartitions() {
        StringBuilder csv = new StringBuilder("id,name,kind,amount\n");
        for (int i = 0; i < 400; i++) {
            csv.append(i % 4 == 0 ? "bad\n" : i + ",n,k,1.00\n");
        }
        Path p = write(dir, "b.csv", csv.toString());
        List<RecordSource> parts = CsvSource.builder(p).schema(SCHEMA).batchSize(50)
                .errorBudget(ErrorBudget.maxFraction(0.2, 100)).build().split(2);
        assertThatThrownBy(() -> {
            for (RecordSource part : parts) {
                try (part) {
                    for (RecordBatch b = part.next(); b != null; b = part.next()) {
                        assertThat(b.size()).isPositive();
                    }
                }
            }
        }).isInstanceOfSatisfying(ErrorBudgetExceededException.class, e -> {
            assertThat(e.records()).isGreaterThanOrEqualTo(100);
            assertThat(e.rejected()).hasSize((int) e.rejectedCount());
        });
    }
}
