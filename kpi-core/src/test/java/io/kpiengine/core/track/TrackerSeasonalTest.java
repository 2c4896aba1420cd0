package io.kpiengine.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.analysis.Decomposition;
import io.kpiengine.analysis.HoltLinear;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seasonally adjusted baseline and seasonal phasing against statsmodels 0.13, on the champagne and Quebec car
 * sales series (test resources, see SOURCES.md there).
 *
 * <p>Definition (docs/tracking.md): for the row at position t, the window is the {@code years x 12} months before it
 * (clipped at the first month); {@code d = seasonal_decompose(window, model, period=12)} (centred 2x12 moving
 * average, indices normalised to sum 0 / mean 1); with {@code e = n - 1 - 6} the last trend point and
 * {@code s = max(6, e - 12)}, {@code slope = (trend[e] - trend[s]) / (e - s)}; the baseline at window position
 * {@code p} is {@code (trend[e] + slope (p - e)) * seasonal[p mod 12]} (multiplicative) or {@code + seasonal[...]}
 * (additive). The expected numbers were printed by that definition in Python over statsmodels' decomposition.
 */
class TrackerSeasonalTest {

    static double[] column(String file) {
        try (InputStream in = TrackerSeasonalTest.class.getResourceAsStream(file)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            return Arrays.stream(lines, 1, lines.length).filter(l -> !l.isBlank())
                    .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String BODY = "metrics:\n"
            + "  - {id: mult, aggregate: sum, column: cost, direction: higher-is-better,"
            + " baseline: {method: seasonally-adjusted, years: 3, model: multiplicative}}\n"
            + "  - {id: add, aggregate: sum, column: cost, direction: higher-is-better,"
            + " baseline: {method: seasonally-adjusted, years: 3}}\n"
            + "tracking:\n  targets:\n"
            + "    - {metric: mult, kind: long-term, value: 60000, phasing: seasonal, start: 1970-01-01,"
            + " due: 1970-12-31}\n";

    static Scorecard card(double[] x, LocalDate first) {
        Catalog c = TrackFixture.catalog(BODY);
        KpiResults r = TrackFixture.results(c, Clock.fixed(Instant.parse("2000-01-01T00:00:00Z"), ZoneOffset.UTC),
                b -> {
                    for (int i = 0; i < x.length; i++) {
                        b.row(first.plusMonths(i), "all", 0L, x[i], 0.0);
                    }
                });
        return TrackFixture.tracker(c, 2).track(r);
    }

    static void check(List<ScorecardRow> rows, int[] at, double[] expected) {
        for (int i = 0; i < at.length; i++) {
            assertThat(rows.get(at[i]).baseline().value().getAsDouble()).as("position %d", at[i])
                    .isCloseTo(expected[i], within(1e-9 * Math.abs(expected[i])));
        }
    }

    @Test
    void champagne_baselines_equalTheStatsmodelsDefinition() {
        Scorecard card = card(column("monthly_champagne_sales.csv"), LocalDate.of(1964, 1, 1));
        int[] at = {24, 30, 36, 60, 104};
        check(card.series("mult", Map.of()), at, new double[] {2835.4815917847013, 3182.146837469403,
            3309.6967067925298, 5222.06796911098, 6020.629550008452});
        check(card.series("add", Map.of()), at, new double[] {2963.2001262626286, 3381.897569444444,
            3501.2152777777765, 5235.71701388889, 5980.274305555556});
        BaselineValue early = card.series("mult", Map.of()).get(23).baseline();
        assertThat(early.reason()).contains("a seasonal baseline needs two full cycles (24 periods) of history, but"
                + " 23 lie in the results before 1965-12");
        assertThat(card.series("mult", Map.of()).get(60).baseline().describe())
                .isEqualTo("multiplicative seasonally adjusted over 3 years, 1966-01..1968-12 (36 values)");
    }

    @Test
    void carSales_baselines_equalTheStatsmodelsDefinition() {
        Scorecard card = card(column("monthly_car_sales_quebec.csv"), LocalDate.of(1960, 1, 1));
        int[] at = {24, 30, 36, 60, 107};
        check(card.series("mult", Map.of()), at, new double[] {7898.29452037822, 13288.648432194374,
            10484.9201923698, 13467.497760270413, 15891.354464114207});
        check(card.series("add", Map.of()), at, new double[] {8144.521148989899, 13371.138888888889, 10975.71875,
            13734.078125000004, 16180.701388888887});
    }

    @Test
    void seasonalPhasing_splitsTheAnnualTotalByTheBaselineProfile() {
        double[] x = column("monthly_champagne_sales.csv");
        List<ScorecardRow> rows = card(x, LocalDate.of(1964, 1, 1)).series("mult", Map.of());
        double[] shares = {0.05981348192949284, 0.06494712355555733, 0.06809302474437455, 0.06577179661795628,
            0.07439819105102838, 0.07171160929641511, 0.06166950619973985, 0.027391301946304722,
            0.07934931149777845, 0.09992292501085327, 0.14766068476328642, 0.17927104338721286};
        double total = 0;
        for (int k = 0; k < 12; k++) {
            ScorecardRow row = rows.get(72 + k);
            assertThat(row.target().getAsDouble()).as("1970 month %d", k + 1).isCloseTo(60000 * shares[k],
                    within(1e-6));
            assertThat(row.targetKind()).contains(TargetKind.LONG_TERM);
            total += row.target().getAsDouble();
        }
        assertThat(total).isCloseTo(60000, offset(1e-6));
        assertThat(rows.get(71).target()).isEmpty();
        assertThat(rows.get(83).pace().orElseThrow().toDateExpected().getAsDouble()).isCloseTo(60000, within(1e-6));
    }

    @Test
    void forecastOfASeasonalKpi_isHoltOnTheSeasonallyAdjustedSeries_reseasonalized() {
        double[] x = Arrays.copyOf(column("monthly_champagne_sales.csv"), 78);   // through 1970-06
        List<ScorecardRow> rows = card(x, LocalDate.of(1964, 1, 1)).series("mult", Map.of());
        Pace pace = rows.get(77).pace().orElseThrow();
        // the fit window: the last 60 values (1965-07..1970-06), decomposed on their own
        double[] window = Arrays.copyOfRange(x, 18, 78);
        Decomposition d = Decomposition.of(window, 12, Decomposition.Model.MULTIPLICATIVE);
        double[] adjusted = new double[60];
        for (int i = 0; i < 60; i++) {
            adjusted[i] = window[i] / d.index(i % 12);
        }
        HoltLinear holt = HoltLinear.fit(adjusted);
        double actual = 0;
        for (int t = 72; t < 78; t++) {
            actual += x[t];
        }
        double forecast = actual;
        double[] weights = new double[6];
        for (int h = 1; h <= 6; h++) {
            forecast += holt.forecast(h) * d.index((59 + h) % 12);
            weights[h - 1] = d.index((59 + h) % 12);
        }
        assertThat(pace.forecast().getAsDouble()).isCloseTo(forecast, within(1e-6));
        double sd = Math.sqrt(holt.sumVariance(weights));
        assertThat(pace.interval().orElseThrow().high() - forecast).isCloseTo(1.2815515655446004 * sd, within(1e-6));
        assertThat(pace.model().orElseThrow()).endsWith("on 60 periods 1965-07..1970-06, seasonally adjusted"
                + " (multiplicative, period 12)");
    }
}
