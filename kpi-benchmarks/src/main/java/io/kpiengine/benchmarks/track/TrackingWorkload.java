package io.kpiengine.benchmarks.track;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.Target;
import io.kpiengine.core.metric.Targets;
import io.kpiengine.core.track.AlertRule;
import io.kpiengine.core.track.AlertSeverity;
import io.kpiengine.core.track.TrackingPlan;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tracking workload of the issue: {@code metrics} KPIs x {@code segments} segments x {@code months} monthly
 * periods of existing results, each KPI with the default baseline (trailing mean of 12 months), a short-term target,
 * the built-in status rules and three alert rules (an achievement threshold with hysteresis over 2 periods, a
 * percent drop from the previous month, a robust anomaly score over 12 months).
 *
 * <p>Each metric sums one of 10 value columns of a seeded data set of one row per segment and month (values
 * around 1,000 with trend, season and noise); the results are computed once by the engine.
 */
final class TrackingWorkload {

    static final int COLUMNS = 10;

    final Catalog catalog;
    final KpiResults results;

    TrackingWorkload(int metrics, int segments, int months) {
        List<Column> columns = new ArrayList<>(List.of(Column.of("day", ColumnType.DATE),
                Column.of("segment", ColumnType.CATEGORY)));
        for (int c = 0; c < COLUMNS; c++) {
            columns.add(Column.of("v" + c, ColumnType.DECIMAL));
        }
        Schema schema = Schema.of(columns);
        Catalog.Builder cb = Catalog.builder().name("tracking-benchmark").zone(ZoneOffset.UTC)
                .grain(io.kpiengine.core.time.Grain.MONTH)
                .source(DataSource.builder("data").schema(schema).timeColumn("day").build());
        TrackingPlan.Builder plan = TrackingPlan.builder();
        for (int m = 0; m < metrics; m++) {
            String id = "kpi" + m;
            cb.metric(Metric.measure(id).sum("v" + (m % COLUMNS)).dimensions("segment")
                    .direction(Direction.HIGHER_IS_BETTER).owner("team" + (m % 7))
                    .targets(new Targets(Target.of(BigDecimal.valueOf(1000 + m % 50)), null, null)).build());
            plan.alert(AlertRule.threshold(id + "-low", id).input(AlertRule.Input.ACHIEVEMENT).below(90).exitAt(95)
                    .periods(2).severity(AlertSeverity.CRITICAL).build());
            plan.alert(AlertRule.change(id + "-drop", id).percent().below(-20).build());
            plan.alert(AlertRule.anomaly(id + "-odd", id).method(AlertRule.Method.ROBUST).window(12).build());
        }
        this.catalog = cb.tracking(plan.build()).build();
        MemorySource.Builder rows = MemorySource.builder(schema);
        SplittableRandom random = new SplittableRandom(36);
        for (int s = 0; s < segments; s++) {
            for (int t = 0; t < months; t++) {
                Object[] row = new Object[2 + COLUMNS];
                row[0] = LocalDate.of(2023, 1, 1).plusMonths(t);
                row[1] = "segment" + s;
                for (int c = 0; c < COLUMNS; c++) {
                    row[2 + c] = 1000 + 3.0 * t + 80 * Math.sin(2 * Math.PI * (t % 12) / 12.0 + c)
                            + random.nextGaussian() * 40;
                }
                rows.row(row);
            }
        }
        Clock after = Clock.fixed(Instant.parse("2026-03-15T00:00:00Z"), ZoneOffset.UTC);
        this.results = KpiEngine.builder().catalog(catalog).clock(after).parallelism(2).build()
                .evaluate(Map.of("data", rows.build()));
    }
}
