package io.kpiengine.report.internal;

import io.kpiengine.core.metric.Unit;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the numbers of one unit are written for people, in a locale: currencies with their symbol, percentages with
 * the locale's percent sign, counts as whole numbers, anything else with its unit symbol.
 *
 * <p>The rules (the browser tests read numbers back by them):
 * <ul>
 *   <li>currency (a unit that is an ISO 4217 code, or a code per count such as {@code USD per count}): no
 *       decimals from 1,000 up, else two;</li>
 *   <li>percent: the value is already in percent ({@code 2.5} is 2.5 %); two decimals below 10, else one;</li>
 *   <li>count: whole numbers without decimals, others with one;</li>
 *   <li>other units: no decimals from 1,000 up, one from 10, else two; then a space and the unit.</li>
 * </ul>
 * Grouping and the decimal sign follow the locale; halves round away from zero, as JavaScript's
 * {@code Intl.NumberFormat} does in the charts. Not thread-safe (it holds {@link NumberFormat}s): one instance
 * per report build.
 */
public final class NumberStyle {

    /** What kind of number a unit holds. */
    public enum Kind {
        /** money in one currency */
        CURRENCY,
        /** a percentage, stored as percent */
        PERCENT,
        /** a count of things */
        COUNT,
        /** anything else, written with its unit symbol */
        PLAIN
    }

    private final Kind kind;
    private final Currency currency;
    private final String suffix;
    private final Locale locale;
    private final NumberFormat main;
    private final NumberFormat percent;
    private final DecimalFormat plain;

    private NumberStyle(Kind kind, Currency currency, String suffix, Locale locale) {
        this.kind = kind;
        this.currency = currency;
        this.suffix = suffix;
        this.locale = locale;
        this.percent = halfUp(NumberFormat.getPercentInstance(locale));
        this.plain = (DecimalFormat) halfUp(NumberFormat.getNumberInstance(locale));
        this.plain.setGroupingUsed(true);
        if (kind == Kind.CURRENCY) {
            this.main = halfUp(NumberFormat.getCurrencyInstance(locale));
            this.main.setCurrency(currency);
        } else if (kind == Kind.PERCENT) {
            this.main = percent;
        } else {
            this.main = plain;
        }
    }

    /**
     * The style of a unit.
     *
     * @param unit the metric's unit, if known
     * @param locale the locale of the report
     * @return the style
     */
    public static NumberStyle of(Optional<Unit> unit, Locale locale) {
        if (unit.isEmpty() || unit.get().isDimensionless() && !unit.get().equals(Unit.PERCENT)) {
            return new NumberStyle(Kind.PLAIN, null, "", locale);
        }
        Unit u = unit.get();
        if (u.equals(Unit.PERCENT)) {
            return new NumberStyle(Kind.PERCENT, null, "", locale);
        }
        if (u.equals(Unit.COUNT)) {
            return new NumberStyle(Kind.COUNT, null, "", locale);
        }
        Currency c = currencyOf(u.exponents());
        if (c != null) {
            return new NumberStyle(Kind.CURRENCY, c, "", locale);
        }
        return new NumberStyle(Kind.PLAIN, null, "\u00a0" + u, locale);
    }

    /** The currency of a unit that is one ISO 4217 code, alone or per count; null otherwise. */
    private static Currency currencyOf(Map<String, Integer> exponents) {
        Currency found = null;
        for (Map.Entry<String, Integer> e : exponents.entrySet()) {
            String symbol = e.getKey();
            if (e.getValue() == 1 && symbol.length() == 3 && symbol.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z')) {
                try {
                    found = Currency.getInstance(symbol);
                } catch (IllegalArgumentException notCurrency) {
                    return null;
                }
            } else if (!(symbol.equals("count") && e.getValue() == -1)) {
                return null;
            }
        }
        return found;
    }

    /**
     * The kind of number.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Writes a value for people.
     *
     * @param v the value; NaN gives an en dash
     * @return the text
     */
    public String format(double v) {
        if (!Double.isFinite(v)) {
            return "\u2013";
        }
        double a = Math.abs(v);
        switch (kind) {
            case CURRENCY -> {
                digits(main, a >= 1000 ? 0 : 2);
                return main.format(v);
            }
            case PERCENT -> {
                digits(percent, a < 10 ? 2 : 1);
                return percent.format(v / 100);
            }
            case COUNT -> {
                digits(plain, v == Math.rint(v) ? 0 : 1);
                return plain.format(v);
            }
            default -> {
                digits(plain, a >= 1000 ? 0 : a >= 10 ? 1 : 2);
                return plain.format(v) + suffix;
            }
        }
    }

    /**
     * Rounds a value to what {@link #format(double)} shows of it, so that chart data carries no more digits than
     * the page writes.
     *
     * @param v the value
     * @return the rounded value; NaN stays NaN
     */
    public double round(double v) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double a = Math.abs(v);
        int d = switch (kind) {
            case CURRENCY -> a >= 1000 ? 0 : 2;
            case PERCENT -> a < 10 ? 2 : 1;
            case COUNT -> 1;
            default -> a >= 1000 ? 0 : a >= 10 ? 1 : 2;
        };
        double scale = d == 0 ? 1 : d == 1 ? 10 : 100;
        return Math.round(v * scale) / scale;
    }

    /**
     * Writes a relative change or gap in percent with its sign, e.g. {@code +2.4%} or {@code -0.8%}.
     *
     * @param pct the change in percent
     * @return the text; an en dash when not finite
     */
    public String signedPercent(double pct) {
        if (!Double.isFinite(pct)) {
            return "\u2013";
        }
        digits(percent, Math.abs(pct) < 10 ? 1 : 0);
        String s = percent.format(Math.abs(pct) / 100);
        return (pct > 0 ? "+" : pct < 0 ? "\u2212" : "\u00b1") + s;
    }

    /**
     * Writes an achievement (value against target) in percent, e.g. {@code 96.5%}.
     *
     * @param pct the achievement in percent
     * @return the text; an en dash when not finite
     */
    public String achievement(double pct) {
        if (!Double.isFinite(pct)) {
            return "\u2013";
        }
        digits(percent, 1);
        return percent.format(pct / 100);
    }

    /**
     * The options of JavaScript's {@code Intl.NumberFormat} that write this unit the same way in chart axes and
     * tooltips, plus {@code scale} (multiply before formatting) and {@code suffix} (append after).
     *
     * @return the options
     */
    public Map<String, Object> intl() {
        Map<String, Object> o = new LinkedHashMap<>();
        switch (kind) {
            case CURRENCY -> {
                o.put("style", "currency");
                o.put("currency", currency.getCurrencyCode());
                o.put("maximumFractionDigits", 2);
            }
            case PERCENT -> {
                o.put("style", "percent");
                o.put("maximumFractionDigits", 2);
                o.put("scale", 0.01);
            }
            case COUNT -> o.put("maximumFractionDigits", 1);
            default -> {
                o.put("maximumFractionDigits", 2);
                o.put("suffix", suffix);
            }
        }
        return o;
    }

    /**
     * The locale.
     *
     * @return the locale
     */
    public Locale locale() {
        return locale;
    }

    private static NumberFormat halfUp(NumberFormat f) {
        f.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return f;
    }

    private static void digits(NumberFormat f, int d) {
        f.setMinimumFractionDigits(d);
        f.setMaximumFractionDigits(d);
    }
}
