package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Windows ({@code trailing}, {@code to_date}) and offset references ({@code lag}, {@code last_year}) read every
 * aggregated period, whatever the output range, and have no value where they reach before the data: checked on
 * hand-made cases with pinned messages and against a plain Java oracle on random data. The DuckDB window SQL is in
 * {@link KpiEngineWindowsDuckDbTest}.
 */
class KpiEngineWindowsTest {

    static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE), Column.of("channel", ColumnType.CATEGORY),
            Column.of("v", ColumnType.INTEGER), Column.of("id", ColumnType.TEXT));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);

    record Row(LocalDate day, String channel, long v, String id) {
    }

    /** v, n (rows), ids (distinct), avg = v / n, and windows and references of them. */
    static Catalog catalog(int trailing, int lag) {
        return Catalog.builder().zone(ZoneOffset.UTC).grain(Grain.DAY)
                .source(DataSource.builder("events").schema(SCHEMA).timeColumn("day").build())
                .metric(Metric.measure("v").sum("v").dimensions("channel").build())
                .metric(Metric.measure("n").count().dimensions("channel").build())
                .metric(Metric.measure("ids").countDistinct("id").dimensions("channel").build())
                .metric(Metric.ratio("avg").numerator("v").denominator("n").build())
                .metric(Metric.derived("v_t").formula("trailing(v, " + trailing + ")").build())
                .metric(Metric.derived("ids_t").formula("trailing(ids, " + trailing + ")").build())
                .metric(Metric.derived("avg_t").formula("trailing(avg, " + trailing + ")").build())
                .metric(Metric.derived("v_lag").formula("lag(v, " + lag + ")").build())
                .metric(Metric.derived("v_mtd").formula("to_date(v, month)").build())
                .build();
    }

    static MemorySource source(List<Row> rows) {
        MemorySource.Builder b = MemorySource.builder(SCHEMA).name("events").batchSize(7);
        rows.forEach(r -> b.row(r.day(), r.channel(), r.v(), r.id()));
        return b.build();
    }

    /** Ten on each of the days, channel "web". */
    static List<Row> tenADay(LocalDate first, int days) {
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            rows.add(new Row(first.plusDays(d), "web", 10, "o" + d));
        }
        return rows;
    }

    static Period day(Catalog c, LocalDate d) {
        return c.calendar().period(Grain.DAY, d);
    }

    static KpiValue cell(KpiResults r, String metric, Period p) {
        return r.value(metric, p, Map.of("channel", "web")).orElseThrow().value();
    }

    @Test
    void fixedSpine_windowsAndLagsReadTheDaysBeforeIt() {
        Catalog c = catalog(3, 1);
        KpiResults r = KpiEngine.builder().catalog(c).clock(CLOCK)
                .periods(day(c, JAN_1.plusDays(4)), day(c, JAN_1.plusDays(9))).build()
                .evaluate(Map.of("events", source(tenADay(JAN_1, 10))));
        Period first = day(c, JAN_1.plusDays(4));
        assertThat(r.series("v", Map.of("channel", "web")).get(0).period()).isEqualTo(first);
        assertThat(cell(r, "v_t", first).value()).isEqualTo(30);
        assertThat(cell(r, "ids_t", first).value()).isEqualTo(3);
        assertThat(cell(r, "v_lag", first).value()).isEqualTo(10);
        assertThat(cell(r, "v_mtd", first).value()).isEqualTo(50);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void fixedSpine_chainedReferences_readCellsAndWindowsFarBeforeIt() {
        Catalog c = Catalog.builder().zone(ZoneOffset.UTC).grain(Grain.DAY)
                .source(DataSource.builder("events").schema(SCHEMA).timeColumn("day").build())
                .metric(Metric.measure("v").sum("v").build())
                .metric(Metric.derived("change").formula("v - lag(v, 1)").build())
                .metric(Metric.derived("change_2_ago").formula("lag(change, 2)").build())
                .metric(Metric.derived("v_3").formula("trailing(v, 3)").build())
                .metric(Metric.derived("v_3_4_ago").formula("lag(v_3, 4)").build())
                .build();
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            rows.add(new Row(JAN_1.plusDays(d), "web", (long) d * d, "o" + d));   // v = d^2 on day d
        }
        Period first = day(c, JAN_1.plusDays(20));
        KpiResults r = KpiEngine.builder().catalog(c).clock(CLOCK).periods(first, first.plus(2)).build()
                .evaluate(Map.of("events", source(rows)));
        assertThat(r.series("v")).hasSize(3);
        // change on day 18 = 18^2 - 17^2 = 35
        assertThat(r.number("change_2_ago", first)).hasValue(35);
        // the window of day 16 = 14^2 + 15^2 + 16^2
        assertThat(r.number("v_3_4_ago", first)).hasValue(14 * 14 + 15 * 15 + 16 * 16);
        assertThat(r.number("v_3_4_ago", first.plus(2))).hasValue(16 * 16 + 17 * 17 + 18 * 18);

        KpiResults early = KpiEngine.builder().catalog(c).clock(CLOCK).periods(day(c, JAN_1.plusDays(5)),
                day(c, JAN_1.plusDays(5))).build().evaluate(Map.of("events", source(rows)));
        // day 1's window (Dec 30 to Jan 1) starts before the data: the lag of it has no value, with that reason
        assertThat(early.value("v_3_4_ago", day(c, JAN_1.plusDays(5)), Map.of()).orElseThrow().value().reason()).contains(NoValueReason.INCOMPLETE_WINDOW);
    }

    @Test
    void windowsStartingBeforeTheData_haveNoValue_andSayHowManyPeriodsHaveData() {
        Catalog c = catalog(3, 2);
        KpiResults r = KpiEngine.builder().catalog(c).clock(CLOCK).build()
                .evaluate(Map.of("events", source(tenADay(JAN_1.plusDays(2), 5))));
        Period jan3 = day(c, JAN_1.plusDays(2));
        assertThat(r.series("v_t", Map.of("channel", "web"))).extracting(x -> x.value().reason().map(Enum::name)
                .orElse(x.value().text()))
                .containsExactly("INCOMPLETE_WINDOW", "INCOMPLETE_WINDOW", "30", "30", "30");
        assertThat(cell(r, "v_t", jan3).detail()).contains("input 'trailing(v,3)' has no value: the trailing window"
                + " of 3 periods (2025-01-01 to 2025-01-03) starts before the data of source 'events', which starts"
                + " at 2025-01-03: 1 of 3 periods have data, and partial windows are off");
        assertThat(cell(r, "v_mtd", jan3.plus(4)).reason()).contains(NoValueReason.INCOMPLETE_WINDOW);
        assertThat(cell(r, "v_mtd", jan3.plus(4)).detail()).contains("input 'to_date(v,month)' has no value: the"
                + " month-to-date window of 2025-01 (2025-01-01 to 2025-01-07) starts before the data of source"
                + " 'events', which starts at 2025-01-03: 5 of 7 periods have data, and partial windows are off");
        assertThat(cell(r, "v_lag", jan3.plus(1))).isEqualTo(KpiValue.none(NoValueReason.NO_HISTORY,
                "input 'lag(v,2)' has no value: period 2025-01-02 is before the data of source 'events', which"
                        + " starts at 2025-01-03"));
        assertThat(cell(r, "v_lag", jan3.plus(2)).value()).isEqualTo(10);
    }

    @Test
    void partialWindows_mergeThePeriodsWithData_andWarn() {
        Catalog c = catalog(3, 1);
        KpiResults r = KpiEngine.builder().catalog(c).clock(CLOCK).partialWindows(true).build()
                .evaluate(Map.of("events", source(tenADay(JAN_1.plusDays(2), 5))));
        assertThat(r.series("v_t", Map.of("channel", "web"))).extracting(x -> x.value().value())
                .containsExactly(10.0, 20.0, 30.0, 30.0, 30.0);
        assertThat(r.series("v_mtd", Map.of("channel", "web"))).extracting(x -> x.value().value())
                .containsExactly(10.0, 20.0, 30.0, 40.0, 50.0);
        String partial = " before the data and merge only the periods that have data (partial windows are on)";
        assertThat(r.warnings()).containsExactly(
                "metric 'v_t': the windows of 2 cells (2025-01-03 to 2025-01-04) start" + partial,
                "metric 'ids_t': the windows of 2 cells (2025-01-03 to 2025-01-04) start" + partial,
                "metric 'avg_t': the windows of 2 cells (2025-01-03 to 2025-01-04) start" + partial,
                "metric 'v_mtd': the windows of 5 cells (2025-01-03 to 2025-01-07) start" + partial);
        assertThatThrownBy(() -> KpiEngine.builder().partialWindows(true).partialWindows(false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("partialWindows was already set to true, cannot set it to false");
    }

    @Test
    void fixedSpine_beforeTheData_cellsHaveNoHistory_andASourceWithoutData_saysSo() {
        Catalog c = catalog(2, 1);
        KpiEngine engine = KpiEngine.builder().catalog(c).clock(CLOCK)
                .periods(day(c, JAN_1), day(c, JAN_1.plusDays(3))).build();
        KpiResults r = engine.evaluate(Map.of("events", source(tenADay(JAN_1.plusDays(2), 2))));
        assertThat(cell(r, "v", day(c, JAN_1))).isEqualTo(KpiValue.none(NoValueReason.NO_HISTORY,
                "2025-01-01 is before the data of source 'events', which starts at 2025-01-03"));
        assertThat(cell(r, "avg", day(c, JAN_1.plusDays(1))).reason()).contains(NoValueReason.NO_HISTORY);
        assertThat(cell(r, "v_t", day(c, JAN_1)).detail()).contains("input 'trailing(v,2)' has no value: the"
                + " trailing window of 2 periods (2024-12-31 to 2025-01-01) lies before the data of source 'events',"
                + " which starts at 2025-01-03");
        assertThat(cell(r, "v", day(c, JAN_1.plusDays(2))).value()).isEqualTo(10);

        KpiResults empty = engine.evaluate(Map.of("events", source(List.of())));
        assertThat(empty.rows()).isEmpty();
        KpiResults noRowsTotal = KpiEngine.builder().clock(CLOCK).periods(day(c, JAN_1), day(c, JAN_1))
                .catalog(Catalog.builder().zone(ZoneOffset.UTC)
                        .source(DataSource.builder("events").schema(SCHEMA).timeColumn("day").build())
                        .metric(Metric.measure("rows").count().build()).build())
                .build().evaluate(Map.of("events", source(List.of())));
        assertThat(noRowsTotal.series("rows")).singleElement().extracting(KpiResult::value)
                .isEqualTo(KpiValue.none(NoValueReason.NO_HISTORY, "source 'events' has no data"));
    }

    @Test
    void lastYear_readsTheYearBeforeTheSpine_andHasNoHistoryBeforeTheData() {
        BusinessCalendar cal = BusinessCalendar.of(ZoneOffset.UTC);
        Catalog c = Catalog.builder().calendar(cal).grain(Grain.MONTH)
                .source(DataSource.builder("events").schema(SCHEMA).timeColumn("day").build())
                .metric(Metric.measure("v").sum("v").build())
                .metric(Metric.derived("yoy").formula("v / last_year(v)").build())
                .build();
        List<Row> rows = new ArrayList<>();
        for (int m = 0; m < 24; m++) {
            rows.add(new Row(LocalDate.of(2024, 3, 15).plusMonths(m), "web", m + 1, "o" + m));
        }
        KpiResults r = KpiEngine.builder().catalog(c).clock(CLOCK)
                .periods(cal.parse("2025-02"), cal.parse("2025-04")).build()
                .evaluate(Map.of("events", source(rows)));
        assertThat(r.series("yoy")).extracting(x -> x.value().toString()).containsExactly(
                "no value (NO_HISTORY: input 'last_year(v)' has no value: period 2024-02 is before the data of source"
                        + " 'events', which starts at 2024-03)",
                "13", "7");
    }

    /**
     * Random daily data with gaps on three channels, a random output range (inside, around or beside the data),
     * random window and lag lengths, partial windows on or off: every cell equals the oracle below.
     *
     * <p>Oracle: the data starts at the first day with any row of the source. A cell before it has no value
     * (NO_HISTORY); a window [d - n + 1, d] (trailing) or [first of month, d] (to_date) that lies wholly before it
     * has none either; one that starts before it has none (INCOMPLETE_WINDOW) unless partial windows are on, when
     * it covers the days from the start of the data. Sums and counts of days without rows are 0; windows of
     * distinct ids count each id once; the windowed ratio is the window's sum over the window's row count.
     */
    @Test
    void randomData_matchesAPlainJavaOracle() {
        for (int seed = 0; seed < 300; seed++) {
            try {
                checkAgainstOracle(seed);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    private static void checkAgainstOracle(long seed) {
        Random rnd = new Random(seed);
        int trailing = 1 + rnd.nextInt(5);
        int lag = 1 + rnd.nextInt(4);
        boolean partial = rnd.nextBoolean();
        LocalDate base = LocalDate.of(2025, 1, 20).plusDays(rnd.nextInt(20));
        List<Row> rows = new ArrayList<>();
        int days = rnd.nextInt(40);
        for (int i = 0; i < days * 2; i++) {
            if (rnd.nextInt(4) > 0) {
                rows.add(new Row(base.plusDays(rnd.nextInt(Math.max(1, days))), "c" + rnd.nextInt(3), rnd.nextInt(50),
                        "o" + rnd.nextInt(15)));
            }
        }
        Catalog c = catalog(trailing, lag);
        KpiEngine.Builder b = KpiEngine.builder().catalog(c).clock(CLOCK).partialWindows(partial)
                .parallelism(1 + rnd.nextInt(2));
        LocalDate from = null;
        LocalDate to = null;
        if (rows.isEmpty() || rnd.nextBoolean()) {
            from = base.plusDays(rnd.nextInt(50) - 10);
            to = from.plusDays(rnd.nextInt(30));
            b.periods(day(c, from), day(c, to));
        }
        KpiResults r = b.build().evaluate(Map.of("events", source(rows)));

        TreeSet<LocalDate> dataDays = new TreeSet<>();
        Set<String> channels = new TreeSet<>();
        rows.forEach(x -> {
            dataDays.add(x.day());
            channels.add(x.channel());
        });
        if (dataDays.isEmpty()) {
            assertThat(r.rows()).as("rows without data").isEmpty();
            return;
        }
        LocalDate start = dataDays.first();
        LocalDate outFirst = from != null ? from : start;
        LocalDate outLast = to != null ? to : dataDays.last();
        int cellsPerMetric = 0;
        for (String ch : channels) {
            for (LocalDate d = outFirst; !d.isAfter(outLast); d = d.plusDays(1)) {
                cellsPerMetric++;
                Period p = day(c, d);
                Map<String, String> dims = Map.of("channel", ch);
                String at = ch + " " + d + " (trailing " + trailing + ", lag " + lag + ", partial " + partial + ")";
                expect(r, "v", p, dims, d.isBefore(start) ? null : sum(rows, ch, d, d), at);
                Object[] t = window(d.minusDays(trailing - 1), d, start, partial);
                expect(r, "v_t", p, dims, t[1] != null ? t[1] : sum(rows, ch, (LocalDate) t[0], d), at);
                expect(r, "ids_t", p, dims, t[1] != null ? t[1] : distinct(rows, ch, (LocalDate) t[0], d), at);
                if (t[1] == null) {
                    long n = count(rows, ch, (LocalDate) t[0], d);
                    expect(r, "avg_t", p, dims, n == 0 ? NoValueReason.MISSING_INPUT
                            : sum(rows, ch, (LocalDate) t[0], d) / (double) n, at);
                } else {
                    expect(r, "avg_t", p, dims, t[1], at);
                }
                Object[] mtd = window(d.withDayOfMonth(1), d, start, partial);
                expect(r, "v_mtd", p, dims, mtd[1] != null ? mtd[1] : sum(rows, ch, (LocalDate) mtd[0], d), at);
                LocalDate lagged = d.minusDays(lag);
                expect(r, "v_lag", p, dims, lagged.isBefore(start) ? NoValueReason.NO_HISTORY
                        : sum(rows, ch, lagged, lagged), at);
            }
        }
        assertThat(r.metric("v_t")).as("cells").hasSize(cellsPerMetric);
    }

    /** {start day, null} when the window can be computed from that day on, else {null, reason}. */
    private static Object[] window(LocalDate windowStart, LocalDate d, LocalDate dataStart, boolean partial) {
        if (d.isBefore(dataStart)) {
            return new Object[] {null, NoValueReason.NO_HISTORY};
        }
        if (windowStart.isBefore(dataStart)) {
            return partial ? new Object[] {dataStart, null} : new Object[] {null, NoValueReason.INCOMPLETE_WINDOW};
        }
        return new Object[] {windowStart, null};
    }

    private static double sum(List<Row> rows, String ch, LocalDate from, LocalDate to) {
        return rows.stream().filter(x -> in(x, ch, from, to)).mapToLong(Row::v).sum();
    }

    private static long count(List<Row> rows, String ch, LocalDate from, LocalDate to) {
        return rows.stream().filter(x -> in(x, ch, from, to)).count();
    }

    private static double distinct(List<Row> rows, String ch, LocalDate from, LocalDate to) {
        Set<String> ids = new HashSet<>();
        rows.stream().filter(x -> in(x, ch, from, to)).forEach(x -> ids.add(x.id()));
        return ids.size();
    }

    private static boolean in(Row x, String ch, LocalDate from, LocalDate to) {
        return x.channel().equals(ch) && !x.day().isBefore(from) && !x.day().isAfter(to);
    }

    /** A number, a reason, or null for "no history". */
    private static void expect(KpiResults r, String metric, Period p, Map<String, String> dims, Object expected,
            String at) {
        KpiValue v = r.value(metric, p, dims).orElseThrow(() -> new AssertionError("no cell " + metric + " " + at))
                .value();
        if (expected == null) {
            expected = NoValueReason.NO_HISTORY;
        }
        if (expected instanceof NoValueReason reason) {
            assertThat(v.reason()).as(metric + " " + at + ": " + v).contains(reason);
        } else {
            assertThat(v.isPresent()).as(metric + " " + at + ": " + v).isTrue();
            assertThat(v.value()).as(metric + " " + at).isEqualTo((double) expected);
        }
    }
}
