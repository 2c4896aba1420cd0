package io.kpiengine.core.internal.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.KpiValue;
import io.kpiengine.core.NoValueReason;
import io.kpiengine.core.internal.AggKind;
import io.kpiengine.core.internal.MeasureSpec;
import io.kpiengine.core.internal.PlannedMetric;
import io.kpiengine.core.internal.PlannedMetric.Policy;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellPoliciesTest {

    static final PlannedMetric V = PlannedMetric.measure(MeasureSpec.of("v", AggKind.SUM, "v"), "events", "day",
            List.of("channel"), Policy.ERROR);

    @Test
    void apply_eachPolicy_givesItsValue() {
        CellPolicies p = new CellPolicies(RangePlanTest.DAYS, new RangePlan(10, 20, 5, 5));
        assertThat(p.apply(Policy.ZERO, NoValueReason.NO_ROWS, "no rows", V, 12, List.of("web"), "empty"))
                .isEqualTo(KpiValue.of(BigDecimal.ZERO));
        assertThat(p.apply(Policy.NO_VALUE, NoValueReason.NO_ROWS, "no rows", V, 12, List.of("web"), "empty"))
                .isEqualTo(KpiValue.none(NoValueReason.NO_ROWS, "no rows"));
        assertThat(p.errors()).isEmpty();
    }

    @Test
    void apply_errorPolicy_recordsOnlyOutputCells() {
        CellPolicies p = new CellPolicies(RangePlanTest.DAYS, new RangePlan(10, 20, 5, 5));
        KpiValue before = p.apply(Policy.ERROR, NoValueReason.NO_ROWS, "no rows", V, 9, List.of("web"), "empty");
        KpiValue inside = p.apply(Policy.ERROR, NoValueReason.ZERO_DENOMINATOR, "the total weight is 0", V, 10,
                List.of("web"), "zero_denominator");
        assertThat(before).isEqualTo(KpiValue.none(NoValueReason.NO_ROWS, "no rows"));
        assertThat(inside.reason()).contains(NoValueReason.ZERO_DENOMINATOR);
        assertThat(p.errors()).containsExactly("v 1970-01-11 {channel=web}: the total weight is 0 (metric policy"
                + " 'zero_denominator: error')");
    }
}
