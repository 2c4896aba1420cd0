package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.KpiAccumulatorTest.Row;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.io.ErrorBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A state kept at a finer grain than its results under the trust rules of every state: its inputs are recorded
 * and refused a second time, a restored state keeps them (format 3), answering another grain is not a run, and an
 * accumulator started from such a state keeps its record; snapshots judge each source by the error budget.
 */
class RegrainTrustTest {

    static KpiEngine monthlyFromDays() {
        return GroupingSetsEngineTest.engine(GroupingSetsEngineTest.sliced()).grain(Grain.MONTH)
                .stateGrain(Grain.DAY).build();
    }

    static KpiInputs input(List<Row> rows, String id) {
        return KpiInputs.builder().add("orders", KpiAccumulatorTest.source(rows), InputId.of(id)).build();
    }

    @Test
    void dailyState_ofAMonthlyEngine_recordsItsInputs_andRefusesOneAgainAfterRestore() {
        KpiEngine monthly = monthlyFromDays();
        Random r = new Random(31);
        List<Row> first = KpiAccumulatorTest.batch(r, 400, 0, 40, 3);
        List<Row> second = KpiAccumulatorTest.batch(r, 400, 40, 40, 3);
        KpiResults one = monthly.evaluate(input(first, "orders-01"));
        AggregationState restored = monthly.restore(one.state().toBytes());

        assertThat(restored.grain()).isEqualTo(Grain.DAY);
        assertThat(restored.runs()).isEqualTo(1);
        assertThat(restored.absorbed()).extracting(a -> a.input().id()).containsExactly("orders-01");

        KpiResults two = monthly.evaluate(restored, input(second, "orders-02"));
        List<Row> all = new ArrayList<>(first);
        all.addAll(second);
        KpiAccumulatorTest.assertSameTable(monthly.evaluate(Map.of("orders", KpiAccumulatorTest.source(all))), two,
                "resumed at day grain");
        assertThat(two.state().runs()).isEqualTo(2);
        assertThat(two.state().grain()).isEqualTo(Grain.DAY);

        assertThatThrownBy(() -> monthly.evaluate(two.state(), input(second, "orders-02")))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("input 'orders-02' of data source 'orders' was already absorbed into this"
                        + " state by run 2");
    }

    @Test
    void resultsAtAnotherGrain_areNotARun_theStateIsTheSame() {
        KpiEngine monthly = monthlyFromDays();
        KpiResults one = monthly.evaluate(input(KpiAccumulatorTest.batch(new Random(32), 300, 0, 70, 2), "a"));
        KpiResults quarters = monthly.results(one.state(), Grain.QUARTER);

        assertThat(quarters.state()).isSameAs(one.state());
        assertThat(quarters.state().runs()).isEqualTo(1);
        assertThat(quarters.rows()).allMatch(x -> x.period().grain() == Grain.QUARTER);
    }

    @Test
    void accumulator_fromARestoredState_keepsItsAbsorbedInputs_andJudgesRejectedRowsByTheBudget() {
        KpiEngine monthly = GroupingSetsEngineTest.engine(GroupingSetsEngineTest.sliced()).grain(Grain.MONTH)
                .stateGrain(Grain.DAY).errorBudget(ErrorBudget.maxFraction(0.5, 0)).build();
        List<Row> first = KpiAccumulatorTest.batch(new Random(33), 200, 0, 20, 2);
        AggregationState saved = monthly.restore(monthly.evaluate(input(first, "day-1")).state().toBytes());
        KpiAccumulator live = monthly.accumulator(saved);
        for (RecordBatch b : KpiAccumulatorTest.batches(KpiAccumulatorTest.batch(new Random(34), 100, 20, 5, 2))) {
            live.add("orders", b);
        }
        AggregationState now = live.state();

        assertThat(now.absorbed()).extracting(a -> a.input().id()).containsExactly("day-1");
        assertThat(now.rows("orders")).isEqualTo(300);
        assertThat(live.snapshot().quality().verdict()).isEqualTo(QualityVerdict.PASS);
        assertThatThrownBy(() -> monthly.evaluate(now, input(first, "day-1")))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("was already absorbed");
    }
}
