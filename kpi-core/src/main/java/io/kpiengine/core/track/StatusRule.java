package io.kpiengine.core.track;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One rule of {@link StatusRules}: if its condition (a formula over the named inputs of
 * {@link StatusRules#INPUTS}) is true, the row gets its status. A rule without a condition is the default: it
 * matches every row that reaches it and must come last.
 *
 * <pre>{@code
 * StatusRule r = StatusRule.of("at-risk", KpiStatus.AT_RISK, "achievement >= 90 or coalesce(pace, 0) >= 95");
 * StatusRule d = StatusRule.otherwise("off-track", KpiStatus.OFF_TRACK);
 * }</pre>
 *
 * <p>A condition is true when it has a value other than 0; a condition without value (an input it reads is missing,
 * such as the achievement of a row without target) does not match. Immutable and thread-safe.
 *
 * @param name the rule's name, reported with every status it decides
 * @param status the status it assigns: EXCEEDED, ON_TRACK, AT_RISK, OFF_TRACK or NOT_RATED
 * @param when the condition in the formula language, or null for the default rule
 */
public record StatusRule(String name, KpiStatus status, @Nullable String when) {

    /**
     * Validates the rule.
     *
     * @param name the rule's name, not blank
     * @param status a judgement status
     * @param when the condition, or null for the default rule
     * @throws NullPointerException if name or status is null
     * @throws IllegalArgumentException if name or condition is blank, or status is a special status (no data,
     *     unreliable, partial period), which rules cannot assign
     */
    public StatusRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name of a status rule must not be blank, but was '" + name + "'");
        }
        if (!status.isJudgement()) {
            throw new IllegalArgumentException("status of rule '" + name + "' must be exceeded, on-track, at-risk,"
                    + " off-track or not-rated, but was " + status.id() + " (decided before any rule)");
        }
        if (when != null && when.isBlank()) {
            throw new IllegalArgumentException("condition of rule '" + name + "' must not be blank; leave it out for"
                    + " the default rule");
        }
    }

    /**
     * A rule with a condition.
     *
     * @param name the rule's name
     * @param status the status it assigns
     * @param when the condition, e.g. {@code achievement >= 100}
     * @return the rule
     * @throws NullPointerException if an argument is null
     */
    public static StatusRule of(String name, KpiStatus status, String when) {
        return new StatusRule(name, status, Objects.requireNonNull(when, "when"));
    }

    /**
     * The default rule: matches every row that no earlier rule matched.
     *
     * @param name the rule's name
     * @param status the status it assigns
     * @return the rule
     */
    public static StatusRule otherwise(String name, KpiStatus status) {
        return new StatusRule(name, status, null);
    }

    /**
     * The condition.
     *
     * @return the condition, empty for the default rule
     */
    public Optional<String> condition() {
        return Optional.ofNullable(when);
    }

    /**
     * Whether this is the default rule (no condition).
     *
     * @return true without condition
     */
    public boolean isDefault() {
        return when == null;
    }

    @Override
    public String toString() {
        return name + ": " + status.id() + (when == null ? " otherwise" : " when " + when);
    }
}
