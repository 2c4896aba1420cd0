package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks that every present value of a text column matches a regular expression as a whole
 * ({@link java.util.regex.Matcher#matches()}); missing values are not checked.
 *
 * <pre>{@code
 * PatternRule orderId = PatternRule.of("order_id", "O\\d+");
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "pattern:<column>"}
 * @param column a TEXT or CATEGORY column
 * @param regex the {@link Pattern} syntax expression
 * @param onInvalid what happens to a row that does not match
 */
public record PatternRule(String id, String column, String regex, OnInvalid onInvalid) implements Rule {

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "pattern:<column>"}
     * @param column a TEXT or CATEGORY column
     * @param regex the {@link Pattern} syntax expression
     * @param onInvalid what happens to a row that does not match
     * @throws NullPointerException if a component other than id is null
     * @throws IllegalArgumentException if the expression does not compile
     */
    public PatternRule {
        Args.column("column", column);
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(onInvalid, "onInvalid");
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("column '" + column + "': regex must be a valid pattern, but '" + regex
                    + "' has an error: " + e.getDescription() + " near index " + e.getIndex(), e);
        }
        id = id == null ? "pattern:" + column : Args.id(id);
    }

    /**
     * A rule that values match an expression; rows that do not are quarantined.
     *
     * @param column the column
     * @param regex the expression
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static PatternRule of(String column, String regex) {
        return new PatternRule(null, column, regex, OnInvalid.QUARANTINE);
    }

    /**
     * This rule treating rows that do not match another way.
     *
     * @param action the action
     * @return a new rule
     */
    public PatternRule onInvalid(OnInvalid action) {
        return new PatternRule(id, column, regex, action);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public PatternRule withId(String newId) {
        return new PatternRule(Args.id(newId), column, regex, onInvalid);
    }

    @Override
    public Dimension dimension() {
        return Dimension.VALIDITY;
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }
}
