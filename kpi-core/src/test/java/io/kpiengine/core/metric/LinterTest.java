package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every lint rule, with its severity, rule id, position and message. */
class LinterTest {

    private static final String HEAD = "zone: UTC\nsources:\n  e:\n    time: ts\n"
            + "    columns: {ts: timestamp, v: integer, c: integer}\nmetrics:\n";
    /** A KPI that passes every rule. */
    private static final String GOOD = "owner: web, description: d, direction: higher-is-better, reviewCycle: weekly,"
            + " targets: {shortTerm: 1}";

    private static List<String> lint(String metrics) {
        return lint(Linter.standard(), metrics);
    }

    private static List<String> lint(Linter linter, String metrics) {
        List<String> out = new ArrayList<>();
        linter.lint(Catalog.read(HEAD + metrics, "c.yaml")).forEach(f -> out.add(f.toString()));
        return out;
    }

    @Test
    void goodKpiAndBuildingBlocks_haveNoFindings() {
        assertThat(lint("  - {id: v, aggregate: sum, column: v}\n"
                + "  - {id: k, aggregate: sum, column: c, unit: count, tier: core, " + GOOD + "}\n")).isEmpty();
    }

    @Test
    void missingOwner_isAnError() {
        assertThat(lint("  - {id: k, aggregate: sum, column: c, unit: count, tier: core,"
                + " description: d, direction: higher-is-better, reviewCycle: weekly, targets: {shortTerm: 1}}\n"))
                .containsExactly("c.yaml:7:10: ERROR missing-owner: KPI 'k' has no owner");
    }

    @Test
    void missingTargetAndReviewCycle_areWarnings() {
        assertThat(lint("  - {id: k, aggregate: sum, column: c, unit: count, tier: core, owner: o, description: d,"
                + " direction: higher-is-better}\n")).containsExactly(
                "c.yaml:7:10: WARNING missing-target: KPI 'k' has no target (shortTerm, longTerm or stretch) and no"
                        + " target band",
                "c.yaml:7:10: WARNING missing-review-cycle: KPI 'k' has no review cycle");
    }

    @Test
    void targetBand_countsAsTarget() {
        assertThat(lint("  - {id: k, aggregate: sum, column: c, unit: count, tier: core, owner: o, description: d,"
                + " direction: target-band, targetBand: {low: 1, high: 2}, reviewCycle: monthly}\n")).isEmpty();
    }

    @Test
    void vanityCore_isAnError() {
        assertThat(lint("  - {id: k, aggregate: sum, column: c, unit: count, tier: core, vanity: true, " + GOOD
                + "}\n")).containsExactly("c.yaml:7:73: ERROR vanity-core: vanity metric 'k' is marked core; steer"
                        + " by a metric that informs decisions");
    }

    @Test
    void vanitySupporting_isFine() {
        assertThat(lint(Linter.builder().disable("no-core-kpis").build(), "  - {id: k, aggregate: sum, column: c,"
                + " unit: count, tier: supporting, vanity: true, " + GOOD + "}\n")).isEmpty();
    }

    @Test
    void laggingWithoutLeading_isAWarning_linkedIsFine() {
        assertThat(lint("  - {id: v, aggregate: sum, column: v}\n"
                + "  - {id: k, aggregate: sum, column: c, unit: count, tier: core, indicator: lagging, " + GOOD
                + "}\n  - {id: l, aggregate: sum, column: c, unit: count, tier: core, indicator: lagging,"
                + " leadingIndicators: [v], " + GOOD + "}\n")).containsExactly(
                "c.yaml:8:76: WARNING lagging-without-leading: lagging KPI 'k' links no leading indicator");
    }

    @Test
    void formulaWithoutSource_isAnError() {
        assertThat(lint(Linter.builder().disable("no-core-kpis").build(),
                "  - {id: v, aggregate: sum, column: v}\n  - {id: f, formula: \"2 * 21\"}\n"))
                .containsExactly("c.yaml:8:22: ERROR formula-without-source: metric 'f' depends on no data source:"
                        + " its formula uses no measure");
    }

