package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.time.PeriodStatus;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The look-ups of a result table against a scan of its rows (the definition). */
class KpiResultsTest {

    static final BusinessCalendar CAL = BusinessCalendar.of(ZoneId.of("UTC"));

    @Test
    void valueAndSeries_equalAScanOfTheRows_forEveryCellAndSomeAbsentOnes() {
        Random random = new Random(7);
        List<KpiResult> rows = new ArrayList<>();
        Period first = CAL.parse("2025-01-01");
        for (String metric : List.of("a", "b")) {
            for (String channel : new String[] {"email", "social", null}) {
                Map<String, String> dims = new HashMap<>();
                dims.put("channel", channel);
                for (int p = 0; p < 40; p++) {
                    rows.add(new KpiResult(metric, first.plus(p), dims, KpiValue.of(random.nextInt(100)),
                            PeriodStatus.COMPLETE, p));
                }
            }
            rows.add(new KpiResult(metric, CAL.period(Grain.MONTH, first.start()), Map.of(), KpiValue.of(1),
                    PeriodStatus.COMPLETE, 0));
        }
        KpiResults r = new KpiResults(rows, DataQuality.of(List.of()), (AggregationState) null, List.of());
        for (KpiResult row : rows) {
            assertThat(r.value(row.metric(), row.period(), row.dimensions())).containsSame(row);
            assertThat(r.series(row.metric(), row.dimensions())).isEqualTo(scan(rows, row.metric(), row.dimensions()));
        }
        Map<String, String> email = Map.of("channel", "email");
        assertThat(r.value("a", first.plus(40), email)).isEmpty();
        assertThat(r.value("a", first.plus(-1), email)).isEmpty();
        assertThat(r.value("a", CAL.period(Grain.WEEK, first.start()), email)).isEmpty();
        assertThat(r.value("a", first, Map.of("channel", "web"))).isEmpty();
        assertThat(r.number("a", CAL.period(Grain.MONTH, first.start()))).hasValue(1);
        assertThat(r.series("b", Map.of("region", "x"))).isEmpty();
    }

    private static List<KpiResult> scan(List<KpiResult> rows, String metric, Map<String, String> dims) {
        List<KpiResult> out = new ArrayList<>();
        for (KpiResult r : rows) {
            if (r.metric().equals(metric) && r.dimensions().equals(dims)) {
                out.add(r);
            }
        }
        return out;
    }
}
