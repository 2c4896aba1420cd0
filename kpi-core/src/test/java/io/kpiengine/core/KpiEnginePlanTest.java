package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.internal.AggKind;
import io.kpiengine.core.internal.DerivedFormula;
import io.kpiengine.core.internal.EnginePlan;
import io.kpiengine.core.internal.MeasureSpec;
import io.kpiengine.core.internal.PlannedMetric;
import io.kpiengine.core.internal.PlannedMetric.Policy;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.time.PeriodStatus;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine over an internal plan: spine, policies, ratios, derived metrics with offsets and windows, resume. */
class KpiEnginePlanTest {

    static final Schema SCHEMA = Schema.of(Column.of("ts", ColumnType.TIMESTAMP),
            Column.of("channel", ColumnType.CATEGORY), Column.of("visitors", ColumnType.INTEGER),
            Column.decimal("revenue", 2), Column.of("id", ColumnType.TEXT));

    /** A source over fixed batches; splits into one partition per batch. */
    static final class ListSource implements RecordSource {
        private final List<RecordBatch> batches;
        private int next;

        ListSource(List<RecordBatch> batches) {
            this.batches = batches;
        }

        @Override
        public Schema schema() {
            return SCHEMA;
        }

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public RecordBatch next() {
            return next < batches.size() ? batches.get(next++) : null;
        }

