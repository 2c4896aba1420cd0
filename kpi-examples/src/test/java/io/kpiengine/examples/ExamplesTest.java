package io.kpiengine.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example's {@code main} and checks the key numbers it prints against the same numbers computed here
 * with plain Java from the example's input, so that an example that breaks or drifts fails the build.
 *
 * <p>Printed numbers are read from the line that holds given labels; a number printed with two decimals is
 * compared within 0.0051, one with one decimal within 0.051, whole numbers exactly.
 */
class ExamplesTest {

    interface Main {
        void run(String[] args) throws Exception;
    }

    /** Runs a main with standard output captured. */
    static String run(Main main) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.run(new String[0]);
        } finally {
            System.setOut(saved);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        saved.print(out);
        return out;
    }

    /** The only line of the output that contains every key. */
    static String line(String out, String... keys) {
        List<String> found = out.lines().filter(l -> Arrays.stream(keys).allMatch(l::contains)).toList();
        assertThat(found).as("lines with %s", Arrays.toString(keys)).hasSize(1);
        return found.get(0);
    }

    /** The only line of the output that starts with the prefix. */
    static String lineStarting(String out, String prefix) {
        List<String> found = out.lines().filter(l -> l.startsWith(prefix)).toList();
        assertThat(found).as("lines starting with '%s'", prefix).hasSize(1);
        return found.get(0);
    }

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.\\-])[-+]?\\d[\\d,]*(?:\\.\\d+)?(?![\\w\\-])");

    /** The numbers printed on a line (thousands separators removed); dates, weeks and ids are not numbers. */
    static List<Double> numbers(String line) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(line);
        while (m.find()) {
            out.add(Double.parseDouble(m.group().replace(",", "")));
        }
        return out;
    }

    /** Asserts that the line shows the number within the tolerance of its printed precision. */
    static void shows(String line, double expected, double tolerance) {
        assertThat(numbers(line)).as("numbers of \"%s\"", line)
                .anySatisfy(n -> assertThat(n).isCloseTo(expected, within(tolerance)));
    }

    static final double CENT = 0.0051;
    static final double TENTH = 0.051;

    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** numpy's default percentile (linear): h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]). */
    static double percentile(List<Double> values, double p) {
        List<Double> x = values.stream().sorted().toList();
        double h = (x.size() - 1) * p;
        int lo = (int) Math.floor(h);
        return lo + 1 < x.size() ? x.get(lo) + (h - lo) * (x.get(lo + 1) - x.get(lo)) : x.get(lo);
    }

    @Test
    void example01_firstKpi_printsDailyConversionRate() throws Exception {
        String out = run(Example01_FirstKpi::main);

        Map<LocalDate, long[]> byDay = new TreeMap<>();
        for (Object[] row : Example01_FirstKpi.ROWS) {
            long[] sums = byDay.computeIfAbsent((LocalDate) row[0], d -> new long[2]);
            sums[0] += (Long) row[2];
            sums[1] += (Long) row[3];
        }
        assertThat(byDay).hasSize(3);
        byDay.forEach((day, s) -> {
            String l = line(out, day.toString(), "conversion_rate");
            shows(l, s[1] * 100.0 / s[0], CENT);
            shows(l, s[1], 0);
            shows(l, s[0], 0);
        });
    }

    @Test
    void example02_formulasAndMissingValues_printsCostPerLeadAndReasons() throws Exception {
        String out = run(Example02_FormulasAndMissingValues::main);

        assertThat(out).contains("cost 1250, leads 50   -> 25.0",
                "no value: division by zero at '/' (column 6)", "no value: missing input 'cost' (column 1)",
                "Unclosed '(' at column 8");
        Map<String, double[]> weeks = new TreeMap<>();
        for (SampleData.CampaignDay d : SampleData.campaignDays(Example02_FormulasAndMissingValues.SEED,
                Example02_FormulasAndMissingValues.FIRST, Example02_FormulasAndMissingValues.DAYS)) {
            String week = String.format(Locale.ROOT, "%d-W%02d", d.day().get(IsoFields.WEEK_BASED_YEAR),
                    d.day().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            double[] s = weeks.computeIfAbsent(week + " " + d.channel(), k -> new double[4]);
            s[0] += d.cost() == null ? 0 : d.cost().doubleValue();
            s[1] += d.leads();
            s[2]++;
            s[3] += d.cost() == null ? 0 : 1;
        }
        assertThat(weeks).hasSize(10);
        int noValue = 0;
        for (Map.Entry<String, double[]> e : weeks.entrySet()) {
            String[] key = e.getKey().split(" ");
            String l = line(out, key[0] + "  " + key[1] + " ");
            double[] s = e.getValue();
            List<Double> n = numbers(l);
            assertThat(n.get(0)).isCloseTo(s[0], within(CENT));
            assertThat(n.get(1)).isEqualTo(s[1]);
            if (s[1] == 0) {
                noValue++;
                assertThat(l).contains("no value");
                assertThat(n.get(2)).isZero();
                assertThat(line(out, key[0] + " " + key[1] + ": ")).contains("ZERO_DENOMINATOR");
            } else {
                assertThat(n.get(2)).isCloseTo(s[0] / s[1], within(CENT));
                assertThat(n.get(3)).isCloseTo(s[0] / s[1], within(CENT));
            }
            if (s[3] < s[2]) {
                assertThat(l).contains(String.format(Locale.ROOT, "(cost missing in %.0f of %.0f rows)",
                        s[2] - s[3], s[2]));
            } else {
                assertThat(l).doesNotContain("missing");
            }
        }
        assertThat(noValue).isEqualTo(1);
    }

    @Test
    void example03_messyCsv_readsEveryGoodRecordAndRejectsTheRest() throws Exception {
        String out = run(Example03_MessyCsv::main);

        Example03_MessyCsv.Export export = Example03_MessyCsv.export();
        assertThat(line(out, "Read ", "records, rejected")).contains("Read " + export.readable().size()
                + " records, rejected " + export.brokenLines().size());
        for (long broken : export.brokenLines()) {
            assertThat(out).contains("line " + broken + ": ");
        }
        Map<String, long[]> byChannel = new TreeMap<>();
        for (Example03_MessyCsv.Visit v : export.readable()) {
            long[] s = byChannel.computeIfAbsent(v.channel(), c -> new long[4]);
            s[0] += v.visitors();
            s[1] += v.leads() == null ? 0 : v.leads();
            s[2] += v.leads() == null ? 1 : 0;
            s[3] += v.spend() == null ? 0 : v.spend().movePointRight(2).longValueExact();
        }
        assertThat(byChannel).hasSize((int) SampleData.CAMPAIGNS.stream().map(c -> c[0]).distinct().count());
        byChannel.forEach((channel, s) -> {
            String l = line(out, "  " + channel + " ", "visitors");
            shows(l, s[0], 0);
            shows(l, s[1], 0);
            shows(l, s[3] / 100.0, CENT);
            if (s[2] > 0) {
                assertThat(l).contains("(+" + s[2] + " n/a)");
            }
        });
        assertThat(out).contains("aggregated " + export.readable().size() + " rows and set aside "
                + export.brokenLines().size());
    }

    @Test
    void example04_qualityRules_balancesTheAccountAndAveragesTheFinalDeals() throws Exception {
        String out = run(Example04_QualityRules::main);

        List<Object[]> rows = Example04_QualityRules.export();
        int quarantined = 0;
        int exact = 0;
        Set<String> seenRows = new HashSet<>();
        Map<String, Object[]> latest = new LinkedHashMap<>();
        int keyDuplicates = 0;
        for (Object[] r : rows) {
            String region = ((String) r[2]).trim().toLowerCase(Locale.ROOT);
            if (r[5] == null || ((BigDecimal) r[5]).signum() < 0 || !List.of("north", "south", "west")
                    .contains(region)) {
                quarantined++;
                continue;
            }
            if (!seenRows.add(Arrays.toString(r))) {
                exact++;
                continue;
            }
            Object[] before = latest.get((String) r[0]);
            if (before != null) {
                keyDuplicates++;
                if (((java.time.Instant) r[4]).isBefore((java.time.Instant) before[4])) {
                    continue;
                }
            }
            Object[] clean = r.clone();
            clean[2] = region;
            latest.put((String) r[0], clean);
        }
        assertThat(exact).isPositive();
        assertThat(keyDuplicates).isPositive();
        assertThat(quarantined).isPositive();
        assertThat(line(out, "CRM export:")).contains(rows.size() + " input rows = " + latest.size() + " clean + "
                + quarantined + " quarantined + " + (exact + keyDuplicates) + " merged duplicates");
        assertThat(numbers(line(out, "duplicates:exact   "))).containsExactly(0.0, 0.0, (double) exact);
        assertThat(numbers(line(out, "duplicates:deal_id   "))).containsExactly(0.0, 0.0, (double) keyDuplicates);
        assertThat(out).contains("Verdict WARN", "verdict WARN");

        Map<String, List<BigDecimal>> byRegion = new TreeMap<>();
        for (Object[] r : latest.values()) {
            BigDecimal amount = (BigDecimal) r[5];
            BigDecimal usd = r[6].equals("EUR") ? amount.multiply(Example04_QualityRules.EUR_USD)
                    .setScale(2, RoundingMode.HALF_EVEN) : amount;
            byRegion.computeIfAbsent((String) r[2], k -> new ArrayList<>()).add(usd);
        }
        byRegion.forEach((region, amounts) -> {
            String l = line(out, "  " + region + " ", " deals");
            BigDecimal sum = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            shows(l, sum.doubleValue() / amounts.size(), CENT);
            shows(l, amounts.size(), 0);
        });
    }

    @Test
    void example05_catalogDocument_lintsAndComparesMarchWithTargets() throws Exception {
        String out = run(Example05_CatalogDocument::main);

        assertThat(out).contains("ERROR missing-owner: KPI 'high_priority_response_time' has no owner",
                "WARNING lagging-without-leading: lagging KPI 'inventory_turnover' links no leading indicator",
                "operations-broken.yaml has 3 problems",
                "column 'procesing_hours' is not a column of source 'orders'; did you mean 'processing_hours'?",
                "unknown field 'ower' in metric 'inventory_turnover'; did you mean 'owner'?");
        ZoneId zone = Example05_CatalogDocument.ZONE;
        Predicate<LocalDate> march = d -> d.getMonthValue() == 3;
        List<SampleData.Order> orders = SampleData.orders(Example05_CatalogDocument.SEED,
                Example05_CatalogDocument.FIRST, Example05_CatalogDocument.DAYS, zone, "O");
        Map<String, List<Double>> hours = new TreeMap<>();
        Map<String, Double> cogs = new TreeMap<>();
        for (SampleData.Order o : orders) {
            if (march.test(o.placedAt().atZone(zone).toLocalDate())) {
                hours.computeIfAbsent(o.warehouse(), k -> new ArrayList<>()).add(o.processingHours().doubleValue());
                cogs.merge(o.sku(), o.cogs().doubleValue(), Double::sum);
            }
        }
        hours.forEach((w, h) -> {
            double average = h.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            String l = line(out, "order_processing_time", " " + w + " ");
            shows(l, average, CENT);
            // on track at or below the target of 12 hours, at risk up to 5% above it (lower is better)
            assertThat(l).contains(average <= 12 ? "ON_TRACK" : average <= 12.6 ? "AT_RISK" : "OFF_TRACK");
        });
        List<Long> minutes = SampleData.tickets(Example05_CatalogDocument.SEED, Example05_CatalogDocument.FIRST,
                        Example05_CatalogDocument.FIRST.plusDays(Example05_CatalogDocument.DAYS - 1), zone).stream()
                .filter(t -> march.test(t.openedAt().atZone(zone).toLocalDate()))
                .map(SampleData.Ticket::responseMinutes).toList();
        shows(line(out, "service_response_time", "target <="), median(minutes), CENT);
        Map<String, List<Double>> stock = new TreeMap<>();
        for (SampleData.Stock s : SampleData.stock(Example05_CatalogDocument.SEED, Example05_CatalogDocument.FIRST,
                Example05_CatalogDocument.DAYS)) {
            if (march.test(s.day())) {
                stock.computeIfAbsent(s.sku(), k -> new ArrayList<>()).add(s.stockValue().doubleValue());
            }
        }
        assertThat(stock.keySet()).containsExactlyElementsOf(cogs.keySet());
        stock.forEach((sku, values) -> shows(line(out, "inventory_turnover", " " + sku + " "),
                cogs.get(sku) / values.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), CENT));
    }

    @Test
    void example06_periodsAndCalendars_laysTicketsOverASpine() throws Exception {
        String out = run(Example06_PeriodsAndCalendars::main);

        assertThat(out).contains("fiscal_quarter  FY2024-Q4", "week            2025-W13",
                "2025-03-30 lasts 23 hours", "2025-10-26 lasts 25 hours", "2021-01-01 lies in 2020-W53",
                "partial 2025-W14, 2025-W15 is FUTURE");
        ZoneId zone = Example06_PeriodsAndCalendars.ZONE;
        List<SampleData.Ticket> tickets = Example06_PeriodsAndCalendars.tickets();
        Map<LocalDate, List<Long>> byDay = new TreeMap<>();
        for (LocalDate d = LocalDate.of(2025, 3, 24); !d.isAfter(LocalDate.of(2025, 3, 31)); d = d.plusDays(1)) {
            byDay.put(d, new ArrayList<>());
        }
        for (SampleData.Ticket t : tickets) {
            List<Long> day = byDay.get(t.openedAt().atZone(zone).toLocalDate());
            if (day != null) {
                day.add(t.responseMinutes());
            }
        }
        byDay.forEach((day, minutes) -> {
            String l = line(out, day + " " + day.getDayOfWeek().toString().toLowerCase(Locale.ROOT));
            assertThat(l).contains(day.equals(LocalDate.of(2025, 3, 30)) ? " 23h " : " 24h ");
            assertThat(numbers(l).get(0)).isEqualTo(minutes.size());
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                assertThat(minutes).isEmpty();
                assertThat(l).contains("no value (NO_ROWS)");
            } else {
                shows(l, median(minutes), TENTH);
            }
            assertThat(l).endsWith(day.equals(LocalDate.of(2025, 3, 31)) ? "PARTIAL" : "COMPLETE");
        });
        long week13 = tickets.stream().filter(t -> t.openedAt().atZone(zone).toLocalDate()
                .get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == 13).count();
        shows(line(out, "2025-W13 ", "tickets"), week13, 0);
        String quarter = line(out, "FY2024-Q4 ", "tickets");
        shows(quarter, tickets.size(), 0);
        shows(quarter, median(tickets.stream().map(SampleData.Ticket::responseMinutes).toList()), TENTH);
        assertThat(quarter).endsWith("PARTIAL");
    }

    @Test
    void example07_segmentsAndFilters_printsChannelsCampaignsAndShares() throws Exception {
        String out = run(Example07_SegmentsAndFilters::main);

        Map<String, long[]> channels = new TreeMap<>();
        Map<String, long[]> campaigns = new TreeMap<>();
        long paid = 0;
        long all = 0;
        for (SampleData.CampaignDay d : SampleData.campaignDays(Example07_SegmentsAndFilters.SEED,
                Example07_SegmentsAndFilters.FIRST, Example07_SegmentsAndFilters.DAYS)) {
            long[] c = channels.computeIfAbsent(d.channel(), k -> new long[3]);
            c[0] += d.visitors();
            c[1] += d.conversions();
            c[2] += d.visitors() >= 1000 && !d.campaign().equals("brand") ? 1 : 0;
            long[] k = campaigns.computeIfAbsent(d.channel() + " " + d.campaign(), x -> new long[2]);
            k[0] += d.visitors();
            k[1] += d.conversions();
            all += d.visitors();
            paid += List.of("paid_search", "social", "display").contains(d.channel()) ? d.visitors() : 0;
        }
        channels.forEach((channel, c) -> {
            String l = line(out, "  " + channel + " ", "busy days");
            shows(l, c[0], 0);
            shows(l, c[1] * 100.0 / c[0], CENT);
            assertThat(numbers(l).get(numbers(l).size() - 1)).isEqualTo(c[2]);
        });
        assertThat(campaigns).hasSize(SampleData.CAMPAIGNS.size());
        campaigns.forEach((key, k) -> {
            String[] parts = key.split(" ");
            String l = out.lines().filter(x -> x.matches("\\s+" + parts[0] + "\\s+" + parts[1] + "\\s+[\\d.]+ %"))
                    .findFirst().orElseThrow();
            shows(l, k[1] * 100.0 / k[0], CENT);
        });
        String share = line(out, "Paid channels brought");
        shows(share, paid, 0);
        shows(share, all, 0);
        shows(share, paid * 100.0 / all, CENT);
    }

    @Test
    void example08_derivedMetrics_printsGrowthYoyYtdAndWindows() throws Exception {
        String out = run(Example08_DerivedMetrics::main);

        assertThat(out).contains("NO_HISTORY");
        assertThat(line(out, "3-month average")).endsWith("no value (INCOMPLETE_WINDOW: input"
                + " 'trailing(average_deal_size,3)' has no value: the trailing window of 3 periods (2023-12 to 2024-02)"
                + " starts before the data of source 'crm', which starts at 2024-01: 2 of 3 periods have data, and"
                + " partial windows are off)");
        Map<YearMonth, List<SampleData.Deal>> byMonth = new TreeMap<>();
        for (SampleData.Deal d : SampleData.deals(Example08_DerivedMetrics.SEED, Example08_DerivedMetrics.FIRST,
                Example08_DerivedMetrics.MONTHS)) {
            byMonth.computeIfAbsent(YearMonth.from(d.closedAt().atZone(ZoneId.of("UTC"))), k -> new ArrayList<>())
                    .add(d);
        }
        double ytd = 0;
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(2025, m);
            double revenue = revenue(byMonth.get(month));
            double previous = revenue(byMonth.get(month.minusMonths(1)));
            double lastYear = revenue(byMonth.get(month.minusYears(1)));
            ytd += revenue;
            List<SampleData.Deal> window = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                window.addAll(byMonth.get(month.minusMonths(k)));
            }
            List<Double> numbers = numbers(line(out, month + " "));
            assertThat(numbers).hasSize(10);
            assertThat(numbers.get(0)).isCloseTo(revenue, within(CENT));
            assertThat(numbers.get(1)).isCloseTo((revenue - previous) / previous * 100, within(TENTH));
            assertThat(numbers.get(2)).isCloseTo((revenue / lastYear - 1) * 100, within(TENTH));
            assertThat(numbers.get(3)).isCloseTo(ytd, within(0.01));
            assertThat(numbers.get(4)).isEqualTo(byMonth.get(month).size());
            assertThat(numbers.get(5)).isCloseTo(revenue / byMonth.get(month).size(), within(CENT));
            assertThat(numbers.get(6)).isCloseTo(revenue(window) / window.size(), within(CENT));
            assertThat(numbers.get(7)).isEqualTo(newCustomers(byMonth.get(month)));
            assertThat(numbers.get(8)).isEqualTo(newCustomers(window));
            assertThat(numbers.get(9)).isCloseTo(byMonth.get(month).stream()
                    .mapToLong(SampleData.Deal::cycleDays).average().orElseThrow(), within(TENTH));
        }
    }

    private static double revenue(List<SampleData.Deal> deals) {
        return deals.stream().map(SampleData.Deal::amount).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue();
    }

    private static long newCustomers(List<SampleData.Deal> deals) {
        return deals.stream().filter(SampleData.Deal::newCustomer).map(SampleData.Deal::customerId).distinct()
                .count();
    }

    @Test
    void example09_parallelAndResume_equalsOnePassAndCountsCustomersOnce() throws Exception {
        String out = run(Example09_ParallelAndResume::main);

        assertThat(out).contains("Resumed run equals one run over both days: true");
        List<SampleData.Order> monday = Example09_ParallelAndResume.day(Example09_ParallelAndResume.MONDAY);
        List<SampleData.Order> tuesday = Example09_ParallelAndResume.day(
                Example09_ParallelAndResume.MONDAY.plusDays(1));
        Set<String> mondayCustomers = monday.stream().map(SampleData.Order::customerId).collect(Collectors.toSet());
        Set<String> tuesdayCustomers = tuesday.stream().map(SampleData.Order::customerId).collect(Collectors.toSet());
        Set<String> both = new HashSet<>(mondayCustomers);
        both.addAll(tuesdayCustomers);
        assertThat(both).hasSizeLessThan(mondayCustomers.size() + tuesdayCustomers.size());
        assertThat(numbers(lineStarting(out, Example09_ParallelAndResume.MONDAY + "  "))).containsExactly((double) mondayCustomers.size(),
                (double) mondayCustomers.size());
        assertThat(numbers(lineStarting(out, Example09_ParallelAndResume.MONDAY.plusDays(1) + "  "))).containsExactly((double) tuesdayCustomers.size(),
                (double) both.size());
        assertThat(line(out, "Monday:")).contains(monday.size() + " orders");
        assertThat(line(out, "Tuesday:")).contains(tuesday.size() + " new orders");
        Map<String, List<Double>> hours = new HashMap<>();
        tuesday.forEach(o -> hours.computeIfAbsent(o.warehouse(), k -> new ArrayList<>())
                .add(o.processingHours().doubleValue()));
        hours.forEach((w, h) -> {
            String l = line(out, w + " ", Example09_ParallelAndResume.MONDAY.plusDays(1).toString());
            shows(l, h.size(), 0);
            shows(l, percentile(h, 0.9), TENTH);
        });
    }

    @Test
    void example10_fullPipeline_cleansBothExportsAndScoresMarch() throws Exception {
        String out = run(Example10_FullPipeline::main);

        assertThat(out).contains("lint: no findings");
        // campaigns: exact duplicates merged, labels normalised, missing cost interpolated inside each campaign
        List<SampleData.CampaignDay> days = SampleData.campaignDays(Example10_FullPipeline.SEED,
                Example10_FullPipeline.FIRST, Example10_FullPipeline.DAYS);
        List<Object[]> campaignRows = Example10_FullPipeline.campaignExport();
        assertThat(numbers(line(out, "campaigns ", "rows =")).subList(0, 4)).containsExactly(
                (double) campaignRows.size(), (double) days.size(), 0.0, (double) (campaignRows.size() - days.size()));
        Map<String, List<SampleData.CampaignDay>> series = new LinkedHashMap<>();
        days.forEach(d -> series.computeIfAbsent(d.channel() + "/" + d.campaign(), k -> new ArrayList<>()).add(d));
        Map<String, double[]> costLeads = new TreeMap<>();
        Map<String, long[]> conversion = new TreeMap<>();
        for (Map.Entry<String, List<SampleData.CampaignDay>> s : series.entrySet()) {
            double[] cost = interpolateInside(s.getValue().stream()
                    .map(d -> d.cost() == null ? Double.NaN : d.cost().doubleValue()).toList());
            for (int i = 0; i < cost.length; i++) {
                SampleData.CampaignDay d = s.getValue().get(i);
                if (d.day().getMonthValue() < 2) {
                    continue;
                }
                String month = d.day().getMonthValue() == 2 ? "2025-02" : "2025-03";
                double[] cl = costLeads.computeIfAbsent(d.channel() + " " + month, k -> new double[2]);
                cl[0] += Double.isNaN(cost[i]) ? 0 : cost[i];
                cl[1] += d.leads();
                long[] cv = conversion.computeIfAbsent(s.getKey() + " " + month, k -> new long[2]);
                cv[0] += d.conversions();
                cv[1] += d.visitors();
            }
        }
        for (String channel : List.of("display", "email", "paid_search", "social")) {
            String l = line(out, "cost_per_lead ", " " + channel + " ");
            double[] feb = costLeads.get(channel + " 2025-02");
            double[] mar = costLeads.get(channel + " 2025-03");
            assertThat(numbers(l).get(0)).isCloseTo(feb[0] / feb[1], within(CENT));
            assertThat(numbers(l).get(1)).isCloseTo(mar[0] / mar[1], within(CENT));
            // lower is better, target 25: on track at or below it, at risk up to 5% above it
            double cpl = mar[0] / mar[1];
            assertThat(l).contains(cpl <= 25 ? "ON_TRACK" : cpl <= 26.25 ? "AT_RISK" : "OFF_TRACK");
        }
        for (String campaign : series.keySet()) {
            String l = line(out, "campaign_conversion_rate ", " " + campaign + " ");
            long[] feb = conversion.get(campaign + " 2025-02");
            long[] mar = conversion.get(campaign + " 2025-03");
            assertThat(numbers(l).get(0)).isCloseTo(feb[0] * 100.0 / feb[1], within(CENT));
            assertThat(numbers(l).get(1)).isCloseTo(mar[0] * 100.0 / mar[1], within(CENT));
        }

        // deals: the latest version of each deal, the negative and the missing amount quarantined, in USD, by
        // month in New York
        ZoneId zone = ZoneId.of("America/New_York");
        Map<String, Object[]> latest = new LinkedHashMap<>();
        for (Object[] r : Example10_FullPipeline.crmExport()) {
            if (r[7] == null || ((BigDecimal) r[7]).signum() < 0) {
                continue;
            }
            Object[] before = latest.get((String) r[0]);
            if (before == null || !((java.time.Instant) r[9]).isBefore((java.time.Instant) before[9])) {
                latest.put((String) r[0], r);
            }
        }
        List<Object[]> march = new ArrayList<>();
        Set<String> newCustomers = new HashSet<>();
        BigDecimal revenue = BigDecimal.ZERO;
        long cycle = 0;
        for (Object[] r : latest.values()) {
            if (YearMonth.from(((java.time.Instant) r[5]).atZone(zone)).equals(YearMonth.of(2025, 3))) {
                march.add(r);
                revenue = revenue.add(Example10_FullPipeline.usd(r));
                cycle += (Long) r[6];
                if ((Boolean) r[2]) {
                    newCustomers.add((String) r[1]);
                }
            }
        }
        assertThat(numbers(line(out, "new_customers ")).get(1)).isEqualTo(newCustomers.size());
        assertThat(numbers(line(out, "average_deal_size ")).get(1))
                .isCloseTo(revenue.doubleValue() / march.size(), within(CENT));
        assertThat(numbers(line(out, "sales_cycle_length ")).get(1))
                .isCloseTo((double) cycle / march.size(), within(CENT));
        assertThat(numbers(line(out, "revenue ", "growth")).get(0)).isCloseTo(revenue.doubleValue(), within(CENT));
    }

    @Test
    void example11_groupingSets_rollsUpEverySetAndRegrainsTheDailyState() throws Exception {
        String out = run(Example11_GroupingSets::main);

        ZoneId zone = Example11_GroupingSets.ZONE;
        List<SampleData.Order> orders = SampleData.orders(Example11_GroupingSets.SEED, Example11_GroupingSets.FIRST,
                Example11_GroupingSets.DAYS, zone, "G");
        // March by (warehouse, sku), (warehouse), (sku) and (): units, cogs and cogs / units of each group
        Map<String, double[]> march = new TreeMap<>();
        for (SampleData.Order o : orders) {
            if (YearMonth.from(o.placedAt().atZone(zone)).equals(YearMonth.of(2025, 3))) {
                for (String key : List.of("(warehouse, sku) " + o.warehouse() + " / " + o.sku(),
                        "(warehouse) " + o.warehouse(), "(sku) " + o.sku(), "() total")) {
                    double[] s = march.computeIfAbsent(key, k -> new double[2]);
                    s[0] += o.quantity();
                    s[1] += o.cogs().doubleValue();
                }
            }
        }
        assertThat(march).hasSize(3 * 4 + 3 + 4 + 1);
        march.forEach((key, s) -> {
            String set = key.substring(0, key.indexOf(')') + 1);
            String segment = key.substring(key.indexOf(')') + 2);
            String l = line(out, set + " ", " " + segment + " ", "units");
            List<Double> n = numbers(l);
            assertThat(n.get(n.size() - 3)).as(l).isEqualTo(s[0]);
            assertThat(n.get(n.size() - 2)).as(l).isCloseTo(s[1], within(CENT));
            assertThat(n.get(n.size() - 1)).as(l).isCloseTo(s[1] / s[0], within(CENT));
        });
        // the whole range by warehouse: sample standard deviation (pandas std, ddof 1) and its ratio to the mean
        Map<String, List<Double>> hours = new TreeMap<>();
        Map<String, Set<String>> customers = new TreeMap<>();
        for (SampleData.Order o : orders) {
            hours.computeIfAbsent(o.warehouse(), k -> new ArrayList<>()).add(o.processingHours().doubleValue());
            customers.computeIfAbsent(o.warehouse(), k -> new HashSet<>()).add(o.customerId());
        }
        hours.forEach((w, h) -> {
            double mean = h.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double ss = h.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            double std = Math.sqrt(ss / (h.size() - 1));
            String l = line(out, "2025-01-01/2025-03-31 " + w + " ", "processing hours std");
            List<Double> n = numbers(l);
            assertThat(n.get(n.size() - 3)).as(l).isCloseTo(std, within(0.00051));
            assertThat(n.get(n.size() - 2)).as(l).isCloseTo(std / mean, within(0.00051));
            assertThat(n.get(n.size() - 1)).as(l).isEqualTo(customers.get(w).size());
        });
        // ISO weeks from the daily state: 2025-W01 starts on Monday 2024-12-30, before the data
        Map<String, Long> weeks = new TreeMap<>();
        for (SampleData.Order o : orders) {
            LocalDate d = o.placedAt().atZone(zone).toLocalDate();
            weeks.merge(String.format(Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR),
                    d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), o.quantity(), Long::sum);
        }
        for (String w : List.of("2025-W01", "2025-W02", "2025-W03")) {
            shows(line(out, "  " + w + " units"), weeks.get(w), 0);
        }
    }

    @Test
    void example12_liveAccumulator_losesNoOrderAndAnswersTheLastDay() throws Exception {
        String out = run(Example12_LiveAccumulator::main);

        ZoneId zone = Example12_LiveAccumulator.ZONE;
        List<SampleData.Order> orders = SampleData.orders(Example12_LiveAccumulator.SEED,
                Example12_LiveAccumulator.FIRST, Example12_LiveAccumulator.DAYS, zone, "L");
        assertThat(out).contains("Empty at start: 0 cells");
        int batches = (orders.size() + Example12_LiveAccumulator.BATCH - 1) / Example12_LiveAccumulator.BATCH;
        assertThat(out).contains(Example12_LiveAccumulator.WRITERS + " writers added " + batches
                + " batches; the reader answered 20 questions meanwhile");
        assertThat(numbers(line(out, "Snapshot: ")).get(1)).isEqualTo(orders.size());
        LocalDate last = Example12_LiveAccumulator.FIRST.plusDays(Example12_LiveAccumulator.DAYS - 1);
        Map<String, double[]> byWarehouse = new TreeMap<>();
        for (SampleData.Order o : orders) {
            if (o.placedAt().atZone(zone).toLocalDate().equals(last)) {
                double[] s = byWarehouse.computeIfAbsent(o.warehouse(), k -> new double[3]);
                s[0] += o.quantity();
                s[1]++;
                s[2] += o.cogs().doubleValue();
            }
        }
        assertThat(byWarehouse).hasSize(3);
        byWarehouse.forEach((w, s) -> {
            String l = line(out, last + " " + w + " ", "units");
            List<Double> n = numbers(l);
            assertThat(n.get(n.size() - 3)).as(l).isEqualTo(s[0]);
            assertThat(n.get(n.size() - 2)).as(l).isEqualTo(s[1]);
            assertThat(n.get(n.size() - 1)).as(l).isCloseTo(s[2] / s[0], within(CENT));
        });
        shows(line(out, "Query: units from berlin"), byWarehouse.get("berlin")[0], 0);
        shows(line(out, "After a restart"), byWarehouse.get("berlin")[0], 0);
    }

    /** pandas {@code interpolate(method='linear', limit_area='inside')}, rounded half-even to cents. */
    static double[] interpolateInside(List<Double> values) {
        double[] out = values.stream().mapToDouble(Double::doubleValue).toArray();
        int last = -1;
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                continue;
            }
            for (int k = last + 1; last >= 0 && k < i; k++) {
                double v = out[last] + (out[i] - out[last]) * (k - last) / (i - last);
                out[k] = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
            }
            last = i;
        }
        return out;
    }

    @Test
    void example13_scorecard_phasesThePlanTracksAlertsAcrossRunsAndForecasts() throws Exception {
        String out = run(Example13_Scorecard::main);
        // the months of 2025 per channel, straight from the generated export
        Map<String, double[]> leads = new HashMap<>();
        Map<String, double[]> spend = new HashMap<>();
        for (Example13_Scorecard.Month m : Example13_Scorecard.months()) {
            if (m.day().getYear() == 2025) {
                int k = m.day().getMonthValue() - 1;
                leads.computeIfAbsent(m.channel(), c -> new double[6])[k] = m.leads();
                spend.computeIfAbsent(m.channel(), c -> new double[6])[k] = m.spend().doubleValue();
            }
        }
        // runs: the May run opens both alerts, the June run continues one and resolves the other
        String may = out.substring(out.indexOf("Run of 2025-06-01"), out.indexOf("Run of 2025-07-01"));
        assertThat(may).contains("CRITICAL NEW leads-below-plan: leads {channel=social} 2025-05",
                "WARNING NEW cpl-jump: cost_per_lead {channel=search} 2025-05");
        double cplApril = spend.get("search")[3] / leads.get("search")[3];
        double cplMay = spend.get("search")[4] / leads.get("search")[4];
        shows(line(may, "WARNING NEW cpl-jump"), 100 * (cplMay - cplApril) / cplApril, CENT);
        assertThat(out).contains("CRITICAL CONTINUING leads-below-plan: leads {channel=social} 2025-06",
                "open since 2025-05", "WARNING RESOLVED cpl-jump: cost_per_lead {channel=search} 2025-06");

        // the phased plan of social: six months, their sum and share of the year
        List<Double> plan = numbers(line(out, "2025-01 ", "2025-06 ")).stream()
                .filter(x -> x > 100).toList();
        assertThat(plan).hasSize(6);
        double phased = plan.stream().mapToDouble(Double::doubleValue).sum();
        String half = line(out, "January to June:");
        shows(half, phased, 0.31);
        shows(half, 100 * phased / 9800, TENTH);

        // June: values, achievement against the printed plan, year-to-date pace, statuses
        for (String channel : List.of("email", "search", "social")) {
            String row = line(out, "leads  " + channel);
            double june = leads.get(channel)[5];
            List<Double> n = numbers(row);
            assertThat(n.get(0)).isEqualTo(june);
            double target = n.get(2);
            shows(row, 100 * june / target, TENTH + 100 * june * 0.005 / (target * target));
        }
        String social = line(out, "leads  social");
        double toDate = Arrays.stream(leads.get("social")).sum();
        shows(social, 100 * toDate / phased, TENTH);
        assertThat(social).endsWith("off-track (behind)");
        assertThat(line(out, "leads  email")).endsWith("on-track (on-track)");
        Map<String, Double> cplTargets = Map.of("email", 17.0, "search", 38.0, "social", 30.0);
        cplTargets.forEach((channel, target) -> {
            String row = line(out, "cpl    " + channel);
            double cpl = spend.get(channel)[5] / leads.get(channel)[5];
            shows(row, cpl, CENT);
            double achieved = 100 * (2 - cpl / target);   // lower is better
            shows(row, achieved, TENTH);
            assertThat(row).endsWith(achieved >= 100 ? "on-track (on-track)" : achieved >= 90
                    ? "at-risk (slightly-behind)" : "off-track (behind)");
        });
        assertThat(line(out, "spend  email")).endsWith("not-rated (no-rule-matched)");

        // hysteresis: the alert opens after two months below 90% and stays open until above 97%
        boolean open = false;
        int below = 0;
        for (int k = 0; k < 6; k++) {
            String row = line(out, "  2025-0" + (k + 1) + "  leads");
            double achieved = numbers(row).get(2);
            String expected = "-";
            if (open) {
                open = achieved < 97;
                expected = open ? "continuing" : "resolved";
            } else {
                below = achieved < 90 ? below + 1 : 0;
                if (below >= 2) {
                    open = true;
                    below = 0;
                    expected = "new";
                }
            }
            assertThat(row).endsWith("alert " + expected);
            shows(row, leads.get("social")[k], 0);
        }

        // forecasts: the actual to date, an interval around the forecast, an outlook that agrees with it
        for (String channel : List.of("email", "search", "social")) {
            String forecast = line(out, String.format(Locale.ROOT, "  %-7s plan", channel));
            List<Double> n = numbers(forecast);
            double target = n.get(0);
            assertThat(n.get(1)).isEqualTo(Arrays.stream(leads.get(channel)).sum());
            assertThat(n.get(3)).isLessThanOrEqualTo(n.get(2));
            assertThat(n.get(4)).isGreaterThanOrEqualTo(n.get(2));
            String outlook = n.get(3) >= target ? "will-reach" : n.get(4) < target ? "will-miss" : "at-risk";
            assertThat(forecast).endsWith(outlook);
        }

        // the open action plan keeps the off-track social channel out of the findings
        String findings = out.substring(out.indexOf("Findings:"), out.indexOf("Without the action plan:"));
        assertThat(findings).doesNotContain("off-track-without-plan");
        assertThat(out.substring(out.indexOf("Without the action plan:"))).contains("off-track-without-plan: KPI"
                + " 'leads' {channel=social} has been off track for 3 periods (2025-04 to 2025-06)");
        assertThat(line(out, "Off track now:")).isEqualTo("Off track now: [leads social (owner maria.kim)]");
    }

    @Test
    void example17_report_writesTheDashboardWithTheTrackedNumbers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        String out = run(args -> Example17_Report.main(new String[] {file.toString()}));
        // December 2025 in New York, straight from the generated deals
        ZoneId ny = ZoneId.of("America/New_York");
        Set<String> newCustomers = new HashSet<>();
        BigDecimal amount = BigDecimal.ZERO;
        long deals = 0;
        long cycle = 0;
        for (SampleData.Deal d : SampleData.deals(Example17_Report.SEED, Example17_Report.FIRST,
                Example17_Report.MONTHS)) {
            if (YearMonth.from(d.closedAt().atZone(ny)).equals(YearMonth.of(2025, 12))) {
                if (d.newCustomer()) {
                    newCustomers.add(d.customerId());
                }
                amount = amount.add(d.amount());
                deals++;
                cycle += d.cycleDays();
            }
        }
        double dealSize = amount.doubleValue() / deals;
        double days = (double) cycle / deals;
        shows(line(out, "new_customers ", "target"), newCustomers.size(), 0);
        shows(line(out, "average_deal_size ", "target"), dealSize, CENT);
        shows(line(out, "sales_cycle_length ", "target"), days, CENT);
        // the plan's targets and the tracking's default status rules: at risk from 95 %, exceeded at the stretch
        assertThat(line(out, "new_customers ", "target")).endsWith("target      24.00  "
                + (newCustomers.size() >= 24 ? "on-track" : newCustomers.size() >= 0.95 * 24 ? "at-risk" : "off-track"));
        assertThat(line(out, "average_deal_size ", "target")).endsWith(dealSize >= 3000 ? "exceeded" : dealSize >= 2800
                ? "on-track" : "at-risk");
        assertThat(line(out, "sales_cycle_length ", "target")).endsWith(days <= 30 ? "on-track" : "off-track");
        // the file: one page, the tiles showing those numbers in the report's formats
        String html = Files.readString(file);
        assertThat(line(out, "2. Wrote report.html")).contains(String.format(Locale.ROOT, "%,d bytes", Files.size(file)))
                .endsWith("6 KPIs over 18 periods to 2025-12, 5 core; views executive, manager, analyst");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Growth scorecard, December 2025</title>")
                .contains("<div class=\"tile-value\">" + newCustomers.size() + "</div>")
                .contains("<div class=\"tile-value\">" + String.format(Locale.US, "$%,d", Math.round(dealSize))
                        + "</div>")
                .contains("<div class=\"tile-value\">" + String.format(Locale.US, "%.1f", days) + "\u00a0d</div>");
    }
}
