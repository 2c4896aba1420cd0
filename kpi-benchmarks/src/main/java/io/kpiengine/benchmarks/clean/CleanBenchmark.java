package io.kpiengine.benchmarks.clean;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.quality.CleanedSource;
import io.kpiengine.quality.CurrencyRule;
import io.kpiengine.quality.DuplicateRule;
import io.kpiengine.quality.MissingValueRule;
import io.kpiengine.quality.QualityReport;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.quality.RateTable;
import io.kpiengine.quality.TimeZoneRule;
import io.kpiengine.samples.SampleEvents;
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
 * {@code --only SETS} (rule sets separated by {@code /}, each {@code all} or a subset of
 * {@code dedupe,fill,currency,tz}, e.g. {@code all/dedupe/fill,currency,tz}: every set is run in every round,
 * alternating with the read-only run, so that each set's cost is measured side by side under the same load).
 */
public final class CleanBenchmark {

    private CleanBenchmark() {
    }

    /** The rule subset named by one {@code --only} entry: {@code all}, or some of dedupe, fill, currency, tz. */
    static String ruleSet(String name) {
        return name.equals("all") ? null : name;
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
            if (i + 1 == args.length) {
                System.err.println("usage: CleanBenchmark [--rows N] [--file PATH] [--threads T] [--rounds R]"
                        + " [--mode compare|rules|read] [--ts timestamp|text] [--only all/dedupe/fill,currency,tz]"
                        + " (option " + args[i] + " has no value)");
                System.exit(2);
            }
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
        List<String> sets = only == null ? List.of("all") : List.of(only.split("/"));
        List<List<Long>> wall = new ArrayList<>();
        List<List<Long>> cpu = new ArrayList<>();
        for (int k = 0; k <= sets.size(); k++) {
            wall.add(new ArrayList<>());
            cpu.add(new ArrayList<>());
        }
        Result[] last = new Result[sets.size()];
        for (int r = 0; r <= rounds; r++) {
            // run 0 is the read-only one; the order rotates per round so that no run always follows another
            for (int j = 0; j <= sets.size(); j++) {
                int k = (j + r) % (sets.size() + 1);
                if (k == 0 && mode.equals("rules") || k > 0 && mode.equals("read")) {
                    continue;
                }
                Result x = k == 0 ? read(file, threads) : clean(file, threads, textTs, ruleSet(sets.get(k - 1)));
                if (k > 0) {
                    last[k - 1] = x;
                }
                if (r > 0 || rounds == 1) {
                    wall.get(k).add(x.nanos());
                    cpu.get(k).add(x.cpuNanos());
                }
                System.out.printf(Locale.ROOT, "round %d %-14s: %,6.0f ms wall, %,6.0f ms cpu, %,d rows%n", r,
                        k == 0 ? "read" : sets.get(k - 1), x.nanos() / 1e6, x.cpuNanos() / 1e6, x.rows());
            }
            if (rounds == 1) {
                break;
            }
        }
        System.out.println();
        System.out.println("| run | median wall (ms) | median CPU (ms) | best CPU (ms) | rules add: median wall | median CPU"
                + " | best CPU | median of paired CPU |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int k = 0; k <= sets.size(); k++) {
            if (wall.get(k).isEmpty()) {
                continue;
            }
            String name = k == 0 ? "read only" : "read + " + sets.get(k - 1);
            double w = median(wall.get(k));
            double c = median(cpu.get(k));
            long b = cpu.get(k).stream().mapToLong(Long::longValue).min().orElse(0);
            if (k == 0 || wall.get(0).isEmpty()) {
                System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | | | | |%n", name, w / 1e6, c / 1e6,
                        b / 1e6);
            } else {
                double w0 = median(wall.get(0));
                double c0 = median(cpu.get(0));
                long b0 = cpu.get(0).stream().mapToLong(Long::longValue).min().orElse(0);
                // each round's rule run against the same round's read-only run: drifts of this shared machine's
                // speed that last longer than one round cancel out
                List<Long> paired = new ArrayList<>();
                for (int i = 0; i < Math.min(cpu.get(0).size(), cpu.get(k).size()); i++) {
                    paired.add(Math.round(1e6 * cpu.get(k).get(i) / cpu.get(0).get(i)));
                }
                System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %+.0f%% | %+.0f%% | %+.0f%% | %+.0f%% |%n",
                        name, w / 1e6, c / 1e6, b / 1e6, (w / w0 - 1) * 100, (c / c0 - 1) * 100,
                        ((double) b / b0 - 1) * 100, (median(paired) / 1e6 - 1) * 100);
            }
        }
        System.out.println();
        for (int k = 0; k < sets.size(); k++) {
            Result x = last[k];
            if (x == null) {
                continue;
            }
            QualityReport.Counts c = x.report().counts();
            System.out.printf(Locale.ROOT, "%s: input %,d, clean %,d, quarantined %,d, merged %,d, status %s, %,.0f rows/s"
                    + " (median wall)%n", sets.get(k), c.input(), c.clean(), c.quarantined(), c.merged(),
                    x.report().status(), rows / (median(wall.get(k + 1)) / 1e9));
            if (x.report().rules().stream().anyMatch(rr -> rr.rule().equals("duplicates:exact"))) {
                var exact = x.report().rule("duplicates:exact").details();
                long distinct = exact.get("distinctRows");
                long bytes = exact.get("stateBytes");
                System.out.printf(Locale.ROOT, "%s: dedupe state %,d distinct rows, %,d bytes, %.1f bytes per distinct"
                        + " row%n", sets.get(k), distinct, bytes, (double) bytes / distinct);
            }
        }
        long gc = 0;
        for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += b.getCollectionTime();
        }
        System.out.printf(Locale.ROOT, "gc time        : %,d ms over the whole run%n", gc);
        System.out.printf(Locale.ROOT, "peak heap used : %,d MB%n", peakHeapBytes() >> 20);
    }
}