        @Override
        public List<RecordSource> split(int parts) {
            List<RecordSource> out = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                List<RecordBatch> mine = new ArrayList<>();
                for (int i = p; i < batches.size(); i += parts) {
                    mine.add(batches.get(i));
                }
                out.add(new ListSource(mine));
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    static RecordBatch batch(Object[]... rows) {
        RecordBatch.Builder b = RecordBatch.builder(SCHEMA, "memory");
        for (Object[] r : rows) {
            b.addRow(r);
        }
        return b.build();
    }

    static Object[] row(String day, String channel, Long visitors, String revenue, String id) {
        return new Object[] {Instant.parse(day + "T12:00:00Z"), channel, visitors,
            revenue == null ? null : new BigDecimal(revenue), id};
    }

    static PlannedMetric measure(String id, AggKind kind, String column, Policy empty, List<String> dims) {
        return PlannedMetric.measure(MeasureSpec.of(id, kind, column), "events", "ts", dims, empty);
    }

    /** growth = revenue / lag(revenue, 1) - 1 and share = revenue / trailing(revenue, 2), by hand. */
    static DerivedFormula growth() {
        return new DerivedFormula() {
            @Override
            public List<Slot> slots() {
                return List.of(new Slot(null, "revenue", 0, null), new Slot("lag", "revenue", 1, null));
            }

            @Override
            public double evaluate(double[] v) {
                return Double.isNaN(v[0]) || Double.isNaN(v[1]) || v[1] == 0 ? Double.NaN : v[0] / v[1] - 1;
            }

            @Override
            public Why explain(double[] v) {
                return Double.isNaN(v[0]) ? new Why(NoValueReason.MISSING_INPUT, 0, "revenue is missing")
                        : Double.isNaN(v[1]) ? new Why(NoValueReason.MISSING_INPUT, 1, "lag is missing")
                        : new Why(NoValueReason.ZERO_DENOMINATOR, -1, "division by zero at column 9");
            }
        };
    }

    static DerivedFormula trailing(String metric) {
        return new DerivedFormula() {
            @Override
            public List<Slot> slots() {
                return List.of(new Slot("trailing", metric, 2, null));
            }

            @Override
            public double evaluate(double[] v) {
                return v[0];
            }

            @Override
            public Why explain(double[] v) {
                return new Why(NoValueReason.MISSING_INPUT, 0, "orders is missing");
            }
        };
    }

    static KpiEngine engine(int threads, Clock clock) {
        List<PlannedMetric> metrics = List.of(
                measure("revenue", AggKind.SUM, "revenue", Policy.NO_VALUE, List.of()),
                measure("orders", AggKind.COUNT_DISTINCT, "id", Policy.ZERO, List.of()),
                PlannedMetric.ratio("rev_per_visitor", "revenue", "visitors_by_channel", 1, List.of(),
                        Policy.NO_VALUE, Policy.NO_VALUE),
                measure("visitors_by_channel", AggKind.SUM, "visitors", Policy.NO_VALUE, List.of("channel")),
                PlannedMetric.derived("growth", "revenue / lag(revenue,1) - 1", List.of(), Policy.NO_VALUE,
                        Policy.NO_VALUE),
                PlannedMetric.derived("orders_2d", "trailing(orders,2)", List.of(), Policy.NO_VALUE, Policy.NO_VALUE),
                PlannedMetric.ratio("rev_per_visitor_2d", "revenue", "visitors_by_channel", 100, List.of(),
                        Policy.NO_VALUE, Policy.NO_VALUE),
                PlannedMetric.derived("rpv_trailing", "trailing(rev_per_visitor,2)", List.of(), Policy.NO_VALUE,
                        Policy.NO_VALUE));
        EnginePlan plan = new EnginePlan(metrics, Map.of("growth", growth(), "orders_2d", trailing("orders"),
                "rpv_trailing", trailing("rev_per_visitor")), Map.of());
        return KpiEngine.builder().plan(plan).zone(ZoneOffset.UTC).grain(Grain.DAY).parallelism(threads)
                .clock(clock).build();
    }

    static final Clock MARCH_4 = Clock.fixed(Instant.parse("2025-03-04T10:00:00Z"), ZoneOffset.UTC);

    static List<RecordBatch> data() {
        return List.of(
                batch(row("2025-03-01", "email", 10L, "100.10", "O1"), row("2025-03-01", "social", 0L, "5.00", "O2")),
                batch(row("2025-03-02", "email", 0L, "0.00", "O3"), row("2025-03-01", "email", 5L, null, "O1")),
                // 2025-03-03 has no rows at all: the spine still shows it
                batch(row("2025-03-04", "social", 20L, "50.00", "O4"), row("2025-03-04", "social", 1L, "1.00", "O2")));
    }

    @Test
    void evaluate_laysMetricsOverTheSpine_withPoliciesAndReasons() {
        KpiResults r = engine(2, MARCH_4).evaluate(Map.of("events", new ListSource(data())));
        assertThat(r.series("revenue")).extracting(x -> x.period().toString() + "=" + x.value())
                .containsExactly("2025-03-01=105.1", "2025-03-02=0", "2025-03-03=no value (NO_ROWS: no rows)",
                        "2025-03-04=51");
        assertThat(r.series("revenue").get(0).value().exact()).contains(new BigDecimal("105.10"));
        assertThat(r.series("orders")).extracting(x -> x.value().text()).containsExactly("2", "1", "0", "2");
        assertThat(r.series("rev_per_visitor")).extracting(x -> x.value().reason().map(Enum::name).orElse(x.value().text())).containsExactly(String.valueOf(105.1 / 15), "ZERO_DENOMINATOR", "NO_ROWS",
                String.valueOf(51.0 / 21));
        assertThat(r.series("growth")).extracting(x -> x.value().reason().map(Enum::name).orElse(x.value().text()))
                .containsExactly("NO_HISTORY", "-1", "MISSING_INPUT", "MISSING_INPUT");
        assertThat(r.series("growth").get(2).value().detail())
                .contains("input 'revenue' has no value: no rows");
        // trailing 2 days of distinct ids merges the states: O1,O3 on 03-02 (O1 twice on 03-01 counts once); the
        // window of 03-01 starts before the data, so it has no value
        assertThat(r.series("orders_2d")).extracting(x -> x.value().reason().map(Enum::name).orElse(x.value().text()))
                .containsExactly("INCOMPLETE_WINDOW", "3", "1", "2");
        assertThat(r.series("orders_2d").get(0).value().detail()).contains("input 'trailing(orders,2)' has no value:"
                + " the trailing window of 2 periods (2025-02-28 to 2025-03-01) starts before the data of source 'events',"
                + " which starts at 2025-03-01: 1 of 2 periods have data, and partial windows are off");
        // the window merges both sides' states: (100.10 + 0) / (15 + 0) on 03-02; 51 / 21 on 03-04
        assertThat(r.series("rpv_trailing")).extracting(x -> x.value().reason().map(Enum::name).orElse(x.value().text())).containsExactly("INCOMPLETE_WINDOW", String.valueOf(105.1 / 15),
                "MISSING_INPUT", String.valueOf(51.0 / 21));
        assertThat(r.series("rpv_trailing").get(2).value().detail()).contains("input 'trailing(rev_per_visitor,2)'"
                + " has no value: denominator 'visitors_by_channel' is 0");
        assertThat(r.series("rev_per_visitor_2d").get(0).value().value()).isEqualTo(105.1 / 15 * 100);
        assertThat(r.series("revenue")).extracting(KpiResult::status).containsExactly(PeriodStatus.COMPLETE,
                PeriodStatus.COMPLETE, PeriodStatus.COMPLETE, PeriodStatus.PARTIAL);
        assertThat(r.series("visitors_by_channel", Map.of("channel", "social")))
                .extracting(x -> x.value().text()).containsExactly("0", "", "", "21");
        assertThat(r.query().metric("visitors_by_channel").where("channel", "email").list()).hasSize(4);
        // no rules and every record read: the default gate passes
        assertThat(r.quality().verdict()).isEqualTo(QualityVerdict.PASS);
        assertThat(r.quality().sources().get(0).rowsAggregated()).isEqualTo(6);
    }

    @Test
    void number_isTheCellsValue_orEmptyWithoutValueOrCell() {
        KpiResults r = engine(1, MARCH_4).evaluate(Map.of("events", new ListSource(data())));
        Period march1 = r.series("revenue").get(0).period();
        assertThat(r.number("revenue", march1)).hasValue(105.1);
        assertThat(r.number("visitors_by_channel", march1, Map.of("channel", "email"))).hasValue(15);
        assertThat(r.number("revenue", march1.plus(2))).isEmpty();              // NO_ROWS
        assertThat(r.value("revenue", march1.plus(2), Map.of()).orElseThrow().value().reason()).contains(NoValueReason.NO_ROWS);
        assertThat(r.number("revenue", march1.plus(10))).isEmpty();             // no such cell
        assertThat(r.number("visitors_by_channel", march1, Map.of("channel", "tv"))).isEmpty();
        assertThatThrownBy(() -> r.number("revenu", march1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metric must be one of [revenue, orders, ");
        assertThat(KpiValue.of(2.5).asDouble()).hasValue(2.5);
        assertThat(KpiValue.none(NoValueReason.NO_ROWS, "no rows").asDouble()).isEmpty();
    }

    @Test
    void evaluate_sameResultsOnOneAndThreeThreads() {
        KpiResults one = engine(1, MARCH_4).evaluate(Map.of("events", new ListSource(data())));
        KpiResults three = engine(3, MARCH_4).evaluate(Map.of("events", new ListSource(data())));
        assertThat(three.rows()).isEqualTo(one.rows());
    }

    @Test
    void resume_fromSavedState_equalsOneRunOverAllInput() {
        KpiEngine engine = engine(2, MARCH_4);
        List<RecordBatch> all = data();
        KpiResults monday = engine.evaluate(Map.of("events", new ListSource(all.subList(0, 2))));
        byte[] saved = monday.state().toBytes();
        AggregationState restored = engine.restore(saved);
        KpiResults resumed = engine.evaluate(restored, Map.of("events", new ListSource(all.subList(2, 3))));
        KpiResults once = engine.evaluate(Map.of("events", new ListSource(all)));
        assertThat(resumed.rows()).isEqualTo(once.rows());
        assertThat(engine.restore(resumed.state().toBytes()).rows("events")).isEqualTo(6);
    }

    @Test
    void mergeOfStates_ofTwoInputs_equalsStateOfBothInputs() {
        KpiEngine engine = engine(2, MARCH_4);
        List<RecordBatch> all = data();
        AggregationState a = engine.evaluate(Map.of("events", new ListSource(all.subList(0, 1)))).state();
        AggregationState b = engine.evaluate(Map.of("events", new ListSource(all.subList(1, 3)))).state();
        AggregationState merged = engine.restore(a.merge(b).toBytes());
        assertThat(merged.rows("events")).isEqualTo(6);
        assertThat(a.rows("events")).as("inputs of a merge do not change").isEqualTo(2);
        KpiResults fromState = engine.evaluate(merged, Map.of());
        KpiResults once = engine.evaluate(Map.of("events", new ListSource(all)));
        assertThat(fromState.rows()).isEqualTo(once.rows());
        assertThat(b.merge(a).toBytes()).as("merge is commutative, byte for byte")
                .isEqualTo(engine.restore(a.merge(b).toBytes()).toBytes());
    }

    @Test
    void restore_fromOtherEngineOrGarbage_failsWithReason() {
        byte[] saved = engine(1, MARCH_4).evaluate(Map.of("events", new ListSource(data()))).state().toBytes();
        KpiEngine weekly = KpiEngine.builder().plan(new EnginePlan(List.of(
                measure("revenue", AggKind.SUM, "revenue", Policy.NO_VALUE, List.of())), Map.of(), Map.of()))
                .zone(ZoneId.of("UTC")).grain(Grain.WEEK).build();
        assertThatThrownBy(() -> weekly.restore(saved)).isInstanceOf(StateException.class)
                .hasMessageStartingWith("cannot restore the aggregation state: the state was computed for other"
                        + " measures, grain or zone:");
        assertThatThrownBy(() -> weekly.restore(new byte[] {1, 2, 3})).isInstanceOf(StateException.class)
                .hasMessage("cannot restore the aggregation state: the bytes are not a KPI engine state"
                        + " (no \"KPIS\" header)");
        assertThatThrownBy(() -> engine(1, MARCH_4).restore(java.util.Arrays.copyOf(saved, saved.length - 3)))
                .hasMessageStartingWith("cannot restore the aggregation state: the state is truncated: its header"
                        + " declares ");
    }

    @Test
    void errorPolicy_listsEveryEmptyCell() {
        KpiEngine strict = KpiEngine.builder().plan(new EnginePlan(List.of(
                measure("revenue", AggKind.SUM, "revenue", Policy.ERROR, List.of())), Map.of(), Map.of()))
                .zone(ZoneOffset.UTC).clock(MARCH_4).build();
        assertThatThrownBy(() -> strict.evaluate(Map.of("events", new ListSource(data()))))
                .isInstanceOf(KpiEvaluationException.class)
                .hasMessage("1 cells have no value and their metric's policy is 'error':\n"
                        + "  revenue 2025-03-03: no rows (metric policy 'empty: error')");
    }

    @Test
    void evaluate_missingOrUnknownSource_isRejected() {
        assertThatThrownBy(() -> engine(1, MARCH_4).evaluate(Map.of()))
                .hasMessage("sources must contain every data source of the catalog [events], but 'events' is missing");
        assertThatThrownBy(() -> engine(1, MARCH_4).evaluate(Map.of("orders", new ListSource(data()))))
                .hasMessage("sources must be data sources of the catalog [events], but 'orders' is not");
    }

    @Test
    void builder_rejectsRepeatedAndInvalidSettings() {
        KpiEngine.Builder b = KpiEngine.builder().grain(Grain.DAY);
        assertThatThrownBy(() -> b.grain(Grain.WEEK)).isInstanceOf(IllegalStateException.class)
                .hasMessage("grain was already set to DAY, cannot set it to WEEK");
        assertThatThrownBy(() -> b.parallelism(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be 1 to 1024, but was 0");
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("catalog must be set before build()");
    }
}
