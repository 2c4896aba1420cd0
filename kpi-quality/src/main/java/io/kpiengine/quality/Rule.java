package io.kpiengine.quality;

import java.util.List;

/**
 * One declared data-quality rule: an immutable value with an id that names it in the {@link QualityReport}.
 *
 * <p>Rules are made by the static factories of their types and refined by methods that return a new rule,
 * each checking its argument at once:
 *
 * <pre>{@code
 * Rule range = RangeRule.of("visitors").min(0).max(500).onInvalid(OnInvalid.FLAG).withId("visitors-range");
 * }</pre>
 *
 * <p>The same rules can be written in a rules document; see {@link QualityRules#read(java.nio.file.Path)}.
 */
public sealed interface Rule permits DuplicateRule, MissingValueRule, UnitRule, CurrencyRule, TimeZoneRule,
        RangeRule, AllowedValuesRule, PatternRule, ConditionRule, OutlierRule, FreshnessRule, ExpectedRowsRule,
        DateSpineRule {

    /**
     * The id that names this rule in the report; unique within a rule set. Each type derives a default from
     * its kind and columns, such as {@code "range:visitors"}.
     *
     * @return the id
     */
    String id();

    /**
     * The quality dimension whose score this rule's findings lower.
     *
     * @return the dimension
     */
    Dimension dimension();

    /**
     * The columns this rule reads or writes, for binding to a schema.
     *
     * @return the column names, in declaration order
     */
    List<String> columns();
}
