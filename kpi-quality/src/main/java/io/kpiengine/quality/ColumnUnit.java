package io.kpiengine.quality;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The unit of a numeric column, which a {@link UnitRule} declares and converts. Units of the same {@link Kind}
 * convert into each other exactly by a factor; units of different kinds cannot be converted (a configuration
 * error). Money has its own rule, {@link CurrencyRule}.
 *
 * <p>Not to be confused with the unit algebra of metrics in kpi-core ({@code io.kpiengine.core.metric.Unit},
 * {@code USD per count}); the names differ so that both packages can be imported together.
 */
public enum ColumnUnit {
    /** A plain count or any number without a unit. */
    COUNT(Kind.COUNT, 1, "count"),
    /** Milliseconds. */
    MILLISECONDS(Kind.DURATION, 1, "ms"),
    /** Seconds. */
    SECONDS(Kind.DURATION, 1_000, "s"),
    /** Minutes. */
    MINUTES(Kind.DURATION, 60_000, "min"),
    /** Hours. */
    HOURS(Kind.DURATION, 3_600_000, "h"),
    /** Days of 86,400 seconds. */
    DAYS(Kind.DURATION, 86_400_000, "d"),
    /** A fraction where 1 is the whole: 0.25. */
    RATIO(Kind.FRACTION, 10_000, "ratio"),
    /** Percent: 25 for a quarter. */
    PERCENT(Kind.FRACTION, 100, "percent", "%"),
    /** Basis points: 2,500 for a quarter. */
    BASIS_POINTS(Kind.FRACTION, 1, "bp", "bps");

    /** What a unit measures; only units of one kind convert into each other. */
    public enum Kind {
        /** Counts and plain numbers. */
        COUNT,
        /** Durations. */
        DURATION,
        /** Fractions of a whole. */
        FRACTION
    }

    private final Kind kind;
    /** The size of the unit in the smallest unit of its kind; sizes divide each other. */
    private final long base;
    @SuppressWarnings("ImmutableEnumChecker") // List.of, immutable
    private final List<String> symbols;

    ColumnUnit(Kind kind, long base, String... symbols) {
        this.kind = kind;
        this.base = base;
        this.symbols = List.of(symbols);
    }

    /**
     * What this unit measures.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The symbols that name this unit in documents and in text cells ({@code ms}, {@code %}, {@code bp}); the
     * first is the canonical one.
     *
     * @return the symbols
     */
    public List<String> symbols() {
        return symbols;
    }

    /**
     * Whether values in this unit can be converted to {@code target}.
     *
     * @param target another unit
     * @return true if both have the same kind
     */
    public boolean convertsTo(ColumnUnit target) {
        return target.kind == kind;
    }

    /**
     * Converts a value from this unit to {@code target}. Every conversion is a multiplication or a division by
     * a whole number (1,000 ms in a second, 100 basis points in a percent), so the result is the correctly
     * rounded {@code double} of the exact result.
     *
     * @param value a value in this unit
     * @param target a unit of the same kind
     * @return the value in the target unit
     * @throws IllegalArgumentException if the kinds differ
     */
    public double convert(double value, ColumnUnit target) {
        if (target.kind != kind) {
            throw new IllegalArgumentException(incompatible(target));
        }
        return base >= target.base ? value * ((double) base / target.base) : value / ((double) target.base / base);
    }

    /**
     * Converts an exact value from this unit to {@code target}; divisions that do not terminate are rounded
     * to 34 significant digits ({@link MathContext#DECIMAL128}).
     *
     * @param value a value in this unit
     * @param target a unit of the same kind
     * @return the value in the target unit
     * @throws IllegalArgumentException if the kinds differ
     */
    public BigDecimal convert(BigDecimal value, ColumnUnit target) {
        if (target.kind != kind) {
            throw new IllegalArgumentException(incompatible(target));
        }
        return base >= target.base ? value.multiply(BigDecimal.valueOf(base / target.base))
                : value.divide(BigDecimal.valueOf(target.base / base), MathContext.DECIMAL128);
    }

    /**
     * The message for a conversion between units of different kinds.
     *
     * @param target the other unit
     * @return e.g. "unit ms (duration) cannot be converted to % (fraction)"
     */
    String incompatible(ColumnUnit target) {
        return "unit " + symbols.get(0) + " (" + kind.name().toLowerCase(Locale.ROOT) + ") cannot be converted to "
                + target.symbols.get(0) + " (" + target.kind.name().toLowerCase(Locale.ROOT) + ")";
    }

    /**
     * The unit of a symbol or name, case-insensitive for names ({@code seconds}, {@code SECONDS}) and exact for
     * symbols ({@code ms}, {@code %}).
     *
     * @param text a symbol or enum name
     * @return the unit, or empty
     */
    public static Optional<ColumnUnit> parse(String text) {
        for (ColumnUnit u : values()) {
            if (u.symbols.contains(text) || u.name().equalsIgnoreCase(text.replace('-', '_'))) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
