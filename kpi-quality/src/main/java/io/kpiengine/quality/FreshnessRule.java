package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Checks that the newest value of a TIMESTAMP or DATE column among the clean rows is at most {@code maxAge}
 * older than now (the cleaner's {@link Clock}). A DATE counts as the end of that day in
 * {@link #zone()}, so yesterday's complete data is one day old at the end of today. No clean row at all is stale.
 *
 * <pre>{@code
 * FreshnessRule fresh = FreshnessRule.of("ts", Duration.ofHours(26));
 * }</pre>
 *
 * <p>Timeliness score: 1 when fresh, else {@code maxAge / age}.
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "freshness:<column>"}
 * @param column the TIMESTAMP or DATE column
 * @param maxAge the largest acceptable age, positive
 * @param zone the zone that DATE values are read in
 */
public record FreshnessRule(String id, String column, Duration maxAge, ZoneId zone) implements Rule {

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "freshness:<column>"}
     * @param column the TIMESTAMP or DATE column
     * @param maxAge the largest acceptable age, positive
     * @param zone the zone that DATE values are read in
     * @throws NullPointerException if a component other than id is null
     * @throws IllegalArgumentException if maxAge is not positive
     */
    public FreshnessRule {
        Args.column("column", column);
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(zone, "zone");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, but was " + maxAge);
        }
        id = id == null ? "freshness:" + column : Args.id(id);
    }

    /**
     * A freshness check with DATE values read in UTC.
     *
     * @param column the column
     * @param maxAge the largest acceptable age
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static FreshnessRule of(String column, Duration maxAge) {
        return new FreshnessRule(null, column, maxAge, ZoneOffset.UTC);
    }

    /**
     * This rule reading DATE values in another zone.
     *
     * @param dateZone the zone
     * @return a new rule
     */
    public FreshnessRule zone(ZoneId dateZone) {
        return new FreshnessRule(id, column, maxAge, dateZone);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public FreshnessRule withId(String newId) {
        return new FreshnessRule(Args.id(newId), column, maxAge, zone);
    }

    @Override
    public Dimension dimension() {
        return Dimension.TIMELINESS;
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }
}
