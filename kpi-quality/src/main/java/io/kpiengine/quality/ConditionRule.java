package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.util.List;
import java.util.Objects;

/**
 * A cross-field condition written as a kpi-formula expression over column names, such as
 * {@code conversions <= visitors}; a row breaks it when the formula evaluates to 0 (false). When a value the
 * formula needs is missing the result is missing and the row is not judged (as an SQL {@code CHECK}).
 *
 * <pre>{@code
 * ConditionRule funnel = ConditionRule.of("conversions <= visitors");
 * }</pre>
 *
 * <p>Numeric, BOOLEAN (0/1), DATE (days since 1970-01-01) and TIMESTAMP (microseconds since the epoch) columns can
 * be named. The formula is compiled when the rules are built; its variables are checked against the schema when
 * they are bound.
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "condition:<formula>"}
 * @param formula the condition
 * @param onInvalid QUARANTINE or FLAG
 */
public record ConditionRule(String id, String formula, OnInvalid onInvalid) implements Rule {

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "condition:<formula>"}
     * @param formula the condition
     * @param onInvalid QUARANTINE or FLAG
     * @throws NullPointerException if formula or onInvalid is null
     * @throws IllegalArgumentException if the formula is blank or onInvalid is NULLIFY
     */
    public ConditionRule {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(onInvalid, "onInvalid");
        if (formula.isBlank()) {
            throw new IllegalArgumentException("formula must not be blank, but was '" + formula + "'");
        }
        if (onInvalid == OnInvalid.NULLIFY) {
            throw new IllegalArgumentException("onInvalid must be QUARANTINE or FLAG for a condition (it has no"
                    + " single column to clear), but was NULLIFY");
        }
        id = id == null ? "condition:" + formula.strip() : Args.id(id);
    }

    /**
     * A condition whose failing rows are quarantined.
     *
     * @param formula the condition
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static ConditionRule of(String formula) {
        return new ConditionRule(null, formula, OnInvalid.QUARANTINE);
    }

    /**
     * This rule treating failing rows another way.
     *
     * @param action QUARANTINE or FLAG
     * @return a new rule
     */
    public ConditionRule onInvalid(OnInvalid action) {
        return new ConditionRule(id, formula, action);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public ConditionRule withId(String newId) {
        return new ConditionRule(Args.id(newId), formula, onInvalid);
    }

    @Override
    public Dimension dimension() {
        return Dimension.CONSISTENCY;
    }

    /**
     * The columns are the formula's variables, known once it is compiled; this returns an empty list.
     *
     * @return an empty list
     */
    @Override
    public List<String> columns() {
        return List.of();
    }
}
