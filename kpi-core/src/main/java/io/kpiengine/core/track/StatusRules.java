package io.kpiengine.core.track;

import io.kpiengine.formula.Formula;
import io.kpiengine.formula.FormulaOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered status rules of a scorecard: the first rule whose condition is true decides a row's status; a row
 * that no rule matches is {@link KpiStatus#NOT_RATED} (the rule reported is {@value #NO_MATCH}). Conditions are
 * formulas (kpi-formula) over these inputs, NaN (missing) where the row has none:
 *
 * <table>
 *   <caption>Inputs of status rules</caption>
 *   <tr><th>input</th><th>meaning</th></tr>
 *   <tr><td>{@code value}</td><td>the KPI's value</td></tr>
 *   <tr><td>{@code target}, {@code stretch}</td><td>the period's target and stretch target</td></tr>
 *   <tr><td>{@code baseline}</td><td>the period's baseline</td></tr>
 *   <tr><td>{@code band_low}, {@code band_high}</td><td>the target band of a target-band KPI</td></tr>
 *   <tr><td>{@code achievement}, {@code stretch_achievement}</td><td>percent of the target (stretch) achieved,
 *       direction-aware (see {@link ScorecardRow#achievement()})</td></tr>
 *   <tr><td>{@code gap}, {@code baseline_gap}</td><td>value minus target, value minus baseline</td></tr>
 *   <tr><td>{@code change}, {@code change_pct}</td><td>change from the previous period, absolute and in percent</td></tr>
 *   <tr><td>{@code yoy_change}, {@code yoy_pct}</td><td>change from the same period last year</td></tr>
 *   <tr><td>{@code zscore}</td><td>(value - mean) / standard deviation of the trailing window</td></tr>
 *   <tr><td>{@code pace}</td><td>to-date actual in percent of to-date expected, for a phased horizon target</td></tr>
 *   <tr><td>{@code forecast}, {@code probability}</td><td>the forecast at the horizon's end and the probability of
 *       reaching the target (0..1), on the current row of a series with a horizon target</td></tr>
 * </table>
 *
 * <p>Every operator of the formula language is strict: a condition that reads an input the row lacks has no value
 * and does not match ({@code achievement >= 100 or pace >= 100} on a row without pace); write
 * {@code coalesce(pace, 0) >= 100} for inputs a row may lack.
 *
 * <p>The built-in rules ({@link #defaults()}): {@code exceeded} when {@code stretch_achievement >= 100},
 * {@code on-track} when {@code achievement >= 100}, {@code at-risk} when {@code achievement >= 90},
 * {@code off-track} when {@code achievement < 90}.
 *
 * <pre>{@code
 * StatusRules rules = StatusRules.of(
 *         StatusRule.of("on-track", KpiStatus.ON_TRACK, "achievement >= 100 or coalesce(pace, 0) >= 100"),
 *         StatusRule.of("watch", KpiStatus.AT_RISK, "achievement >= 95 and change_pct > 0"),
 *         StatusRule.otherwise("off-track", KpiStatus.OFF_TRACK));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe: the conditions are compiled once.
 */
public final class StatusRules {

    /** The named inputs of conditions, in slot order. */
    public static final List<String> INPUTS = List.of("value", "target", "stretch", "baseline", "band_low",
            "band_high", "achievement", "stretch_achievement", "gap", "baseline_gap", "change", "change_pct",
            "yoy_change", "yoy_pct", "zscore", "pace", "forecast", "probability");

    /** The inputs that do not depend on the KPI's value: a condition reading only these never looks at it. */
    public static final Set<String> FIXED_INPUTS = Set.of("target", "stretch", "baseline", "band_low", "band_high");

    /** The rule name reported for rows that no rule matched. */
    public static final String NO_MATCH = "no-rule-matched";

    static final int VALUE = 0;
    static final int TARGET = 1;
    static final int STRETCH = 2;
    static final int BASELINE = 3;
    static final int BAND_LOW = 4;
    static final int BAND_HIGH = 5;
    static final int ACHIEVEMENT = 6;
    static final int STRETCH_ACHIEVEMENT = 7;
    static final int GAP = 8;
    static final int BASELINE_GAP = 9;
    static final int CHANGE = 10;
    static final int CHANGE_PCT = 11;
    static final int YOY_CHANGE = 12;
    static final int YOY_PCT = 13;
    static final int ZSCORE = 14;
    static final int PACE = 15;
    static final int FORECAST = 16;
    static final int PROBABILITY = 17;

    private static final FormulaOptions LAYOUT = FormulaOptions.builder().variables(INPUTS).build();

    private static final StatusRules DEFAULTS = of(
            StatusRule.of("exceeded", KpiStatus.EXCEEDED, "stretch_achievement >= 100"),
            StatusRule.of("on-track", KpiStatus.ON_TRACK, "achievement >= 100"),
            StatusRule.of("at-risk", KpiStatus.AT_RISK, "achievement >= 90"),
            StatusRule.of("off-track", KpiStatus.OFF_TRACK, "achievement < 90"));

    private final List<StatusRule> rules;
    private final Formula[] compiled;
    private final List<Set<String>> inputs;

    private StatusRules(List<StatusRule> rules) {
        this.rules = List.copyOf(rules);
        this.compiled = new Formula[rules.size()];
        List<Set<String>> used = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            StatusRule r = rules.get(i);
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("status rule names must be unique, but '" + r.name()
                        + "' is used twice");
            }
            if (r.isDefault() && i != rules.size() - 1) {
                throw new IllegalArgumentException("the default rule '" + r.name() + "' (no condition) must be the"
                        + " last rule, but rule '" + rules.get(i + 1).name() + "' follows it");
            }
            if (r.isDefault()) {
                used.add(Set.of());
            } else {
                String when = Objects.requireNonNull(r.when(), "a rule that is not the default has a condition");
                compiled[i] = Formula.compile(when, LAYOUT);
                used.add(Set.copyOf(new LinkedHashSet<>(Formula.compile(when).variables())));
            }
        }
        this.inputs = List.copyOf(used);
    }

    /**
     * The built-in rules: exceeded, on-track, at-risk, off-track (see the class comment).
     *
     * @return the defaults
     */
    public static StatusRules defaults() {
        return DEFAULTS;
    }

    /**
     * Rules in order, the first match wins.
     *
     * @param rules at least one rule; a default rule (without condition) only last
     * @return the compiled rules
     * @throws NullPointerException if a rule is null
     * @throws IllegalArgumentException if there is no rule, two rules share a name, or a default rule is not last
     * @throws io.kpiengine.formula.FormulaException if a condition does not compile or reads an unknown input
     *     (with "did you mean")
     */
    public static StatusRules of(StatusRule... rules) {
        return of(List.of(rules));
    }

    /**
     * Rules in order, the first match wins.
     *
     * @param rules at least one rule; a default rule (without condition) only last
     * @return the compiled rules
     * @throws NullPointerException if a rule is null
     * @throws IllegalArgumentException if there is no rule, two rules share a name, or a default rule is not last
     * @throws io.kpiengine.formula.FormulaException if a condition does not compile or reads an unknown input
     */
    public static StatusRules of(List<StatusRule> rules) {
        Objects.requireNonNull(rules, "rules").forEach(r -> Objects.requireNonNull(r, "rule"));
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("status rules must hold at least one rule, but were empty");
        }
        return new StatusRules(rules);
    }

    /**
     * The rules in order.
     *
     * @return an immutable list
     */
    public List<StatusRule> rules() {
        return rules;
    }

    /**
     * The inputs a rule's condition reads.
     *
     * @param index the rule's position
     * @return the input names, empty for the default rule
     * @throws IndexOutOfBoundsException if index is out of range
     */
    public Set<String> inputsOf(int index) {
        return inputs.get(index);
    }

    /**
     * Whether a rule's condition reads the value or an input computed from it (achievement, gap, change, ...):
     * a condition over targets and baselines alone judges every row alike, which is almost always a mistake.
     *
     * @param index the rule's position
     * @return true if the condition reads a value-dependent input, or the rule is the default
     * @throws IndexOutOfBoundsException if index is out of range
     */
    public boolean readsValue(int index) {
        if (rules.get(index).isDefault()) {
            return true;
        }
        for (String name : inputs.get(index)) {
            if (!FIXED_INPUTS.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** The index of the first rule matching the inputs (laid out as {@link #INPUTS}), or -1. */
    int firstMatch(double[] slots) {
        for (int i = 0; i < compiled.length; i++) {
            if (compiled[i] == null) {
                return i;
            }
            double v = compiled[i].evaluate(slots);
            if (!Double.isNaN(v) && v != 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusRules s && s.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}
