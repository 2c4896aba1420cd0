package io.kpiengine.quality;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Currency;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Dated exchange rates into one target currency: for each source currency, the rates and the dates from which
 * each is valid. The rate of a row is the one valid on the row's date: the rate with the latest start date on
 * or before it. A currency without such a rate has no rate: the row is quarantined, never converted at 1.0.
 * The target currency itself always converts at exactly 1.
 *
 * <pre>{@code
 * RateTable rates = RateTable.builder()
 *         .rate("EUR", "1.08")                                   // valid on every date
 *         .rate("KRW", LocalDate.of(2025, 1, 1), "0.00072")      // valid from 2025-01-01 on
 *         .rate("KRW", LocalDate.of(2025, 7, 1), "0.00070")
 *         .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RateTable {

    private static final BigDecimal MIN_RATE = new BigDecimal("1e-300");
    private static final BigDecimal MAX_RATE = new BigDecimal("1e300");


    /** The start date of a rate that is valid on every date. */
    public static final LocalDate ALWAYS = LocalDate.MIN;

    private final Map<Currency, NavigableMap<LocalDate, BigDecimal>> rates;

    private RateTable(Map<Currency, NavigableMap<LocalDate, BigDecimal>> rates) {
        Map<Currency, NavigableMap<LocalDate, BigDecimal>> copy = new TreeMap<>(
                (a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
        rates.forEach((c, m) -> copy.put(c, Collections.unmodifiableNavigableMap(new TreeMap<>(m))));
        this.rates = Collections.unmodifiableMap(copy);
    }

    /**
     * A new builder.
     *
     * <pre>{@code
     * RateTable rates = RateTable.builder()
     *         .rate("EUR", "1.08")
     *         .rate("KRW", LocalDate.of(2025, 1, 1), "0.00072")
     *         .build();
     * }</pre>
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rate that converts one unit of a currency into the target currency on a date.
     *
     * @param currency the source currency
     * @param date the date of the amount
     * @return the rate, or empty if no rate is valid on that date
     */
    public Optional<BigDecimal> rate(Currency currency, LocalDate date) {
        NavigableMap<LocalDate, BigDecimal> m = rates.get(currency);
        if (m == null) {
            return Optional.empty();
        }
        Map.Entry<LocalDate, BigDecimal> e = m.floorEntry(date);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /**
     * Every rate: per currency (ordered by code) the start dates and rates in date order.
     *
     * @return an unmodifiable view
     */
    public Map<Currency, NavigableMap<LocalDate, BigDecimal>> rates() {
        return rates;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateTable t && t.rates.equals(rates);
    }

    @Override
    public int hashCode() {
        return rates.hashCode();
    }

    @Override
    public String toString() {
        return "RateTable" + rates;
    }

    /**
     * Collects rates; not thread-safe; {@link #build()} leaves it reusable.
     */
    public static final class Builder {
        private final Map<Currency, NavigableMap<LocalDate, BigDecimal>> rates = new TreeMap<>(
                (a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));

        private Builder() {
        }

        /**
         * Adds a rate valid on every date.
         *
         * @param currency an ISO 4217 code
         * @param rate units of the target currency per unit of {@code currency}, as decimal text
         * @return this builder
         */
        public Builder rate(String currency, String rate) {
            return rate(currency, ALWAYS, rate);
        }

        /**
         * Adds a rate valid from a date until the next start date of the same currency.
         *
         * @param currency an ISO 4217 code
         * @param from the first date the rate is valid
         * @param rate units of the target currency per unit of {@code currency}, as decimal text
         * @return this builder
         * @throws IllegalArgumentException if the code is unknown, the rate not a positive number, or a rate for
         *     that currency and date was already added
         */
        public Builder rate(String currency, LocalDate from, String rate) {
            Objects.requireNonNull(rate, "rate");
            BigDecimal r;
            try {
                r = new BigDecimal(rate.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rate must be a decimal number, but was '" + rate + "'", e);
            }
            return rate(currency, from, r);
        }

        /**
         * Adds a rate valid from a date until the next start date of the same currency.
         *
         * @param currency an ISO 4217 code
         * @param from the first date the rate is valid, or {@link #ALWAYS}
         * @param rate units of the target currency per unit of {@code currency}
         * @return this builder
         * @throws IllegalArgumentException if the code is unknown, the rate not positive or outside 1e-300..1e300,
         *     or a rate for that currency and date was already added
         */
        public Builder rate(String currency, LocalDate from, BigDecimal rate) {
            Currency c = currency(currency);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(rate, "rate");
            if (rate.signum() <= 0 || rate.compareTo(MIN_RATE) < 0 || rate.compareTo(MAX_RATE) > 0) {
                throw new IllegalArgumentException("rate of " + currency + " must be > 0 and from 1e-300 to 1e300"
                        + " (a product with an amount must stay a number), but was "
                        + io.kpiengine.data.doc.internal.DocNode.show(rate));
            }
            BigDecimal previous = rates.computeIfAbsent(c, k -> new TreeMap<>())
                    .putIfAbsent(from, rate.stripTrailingZeros());
            if (previous != null) {
                throw new IllegalStateException("rate of " + currency + " from "
                        + (from.equals(ALWAYS) ? "always" : from) + " was already set to "
                        + io.kpiengine.data.doc.internal.DocNode.show(previous));
            }
            return this;
        }

        /**
         * Builds the table.
         *
         * @return an immutable table
         */
        public RateTable build() {
            return new RateTable(rates);
        }
    }

    /**
     * The currency of an ISO 4217 code.
     *
     * @param code the code, such as {@code "USD"}
     * @return the currency
     * @throws IllegalArgumentException if the code is not an ISO 4217 code
     */
    static Currency currency(String code) {
        Objects.requireNonNull(code, "currency");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as USD, but was '" + code + "'",
                    e);
        }
    }
}