    @Test
    void noCoreKpi_isAWarningAtTheFirstMetric_evenWithSupportingKpis() {
        String message = "WARNING no-core-kpis: no metric of the catalog is a core KPI: mark the 3 to 5 metrics the"
                + " team steers by with 'tier: core' (KPI rules check only metrics with a tier)";
        assertThat(lint("  - {id: v, aggregate: sum, column: v}\n  - {id: w, aggregate: sum, column: c}\n"))
                .containsExactly("c.yaml:7:10: " + message);
        assertThat(lint("  - {id: v, aggregate: sum, column: v}\n"
                + "  - {id: k, aggregate: sum, column: c, unit: count, tier: supporting, " + GOOD + "}\n"))
                .containsExactly("c.yaml:7:10: " + message);
        assertThat(lint("  - {id: v, aggregate: sum, column: v}\n"
                + "  - {id: k, aggregate: sum, column: c, unit: count, tier: core, " + GOOD + "}\n")).isEmpty();
    }

    @Test
    void moreThanFiveCoreKpisInAScope_isAWarningAtTheSixth() {
        StringBuilder metrics = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            metrics.append("  - {id: k").append(i).append(", aggregate: sum, column: c, unit: count, tier: core,"
                    + " scope: growth, ").append(GOOD).append("}\n");
        }
        metrics.append("  - {id: other, aggregate: sum, column: c, unit: count, tier: core, scope: ops, ")
                .append(GOOD).append("}\n");
        assertThat(lint(metrics.toString())).containsExactly(
                "c.yaml:12:60: WARNING too-many-core-kpis: scope 'growth' has 6 core KPIs [k1, k2, k3, k4, k5, k6];"
                        + " keep at most 5");
        assertThat(lint(Linter.builder().maxCoreKpisPerScope(6).build(), metrics.toString())).isEmpty();
    }

    @Test
    void infoFindings_descriptionUnitDirection() {
        assertThat(lint("  - {id: k, aggregate: sum, column: c, tier: core, owner: o, reviewCycle: weekly}\n"))
                .containsExactly(
                "c.yaml:7:10: WARNING missing-target: KPI 'k' has no target (shortTerm, longTerm or stretch) and no"
                        + " target band",
                "c.yaml:7:10: INFO missing-description: KPI 'k' has no description",
                "c.yaml:7:10: INFO missing-unit: KPI 'k' has no unit",
                "c.yaml:7:10: INFO missing-direction: KPI 'k' does not say which direction is better");
    }

    @Test
    void inferredUnit_countsAsUnit() {
        assertThat(lint("  - {id: v, aggregate: count}\n  - {id: k, numerator: v, denominator: v, tier: core, "
                + GOOD + "}\n")).isEmpty();
    }

    @Test
    void findings_mostSevereFirst() {
        assertThat(lint("  - {id: a, aggregate: sum, column: c, unit: count, tier: core, description: d,"
                + " direction: higher-is-better, reviewCycle: weekly}\n"
                + "  - {id: b, aggregate: sum, column: c, unit: count, tier: core, " + GOOD.replace("owner: web, ", "")
                + "}\n")).extracting(s -> s.substring(s.indexOf(' ') + 1, s.indexOf(':', s.indexOf(' '))))
                .containsExactly("ERROR missing-owner", "ERROR missing-owner", "WARNING missing-target");
    }

    @Test
    void disable_unknownRule_isRefused() {
        assertThatThrownBy(() -> Linter.builder().disable("owner"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rule must be one of [no-core-kpis, too-many-core-kpis, missing-owner,");
        assertThatThrownBy(() -> Linter.builder().maxCoreKpisPerScope(0))
                .hasMessage("maxCoreKpisPerScope must be >= 1, but was 0");
    }
}
