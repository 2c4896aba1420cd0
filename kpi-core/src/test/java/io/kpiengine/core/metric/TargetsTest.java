package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TargetsTest {

    @Test
    void of_thenStretch_equalsTheCanonicalConstructor() {
        Targets t = Targets.of(12).stretch(15);
        assertThat(t).isEqualTo(new Targets(Target.of(new BigDecimal("12")), null, Target.of(new BigDecimal("15"))));
        assertThat(t.shortTerm().value()).isEqualByComparingTo("12");
        assertThat(t.shortTerm().toString()).isEqualTo("12");
        assertThat(t.longTermTarget()).isEmpty();
    }

    @Test
    void withers_replaceOneSlot_andKeepTheOthers() {
        LocalDate due = LocalDate.of(2026, 12, 31);
        Targets t = Targets.of(3.0).longTerm(3.5).stretch(Target.of(4).by(due)).shortTerm(2.5);
        assertThat(t.shortTerm().value()).isEqualByComparingTo("2.5");
        assertThat(t.longTerm().value()).isEqualByComparingTo("3.5");
        assertThat(t.stretch().due()).contains(due);
        assertThat(Target.of(0.035).value()).isEqualTo(new BigDecimal("0.035"));
    }

    @Test
    void of_nonFiniteValue_isRefused() {
        assertThatThrownBy(() -> Targets.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value must be finite, but was NaN");
        assertThatThrownBy(() -> Targets.of(1).stretch(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factories_workWithTheMetricBuilder_andItsOrderCheck() {
        Metric m = Metric.measure("m").count().direction(Direction.HIGHER_IS_BETTER).targets(Targets.of(12).stretch(15))
                .build();
        assertThat(m.metadata().targetStatus(11.5)).contains(TargetStatus.AT_RISK);
        assertThatThrownBy(() -> Metric.measure("m").count().direction(Direction.HIGHER_IS_BETTER)
                .targets(Targets.of(12).stretch(10)).build()).isInstanceOf(IllegalStateException.class);
    }
}
