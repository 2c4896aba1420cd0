package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Converts an amount column into one target currency, row by row, with the rate of the row's currency on the
 * row's date, and holds the result exactly at the target currency's minor unit (ISO 4217, from
 * {@link Currency#getDefaultFractionDigits()}: 2 for USD, 0 for JPY and KRW, 3 for BHD).
 *
 * <pre>{@code
 * CurrencyRule usd = CurrencyRule.of("revenue", "currency", "USD", rates).dateColumn("ts");
 * }</pre>
 *
 * <p><b>Per row:</b> {@code amount x rate} is computed exactly and rounded once to the minor unit with
 * {@link #rounding()} (default {@link RoundingMode#HALF_EVEN}); the column becomes an exact DECIMAL at that scale,
 * so sums over millions of rows have no floating-point drift. The currency column is rewritten to the target
 * code, which makes a second run a no-op. A row whose currency is missing, unknown, or has no rate valid on its
 * date is quarantined with the reason; a missing amount stays missing (and its currency becomes the target, like every converted row). The row's date is the DATE value, or the
 * date of the TIMESTAMP value in {@link #dateZone()} (default UTC); without a date column only rates valid on every date
 * ({@link RateTable#ALWAYS}) apply.
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "currency:<column>"}
 * @param column the amount column (INTEGER or DECIMAL)
 * @param currencyColumn the column of ISO 4217 codes (TEXT or CATEGORY)
 * @param dateColumn the DATE or TIMESTAMP column that dates each amount, or null to use undated rates
 * @param target the currency to convert to
 * @param rates the rates into {@code target}
 * @param rounding how a converted amount is rounded to the minor unit
 * @param dateZone the zone in which a TIMESTAMP date column is read as a date
 */
public record CurrencyRule(String id, String column, String currencyColumn, @Nullable String dateColumn,
        Currency target,
        RateTable rates, RoundingMode rounding, ZoneId dateZone) implements Rule {

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "currency:<column>"}
     * @param column the amount column (INTEGER or DECIMAL)
     * @param currencyColumn the column of ISO 4217 codes (TEXT or CATEGORY)
     * @param dateColumn the DATE or TIMESTAMP column that dates each amount, or null to use undated rates
     * @param target the currency to convert to
     * @param rates the rates into {@code target}
     * @param rounding how a converted amount is rounded to the minor unit
     * @param dateZone the zone in which a TIMESTAMP date column is read as a date
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if names are invalid, the amount and currency columns are the same, or the
     *     rounding is UNNECESSARY
     */
    public CurrencyRule {
        Args.column("column", column);
        Args.column("currencyColumn", currencyColumn);
        if (column.equals(currencyColumn)) {
            throw new IllegalArgumentException("currencyColumn must differ from the amount column, but both were '"
                    + column + "'");
        }
        if (dateColumn != null) {
            Args.column("dateColumn", dateColumn);
        }
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(dateZone, "dateZone");
        if (rounding == RoundingMode.UNNECESSARY) {
            throw new IllegalArgumentException("rounding must not be UNNECESSARY (converted amounts rarely fit the"
                    + " minor unit exactly), but was UNNECESSARY");
        }
        id = id == null ? "currency:" + column : Args.id(id);
    }

    /**
     * A conversion of an amount column into a target currency.
     *
     * @param column the amount column
     * @param currencyColumn the column of ISO 4217 codes
     * @param target the ISO 4217 code to convert to
     * @param rates the rates into the target
     * @return the rule, rounding half-even, with undated rates
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static CurrencyRule of(String column, String currencyColumn, String target, RateTable rates) {
        return new CurrencyRule(null, column, currencyColumn, null, RateTable.currency(target), rates,
                RoundingMode.HALF_EVEN, ZoneOffset.UTC);
    }

    /**
     * This rule dating each amount by a DATE or TIMESTAMP column.
     *
     * @param column the date column
     * @return a new rule
     * @throws IllegalStateException if a date column was already set
     */
    public CurrencyRule dateColumn(String column) {
        Args.once("dateColumn", dateColumn, column);
        return new CurrencyRule(id, this.column, currencyColumn, column, target, rates, rounding, dateZone);
    }

    /**
     * This rule rounding converted amounts with another mode.
     *
     * @param mode the rounding mode
     * @return a new rule
     */
    public CurrencyRule rounding(RoundingMode mode) {
        return new CurrencyRule(id, column, currencyColumn, dateColumn, target, rates, mode, dateZone);
    }

    /**
     * This rule reading TIMESTAMP dates in another zone.
     *
     * @param zone the zone
     * @return a new rule
     */
    public CurrencyRule dateZone(ZoneId zone) {
        return new CurrencyRule(id, column, currencyColumn, dateColumn, target, rates, rounding, zone);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public CurrencyRule withId(String newId) {
        return new CurrencyRule(Args.id(newId), column, currencyColumn, dateColumn, target, rates, rounding, dateZone);
    }

    /**
     * The scale of the converted amounts: the target's minor unit.
     *
     * @return the number of digits after the decimal point
     */
    public int scale() {
        return Math.max(0, target.getDefaultFractionDigits());
    }

    @Override
    public Dimension dimension() {
        return Dimension.CONSISTENCY;
    }

    @Override
    public List<String> columns() {
        return Args.union(column, currencyColumn, dateColumn);
    }
}
