package io.kpiengine.benchmarks.clean;

import io.kpiengine.quality.Column;
import io.kpiengine.quality.ColumnType;
import io.kpiengine.quality.Dictionary;
import io.kpiengine.quality.RecordBatch;
import io.kpiengine.quality.RecordSource;
import io.kpiengine.quality.Schema;
import io.kpiengine.quality.io.CsvSource;
import io.kpiengine.quality.rules.CleanedSource;
import io.kpiengine.quality.rules.CurrencyRule;
import io.kpiengine.quality.rules.DuplicateRule;
import io.kpiengine.quality.rules.MissingValueRule;
import io.kpiengine.quality.rules.QualityReport;
import io.kpiengine.quality.rules.QualityRules;
import io.kpiengine.quality.rules.RateTable;
import io.kpiengine.quality.rules.TimeZoneRule;
import io.kpiengine.quality.sample.SampleEvents;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Cleaning cost on the reference "events" workload (the JOB file): reading only versus reading plus the rules
 * of the reference job (exact duplicates, missing visitors and revenue filled with 0, revenue converted to USD
 * with fixed rates, timestamps normalised to instants), and the memory of a large run.
 *
 * <p>By default both runs read {@code ts} as TIMESTAMP (the CSV reader parses the offsets) and the time-zone rule
 * only confirms the column is normalised; with {@code --ts text} the rule run reads {@code ts} as text and the
 * time-zone rule parses it, so the rules pay for that work. Rounds alternate between the two runs; the median of
 * each is reported, and the best CPU time of the threads that read (this machine is shared; CPU time is steadier
 * than wall time there; collector threads are not in it, their total is printed).
 *
 * <pre>
 * java -cp kpi-benchmarks/target/benchmarks.jar io.kpiengine.benchmarks.clean.CleanBenchmark --rows 2000000
 * java -Xmx512m -cp kpi-benchmarks/target/benchmarks.jar io.kpiengine.benchmarks.clean.CleanBenchmark \
 *     --rows 10000000 --mode rules --rounds 1
 * </pre>
 *
 * Options: {@code --rows N} (default 2,000,000), {@code --file PATH} (default {@code target/events-N.csv},
 * generated with seed 42 if absent), {@code --threads T} (default 1), {@code --rounds R} (default 5),
 * {@code --mode compare|rules|read} (default compare), {@code --ts timestamp|text} (default timestamp),
 * {@code --only dedupe,fill,currency,tz} (a subset of the rules, to see what each costs; {@code none} for none).
 */
public final class CleanBenchmark {

    private CleanBenchmark() {
    }

    /** The rules of the reference job, or the named subset of them (dedupe, fill, currency, tz; none). */
    static QualityRules rules(String only) {
        RateTable rates = RateTable.builder().rate("EUR", "1.08").rate("KRW", "0.00072").build();
        QualityRules.Builder b = QualityRules.builder();
        if (only == null || only.contains("dedupe")) {
            b.rule(DuplicateRule.exact());
        }
        if (only == null || only.contains("fill")) {
            b.rule(MissingValueRule.zero("visitors")).rule(MissingValueRule.zero("revenue"));
        }
        if (only == null || only.contains("currency")) {
            b.rule(CurrencyRule.of("revenue", "currency", "USD", rates));
        }
        if (only == null || only.contains("tz")) {
            b.rule(TimeZoneRule.of("ts").sourceZone(ZoneOffset.UTC));
        }
        return b.build();
    }

    /** The schema of the rule run: ts as text. */
    static Schema textTimestamps() {
        return SampleEvents.schema().replace("ts", Column.of("ts", ColumnType.TEXT));
    }

    /**
     * One timed run.
     *
     * @param rows clean rows out
     * @param rejected rejected records out
     * @param nanos wall time
     * @param cpuNanos CPU time of the threads that read (and cleaned)
     * @param report the report, null for read only
     */
    record Result(long rows, long rejected, long nanos, long cpuNanos, QualityReport report) {
    }

    static RecordSource open(Path file, Schema schema) {
        CsvSource.Builder b = CsvSource.builder(file).schema(schema);
        for (String c : List.of("channel", "region", "currency")) {
            b.dictionary(c, new Dictionary());
        }
        return b.build();
    }

    static Result read(Path file, int threads) throws Exception {
        long t0 = System.nanoTime();
        RecordSource source = open(file, SampleEvents.schema());
        long[] counts = drain(threads == 1 ? List.of(source) : source.split(threads));
        source.close();
        return new Result(counts[0], counts[1], System.nanoTime() - t0, counts[2], null);
    }

    static Result clean(Path file, int threads, boolean textTs, String only) throws Exception {
        long t0 = System.nanoTime();
        RecordSource source = open(file, textTs ? textTimestamps() : SampleEvents.schema());
        CleanedSource clean = rules(only).bind(source.schema()).clean(source);
        long[] counts = drain(threads == 1 ? List.of(clean) : clean.split(threads));
        QualityReport report = clean.report();
        clean.close();
        return new Result(counts[0], counts[1], System.nanoTime() - t0, counts[2], report);
    }

