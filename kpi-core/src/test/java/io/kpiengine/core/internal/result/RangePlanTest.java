package io.kpiengine.core.internal.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.NoValueReason;
import io.kpiengine.core.internal.AggKind;
import io.kpiengine.core.internal.DerivedFormula;
import io.kpiengine.core.internal.MeasureSpec;
import io.kpiengine.core.internal.PlannedMetric;
import io.kpiengine.core.internal.PlannedMetric.Policy;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The output, cell and slot ranges, worked by hand: days in UTC (index = days since 1970-01-01), data of source
 * "events" from day 1000 to day 1100.
 */
class RangePlanTest {

    static final Timeline DAYS = new Timeline(BusinessCalendar.of(ZoneOffset.UTC), Grain.DAY);
    static final DataExtent DATA = new DataExtent(Map.of("events", 1000L), 1000, 1100);
    static final PlannedMetric V = PlannedMetric.measure(MeasureSpec.of("v", AggKind.SUM, "v"), "events", "day",
            List.of(), Policy.NO_VALUE);

    /** A formula that only names its slots (planning never evaluates). */
    static DerivedFormula formula(DerivedFormula.Slot... slots) {
        return new DerivedFormula() {
            @Override
            public List<Slot> slots() {
                return List.of(slots);
            }

            @Override
            public double evaluate(double[] values) {
                return values[0];
            }

            @Override
            public Why explain(double[] values) {
                return new Why(NoValueReason.MISSING_INPUT, 0, "no value");
            }
        };
    }

    static DerivedFormula.Slot lag(String metric, long n) {
        return new DerivedFormula.Slot("lag", metric, n, null);
    }

    static DerivedFormula.Slot trailing(String metric, long n) {
        return new DerivedFormula.Slot("trailing", metric, n, null);
    }

    static Period day(long index) {
        return DAYS.period(index);
    }

    static RangePlan plan(Map<String, DerivedFormula> derived, Period first, Period last) {
        List<PlannedMetric> metrics = new java.util.ArrayList<>(List.of(V));
        derived.keySet().forEach(id -> metrics.add(PlannedMetric.derived(id, id, List.of(), Policy.NO_VALUE,
                Policy.NO_VALUE)));
        return RangePlan.plan(metrics, derived, DATA, DAYS, first, last).orElseThrow();
    }

    @Test
    void plan_measuresOnly_allRangesAreTheData() {
        assertThat(plan(Map.of(), null, null)).isEqualTo(new RangePlan(1000, 1100, 1000, 1000));
    }

    @Test
    void plan_lagInTheOutput_cellsStartEarlierButNotBeforeTheData() {
        Period from = day(1050);
        assertThat(plan(Map.of("v_lag", formula(lag("v", 7))), from, day(1060)))
                .isEqualTo(new RangePlan(1050, 1060, 1043, 1043));
        assertThat(plan(Map.of("v_lag", formula(lag("v", 70))), from, day(1060)))
                .isEqualTo(new RangePlan(1050, 1060, 1000, 1000));
    }

    @Test
    void plan_lagOfALag_reachesBackRecursively() {
        Map<String, DerivedFormula> f = new LinkedHashMap<>();
        f.put("v_lag", formula(lag("v", 7)));
        f.put("v_lag_lag", formula(lag("v_lag", 5)));
        assertThat(plan(f, day(1050), day(1060))).isEqualTo(new RangePlan(1050, 1060, 1038, 1038));
    }

    @Test
    void plan_trailingWindow_slotsStartBeforeTheCells() {
        Map<String, DerivedFormula> f = new LinkedHashMap<>();
        f.put("v_lag", formula(lag("v", 3)));
        f.put("v_t", formula(trailing("v", 7)));
        // cells from 1047 (the lag); the window of cell 1047 starts 6 days earlier
        assertThat(plan(f, day(1050), day(1060))).isEqualTo(new RangePlan(1050, 1060, 1047, 1041));
    }

    @Test
    void plan_outputBeforeTheData_rangesStartAtTheOutput() {
        assertThat(plan(Map.of("v_lag", formula(lag("v", 7))), day(990), day(1010)))
                .isEqualTo(new RangePlan(990, 1010, 990, 990));
    }

    @Test
    void plan_toDate_slotsStartAtTheMonth() {
        long mar10 = LocalDate.of(2025, 3, 10).toEpochDay();
        long mar1 = LocalDate.of(2025, 3, 1).toEpochDay();
        DataExtent data = new DataExtent(Map.of("events", mar1 - 100), mar1 - 100, mar10 + 5);
        DerivedFormula mtd = formula(new DerivedFormula.Slot("to_date", "v", 0, "MONTH"));
        RangePlan p = RangePlan.plan(List.of(V, PlannedMetric.derived("mtd", "mtd", List.of(), Policy.NO_VALUE,
                Policy.NO_VALUE)), Map.of("mtd", mtd), data, DAYS, day(mar10), null).orElseThrow();
        assertThat(p).isEqualTo(new RangePlan(mar10, mar10 + 5, mar10, mar1));
        assertThat(p.cellCount()).isEqualTo(6);
        assertThat(p.slotCount()).isEqualTo(15);
    }

    @Test
    void plan_noDataAndNoFixedStart_isEmpty() {
        DataExtent none = DataExtent.of(List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(RangePlan.plan(List.of(V), Map.of(), none, DAYS, null, null)).isEqualTo(Optional.empty());
        assertThat(RangePlan.plan(List.of(V), Map.of(), none, DAYS, day(5), day(9)))
                .contains(new RangePlan(5, 9, 5, 5));
    }
}
