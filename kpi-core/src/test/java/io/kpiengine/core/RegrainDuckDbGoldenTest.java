package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One daily state re-grained to ISO weeks, months, quarters, fiscal years (April to March, named by the year they
 * end in) and the whole range, against DuckDB aggregating the Superstore orders directly at each grain.
 *
 * <p>The period key of each grain in SQL is its definition: {@code strftime(d, '%G-W%V')} (ISO week-based year and
 * week), {@code strftime(d, '%Y-%m')}, {@code year(d) || '-Q' || quarter(d)}, {@code 'FY' || year(d + INTERVAL 9
 * MONTH)} (a fiscal year from April is named by the calendar year in which it ends), and the first and last order
 * date for the whole range. Every measure of {@link Superstore#CATALOG} must come out as DuckDB computes it from the
 * rows, in total and per region, with the tolerances of {@link GroupingSetsDuckDbGoldenTest}: re-graining merges the
 * daily states of a period, so distinct counts, medians, first/last and the standard deviation stay exact or
 * stable, never averaged.
 */
class RegrainDuckDbGoldenTest {

    static final String SETS = "groupingSets: [\"rollup(region, category)\", [segment]]";

    static final Map<Grain, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put(Grain.WEEK, "strftime(\"Order Date\", '%G-W%V')");
        KEYS.put(Grain.MONTH, "strftime(\"Order Date\", '%Y-%m')");
        KEYS.put(Grain.QUARTER, "CAST(year(\"Order Date\") AS VARCHAR) || '-Q' || CAST(quarter(\"Order Date\") AS VARCHAR)");
        KEYS.put(Grain.FISCAL_YEAR, "'FY' || CAST(year(\"Order Date\" + INTERVAL 9 MONTH) AS VARCHAR)");
        KEYS.put(Grain.WHOLE_RANGE, "(SELECT strftime(min(\"Order Date\"), '%Y-%m-%d') || '/'"
                + " || strftime(max(\"Order Date\"), '%Y-%m-%d') FROM t)");
    }

    static String sql(Grain g) {
        return GroupingSetsDuckDbGoldenTest.SQL
                .replace("strftime(\"Order Date\", '%Y-%m') AS month", KEYS.get(g) + " AS month");
    }

    /** The dimensions of a DuckDB row: the columns its grouping set groups by. */
    static Map<String, String> dims(ResultSet rs) throws SQLException {
        Map<String, String> dims = new LinkedHashMap<>();
        for (String d : List.of("region", "category", "segment")) {
            if (rs.getInt("no_" + d) == 0) {
                dims.put(d, rs.getString(d));
            }
        }
        return dims;
    }

    @Test
    void aDailyState_answersEveryCoarserGrain_asDuckDbAggregatesIt() throws SQLException {
        Catalog catalog = Superstore.catalog(SETS);
        KpiEngine daily = KpiEngine.builder().catalog(catalog).grain(Grain.DAY).parallelism(2).build();
        AggregationState state = daily.evaluate(Superstore.input(catalog)).state();
        assertThat(state.grain()).isEqualTo(Grain.DAY);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            Superstore.load(c);
            for (Grain g : KEYS.keySet()) {
                KpiResults r = daily.results(state, g);
                int groups = 0;
                try (ResultSet rs = st.executeQuery(sql(g))) {
                    while (rs.next()) {
                        groups++;
                        Map<String, String> dims = dims(rs);
                        Period p = catalog.calendar().parse(rs.getString("month"));
                        assertThat(p.grain()).isEqualTo(g);
                        compareRow(r, p, dims, rs, g.id());
                    }
                }
                long withRows = r.metric("lines").stream().filter(x -> x.rows() > 0).count();
                assertThat(withRows).as(g.id()).isEqualTo(groups);
            }
        }
    }

    @Test
    void regrained_equalsAnEngineAggregatingAtTheCoarserGrain_andTheStateKeepsItsGrain() {
        Catalog catalog = Superstore.catalog(SETS);
        KpiEngine daily = KpiEngine.builder().catalog(catalog).grain(Grain.DAY).build();
        AggregationState state = daily.evaluate(Superstore.input(catalog)).state();
        for (Grain g : List.of(Grain.WEEK, Grain.QUARTER, Grain.FISCAL_QUARTER)) {
            KpiResults regrained = daily.results(state, g);
            KpiResults direct = KpiEngine.builder().catalog(catalog).grain(g).build()
                    .evaluate(Superstore.input(catalog));
            assertThat(regrained.rows()).hasSameSizeAs(direct.rows());
            for (int i = 0; i < direct.rows().size(); i++) {
                KpiResult d = direct.rows().get(i);
                KpiResult x = regrained.rows().get(i);
                assertThat(x.period()).isEqualTo(d.period());
                assertThat(x.dimensions()).isEqualTo(d.dimensions());
                assertThat(x.rows()).isEqualTo(d.rows());
                if (d.value().exact().isPresent() || !d.value().isPresent()) {
                    assertThat(x.value()).as(d.toString()).isEqualTo(d.value());
                } else {
                    assertThat(x.value().value()).as(d.toString())
                            .isCloseTo(d.value().value(), org.assertj.core.api.Assertions.offset(
                                    1e-9 * Math.abs(d.value().value()) + 1e-12));
                }
            }
        }
        // a monthly engine resumes the daily state: new input goes in at day grain, and the state stays daily
        KpiEngine monthly = KpiEngine.builder().catalog(catalog).grain(Grain.MONTH).build();
        AggregationState restored = monthly.restore(state.toBytes());
        assertThat(restored.grain()).isEqualTo(Grain.DAY);
        KpiResults both = monthly.evaluate(restored, Superstore.input(catalog));
        assertThat(both.state().grain()).isEqualTo(Grain.DAY);
        Period jan2018 = catalog.calendar().parse("2018-01");
        assertThat(both.number("lines", jan2018).orElseThrow())
                .isEqualTo(2 * daily.results(state, Grain.MONTH).number("lines", jan2018).orElseThrow());
        // a weekly state cannot answer months: weeks do not nest in months
        KpiEngine weekly = KpiEngine.builder().catalog(catalog).grain(Grain.WEEK).build();
        AggregationState weeks = weekly.evaluate(Superstore.input(catalog)).state();
        assertThatThrownBy(() -> weekly.results(weeks, Grain.MONTH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a state kept at grain week cannot answer grain month: week periods do not nest"
                        + " in month periods");
    }

    static void compareRow(KpiResults r, Period p, Map<String, String> dims, ResultSet rs, String grain)
            throws SQLException {
        String at = grain + " " + p + " " + dims;
        for (String m : GroupingSetsDuckDbGoldenTest.EXACT) {
            KpiValue v = r.value(m, p, dims).orElseThrow(() -> new AssertionError(m + " " + at)).value();
            assertThat(v.exact()).as(m + " " + at).isPresent();
            assertThat(v.exact().orElseThrow()).as(m + " " + at).isEqualByComparingTo(rs.getBigDecimal(m));
        }
        for (String m : GroupingSetsDuckDbGoldenTest.APPROX) {
            double expected = rs.getDouble(m);
            if (rs.wasNull()) {   // the sample standard deviation of one value
                assertThat(r.number(m, p, dims)).as(m + " " + at).isEmpty();
                continue;
            }
            double actual = r.number(m, p, dims).orElseThrow(() -> new AssertionError(m + " " + at));
            assertThat(Math.abs(actual - expected)).as(m + " " + at)
                    .isLessThanOrEqualTo(1e-9 * Math.abs(expected) + 1e-12);
        }
        for (String m : GroupingSetsDuckDbGoldenTest.DATES) {
            assertThat(r.value(m, p, dims).orElseThrow().value().text()).as(m + " " + at).isEqualTo(rs.getString(m));
        }
    }
}
