package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.CsvSettings;
import io.kpiengine.quality.MissingValueRule;
import io.kpiengine.quality.QualityRules;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Builders of the metric model: each setter checks its argument, build() checks the rules across options. */
class MetricModelTest {

    @Test
    void builder_isReusableAndBuildsEqualValues() {
        Measure.Builder b = Metric.measure("v").sum("visitors").owner("me");
        Measure first = b.build();
        assertThat(b.build()).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void singleValuedOptions_cannotBeSetTwice() {
        assertThatThrownBy(() -> Metric.measure("v").owner("a").owner("b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("owner was already set to a");
        assertThatThrownBy(() -> Metric.ratio("r").scale(100).scale(10))
                .isInstanceOf(IllegalStateException.class).hasMessage("scale was already set to 100");
        assertThatThrownBy(() -> Metric.derived("d").dimensions("a").dimensions("b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("dimensions was already set to [a]");
    }

    @Test
    void setters_checkTheirArgument() {
        assertThatThrownBy(() -> Metric.measure("v").owner(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("owner must not be blank, but was ' '");
        assertThatThrownBy(() -> Metric.ratio("r").scale(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scale must be positive, but was 0");
        assertThatThrownBy(() -> Metric.measure("v").percentile("x", 95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile must be between 0 and 1 (0.95 for the 95th), but was 95.0");
        assertThatThrownBy(() -> Metric.measure("v").dimensions("a", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimensions must be distinct, but 'a' is listed twice");
        assertThatThrownBy(() -> Metric.measure("v").aggregate(Aggregation.SUM, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column of a sum measure must be set, but was null");
        assertThatThrownBy(() -> Metric.measure("v").aggregate(Aggregation.PERCENTILE, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregation must be set with percentile(column, p), but was percentile through"
                        + " aggregate(...)");
        assertThatThrownBy(() -> Metric.measure("v").owner(null))
                .isInstanceOf(NullPointerException.class).hasMessage("owner");
    }

    @Test
    void ids_areIdentifiersOfAtMost64Characters() {
        assertThatThrownBy(() -> Metric.measure("2fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric id must be a letter or '_' followed by letters, digits or '_', at most 64"
                        + " characters, but was '2fast'");
        assertThatThrownBy(() -> Metric.measure("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metric.derived("MAX"))
                .hasMessage("metric id must not be a formula keyword or function name, but was 'MAX'");
    }

    @Test
    void crossOptionRules_atBuild_allReported() {
        assertThatThrownBy(() -> Metric.ratio("r").direction(Direction.TARGET_BAND).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("metric 'r': numerator must be set, but was not; denominator must be set, but was not;"
                        + " direction target-band needs a target band, but none was set");
        assertThatThrownBy(() -> Metric.measure("m").count().direction(Direction.HIGHER_IS_BETTER)
                .targets(new Targets(Target.of(BigDecimal.TEN), Target.of(BigDecimal.ONE), Target.of(BigDecimal.ONE)))
                .build())
                .hasMessage("metric 'm': long-term target must be at least the short-term target 10 for a"
                        + " higher-is-better metric, but was 1; stretch target must be at least the short-term target"
                        + " 10 for a higher-is-better metric, but was 1");
        assertThatThrownBy(() -> Metric.measure("m").count().direction(Direction.HIGHER_IS_BETTER).targets(new Targets(
                Target.of(BigDecimal.ONE).by(LocalDate.of(2026, 1, 1)),
                Target.of(BigDecimal.TEN).by(LocalDate.of(2025, 1, 1)), null)).build())
                .hasMessage("metric 'm': short-term target must be due no later than the long-term target"
                        + " (2025-01-01), but was due 2026-01-01");
        assertThatThrownBy(() -> Metric.measure("m").count().targets(new Targets(Target.of(BigDecimal.ONE), null,
                null)).build())
                .hasMessage("metric 'm': targets need a direction to be judged against (higher-is-better or"
                        + " lower-is-better), but direction was not set");
    }

    @Test
    void versions_areOrderedAndUnique() {
        Measure m = Metric.measure("m").count()
                .version("1", LocalDate.of(2024, 1, 1), "introduced")
                .version("2", LocalDate.of(2025, 1, 1), "bots excluded")
                .build();
        assertThat(m.metadata().currentVersion().orElseThrow().version()).isEqualTo("2");
        assertThatThrownBy(() -> Metric.measure("m").version("1", LocalDate.of(2024, 1, 1), "a")
                .version("1", LocalDate.of(2025, 1, 1), "b"))
                .hasMessage("version label must be unique, but '1' is used twice");
        assertThatThrownBy(() -> new MetricVersion("1", LocalDate.of(2024, 1, 1), " "))
                .hasMessage("reason of version 1 must not be blank, but was ' '");
    }

    @Test
    void baselines_validateTheirWindow() {
        assertThat(Baseline.trailing(6)).hasToString("trailing 6 months");
        assertThat(Baseline.seasonallyAdjusted(3)).hasToString("seasonally adjusted over 3 years");
        assertThat(Baseline.fixed(new BigDecimal("2.40"), LocalDate.of(2024, 12, 31)))
                .isEqualTo(Baseline.fixed(new BigDecimal("2.4"), LocalDate.of(2024, 12, 31)));
        assertThatThrownBy(() -> Baseline.trailing(5))
                .hasMessage("trailing baseline months must be between 6 and 12, but was 5");
        assertThatThrownBy(() -> Baseline.seasonallyAdjusted(1))
                .hasMessage("seasonally adjusted baseline years must be between 2 and 10, but was 1");
        assertThat(Baseline.trailingMedian(12).withMinPeriods(6)).hasToString("trailing median of 12 periods (at least"
                + " 6)");
        assertThat(Baseline.trailingMean(12).minPeriods()).isEqualTo(12);
        assertThat(Baseline.trailingMean(12).withMinPeriods(12)).isEqualTo(Baseline.trailingMean(12));
        assertThat(Baseline.trailingMean(12)).isNotEqualTo(Baseline.trailing(12));
        assertThat(Baseline.seasonallyAdjusted(3, Baseline.SeasonalModel.MULTIPLICATIVE).withSeasonalPeriod(4))
                .hasToString("multiplicative seasonally adjusted over 3 years (period 4)");
        assertThatThrownBy(() -> Baseline.samePeriodLastYear().withMinPeriods(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a minimum count applies to trailing and same-period-average baselines, but this baseline"
                        + " is same-period-last-year");
        assertThatThrownBy(() -> Baseline.samePeriodAverage(3).withMinPeriods(4))
                .hasMessage("minimum count of a same-period-average baseline must be between 1 and 3, but was 4");
        assertThatThrownBy(() -> Baseline.trailingMean(0))
                .hasMessage("trailing baseline periods must be between 1 and 1000, but was 0");
        assertThatThrownBy(() -> new TargetBand(BigDecimal.TEN, BigDecimal.ONE))
                .hasMessage("high must be >= low 10, but was 1");
        assertThat(new TargetBand(BigDecimal.ONE, BigDecimal.TEN).contains(new BigDecimal("10.0"))).isTrue();
    }

    @Test
    void measureDefaults_perAggregation() {
        assertThat(Metric.measure("a").average("x").build().onEmpty()).isEqualTo(EmptyPolicy.NO_VALUE);
        assertThat(Metric.measure("a").countDistinct("x").build().onEmpty()).isEqualTo(EmptyPolicy.ZERO);
        assertThat(Metric.measure("a").median("x").build().percentile()).isEqualTo(0.5);
        assertThat(Metric.measure("a").percentile("x", 0.9).build().percentile()).isEqualTo(0.9);
        assertThat(Double.isNaN(Metric.measure("a").sum("x").build().percentile())).isTrue();
        Measure w = Metric.measure("a").weightedAverage("price", "qty").build();
        assertThat(w.weightColumn()).contains("qty");
        assertThat(w.columns()).containsExactly("price", "qty");
        assertThat(Metric.measure("a").count().build().column()).isEmpty();
    }

    @Test
    void metadata_equalityAndToBuilder() {
        MetricMetadata m = MetricMetadata.builder().owner("o").tier(Tier.CORE).tags("a", "b", "a").build();
        assertThat(m.tags()).containsExactly("a", "b");
        assertThat(m.toBuilder().build()).isEqualTo(m);
        assertThat(m.isKpi()).isTrue();
        assertThat(MetricMetadata.EMPTY.isKpi()).isFalse();
        assertThat(m).hasToString("{owner=o, tier=CORE, tags=[a, b]}");
    }

    @Test
    void dataSource_checksTimeColumnFormatsAndRules() {
        Schema schema = Schema.of(Column.of("ts", ColumnType.TIMESTAMP), Column.of("v", ColumnType.INTEGER));
        assertThatThrownBy(() -> DataSource.builder("e").schema(schema).timeColumn("t")
                .csv(CsvSettings.builder().headerName("x", "X").build())
                .rules(QualityRules.builder().rule(MissingValueRule.zero("w")).build()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("source 'e': time column 't' is not in the schema [ts, v]; did you mean 'ts' or 'v'?;"
                        + " headerName: no column 'x' in schema [ts, v]; did you mean 'v'?; rule 'missing:w': unknown column"
                        + " 'w'; did you mean 'v'?");
        assertThatThrownBy(() -> DataSource.builder("e-1"))
                .hasMessage("source name must be a letter or '_' followed by letters, digits or '_', at most 64"
                        + " characters, but was 'e-1'");
        DataSource ok = DataSource.builder("e").schema(schema).timeColumn("ts").build();
        assertThat(ok.csv()).isEqualTo(CsvSettings.DEFAULTS);
        assertThat(ok.cleanSchema()).isEqualTo(schema);
        assertThat(ok.rules()).isEmpty();
    }

    @Test
    void reference_kindsAndSlots() {
        assertThat(MetricReference.current("m").slot()).isEqualTo("m");
        assertThat(new MetricReference(MetricReference.Kind.TRAILING, "m", 7, null).slot()).isEqualTo("trailing(m,7)");
        assertThatThrownBy(() -> new MetricReference(MetricReference.Kind.LAG, "m", 0, null))
                .hasMessage("periods of lag(m, n) must be 1..10000, but was 0");
        assertThat(MetricReference.Kind.ofFunction("LAST_YEAR")).contains(MetricReference.Kind.LAST_YEAR);
    }

    static MetricMetadata directed(Direction direction, Targets targets) {
        return MetricMetadata.builder().direction(direction).targets(targets).build();
    }

    static Targets targets(String shortTerm, String longTerm, String stretch) {
        return new Targets(shortTerm == null ? null : Target.of(new BigDecimal(shortTerm)),
                longTerm == null ? null : Target.of(new BigDecimal(longTerm)),
                stretch == null ? null : Target.of(new BigDecimal(stretch)));
    }

    @Test
    void targetStatus_higherIsBetter_onTrackAtOrAboveTarget_atRiskWithinFivePercentBelow() {
        MetricMetadata md = directed(Direction.HIGHER_IS_BETTER, targets("200", "300", null));
        assertThat(md.targetStatus(250)).contains(TargetStatus.ON_TRACK);
        assertThat(md.targetStatus(200)).contains(TargetStatus.ON_TRACK);
        assertThat(md.targetStatus(199.99)).contains(TargetStatus.AT_RISK);
        assertThat(md.targetStatus(190)).contains(TargetStatus.AT_RISK);
        assertThat(md.targetStatus(189.99)).contains(TargetStatus.OFF_TRACK);
        assertThat(md.targetStatus(180, 0.10)).contains(TargetStatus.AT_RISK);
        assertThat(md.targetStatus(199, 0)).contains(TargetStatus.OFF_TRACK);
        // without a short-term target the long-term one counts, then the stretch one
        assertThat(directed(Direction.HIGHER_IS_BETTER, targets(null, "300", "400")).targetStatus(290))
                .contains(TargetStatus.AT_RISK);
        assertThat(directed(Direction.HIGHER_IS_BETTER, targets(null, null, "400")).targetStatus(290))
                .contains(TargetStatus.OFF_TRACK);
        assertThat(targets(null, "300", "400").nearest()).contains(Target.of(new BigDecimal("300")));
    }

    @Test
    void targetStatus_lowerIsBetter_andNegativeTargets_useTheMarginOfTheTargetsSize() {
        MetricMetadata md = directed(Direction.LOWER_IS_BETTER, targets("30", "20", null));
        assertThat(md.targetStatus(29)).contains(TargetStatus.ON_TRACK);
        assertThat(md.targetStatus(30)).contains(TargetStatus.ON_TRACK);
        assertThat(md.targetStatus(31.5)).contains(TargetStatus.AT_RISK);
        assertThat(md.targetStatus(31.51)).contains(TargetStatus.OFF_TRACK);
        MetricMetadata loss = directed(Direction.HIGHER_IS_BETTER, targets("-100", null, null));
        assertThat(loss.targetStatus(-104)).contains(TargetStatus.AT_RISK);
        assertThat(loss.targetStatus(-106)).contains(TargetStatus.OFF_TRACK);
        assertThat(directed(Direction.HIGHER_IS_BETTER, targets("0", null, null)).targetStatus(-0.001))
                .contains(TargetStatus.OFF_TRACK);
    }

    @Test
    void targetStatus_targetBand_onTrackInside_atRiskJustOutsideEitherEnd() {
        MetricMetadata md = MetricMetadata.builder().direction(Direction.TARGET_BAND)
                .targetBand(new TargetBand(new BigDecimal("20"), new BigDecimal("40"))).build();
        assertThat(md.targetStatus(20)).contains(TargetStatus.ON_TRACK);
        assertThat(md.targetStatus(40)).contains(TargetStatus.ON_TRACK);
        assertThat(md.targetStatus(19)).contains(TargetStatus.AT_RISK);
        assertThat(md.targetStatus(18.99)).contains(TargetStatus.OFF_TRACK);
        assertThat(md.targetStatus(42)).contains(TargetStatus.AT_RISK);
        assertThat(md.targetStatus(42.01)).contains(TargetStatus.OFF_TRACK);
    }

    @Test
    void targetStatus_withoutDirectionOrTarget_isEmpty_andBadArgumentsFail() {
        assertThat(MetricMetadata.EMPTY.targetStatus(1)).isEmpty();
        assertThatThrownBy(() -> MetricMetadata.builder().targets(targets("1", null, null)).build())
                .isInstanceOf(IllegalStateException.class);
        assertThat(directed(Direction.LOWER_IS_BETTER, Targets.NONE).targetStatus(1)).isEmpty();
        MetricMetadata md = directed(Direction.LOWER_IS_BETTER, targets("30", null, null));
        assertThatThrownBy(() -> md.targetStatus(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value must be finite, but was NaN");
        assertThatThrownBy(() -> md.targetStatus(1, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("margin must be between 0 and 1, but was 1.5");
    }
}
