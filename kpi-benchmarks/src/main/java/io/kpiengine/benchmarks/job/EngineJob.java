package io.kpiengine.benchmarks.job;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.samples.SampleCatalogs;
import io.kpiengine.samples.SampleEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference job run by our engine: the bundled catalog {@link SampleCatalogs#referenceJob()} (quality rules
 * drop exact duplicates, fill missing visitors and revenue with 0 and convert revenue to USD; metrics per
 * Asia/Seoul day and channel) over the generated CSV file, read in parallel byte ranges.
 */
final class EngineJob {

    static final Catalog CATALOG = SampleCatalogs.referenceJob();

    private EngineJob() {
    }

    static void generate(Path csv, long rows, long seed) {
        SampleEvents.builder().rows(rows).seed(seed).build().writeCsv(csv);
    }

    /** A result group: the day's period index and the channel. */
    private record GroupKey(long day, String channel) {
    }

    /** Runs the job: the result table of the bundled catalog over the file. */
    static KpiResults evaluate(Path csv, int threads) {
        KpiEngine engine = KpiEngine.builder().catalog(CATALOG).parallelism(threads).build();
        DataSource events = CATALOG.source("events").orElseThrow();
        return engine.evaluate(Map.of("events", events.csvReader(csv).build()));
    }

    /** Runs the job and returns its result rows in DuckDB's shape, ordered by day and channel. */
    static List<DuckDbJob.Row> run(Path csv, int threads) {
        KpiResults results = evaluate(csv, threads);
        // ordered by day, then channel, as the SQL orders them
        Map<GroupKey, Object[]> groups = new TreeMap<>(
                Comparator.comparingLong(GroupKey::day).thenComparing(GroupKey::channel));
        for (KpiResult r : results.rows()) {
            String channel = r.dimensions().get("channel");
            Object[] g = groups.computeIfAbsent(new GroupKey(r.period().index(), channel),
                    k -> new Object[] {r.period().index(), channel, 0L, 0L, 0.0, 0L, null, null});
            double v = r.value().value();
            switch (r.metric()) {
                case "visitors":
                    g[2] = (long) v;
                    break;
                case "conversions":
                    g[3] = (long) v;
                    break;
                case "revenue_usd":
                    g[4] = v;
                    break;
                case "orders":
                    g[5] = (long) v;
                    break;
                case "conversion_rate":
                    g[6] = r.value().isPresent() ? v : null;
                    break;
                default:
                    g[7] = r.value().isPresent() ? v : null;
                    break;
            }
        }
        List<DuckDbJob.Row> out = new ArrayList<>();
        for (Object[] g : groups.values()) {
            if ((long) g[5] > 0) {
                out.add(new DuckDbJob.Row((long) g[0], (String) g[1], (long) g[2], (long) g[3], (double) g[4],
                        (long) g[5], (Double) g[6], (Double) g[7]));
            }
        }
        return out;
    }

    /**
     * Checks our rows against DuckDB's: counts and integer sums equal; revenue within half a cent per order (the
     * currency rule rounds each converted amount to the cent, the SQL keeps doubles).
     */
    static void check(List<DuckDbJob.Row> ours, List<DuckDbJob.Row> expected) {
        if (ours.size() != expected.size()) {
            throw new IllegalStateException("ours has " + ours.size() + " groups, DuckDB " + expected.size());
        }
        for (int i = 0; i < ours.size(); i++) {
            DuckDbJob.Row a = ours.get(i);
            DuckDbJob.Row e = expected.get(i);
            boolean same = a.day() == e.day() && a.channel().equals(e.channel()) && a.visitors() == e.visitors()
                    && a.conversions() == e.conversions() && a.orders() == e.orders()
                    && Math.abs(a.revenueUsd() - e.revenueUsd()) <= 0.005 * e.orders() + 1e-6
                    && (a.conversionRate() == null) == (e.conversionRate() == null)
                    && (a.aov() == null) == (e.aov() == null);
            if (!same) {
                throw new IllegalStateException("group " + i + " differs:\n  ours:   " + a + "\n  DuckDB: " + e);
            }
        }
    }
}
