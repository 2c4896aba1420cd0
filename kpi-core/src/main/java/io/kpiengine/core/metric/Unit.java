package io.kpiengine.core.metric;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A unit of measurement as a product of named base units with integer exponents, such as {@code USD},
 * {@code count}, {@code USD per count} or {@code percent}; {@link #ONE} is the unit of pure numbers.
 *
 * <p>Units multiply and divide ({@code USD / count} is {@code USD per count}); values may only be added,
 * subtracted or compared when their units are equal, so adding {@code USD} to {@code percent} is an error found
 * when the catalog is built. Any identifier is a base unit, case-sensitive: {@code USD}, {@code EUR},
 * {@code count}, {@code visitor}, {@code s}. The scale units {@code percent} (written also {@code %}),
 * {@code permille} and {@code bp} (basis points) are dimensionless: a ratio of counts may be declared in percent
 * ({@link #sameDimension(Unit)}), but percent and a plain ratio still cannot be added.
 *
 * <p>Text form: factors joined by {@code *}, divisors introduced by {@code /} or {@code per}, exponents with
 * {@code ^}. Every factor after the first {@code /} or {@code per} is a divisor, as units are usually read:
 * {@code USD per count * day} and {@code USD / count / day} are both USD divided by count and day. The canonical
 * text ({@link #toString()}) lists the numerator's base units alphabetically, then {@code per} and the
 * denominator's: {@code USD per count}, {@code 1 per day}, {@code m^2}.
 *
 * <pre>{@code
 * Unit aov = Unit.parse("USD").dividedBy(Unit.parse("count"));   // USD per count
 * Unit.parse("USD / count").equals(Unit.parse("USD per count"));  // true
 * Unit.PERCENT.sameDimension(Unit.ONE);                           // true
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Unit {

    /** The unit of pure numbers, written {@code 1}. */
    public static final Unit ONE = new Unit(Map.of());
    /** Hundredths: a ratio times 100. */
    public static final Unit PERCENT = new Unit(Map.of("percent", 1));
    /** Counted things. */
    public static final Unit COUNT = new Unit(Map.of("count", 1));

    private static final Set<String> SCALE_UNITS = Set.of("percent", "permille", "bp");
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_EXPONENT = 12;

    private final Map<String, Integer> exponents;

    private Unit(Map<String, Integer> exponents) {
        this.exponents = Collections.unmodifiableMap(new TreeMap<>(exponents));
    }

    /**
     * A base unit.
     *
     * @param symbol an identifier such as {@code USD}, or {@code %} for percent
     * @return the unit
     * @throws NullPointerException if symbol is null
     * @throws IllegalArgumentException if symbol is not an identifier, {@code %} or {@code 1}
     */
    public static Unit of(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        if (symbol.equals("1")) {
            return ONE;
        }
        if (symbol.equals("%")) {
            return PERCENT;
        }
        if (!SYMBOL.matcher(symbol).matches() || symbol.equals("per")) {
            throw new IllegalArgumentException("unit symbol must be an identifier, '%' or '1', but was '" + symbol
                    + "'");
        }
        return new Unit(Map.of(symbol, 1));
    }

    /**
     * Reads the text form of a unit.
     *
     * <pre>{@code
     * Unit aov = Unit.parse("USD / count");   // USD per count
     * }</pre>
     *
     * @param text e.g. {@code "USD / count"}, {@code "USD per count"}, {@code "%"}, {@code "m^2"}
     * @return the unit
     * @throws NullPointerException if text is null
     * @throws IllegalArgumentException if the text is not a unit expression; the message names the position
     */
    public static Unit parse(String text) {
        Objects.requireNonNull(text, "text");
        List<String> tokens = tokens(text);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("unit must be a unit expression such as 'USD per count', but was '"
                    + text + "'");
        }
        Unit result = null;
        boolean divide = false;
        int i = 0;
        while (i < tokens.size()) {
            String tok = tokens.get(i);
            if (result != null) {
                if (tok.equals("/") || tok.equals("per")) {
                    divide = true;
                } else if (!tok.equals("*")) {
                    throw bad(text, "expected '*', '/' or 'per' before '" + tok + "'");
                }
                i++;
                if (i == tokens.size()) {
                    throw bad(text, "expected a unit after '" + tok + "'");
                }
                tok = tokens.get(i);
            }
            Unit factor;
            try {
                factor = of(tok);
            } catch (IllegalArgumentException e) {
                throw bad(text, "'" + tok + "' is not a unit symbol");
            }
            i++;
            if (i < tokens.size() && tokens.get(i).equals("^")) {
                if (i + 1 == tokens.size()) {
                    throw bad(text, "expected an exponent after '^'");
                }
                String exp = tokens.get(i + 1);
                int n;
                try {
                    n = Integer.parseInt(exp);
                } catch (NumberFormatException e) {
                    throw bad(text, "exponent must be a whole number, but was '" + exp + "'");
                }
                factor = factor.pow(n);
                i += 2;
            }
            result = result == null ? factor : divide ? result.dividedBy(factor) : result.times(factor);
        }
        return Objects.requireNonNull(result, text);   // tokens is not empty, so the loop set it
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("unit must be a unit expression such as 'USD per count', but was '"
                + text + "': " + why);
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '*' || c == '/' || c == '^' || c == '%') {
                out.add(String.valueOf(c));
                i++;
            } else {
                int j = i;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                        || text.charAt(j) == '-' && j == i)) {
                    j++;
                }
                if (j == i) {
                    throw bad(text, "unexpected character '" + c + "' at column " + (i + 1));
                }
                out.add(text.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    /**
     * The product of two units.
     *
     * @param other the other unit
     * @return {@code this * other}
     */
    public Unit times(Unit other) {
        return combine(other, 1);
    }

    /**
     * The quotient of two units.
     *
     * @param other the divisor's unit
     * @return {@code this / other}
     */
    public Unit dividedBy(Unit other) {
        return combine(other, -1);
    }

    /**
     * This unit raised to a whole power.
     *
     * @param n the exponent, -12..12
     * @return {@code this ^ n}
     * @throws IllegalArgumentException if n is outside -12..12
     */
    public Unit pow(int n) {
        if (n < -MAX_EXPONENT || n > MAX_EXPONENT) {
            throw new IllegalArgumentException("unit exponent must be between " + -MAX_EXPONENT + " and "
                    + MAX_EXPONENT + ", but was " + n);
        }
        Map<String, Integer> out = new TreeMap<>();
        if (n != 0) {
            exponents.forEach((k, v) -> out.put(k, v * n));
        }
        return new Unit(out);
    }

    private Unit combine(Unit other, int sign) {
        Map<String, Integer> out = new TreeMap<>(exponents);
        other.exponents.forEach((k, v) -> out.merge(k, sign * v, Integer::sum));
        out.values().removeIf(v -> v == 0);
        return new Unit(out);
    }

    /**
     * The base units and their exponents, alphabetically.
     *
     * @return an unmodifiable map without zero exponents
     */
    public Map<String, Integer> exponents() {
        return exponents;
    }

    /**
     * Whether this unit has no dimension: {@link #ONE} or a product of scale units such as percent.
     *
     * @return true if dimensionless
     */
    public boolean isDimensionless() {
        return SCALE_UNITS.containsAll(exponents.keySet());
    }

    /**
     * Whether two units measure the same kind of quantity, ignoring the scale units percent, permille and bp:
     * {@code percent} and {@code 1}, or {@code USD per count} and {@code USD * percent per count}. A value declared
     * in one may be computed in the other.
     *
     * @param other the other unit
     * @return true if the units differ at most in scale units
     */
    public boolean sameDimension(Unit other) {
        return withoutScale().equals(other.withoutScale());
    }

    private Map<String, Integer> withoutScale() {
        Map<String, Integer> out = new TreeMap<>(exponents);
        out.keySet().removeAll(SCALE_UNITS);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unit u && u.exponents.equals(exponents);
    }

    @Override
    public int hashCode() {
        return exponents.hashCode();
    }

    /**
     * The canonical text, e.g. {@code USD per count}; {@code 1} for {@link #ONE}.
     *
     * @return the text that {@link #parse(String)} reads back to an equal unit
     */
    @Override
    public String toString() {
        List<String> num = new ArrayList<>();
        List<String> den = new ArrayList<>();
        exponents.forEach((k, v) -> (v > 0 ? num : den).add(Math.abs(v) == 1 ? k : k + "^" + Math.abs(v)));
        String n = num.isEmpty() ? "1" : String.join(" * ", num);
        return den.isEmpty() ? n : n + " per " + String.join(" * ", den);
    }
}
