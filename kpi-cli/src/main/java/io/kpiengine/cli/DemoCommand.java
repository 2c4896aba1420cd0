package io.kpiengine.cli;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.EmptyPolicy;
import io.kpiengine.core.metric.IndicatorKind;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.ReviewCycle;
import io.kpiengine.core.metric.Target;
import io.kpiengine.core.metric.Targets;
import io.kpiengine.core.metric.Tier;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.Tracker;
import io.kpiengine.report.Report;
import io.kpiengine.samples.SampleCatalogs;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.quality.QualityReport;
import io.kpiengine.samples.SampleEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kpi demo}: the end-to-end demo. Generates the reference workload (web-shop events with duplicates,
 * missing values and three currencies), runs the reference job's catalog over it (quality rules, then visitors,
 * conversions, revenue in USD, distinct orders, conversion rate and average order value per channel and day in
 * Asia/Seoul) and prints a summary: the data-quality account, each channel's KPIs over the last 28 full days with
 * the change against the 28 days before, a sparkline of daily revenue, and timings.
 *
 * <pre>
 * kpi demo                                  # 200,000 rows, seed 42, in a temporary directory
 * kpi demo --rows 2000000 --threads 2 --dir work
 * kpi demo --report report.html             # and the HTML dashboard of the 56 days
 * </pre>
 *
 * <p>The catalog is the bundled reference job ({@link SampleCatalogs#referenceJob()}), extended in code with a
 * 28-day window of each of its KPIs ({@code trailing(visitors, 28)}, ...). The data spans 2025 in UTC, so its last
 * day in Seoul (2026-01-01) holds only nine hours; the window ends on 2025-12-31. Results are laid out for the 56
 * days of the two windows; the quality account covers every row.
 *
 * <p>Exit codes: 0 done; 1 done, but the data failed its quality gate; 2 usage error (bad option, unwritable
 * directory). With {@code --dir} the generated {@code events.csv} is kept; otherwise it goes to a temporary
 * directory that is deleted at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = KpiCli.Version.class,
        description = {"Generate sample web-shop events, compute their KPIs and print a summary.",
            "Exit codes: 0 done, 1 quality gate failed, 2 usage error."})
final class DemoCommand implements Callable<Integer> {

    /** The default number of generated rows. */
    public static final long DEFAULT_ROWS = 200_000;
    /** The fewest rows: enough that every day of the year has events on every channel. */
    public static final long MIN_ROWS = 1_000;
    /** The most rows (about 6.5 GB of CSV). */
    public static final long MAX_ROWS = 100_000_000;
    /** The length of the compared windows, in days; the catalog's {@code *_28d} metrics. */
    public static final int WINDOW_DAYS = 28;

    /** The end of the generated data: {@link SampleEvents} draws instants uniformly over 2025 in UTC. */
    static final Instant DATA_END = Instant.parse("2026-01-01T00:00:00Z");

    private static final String[] KPIS = {"visitors", "conversions", "revenue_usd", "orders", "conversion_rate",
        "aov"};
    private static final String UNICODE_BARS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
    private static final String ASCII_BARS = ".:-=+*#@";

    @Spec
    private CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "" + DEFAULT_ROWS,
            description = "Rows to generate, 1,000 to 100,000,000 (default: ${DEFAULT-VALUE}).")
    private long rows;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the generator; the same seed gives the same file (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the processors).")
    private Integer threads;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to write events.csv, kept afterwards (default: a temporary directory).")
    private Path dir;

    @Option(names = "--ascii", description = "Draw sparklines with ASCII characters only.")
    private boolean ascii;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the HTML dashboard of the 56 days"
            + " (tracked against targets in proportion to --rows) to this .html file.")
    private Path report;

    /** Creates the command; picocli sets the options. */
    @SuppressWarnings("NullAway.Init") // picocli sets the options before call(); an optional one left out is null there
    public DemoCommand() {
    }

    /**
     * Runs the demo.
     *
     * @return the exit code
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rows < MIN_ROWS || rows > MAX_ROWS) {
            return usage(err, String.format(Locale.ROOT, "--rows must be %,d to %,d, but was %d", MIN_ROWS,
                    MAX_ROWS, rows));
        }
        if (threads != null && (threads < 1 || threads > 1024)) {
            return usage(err, "--threads must be 1 to 1024, but was " + threads);
        }
        String badName = report == null ? null : OutputFiles.extensionProblem("--report", report, ".html");
        if (badName != null) {
            return usage(err, badName);
        }
        Path work;
        boolean temporary = dir == null;
        try {
            work = temporary ? Files.createTempDirectory("kpi-demo") : Files.createDirectories(dir);
        } catch (IOException e) {
            return usage(err, "cannot create the directory " + dir + ": " + e.getMessage());
        }
        Path csv = work.resolve("events.csv");
        try {
            return run(out, csv, temporary);
        } catch (UncheckedIOException e) {
            String message = e.getMessage();
            return usage(err, message != null && message.startsWith("cannot ") ? message
                    : "cannot write " + csv + ": " + OutputFiles.reason(Objects.requireNonNull(e.getCause())));   // never null: the constructor requires one
        } finally {
            if (temporary) {
                delete(csv);
                delete(work);
            }
            out.flush();
        }
    }

    private int run(PrintWriter out, Path csv, boolean temporary) {
        long t0 = System.nanoTime();
        SampleEvents.Summary written;
        try (OutputFiles files = new OutputFiles()) {
            try (java.io.OutputStream o = files.stream(csv)) {
                written = SampleEvents.builder().rows(rows).seed(seed).build().writeCsv(o);
            } catch (IOException e) {
                throw OutputFiles.failure(csv, e);
            }
            files.commit();
        }
        long t1 = System.nanoTime();
        Catalog catalog = catalog();
        // The events span 2025 in UTC; in Seoul the last day, 2026-01-01, holds only its first nine hours, so the
        // windows end on the day before. The spine covers the two windows only: every row is still read, cleaned
        // and accounted for, but results are laid out for these 56 days alone.
        Period end = catalog.calendar().period(Grain.DAY, DATA_END.minusSeconds(1)).previous();
        KpiEngine.Builder builder = KpiEngine.builder().catalog(catalog).periods(end.plus(1 - 2 * WINDOW_DAYS), end);
        if (threads != null) {
            builder.parallelism(threads);
        }
        KpiEngine engine = builder.build();
        KpiResults results = engine.evaluate(Map.of("events",
                catalog.source("events").orElseThrow().csvReader(csv).build()));
        long t2 = System.nanoTime();

        out.printf(Locale.ROOT, "KPI Engine demo: the reference job on %,d generated web-shop events (seed %d)%n",
                rows, seed);
        out.printf(Locale.ROOT, "%nData     %s, %,.1f MB%s%n", csv, written.bytes() / 1e6,
                temporary ? " (a temporary file, deleted at the end; keep it with --dir)" : "");
        out.printf(Locale.ROOT, "Catalog  %s (bundled): %d metrics per channel and day in %s%n", catalog.name(),
                catalog.metrics().size(), catalog.calendar().zone());
        printQuality(out, results.quality().sources().get(0));
        List<String> channels = channels(results);
        printKpis(out, results, channels, end);
        printSparklines(out, results, channels, end);
        double evaluate = (t2 - t1) / 1e9;
        out.printf(Locale.ROOT, "%nTimings  generate %.2f s; read, clean and aggregate %.2f s on %d thread%s"
                + " (%,.0f rows/s); total %.2f s%n", (t1 - t0) / 1e9, evaluate, engine.parallelism(),
                engine.parallelism() == 1 ? "" : "s", rows / evaluate, (System.nanoTime() - t0) / 1e9);
        results.warnings().forEach(w -> out.println("Warning  " + w));
        if (report != null) {
            long t3 = System.nanoTime();
            Catalog tracked = reportCatalog(catalog, rows);
            Scorecard card = Tracker.of(tracked).track(results);
            Report r = Report.builder().catalog(tracked).results(results).scorecard(card).window(2 * WINDOW_DAYS)
                    .title("Web shop demo, " + end.plus(1 - 2 * WINDOW_DAYS) + " to " + end).build();
            try (OutputFiles files = new OutputFiles()) {
                try (java.io.OutputStream o = files.stream(report)) {
                    r.writeTo(o);
                } catch (IOException e) {
                    throw OutputFiles.failure(report, e);
                }
                files.commit();
            }
            out.printf(Locale.ROOT, "Report   %s (%.1f MB, %d ms): %s%n", report, r.size() / 1e6,
                    (System.nanoTime() - t3) / 1_000_000, r.summary());
        }
        return results.quality().verdict() == QualityVerdict.FAIL ? KpiCli.GATE_FAILED : KpiCli.OK;
    }

    private static void printQuality(PrintWriter out, SourceAccount account) {
        QualityReport report = account.qualityReport().orElseThrow();
        QualityReport.Counts c = report.counts();
        out.printf(Locale.ROOT, "Quality  rows read %,d = clean %,d + quarantined %,d + merged duplicates %,d%n",
                c.input(), c.clean(), c.quarantined(), c.merged());
        for (QualityReport.RuleResult r : report.rules()) {
            String what = r.merged() > 0 ? "rows merged" : r.quarantined() > 0 ? "rows quarantined" : "values changed";
            out.printf(Locale.ROOT, "         %-20s %,9d %s%n", r.rule(),
                    r.changed() + r.quarantined() + r.merged() + r.flagged(), what);
        }
        out.println("         verdict " + account.verdict()
                + (account.findings().isEmpty() ? "" : ": " + String.join("; ", account.findings())));
    }

    private static void printKpis(PrintWriter out, KpiResults results, List<String> channels, Period end) {
        Period first = end.plus(1 - WINDOW_DAYS);
        Period previous = end.plus(-WINDOW_DAYS);
        out.printf(Locale.ROOT, "%nKPIs per channel over %d days, %s to %s (%s), and the change against the %d days"
                + " before%n", WINDOW_DAYS, first, end, end.calendar().zone(), WINDOW_DAYS);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-16s", ""));
        channels.forEach(c -> header.append(String.format(Locale.ROOT, "%12s", c)));
        out.println(header);
        for (String kpi : KPIS) {
            StringBuilder values = new StringBuilder(String.format(Locale.ROOT, "%-16s", kpi));
            StringBuilder changes = new StringBuilder(String.format(Locale.ROOT, "%-16s", ""));
            for (String channel : channels) {
                OptionalDouble now = window(results, kpi, end, channel);
                OptionalDouble before = window(results, kpi, previous, channel);
                values.append(String.format(Locale.ROOT, "%12s", format(kpi, now)));
                changes.append(String.format(Locale.ROOT, "%12s", change(before, now)));
            }
            out.println(values);
            out.println(changes);
        }
    }

    private void printSparklines(PrintWriter out, KpiResults results, List<String> channels, Period end) {
        String bars = ascii || !Charset.defaultCharset().newEncoder().canEncode(UNICODE_BARS) ? ASCII_BARS
                : UNICODE_BARS;
        Period first = end.plus(1 - WINDOW_DAYS);
        out.printf(Locale.ROOT, "%n%-" + (16 + WINDOW_DAYS) + "s %12s %12s%n", "Daily revenue_usd, " + first + " to "
                + end, "min", "max");
        for (String channel : channels) {
            double[] daily = new double[WINDOW_DAYS];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < WINDOW_DAYS; i++) {
                daily[i] = results.number("revenue_usd", first.plus(i), Map.of("channel", channel)).orElse(0);
                min = Math.min(min, daily[i]);
                max = Math.max(max, daily[i]);
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-13s ", channel));
            for (double d : daily) {
                int level = max > min ? (int) Math.round((d - min) / (max - min) * (bars.length() - 1))
                        : bars.length() / 2;
                line.append(bars.charAt(level));
            }
            out.println(line.append(String.format(Locale.ROOT, " %,12.0f %,12.0f", min, max)));
        }
    }

    /** The value of a KPI over the window ending with a day. */
    private static OptionalDouble window(KpiResults results, String kpi, Period end, String channel) {
        return results.number(kpi + "_" + WINDOW_DAYS + "d", end, Map.of("channel", channel));
    }

    private static String format(String kpi, OptionalDouble v) {
        if (v.isEmpty()) {
            return "-";
        }
        switch (kpi) {
            case "conversion_rate":
                return String.format(Locale.ROOT, "%.2f%%", v.getAsDouble());
            case "aov":
                return String.format(Locale.ROOT, "%,.2f", v.getAsDouble());
            default:
                return String.format(Locale.ROOT, "%,.0f", v.getAsDouble());
        }
    }

    private static String change(OptionalDouble before, OptionalDouble now) {
        if (before.isEmpty() || now.isEmpty() || before.getAsDouble() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.1f%%", (now.getAsDouble() / before.getAsDouble() - 1) * 100);
    }

    private static List<String> channels(KpiResults results) {
        TreeSet<String> channels = new TreeSet<>();
        for (KpiResult r : results.metric("visitors")) {
            String channel = r.dimensions().get("channel");
            if (channel != null) {
                channels.add(channel);
            }
        }
        return List.copyOf(channels);
    }

    /**
     * The demo's catalog: the bundled reference job plus a {@value #WINDOW_DAYS}-day window of each KPI
     * ({@code visitors_28d = trailing(visitors, 28)}, ...), whose states are merged over the window and then
     * finished, so that an order is counted once and the window's conversion rate is its conversions over its
     * visitors.
     *
     * @return the catalog
     */
    static Catalog catalog() {
        Catalog job = SampleCatalogs.referenceJob();
        return windows(job.toBuilder().name("reference-job.yaml + " + WINDOW_DAYS + "-day windows")).build();
    }

    /** Adds the {@value #WINDOW_DAYS}-day window of each KPI. */
    private static Catalog.Builder windows(Catalog.Builder b) {
        for (String kpi : KPIS) {
            b.metric(Metric.derived(kpi + "_" + WINDOW_DAYS + "d").formula("trailing(" + kpi + ", " + WINDOW_DAYS
                    + ")").build());
        }
        return b;
    }

    /**
     * The demo's catalog with the metadata a dashboard needs: owners, directions, tiers, leading indicators and
     * targets per channel and day. Volumes scale with the number of generated rows, so their targets do too (2 to 3 %
     * above what the generator's rates give per channel and day: {@value #VISITORS_PER_ROW} visitors,
     * {@value #REVENUE_PER_ROW} USD of revenue and {@value #ORDERS_PER_ROW} orders per generated row spread over 8
     * channels and 365 days); conversion rate and order value do not depend on it.
     *
     * @param demo the demo's catalog
     * @param rows the generated rows
     * @return a catalog with the same metrics, sources and name, with metadata
     */
    static Catalog reportCatalog(Catalog demo, long rows) {
        double perChannelDay = rows / (8.0 * 365);
        Catalog.Builder b = Catalog.builder().name(demo.name()).calendar(demo.calendar()).grain(demo.grain());
        demo.sources().forEach(b::source);
        b.metric(Metric.measure("visitors").name("Visitors").sum("visitors").dimensions("channel").unit("count")
                .tier(Tier.CORE).indicatorKind(IndicatorKind.LEADING).owner("Marketing")
                .direction(Direction.HIGHER_IS_BETTER).reviewCycle(ReviewCycle.WEEKLY)
                .targets(new Targets(target(perChannelDay * VISITORS_PER_ROW, 0), null, null)).build());
        b.metric(Metric.measure("conversions").name("Conversions").sum("conversions").dimensions("channel")
                .unit("count").build());
        b.metric(Metric.measure("revenue_usd").name("Revenue").sum("revenue").dimensions("channel").unit("USD")
                .description("Revenue of the day in USD, after currency conversion.").tier(Tier.CORE)
                .indicatorKind(IndicatorKind.LAGGING).leadingIndicators("conversion_rate").owner("Sales")
                .direction(Direction.HIGHER_IS_BETTER).reviewCycle(ReviewCycle.WEEKLY)
                .targets(new Targets(target(perChannelDay * REVENUE_PER_ROW, 0), null, null)).build());
        b.metric(Metric.measure("orders").name("Orders").countDistinct("order_id").dimensions("channel").unit("count")
                .tier(Tier.SUPPORTING).owner("Sales").direction(Direction.HIGHER_IS_BETTER).reviewCycle(ReviewCycle.WEEKLY)
                .targets(new Targets(target(perChannelDay * ORDERS_PER_ROW, 0), null, null)).build());
        b.metric(Metric.ratio("conversion_rate").name("Conversion rate").numerator("conversions")
                .denominator("visitors").scale(100).unit("percent").onZeroDenominator(EmptyPolicy.NO_VALUE)
                .tier(Tier.CORE).indicatorKind(IndicatorKind.LEADING).owner("Marketing")
                .direction(Direction.HIGHER_IS_BETTER).reviewCycle(ReviewCycle.WEEKLY)
                .targets(new Targets(target(4.95, 2), null, target(5.2, 2))).build());
        b.metric(Metric.ratio("aov").name("Average order value").numerator("revenue_usd").denominator("conversions")
                .unit("USD per count").onZeroDenominator(EmptyPolicy.NO_VALUE).tier(Tier.SUPPORTING).owner("Sales")
                .direction(Direction.HIGHER_IS_BETTER).targets(new Targets(target(100, 2), null, null)).build());
        return windows(b).build();
    }

    /** Visitors per generated row, about 2 % above the generator's mean. */
    static final double VISITORS_PER_ROW = 250;
    /** Revenue in USD per generated row, about 3 % above the generator's mean. */
    static final double REVENUE_PER_ROW = 1240;
    /** Distinct orders per generated row, about 3 % above the generator's mean. */
    static final double ORDERS_PER_ROW = 1.01;

    private static Target target(double v, int scale) {
        return Target.of(BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP));
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary file that cannot be deleted is left to the operating system
        }
    }

    private static int usage(PrintWriter err, String message) {
        err.println("kpi demo: " + message);
        err.flush();
        return KpiCli.USAGE;
    }
}
