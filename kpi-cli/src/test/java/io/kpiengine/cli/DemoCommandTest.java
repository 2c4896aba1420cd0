package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kpi demo} in-process, on 20,000 generated rows: the printed account and KPIs against the reference job
 * recomputed here from the generated file with plain Java (drop exact duplicate rows, missing visitors and revenue
 * as 0, revenue times the fixed rate rounded to the cent, days in Asia/Seoul, distinct order ids).
 */
class DemoCommandTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final Map<String, BigDecimal> RATES = Map.of("USD", BigDecimal.ONE, "EUR", new BigDecimal("1.08"),
            "KRW", new BigDecimal("0.00072"));
    static final LocalDate END = LocalDate.of(2025, 12, 31);

    @TempDir
    static Path dir;

    static String out;
    static int exit;
    static List<String> lines;

    @BeforeAll
    static void runDemo() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        exit = KpiCli.commandLine(new PrintWriter(o, true), new PrintWriter(e, true))
                .execute("demo", "--rows", "20000", "--seed", "7", "--threads", "2", "--dir", dir.toString(),
                        "--ascii", "--report", dir.resolve("report.html").toString());
        out = o.toString();
        lines = out.lines().toList();
        assertThat(e.toString()).isEmpty();
    }

    /** Per channel: visitors, conversions, revenue in cents, distinct orders, over days from..to. */
    static final class Totals {
        long visitors;
        long conversions;
        BigDecimal revenue = BigDecimal.ZERO;
        Set<String> orders = new HashSet<>();
    }

    /** One distinct row of the generated file, cleaned as the job does. */
    record Event(LocalDate day, String channel, long visitors, long conversions, BigDecimal revenueUsd, String order) {
    }

    static List<Event> events;

    /** The rows of the generated file: exact duplicates dropped, missing as 0, revenue in USD to the cent. */
    static synchronized List<Event> events() throws IOException {
        if (events == null) {
            List<Event> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<String> rows = Files.readAllLines(dir.resolve("events.csv"));
            for (String row : rows.subList(1, rows.size())) {
                if (!seen.add(row)) {
                    continue;
                }
                String[] f = row.split(",", -1);
                out.add(new Event(OffsetDateTime.parse(f[0]).atZoneSameInstant(SEOUL).toLocalDate(), f[2],
                        f[4].isEmpty() ? 0 : Long.parseLong(f[4]), Long.parseLong(f[5]), f[6].isEmpty()
                                ? BigDecimal.ZERO
                                : new BigDecimal(f[6]).multiply(RATES.get(f[7])).setScale(2, RoundingMode.HALF_EVEN),
                        f[1]));
            }
            events = out;
        }
        return events;
    }

    /** The reference job over the generated file, per channel, for the Seoul days from..to. */
    static Map<String, Totals> job(LocalDate from, LocalDate to) throws IOException {
        Map<String, Totals> out = new TreeMap<>();
        for (Event e : events()) {
            if (e.day().isBefore(from) || e.day().isAfter(to)) {
                continue;
            }
            Totals t = out.computeIfAbsent(e.channel(), k -> new Totals());
            t.visitors += e.visitors();
            t.conversions += e.conversions();
            t.revenue = t.revenue.add(e.revenueUsd());
            t.orders.add(e.order());
        }
        return out;
    }

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d[\\d,]*(?:\\.\\d+)?");

    static List<Double> numbers(String line) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(line.substring(16));
        while (m.find()) {
            out.add(Double.parseDouble(m.group().replace(",", "")));
        }
        return out;
    }

    /** The values and the changes printed for a KPI, by channel. */
    static Map<String, double[]> printed(String kpi) {
        List<String> channels = Arrays.asList(lines.get(lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("KPIs per channel")).findFirst().orElseThrow()) + 1).trim().split("\\s+"));
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith(kpi + " ")).findFirst().orElseThrow());
        List<Double> values = numbers(lines.get(at));
        List<Double> changes = numbers(lines.get(at + 1));
        assertThat(values).hasSize(channels.size());
        assertThat(changes).hasSize(channels.size());
        Map<String, double[]> map = new HashMap<>();
        for (int i = 0; i < channels.size(); i++) {
            map.put(channels.get(i), new double[] {values.get(i), changes.get(i)});
        }
        return map;
    }

    @Test
    void demo_accountsForEveryRow() throws IOException {
        assertThat(exit).isEqualTo(KpiCli.OK);
        List<String> rows = Files.readAllLines(dir.resolve("events.csv"));
        long duplicates = rows.size() - 1 - new HashSet<>(rows.subList(1, rows.size())).size();
        assertThat(duplicates).isPositive();
        assertThat(out).contains(String.format("Quality  rows read 20,000 = clean %,d + quarantined 0 + merged"
                + " duplicates %,d", 20_000 - duplicates, duplicates));
        assertThat(out).containsPattern("exact-duplicates +" + duplicates + " rows merged");
        assertThat(out).contains("Catalog  reference-job.yaml + 28-day windows (bundled): 12 metrics per channel and day in"
                + " Asia/Seoul");
    }

    @Test
    void demo_printsEachChannelsKpisAndChangeOverTwentyEightDays() throws IOException {
        Map<String, Totals> now = job(END.minusDays(27), END);
        Map<String, Totals> before = job(END.minusDays(55), END.minusDays(28));
        assertThat(out).contains("KPIs per channel over 28 days, 2025-12-04 to 2025-12-31 (Asia/Seoul)");
        Map<String, double[]> visitors = printed("visitors");
        Map<String, double[]> conversions = printed("conversions");
        Map<String, double[]> revenue = printed("revenue_usd");
        Map<String, double[]> orders = printed("orders");
        Map<String, double[]> rate = printed("conversion_rate");
        Map<String, double[]> aov = printed("aov");
        assertThat(visitors.keySet()).containsExactlyInAnyOrderElementsOf(now.keySet()).hasSize(8);
        for (String c : now.keySet()) {
            Totals n = now.get(c);
            Totals b = before.get(c);
            assertThat(visitors.get(c)[0]).isEqualTo(n.visitors);
            assertThat(visitors.get(c)[1]).isCloseTo(change(n.visitors, b.visitors), within(0.051));
            assertThat(conversions.get(c)[0]).isEqualTo(n.conversions);
            assertThat(revenue.get(c)[0]).isCloseTo(n.revenue.doubleValue(), within(0.51));
            assertThat(revenue.get(c)[1]).isCloseTo(change(n.revenue.doubleValue(), b.revenue.doubleValue()),
                    within(0.051));
            assertThat(orders.get(c)[0]).isEqualTo(n.orders.size());
            assertThat(orders.get(c)[1]).isCloseTo(change(n.orders.size(), b.orders.size()), within(0.051));
            double r = n.conversions * 100.0 / n.visitors;
            assertThat(rate.get(c)[0]).isCloseTo(r, within(0.0051));
            assertThat(rate.get(c)[1]).isCloseTo(change(r, b.conversions * 100.0 / b.visitors), within(0.051));
            assertThat(aov.get(c)[0]).isCloseTo(n.revenue.doubleValue() / n.conversions, within(0.0051));
        }
    }

    static double change(double now, double before) {
        return (now / before - 1) * 100;
    }

    @Test
    void demo_drawsDailyRevenueSparklinesInAscii() throws IOException {
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("Daily revenue_usd, 2025-12-04 to 2025-12-31"))
                .findFirst().orElseThrow());
        for (String line : lines.subList(at + 1, at + 9)) {
            String channel = line.substring(2, 15).trim();
            String bars = line.substring(16, 16 + 28);
            assertThat(bars).matches("[.:\\-=+*#@]{28}");
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int d = 0; d < 28; d++) {
                LocalDate day = END.minusDays(27 - d);
                double v = job(day, day).getOrDefault(channel, new Totals()).revenue.doubleValue();
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            List<Double> n = numbers(line.substring(0, 16) + line.substring(16 + 28));
            assertThat(n.get(0)).isCloseTo(min, within(0.51));
            assertThat(n.get(1)).isCloseTo(max, within(0.51));
            assertThat(bars).contains("@");
        }
    }

    @Test
    void demo_withoutAscii_drawsBlocksWhenTheDefaultCharsetHasThem(@TempDir Path other) {
        StringWriter o = new StringWriter();
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(o, true));
        assertThat(cli.execute("--rows", "1000", "--dir", other.toString())).isEqualTo(KpiCli.OK);
        boolean unicode = java.nio.charset.Charset.defaultCharset().newEncoder().canEncode("\u2581\u2588");
        List<String> sparklines = o.toString().lines().filter(l -> l.startsWith("  paid_search ")).toList();
        assertThat(sparklines).hasSize(1);
        assertThat(sparklines.get(0).substring(16, 16 + 28))
                .matches(unicode ? "[\u2581-\u2588]{28}" : "[.:\\-=+*#@]{28}");
    }

    @Test
    void demo_keepsTheFileInDirAndPrintsTimings() {
        assertThat(dir.resolve("events.csv")).exists();
        assertThat(out).doesNotContain("temporary file").containsPattern("Timings  generate [0-9.]+ s; read, clean"
                + " and aggregate [0-9.]+ s on 2 threads");
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void report_showsTheLastDaysRevenueOfEveryChannel() throws IOException {
        assertThat(out).containsPattern("Report   " + Pattern.quote(dir.resolve("report.html").toString())
                + " \\([0-9.]+ MB, [0-9]+ ms\\): 5 KPIs over 56 periods to 2025-12-31, 3 core;"
                + " views executive, manager, analyst");
        BigDecimal revenue = BigDecimal.ZERO;
        for (Event e : events()) {
            if (e.day().equals(END)) {
                revenue = revenue.add(e.revenueUsd());
            }
        }
        String tile = String.format(java.util.Locale.US, "$%,d", revenue.setScale(0, RoundingMode.HALF_UP).longValue());
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("<article class=\"tile s-").contains("<div class=\"tile-value\">" + tile + "</div>");
    }

    @Test
    void report_notHtml_isAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "--report", "report.pdf")).isEqualTo(KpiCli.USAGE);
        assertThat(err.toString()).isEqualTo("kpi demo: --report must end in .html, but was 'report.pdf'"
                + System.lineSeparator());
    }

    @Test
    void rows_outOfRange_isAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "--rows", "5")).isEqualTo(KpiCli.USAGE);
        assertThat(err.toString()).isEqualTo("kpi demo: --rows must be 1,000 to 100,000,000, but was 5"
                + System.lineSeparator());
    }

    @Test
    void threads_zero_isAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "--threads", "0")).isEqualTo(KpiCli.USAGE);
        assertThat(err.toString()).isEqualTo("kpi demo: --threads must be 1 to 1024, but was 0"
                + System.lineSeparator());
    }

    @Test
    void dir_thatIsAFile_isAUsageError(@TempDir Path other) throws IOException {
        Path file = Files.writeString(other.resolve("file"), "x");
        StringWriter err = new StringWriter();
        assertThat(run(err, "--rows", "1000", "--dir", file.toString())).isEqualTo(KpiCli.USAGE);
        assertThat(err.toString()).startsWith("kpi demo: cannot create the directory " + file + ": ");
    }
}
