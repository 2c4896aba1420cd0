package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Normalises the values of a text column and checks them against a set of allowed values.
 *
 * <pre>{@code
 * AllowedValuesRule channel = AllowedValuesRule.of("channel", "organic", "paid_search", "email")
 *         .caseFold(AllowedValuesRule.Case.SNAKE)      // "Paid Search" -> "paid_search"
 *         .map("SEA", "paid_search");
 * }</pre>
 *
 * <p>A present value {@code v} becomes {@code map(fold(trim(v)))}: {@code trim} strips white space (on by
 * default), {@code fold} applies the {@link Case}, and the map (whose keys are folded the same way) replaces
 * synonyms. The result must be one of {@link #allowed()} (when any are declared); otherwise the row is treated
 * by {@link #onInvalid()}. Every allowed value and every map target must already be normal (a fixed point of
 * the normalisation), so cleaning is idempotent. Missing values are not checked.
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "allowed:<column>"}
 * @param column a TEXT or CATEGORY column
 * @param allowed the allowed normal values; empty = any value (normalisation only)
 * @param map synonyms to normal values
 * @param trim whether white space around values is removed
 * @param caseFold how letter case is normalised
 * @param onInvalid what happens to a row whose value is not allowed
 */
public record AllowedValuesRule(String id, String column, List<String> allowed, Map<String, String> map,
        boolean trim, Case caseFold, OnInvalid onInvalid) implements Rule {

    /** Letter-case normalisation. */
    public enum Case {
        /** Keep case. */
        NONE,
        /** Lower case (root locale). */
        LOWER,
        /** Upper case (root locale). */
        UPPER,
        /** Lower case, and every run of characters other than letters and digits becomes one {@code _}, with
         * none at either end: {@code "Paid Search"} becomes {@code paid_search}. */
        SNAKE
    }

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "allowed:<column>"}
     * @param column a TEXT or CATEGORY column
     * @param allowed the allowed normal values; empty = any value (normalisation only)
     * @param map synonyms to normal values
     * @param trim whether white space around values is removed
     * @param caseFold how letter case is normalised
     * @param onInvalid what happens to a row whose value is not allowed
     * @throws NullPointerException if a component other than id is null
     * @throws IllegalArgumentException if an allowed value or map target is not normal, a map target is not
     *     allowed, or two map keys normalise to the same text
     */
    public AllowedValuesRule {
        Args.column("column", column);
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(caseFold, "caseFold");
        Objects.requireNonNull(onInvalid, "onInvalid");
        Set<String> allowedSet = new LinkedHashSet<>();
        for (String a : allowed) {
            Objects.requireNonNull(a, "allowed value");
            if (!normalize(a, trim, caseFold).equals(a)) {
                throw new IllegalArgumentException("column '" + column + "': allowed value '" + a + "' must be normal"
                        + " under trim=" + trim + " and case " + caseFold + ", but normalises to '"
                        + normalize(a, trim, caseFold) + "'");
            }
            if (!allowedSet.add(a)) {
                throw new IllegalArgumentException("column '" + column + "': allowed value '" + a + "' is listed twice");
            }
        }
        Map<String, String> folded = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String key = normalize(Objects.requireNonNull(e.getKey(), "map key"), trim, caseFold);
            String target = Objects.requireNonNull(e.getValue(), "map value");
            if (!normalize(target, trim, caseFold).equals(target)) {
                throw new IllegalArgumentException("column '" + column + "': map target '" + target + "' must be"
                        + " normal, but normalises to '" + normalize(target, trim, caseFold) + "'");
            }
            if (!allowedSet.isEmpty() && !allowedSet.contains(target)) {
                throw new IllegalArgumentException("column '" + column + "': map target '" + target
                        + "' must be one of the allowed values " + allowedSet + ", but is not");
            }
            String previous = folded.put(key, target);
            if (previous != null && !previous.equals(target)) {
                throw new IllegalArgumentException("column '" + column + "': map key '" + e.getKey()
                        + "' normalises to '" + key + "', which already maps to '" + previous + "'");
            }
        }
        allowed = List.copyOf(allowedSet);
        map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
        id = id == null ? "allowed:" + column : Args.id(id);
    }

    /**
     * The normal form of a value under the trim and case settings, before the map.
     *
     * @param value the value
     * @param trim whether to strip white space
     * @param caseFold the case normalisation
     * @return the normal form
     */
    public static String normalize(String value, boolean trim, Case caseFold) {
        String v = trim ? value.strip() : value;
        switch (caseFold) {
            case LOWER:
                return v.toLowerCase(Locale.ROOT);
            case UPPER:
                return v.toUpperCase(Locale.ROOT);
            case SNAKE:
                return snake(v);
            default:
                return v;
        }
    }

    private static String snake(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        boolean gap = false;
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (gap && sb.length() > 0) {
                    sb.append('_');
                }
                gap = false;
                sb.appendCodePoint(Character.toLowerCase(cp));
            } else {
                gap = true;
            }
        }
        return sb.toString();
    }

    /**
     * A rule allowing the given values, trimming white space, keeping case; other values are quarantined.
     *
     * @param column the column
     * @param allowed the allowed values; none = normalise only
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static AllowedValuesRule of(String column, String... allowed) {
        return new AllowedValuesRule(null, column, Arrays.asList(allowed), Map.of(), true, Case.NONE,
                OnInvalid.QUARANTINE);
    }

    /**
     * This rule with a case normalisation.
     *
     * @param fold the normalisation
     * @return a new rule
     */
    public AllowedValuesRule caseFold(Case fold) {
        return new AllowedValuesRule(id, column, allowed, map, trim, fold, onInvalid);
    }

    /**
     * This rule with or without trimming.
     *
     * @param enabled whether to strip white space
     * @return a new rule
     */
    public AllowedValuesRule trim(boolean enabled) {
        return new AllowedValuesRule(id, column, allowed, map, enabled, caseFold, onInvalid);
    }

    /**
     * This rule with one more synonym.
     *
     * @param synonym a value as it may appear (normalised before lookup)
     * @param normal the normal value it stands for
     * @return a new rule
     */
    public AllowedValuesRule map(String synonym, String normal) {
        Map<String, String> m = new LinkedHashMap<>(map);
        if (m.containsKey(synonym)) {
            throw new IllegalStateException("synonym '" + synonym + "' was already mapped to '" + m.get(synonym) + "'");
        }
        m.put(synonym, normal);
        return new AllowedValuesRule(id, column, allowed, m, trim, caseFold, onInvalid);
    }

    /**
     * This rule treating rows with other values another way.
     *
     * @param action the action
     * @return a new rule
     */
    public AllowedValuesRule onInvalid(OnInvalid action) {
        return new AllowedValuesRule(id, column, allowed, map, trim, caseFold, action);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public AllowedValuesRule withId(String newId) {
        return new AllowedValuesRule(Args.id(newId), column, allowed, map, trim, caseFold, onInvalid);
    }

    /**
     * The normal value of a raw value, if it is allowed.
     *
     * <pre>{@code
     * AllowedValuesRule channels = AllowedValuesRule.of("channel", "email", "web").map("E-mail", "email");
     * channels.apply("E-mail");   // Optional[email]
     * }</pre>
     *
     * @param raw a present value
     * @return the normal value, empty when the value is not allowed
     */
    public Optional<String> apply(String raw) {
        String n = normalize(raw, trim, caseFold);
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (normalize(e.getKey(), trim, caseFold).equals(n)) {
                n = e.getValue();
                break;
            }
        }
        return allowed.isEmpty() || allowed.contains(n) ? Optional.of(n) : Optional.empty();
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
