package io.kpiengine.report.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.time.Period;
import io.kpiengine.report.ReportSamples;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KpiMeterBinderTest {

    private static double gauge(SimpleMeterRegistry r, String name, String metric, String segment) {
        Gauge g = r.find(name).tags("metric", metric, "segment", segment).gauge();
        assertThat(g).as(name + " " + metric + " " + segment).isNotNull();
        return g.value();
    }

    @Test
    void bindTo_registersValueTargetAchievementAndStatusPerKpiAndSegment() {
        ReportSamples.Sample s = ReportSamples.generate(1, 3, 12, 9, false);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KpiMeterBinder.of(s.catalog(), s.results()).bindTo(registry);

        Period dec = s.catalog().calendar().parse("2025-12");
        MetricMetadata aov = s.catalog().metric("aov_0").orElseThrow().metadata();
        for (String region : ReportSamples.regions(3, false)) {
            String seg = "region=" + region;
            double v = s.results().number("aov_0", dec, Map.of("region", region)).orElseThrow();
            assertThat(gauge(registry, KpiMeterBinder.VALUE, "aov_0", seg)).isEqualTo(v);
            assertThat(gauge(registry, KpiMeterBinder.TARGET, "aov_0", seg)).isEqualTo(51.5);
            assertThat(gauge(registry, KpiMeterBinder.ACHIEVEMENT, "aov_0", seg))
                    .isCloseTo(100 * (1 + (v - 51.5) / 51.5), within(1e-9));
            double expected = switch (aov.targetStatus(v).orElseThrow()) {
                case ON_TRACK -> v >= 56 ? 2 : 1;
                case AT_RISK -> 0;
                case OFF_TRACK -> -1;
            };
            assertThat(gauge(registry, KpiMeterBinder.STATUS, "aov_0", seg)).isEqualTo(expected);
        }
        double total = 0;
        for (String region : ReportSamples.regions(3, false)) {
            total += s.results().number("revenue_0", dec, Map.of("region", region)).orElseThrow();
        }
        assertThat(gauge(registry, KpiMeterBinder.VALUE, "revenue_0", "all")).isCloseTo(total, within(1e-6));
        assertThat(registry.find(KpiMeterBinder.VALUE).tags("metric", "revenue_0", "segment", "all", "unit", "USD")
                .gauge()).isNotNull();
        // 5 KPIs x 3 regions, plus the totals of revenue, orders, aov and conversion: 19 series of 4 gauges
        assertThat(registry.getMeters()).hasSize(19 * 4);
        // the average cycle has no exact total, and no gauge claims one
        assertThat(registry.find(KpiMeterBinder.VALUE).tags("metric", "cycle_0", "segment", "all").gauge()).isNull();
    }

    @Test
    void update_newRun_movesTheGaugesAndRegistersNewSegments() {
        ReportSamples.Sample first = ReportSamples.generate(1, 2, 12, 1, false);
        ReportSamples.Sample second = ReportSamples.generate(1, 3, 12, 2, false);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KpiMeterBinder binder = KpiMeterBinder.of(first.catalog(), first.results());
        binder.bindTo(registry);
        int before = registry.getMeters().size();
        binder.update(second.results());
        Period dec = second.catalog().calendar().parse("2025-12");
        for (String region : ReportSamples.regions(3, false)) {
            assertThat(gauge(registry, KpiMeterBinder.VALUE, "orders_0", "region=" + region))
                    .isEqualTo(second.results().number("orders_0", dec, Map.of("region", region)).orElseThrow());
        }
        assertThat(registry.getMeters()).hasSize(before + 5 * 4);
        binder.update(first.results());
        assertThat(gauge(registry, KpiMeterBinder.VALUE, "orders_0", "region=east")).isNaN();
        assertThat(List.of(binder.toString())).containsExactly("KpiMeterBinder[19 KPI series, 1 registries]");
    }
}
