package io.kpiengine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges, allowed values, patterns and cross-field conditions. */
class ValidityTest {

    private static final Schema S = Schema.of(Column.of("channel", ColumnType.CATEGORY),
            Column.of("visitors", ColumnType.INTEGER), Column.of("conversions", ColumnType.INTEGER),
            Column.decimal("revenue", 2), Column.of("order_id", ColumnType.TEXT));

    private static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"Paid Search", 100L, 5L, new BigDecimal("10.00"), "O1"});
        rows.add(new Object[] {" email ", 600L, 5L, new BigDecimal("-1.00"), "O2"});
        rows.add(new Object[] {"SEA", 10L, 20L, new BigDecimal("0.00"), "X3"});
        rows.add(new Object[] {"fax", null, 5L, null, "O4"});
        return rows;
    }

    @Test
    void range_quarantinesFlagsOrNullifies() {
        Cleaned q = Cleaned.run(QualityRules.builder().rule(RangeRule.of("visitors").min(0).max(500)).build(), S,
                rows());
        assertThat(q.rowNumbers()).containsExactly(1L, 3L, 4L);
        assertThat(q.rejected().get(0).reason())
                .isEqualTo("rule 'range:visitors': column 'visitors': 600 is above the maximum 500");
        Cleaned f = Cleaned.run(QualityRules.builder().rule(RangeRule.nonNegative("revenue")
                .onInvalid(OnInvalid.FLAG)).build(), S, rows());
        assertThat(f.rowNumbers()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(f.report().flags().items()).singleElement().isEqualTo(new QualityReport.Flag(2, "revenue", "-1.00",
                "range:revenue", "column 'revenue': -1.00 is below the minimum 0"));
        Cleaned n = Cleaned.run(QualityRules.builder().rule(RangeRule.nonNegative("revenue")
                .onInvalid(OnInvalid.NULLIFY)).rule(MissingValueRule.zero("revenue")).build(), S, rows());
        assertThat(n.column("revenue")).containsExactly(new BigDecimal("10.00"), new BigDecimal("0.00"),
                new BigDecimal("0.00"), new BigDecimal("0.00"));
        assertThat(n.report().scores().get(Dimension.VALIDITY).value()).isEqualTo(0.75);
    }

    @Test
    void range_comparesExactDecimalsExactly() {
        Cleaned c = Cleaned.run(QualityRules.builder().rule(RangeRule.of("revenue").min(new BigDecimal("0.001"))).build(),
                S, rows());
        assertThat(c.rowNumbers()).containsExactly(1L, 4L);
        assertThatThrownBy(() -> RangeRule.of("x").min(5).max(1))
                .hasMessage("column 'x': min must be <= max, but was 5 > 1");
    }

    @Test
    void allowed_normalizesWithSnakeCaseAndMap() {
        QualityRules rules = QualityRules.builder().rule(AllowedValuesRule.of("channel", "paid_search", "email")
                .caseFold(AllowedValuesRule.Case.SNAKE).map("SEA", "paid_search")).build();
        Cleaned c = Cleaned.run(rules, S, rows());
        assertThat(c.column("channel")).containsExactly("paid_search", "email", "paid_search");
        assertThat(c.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(
                "rule 'allowed:channel': column 'channel': 'fax' is not an allowed value [paid_search, email]"));
        assertThat(c.report().changes().items()).extracting(QualityReport.Change::oldValue,
                QualityReport.Change::newValue).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Paid Search", "paid_search"),
                        org.assertj.core.groups.Tuple.tuple(" email ", "email"),
                        org.assertj.core.groups.Tuple.tuple("SEA", "paid_search"));
        assertThat(AllowedValuesRule.normalize("  Paid--Search!! 2 ", true, AllowedValuesRule.Case.SNAKE))
                .isEqualTo("paid_search_2");
    }

    @Test
    void allowed_valuesMustBeNormal() {
        assertThatThrownBy(() -> AllowedValuesRule.of("c", "Paid Search").caseFold(AllowedValuesRule.Case.SNAKE))
                .hasMessage("column 'c': allowed value 'Paid Search' must be normal under trim=true and case SNAKE, but"
                        + " normalises to 'paid_search'");
        assertThatThrownBy(() -> AllowedValuesRule.of("c", "a").map("x", "b"))
                .hasMessage("column 'c': map target 'b' must be one of the allowed values [a], but is not");
    }

    @Test
    void pattern_matchesWholeValue() {
        Cleaned c = Cleaned.run(QualityRules.builder().rule(PatternRule.of("order_id", "O\\d+")).build(), S, rows());
        assertThat(c.rowNumbers()).containsExactly(1L, 2L, 4L);
        assertThat(c.rejected().get(0).reason())
                .isEqualTo("rule 'pattern:order_id': column 'order_id': 'X3' does not match the pattern O\\d+");
        assertThatThrownBy(() -> PatternRule.of("x", "(")).hasMessageStartingWith(
                "column 'x': regex must be a valid pattern, but '(' has an error: Unclosed group");
    }

    @Test
    void condition_usesKpiFormula_missingIsNotJudged() {
        Cleaned c = Cleaned.run(QualityRules.builder().rule(ConditionRule.of("conversions <= visitors")).build(), S,
                rows());
        assertThat(c.rowNumbers()).containsExactly(1L, 2L, 4L);
        assertThat(c.rejected().get(0).reason()).isEqualTo("rule 'condition:conversions <= visitors': condition"
                + " 'conversions <= visitors' is false (conversions=20, visitors=10)");
        assertThat(c.report().scores().get(Dimension.CONSISTENCY).value()).isEqualTo(0.75);
        Cleaned flag = Cleaned.run(QualityRules.builder().rule(ConditionRule.of("conversions <= visitors")
                .onInvalid(OnInvalid.FLAG)).build(), S, rows());
        assertThat(flag.report().flags().total()).isEqualTo(1);
    }

    @Test
    void condition_badFormulaAndColumns_areReported() {
        assertThatThrownBy(() -> QualityRules.builder().rule(ConditionRule.of("conversions <=")).build())
                .isInstanceOf(RulesException.class).hasMessageStartingWith("rules are inconsistent (1 problem):\n"
                        + "  rule 'condition:conversions <=': ");
        assertThatThrownBy(() -> QualityRules.builder().rule(ConditionRule.of("conversion <= visitors + channel"))
                .build().bind(S)).isInstanceOf(RulesException.class).hasMessageContaining(
                        "rule 'condition:conversion <= visitors + channel': unknown column 'conversion' in condition"
                                + " 'conversion <= visitors + channel'; did you mean 'conversions'?")
                .hasMessageContaining("column 'channel' is CATEGORY, but a condition needs numbers");
        assertThatThrownBy(() -> ConditionRule.of("a < b").onInvalid(OnInvalid.NULLIFY))
                .hasMessage("onInvalid must be QUARANTINE or FLAG for a condition (it has no single column to clear),"
                        + " but was NULLIFY");
    }

    @Test
    void quarantinedRow_carriesReasonOfFirstRule() {
        Cleaned c = Cleaned.run(QualityRules.builder().rule(ConditionRule.of("conversions <= visitors"))
                .rule(PatternRule.of("order_id", "O\\d+")).build(), S, rows());
        assertThat(c.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).startsWith("rule 'pattern"));
        assertThat(c.rejected().get(0).rawText()).isEqualTo("SEA,10,20,0.00,X3");
    }
}
