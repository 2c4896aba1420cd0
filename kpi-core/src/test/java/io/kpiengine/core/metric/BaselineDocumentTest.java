package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kpiengine.data.doc.Problem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The baseline forms of the metric document ({@code docs/catalog.md}, "Metadata"), and targets without direction. */
class BaselineDocumentTest {

    private static final String HEAD = "zone: UTC\nsources:\n  e:\n    time: ts\n    columns: {ts: timestamp, v: integer}\n"
            + "metrics:\n";

    private static Baseline baselineOf(String baseline) {
        Catalog c = Catalog.read(HEAD + "  - {id: m, aggregate: sum, column: v, baseline: " + baseline + "}\n", "c.yaml");
        return c.metric("m").orElseThrow().metadata().baseline().orElseThrow();
    }

    private static List<String> problems(String metricLine) {
        CatalogException e = catchThrowableOfType(CatalogException.class,
                () -> Catalog.read(HEAD + metricLine, "c.yaml"));
        assertThat(e).isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void baselineForms_readAsTheirFactories() {
        assertThat(baselineOf("{method: trailing, months: 6}")).isEqualTo(Baseline.trailing(6));
        assertThat(baselineOf("{method: trailing, periods: 28, minPeriods: 21}"))
                .isEqualTo(Baseline.trailingMean(28).withMinPeriods(21));
        assertThat(baselineOf("{method: trailing-median, periods: 12}")).isEqualTo(Baseline.trailingMedian(12));
        assertThat(baselineOf("{method: same-period-last-year}")).isEqualTo(Baseline.samePeriodLastYear());
        assertThat(baselineOf("{method: same-period-average, years: 3, minPeriods: 2}"))
                .isEqualTo(Baseline.samePeriodAverage(3).withMinPeriods(2));
        assertThat(baselineOf("{method: seasonally-adjusted, years: 3, model: multiplicative, period: 4}"))
                .isEqualTo(Baseline.seasonallyAdjusted(3, Baseline.SeasonalModel.MULTIPLICATIVE).withSeasonalPeriod(4));
        assertThat(baselineOf("{method: fixed, value: 2.5, asOf: 2025-01-01}"))
                .isEqualTo(Baseline.fixed(new BigDecimal("2.5"), LocalDate.of(2025, 1, 1)));
    }

    @Test
    void baselineForms_badFields_positionedProblems() {
        assertThat(problems("  - {id: m, aggregate: count, baseline: {method: trailing, months: 6, periods: 6}}\n"
                + "  - {id: n, aggregate: count, baseline: {method: same-period-last-year, years: 2}}\n"
                + "  - {id: o, aggregate: count, baseline: {method: trailing-median, periods: 6, minPeriods: 7}}\n"
                + "  - {id: p, aggregate: count, baseline: {method: seasonaly-adjusted}}\n"))
                .containsExactly(
                "c.yaml:7:71: baseline of metric 'm' takes 'months' or 'periods', not both",
                "c.yaml:8:73: 'years' does not apply to baseline method same-period-last-year of metric 'n'; it takes []",
                "c.yaml:9:91: 'minPeriods' in baseline of metric 'o' must be between 1 and 6, but was 7",
                "c.yaml:10:50: 'method' in baseline of metric 'p' must be one of [trailing, trailing-median,"
                        + " same-period-last-year, same-period-average, seasonally-adjusted, fixed], but was"
                        + " 'seasonaly-adjusted'; did you mean 'seasonally-adjusted'?");
    }

    @Test
    void targets_withoutDirection_problemAtTheTargets() {
        assertThat(problems("  - id: m\n    aggregate: count\n    targets: {shortTerm: 10}\n"))
                .containsExactly("c.yaml:9:14: metric 'm': targets need a direction to be judged against"
                        + " (higher-is-better or lower-is-better), but direction was not set");
    }
}
