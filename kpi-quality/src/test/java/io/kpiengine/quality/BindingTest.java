package io.kpiengine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindingTest {

    private static final Schema S = Schema.of(Column.of("ts", ColumnType.TEXT), Column.of("visitors", ColumnType.INTEGER),
            Column.decimal("revenue", 2), Column.of("currency", ColumnType.CATEGORY));

    @Test
    void bind_reportsEveryUnknownColumnAndTypeMismatchAtOnce() {
        QualityRules rules = QualityRules.builder()
                .rule(RangeRule.of("visitrs").min(0))
                .rule(PatternRule.of("visitors", "\\d+"))
                .rule(FreshnessRule.of("revenue", Duration.ofDays(1)))
                .rule(DuplicateRule.byKey("order_id"))
                .build();
        assertThatThrownBy(() -> rules.bind(S)).isInstanceOf(RulesException.class)
                .hasMessage("rules do not fit schema [ts:TEXT, visitors:INTEGER, revenue:DECIMAL(2), currency:CATEGORY]"
                        + " (4 problems):\n"
                        + "  rule 'range:visitrs': unknown column 'visitrs'; did you mean 'visitors'?\n"
                        + "  rule 'pattern:visitors': column 'visitors' is INTEGER, but the rule needs TEXT or CATEGORY\n"
                        + "  rule 'freshness:revenue': column 'revenue' is DECIMAL, but the rule needs TIMESTAMP or DATE\n"
                        + "  rule 'duplicates:order_id': unknown column 'order_id'")
                .satisfies(e -> assertThat(((RulesException) e).problems()).hasSize(4));
    }

    @Test
    void types_changeAlongThePipeline() {
        QualityRules rules = QualityRules.builder()
                .rule(TimeZoneRule.of("ts"))
                .rule(FreshnessRule.of("ts", Duration.ofDays(1)))
                .rule(CurrencyRule.of("visitors", "currency", "JPY", RateTable.builder().build()))
                .build();
        Cleaner c = rules.bind(S);
        assertThat(c.outputSchema().columns()).containsExactly(Column.of("ts", ColumnType.TIMESTAMP),
                Column.decimal("visitors", 0), Column.decimal("revenue", 2), Column.of("currency", ColumnType.CATEGORY));
        assertThat(c.buffersRows()).isFalse();
        assertThat(c.rules()).isSameAs(rules);
    }

    @Test
    void clean_refusesOtherSchema() {
        Cleaner c = QualityRules.builder().build().bind(S);
        assertThatThrownBy(() -> c.clean(ListSource.of(Schema.of(Column.of("x", ColumnType.TEXT)), List.of(), 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source 'test.csv' has schema [x:TEXT], but the rules were bound to [ts:TEXT,"
                        + " visitors:INTEGER, revenue:DECIMAL(2), currency:CATEGORY]");
    }

    @Test
    void builder_checksConsistency_andSingleValuedOptions() {
        QualityRules.Builder b = QualityRules.builder()
                .rule(MissingValueRule.zero("x")).rule(MissingValueRule.leave("x").withId("other"))
                .rule(UnitRule.of("revenue", ColumnUnit.COUNT))
                .rule(CurrencyRule.of("revenue", "c", "USD", RateTable.builder().build()));
        assertThatThrownBy(b::build).isInstanceOf(RulesException.class).hasMessage("rules are inconsistent (2 problems):\n"
                + "  rule 'other' contradicts rule 'missing:x': only one missing-value rule for column 'x' is allowed\n"
                + "  rule 'unit:revenue': column 'revenue' is money (rule 'currency:revenue') and cannot also have the"
                + " unit count");
        QualityRules.Builder ok = QualityRules.builder().rule(DuplicateRule.exact()).reportLimit(5);
        assertThat(ok.build()).isEqualTo(ok.build());
        assertThatThrownBy(() -> ok.reportLimit(6)).isInstanceOf(IllegalStateException.class)
                .hasMessage("reportLimit was already set to 5");
        ok.threshold(new Threshold(Dimension.VALIDITY, 0.9, 0.8));
        assertThatThrownBy(() -> ok.threshold(new Threshold(Dimension.VALIDITY, 0.9, 0.8)))
                .hasMessage("threshold of VALIDITY was already set to Threshold[dimension=VALIDITY, warnBelow=0.9,"
                        + " failBelow=0.8]");
        assertThatThrownBy(() -> new Threshold(Dimension.VALIDITY, 0.5, 0.8))
                .hasMessage("VALIDITY thresholds must satisfy 0 <= fail <= warn <= 1, but were warn 0.5, fail 0.8");
    }
}