    private static long[] drain(List<RecordSource> parts) throws Exception {
        Function<RecordSource, long[]> one = s -> {
            long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long rows = 0;
            long rejected = 0;
            for (RecordBatch b = s.next(); b != null; b = s.next()) {
                rows += b.size();
                rejected += b.rejected().size();
            }
            return new long[] {rows, rejected, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0};
        };
        if (parts.size() == 1) {
            return one.apply(parts.get(0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(parts.size());
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (RecordSource p : parts) {
                futures.add(pool.submit(() -> one.apply(p)));
            }
            long[] total = new long[3];
            for (Future<long[]> f : futures) {
                long[] c = f.get();
                total[0] += c[0];
                total[1] += c[1];
                total[2] += c[2];
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static double median(List<Long> nanos) {
        long[] a = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see the class documentation
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        long rows = 2_000_000;
        Path file = null;
        int threads = 1;
        int rounds = 5;
        String mode = "compare";
        boolean textTs = false;
        String only = null;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(v.replace("_", ""));
                case "--file" -> file = Path.of(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--mode" -> mode = v;
                case "--ts" -> textTs = v.equals("text");
                case "--only" -> only = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " in "
                        + Arrays.toString(args));
            }
        }
        if (file == null) {
            file = Path.of("target", "events-" + rows + ".csv");
        }
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            SampleEvents.Summary s = SampleEvents.builder().rows(rows).seed(42).build().writeCsv(file);
            System.out.printf(Locale.ROOT, "generated %s: %,d rows, %,d duplicates, %,d bytes%n", file, s.rows(),
                    s.duplicateRows(), s.bytes());
        }
        System.out.printf(Locale.ROOT, "file %s, %,d bytes, threads %d, rounds %d, ts read as %s, max heap %,d MB,"
                + " %s%n", file, Files.size(file), threads, rounds, textTs ? "text (parsed by the time-zone rule)"
                : "timestamp (parsed by the reader)", Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.version"));
        List<Long> readTimes = new ArrayList<>();
        List<Long> cleanTimes = new ArrayList<>();
        long readCpu = Long.MAX_VALUE;
        long cleanCpu = Long.MAX_VALUE;
        Result last = null;
        for (int r = 0; r <= rounds; r++) {
            if (!mode.equals("rules")) {
                Result x = read(file, threads);
                if (r > 0 || rounds == 1) {
                    readTimes.add(x.nanos());
                    readCpu = Math.min(readCpu, x.cpuNanos());
                }
                System.out.printf(Locale.ROOT, "round %d read : %,.0f ms wall, %,.0f ms cpu, %,d rows%n", r,
                        x.nanos() / 1e6, x.cpuNanos() / 1e6, x.rows());
            }
            if (!mode.equals("read")) {
                last = clean(file, threads, textTs, only);
                if (r > 0 || rounds == 1) {
                    cleanTimes.add(last.nanos());
                    cleanCpu = Math.min(cleanCpu, last.cpuNanos());
                }
                System.out.printf(Locale.ROOT, "round %d rules: %,.0f ms wall, %,.0f ms cpu, %,d clean rows%n", r,
                        last.nanos() / 1e6, last.cpuNanos() / 1e6, last.rows());
            }
            if (rounds == 1) {
                break;
            }
        }
        if (!readTimes.isEmpty()) {
            System.out.printf(Locale.ROOT, "read only      : median %,.0f ms, %,.0f rows/s%n", median(readTimes) / 1e6,
                    rows / (median(readTimes) / 1e9));
        }
        if (last != null) {
            QualityReport.Counts c = last.report().counts();
            var exact = only == null || only.contains("dedupe") ? last.report().rule("duplicates:exact").details()
                    : java.util.Map.of("distinctRows", 1L, "stateBytes", 0L);
            long distinct = exact.get("distinctRows");
            long bytes = exact.get("stateBytes");
            System.out.printf(Locale.ROOT, "read + rules   : median %,.0f ms, %,.0f rows/s; input %,d, clean %,d,"
                    + " quarantined %,d, merged %,d, status %s%n", median(cleanTimes) / 1e6,
                    rows / (median(cleanTimes) / 1e9), c.input(), c.clean(), c.quarantined(), c.merged(),
                    last.report().status());
            System.out.printf(Locale.ROOT, "dedupe state   : %,d distinct rows, %,d bytes, %.1f bytes per distinct"
                    + " row%n", distinct, bytes, (double) bytes / distinct);
        }
        if (!readTimes.isEmpty() && !cleanTimes.isEmpty()) {
            double ratio = median(cleanTimes) / median(readTimes);
            System.out.printf(Locale.ROOT, "rules add      : %+.1f%% to read time, median wall (ratio %.3f)%n",
                    (ratio - 1) * 100, ratio);
            double cpuRatio = (double) cleanCpu / readCpu;
            System.out.printf(Locale.ROOT, "rules add      : %+.1f%% to read time, best CPU time of the reading"
                    + " threads, %,.0f vs %,.0f ms (ratio %.3f)%n", (cpuRatio - 1) * 100, cleanCpu / 1e6,
                    readCpu / 1e6, cpuRatio);
        }
        long gc = 0;
        for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += b.getCollectionTime();
        }
        System.out.printf(Locale.ROOT, "gc time        : %,d ms over the whole run%n", gc);
        System.out.printf(Locale.ROOT, "peak heap used : %,d MB%n", peakHeapBytes() >> 20);
    }
}
