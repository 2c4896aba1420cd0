package io.kpiengine.quality;

import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The outcome of cleaning rows in tests: clean rows (values by column plus "#row"), rejects, the report. */
record Cleaned(List<Map<String, Object>> rows, List<RejectedRow> rejected, QualityReport report, Schema schema) {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC);

    static Cleaned run(QualityRules rules, Schema schema, List<Object[]> rows) {
        return run(rules, schema, rows, 8192, 1);
    }

    /** Cleans rows cut into batches, split into partitions read on parallel threads. */
    static Cleaned run(QualityRules rules, Schema schema, List<Object[]> rows, int batchSize, int parts) {
        return run(rules.bind(schema, CLOCK), rows, batchSize, parts);
    }

    /** Cleans rows with a bound cleaner. */
    static Cleaned run(Cleaner cleaner, List<Object[]> rows, int batchSize, int parts) {
        Schema schema = cleaner.inputSchema();
        CleanedSource clean = cleaner.clean(ListSource.of(schema, rows, batchSize));
        List<RecordBatch> out = new ArrayList<>();
        if (parts == 1) {
            drain(clean, out);
        } else {
            List<RecordSource> partitions = clean.split(parts);
            ExecutorService pool = Executors.newFixedThreadPool(partitions.size());
            try {
                List<Future<List<RecordBatch>>> futures = new ArrayList<>();
                for (RecordSource p : partitions) {
                    futures.add(pool.submit(() -> {
                        List<RecordBatch> mine = new ArrayList<>();
                        drain(p, mine);
                        return mine;
                    }));
                }
                for (Future<List<RecordBatch>> f : futures) {
                    out.addAll(f.get());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        List<Map<String, Object>> clean2 = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        for (RecordBatch b : out) {
            for (int i = 0; i < b.size(); i++) {
                Map<String, Object> m = new LinkedHashMap<>(b.row(i).toMap());
                m.put("#row", b.rowNumber(i));
                clean2.add(m);
            }
            rejected.addAll(b.rejected());
        }
        clean2.sort(Comparator.comparingLong(m -> (Long) m.get("#row")));
        rejected.sort(Comparator.comparingLong(RejectedRow::line));
        return new Cleaned(clean2, rejected, clean.report(), cleaner.outputSchema());
    }

    private static void drain(RecordSource s, List<RecordBatch> out) {
        for (RecordBatch b = s.next(); b != null; b = s.next()) {
            out.add(b);
        }
    }

    /** The values of one column of the clean rows, in row order. */
    List<Object> column(String name) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            out.add(r.get(name));
        }
        return out;
    }

    /** The clean rows' row numbers. */
    List<Long> rowNumbers() {
        List<Long> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            out.add((Long) r.get("#row"));
        }
        return out;
    }

    /** The clean rows without row numbers, sorted by their text: a multiset of values. */
    List<String> valueMultiset() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>(r);
            m.remove("#row");
            out.add(m.toString());
        }
        out.sort(null);
        return out;
    }
}
