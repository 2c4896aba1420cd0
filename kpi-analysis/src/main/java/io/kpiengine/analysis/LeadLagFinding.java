package io.kpiengine.analysis;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One ordered pair of a {@link LeadLagScan}: does {@code leading} move before {@code lagging}?
 *
 * @param leading the name of the series tested as leading
 * @param lagging the name of the series tested as lagging
 * @param crossCorrelation the cross-correlation of the pair (lags {@code -maxLag..maxLag})
 * @param granger the Granger tests of "leading causes lagging"
 * @param pValue the pair's p-value: {@link GrangerResult#pValue()}, the smallest ssr F p-value over the orders
 *     times the number of orders (Bonferroni across orders); absent with the reason when no order could be fitted
 * @param qValue the Benjamini–Hochberg adjusted p-value across all pairs with a p-value; absent like
 *     {@code pValue}
 * @param significant whether {@code qValue} is at most the scan's false discovery rate
 */
public record LeadLagFinding(String leading, String lagging, CrossCorrelation crossCorrelation, GrangerResult granger,
        Figure pValue, Figure qValue, boolean significant) {

    /**
     * Checks the fields.
     *
     * @param leading the name of the series tested as leading
     * @param lagging the name of the series tested as lagging
     * @param crossCorrelation the cross-correlation of the pair (lags {@code -maxLag..maxLag})
     * @param granger the Granger tests of "leading causes lagging"
     * @param pValue the pair's p-value: {@link GrangerResult#pValue()}, the smallest ssr F p-value over the orders
     *     times the number of orders (Bonferroni across orders); absent with the reason when no order could be fitted
     * @param qValue the Benjamini–Hochberg adjusted p-value across all pairs with a p-value; absent like
     *     {@code pValue}
     * @param significant whether {@code qValue} is at most the scan's false discovery rate
     * @throws NullPointerException if a field is null
     */
    public LeadLagFinding {
        Objects.requireNonNull(leading, "leading");
        Objects.requireNonNull(lagging, "lagging");
        Objects.requireNonNull(crossCorrelation, "crossCorrelation");
        Objects.requireNonNull(granger, "granger");
        Objects.requireNonNull(pValue, "pValue");
        Objects.requireNonNull(qValue, "qValue");
    }

    /**
     * Returns the lead time, {@link CrossCorrelation#bestLead()}.
     *
     * @return the significant positive lag of largest absolute correlation, or empty
     */
    public OptionalInt lead() {
        return crossCorrelation.bestLead();
    }

    /**
     * Returns the correlation at the lead time.
     *
     * @return {@code r(lead)}, absent when there is no lead
     */
    public Figure leadCorrelation() {
        OptionalInt lead = lead();
        if (lead.isPresent()) {
            return crossCorrelation.correlation(lead.getAsInt());
        }
        return Figure.absent(crossCorrelation.reason().orElse("no significant positive lag"));
    }
}
