package io.kpiengine.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.data.DecimalVector;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.samples.SampleEvents;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of the reference job on a generated events file read by the CSV reader, checked against an
 * independent computation over the file's lines: distinct lines, and the USD revenue summed with the job's rates,
 * each row rounded half-even to cents.
 */
class EventsWorkloadTest {

    static QualityRules jobRules() {
        RateTable rates = RateTable.builder().rate("EUR", "1.08").rate("KRW", "0.00072").build();
        return QualityRules.builder()
                .rule(DuplicateRule.exact())
                .rule(MissingValueRule.zero("visitors"))
                .rule(MissingValueRule.zero("revenue"))
                .rule(CurrencyRule.of("revenue", "currency", "USD", rates))
                .rule(TimeZoneRule.of("ts").sourceZone(ZoneOffset.UTC))
                .build();
    }

    private record Outcome(long rows, BigDecimal revenue, String report) {
    }

    private static Outcome clean(Path file, int parts) throws Exception {
        CsvSource source = CsvSource.builder(file).schema(SampleEvents.schema()).batchSize(1000).build();
        CleanedSource clean = jobRules().bind(source.schema(), Cleaned.CLOCK).clean(source);
        List<RecordSource> partitions = parts == 1 ? List.of(clean) : clean.split(parts);
        ExecutorService pool = Executors.newFixedThreadPool(partitions.size());
        long rows = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        try {
            List<Future<Object[]>> futures = new ArrayList<>();
            for (RecordSource p : partitions) {
                futures.add(pool.submit(() -> {
                    long n = 0;
                    long cents = 0;
                    for (RecordBatch b = p.next(); b != null; b = p.next()) {
                        DecimalVector r = (DecimalVector) b.column("revenue");
                        for (int i = 0; i < b.size(); i++) {
                            cents += r.unscaled(i);
                        }
                        n += b.size();
                    }
                    return new Object[] {n, cents};
                }));
            }
            for (Future<Object[]> f : futures) {
                Object[] x = f.get();
                rows += (Long) x[0];
                revenue = revenue.add(BigDecimal.valueOf((Long) x[1], 2));
            }
        } finally {
            pool.shutdown();
            clean.close();
        }
        return new Outcome(rows, revenue, clean.report().toJson());
    }

    @Test
    void jobRules_matchAnIndependentComputation_inOneAndTwoPartitions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.csv");
        SampleEvents.Summary summary = SampleEvents.builder().rows(30_000).seed(7).build().writeCsv(file);
        List<String> lines = Files.readAllLines(file);
        Set<String> distinct = new LinkedHashSet<>(lines.subList(1, lines.size()));
        BigDecimal expected = BigDecimal.ZERO;
        for (String line : distinct) {
            String[] f = line.split(",", -1);
            if (f[6].isEmpty()) {
                continue;
            }
            BigDecimal rate = f[7].equals("USD") ? BigDecimal.ONE : new BigDecimal(f[7].equals("EUR") ? "1.08" : "0.00072");
            expected = expected.add(new BigDecimal(f[6]).multiply(rate).setScale(2, RoundingMode.HALF_EVEN));
        }
        Outcome one = clean(file, 1);
        assertThat(one.rows()).isEqualTo(distinct.size());
        assertThat(one.rows()).isEqualTo(summary.rows() - summary.duplicateRows());
        assertThat(one.revenue()).isEqualTo(expected);
        Outcome two = clean(file, 2);
        assertThat(two.rows()).isEqualTo(one.rows());
        assertThat(two.revenue()).isEqualTo(expected);
        assertThat(two.report()).isEqualTo(one.report());
    }
}
