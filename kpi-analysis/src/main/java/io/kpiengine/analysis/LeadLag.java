package io.kpiengine.analysis;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A lead/lag analysis of one ordered pair of series, configured fluently and run once: cross-correlation with
 * significance band, Granger tests, the lead time, and a lagged regression at that lead for forecasts and early
 * warnings.
 *
 * <pre>{@code
 * LeadLagAnalysis a = LeadLag.of(signups, revenue)
 *         .maxLag(8)                                   // ccf lags -8..8
 *         .maxOrder(4)                                 // Granger orders 1..4
 *         .prewhitening(Prewhitening.difference())     // correlate changes, not trends
 *         .missing(MissingPolicy.INTERPOLATE)
 *         .run();
 * }</pre>
 *
 * <p>Defaults: {@code maxLag} 12, {@code maxOrder} 4, unadjusted ccf (statsmodels' {@code adjusted=False}; its
 * default is {@code True}), no pre-whitening, confidence 0.95, regression on
 * {@link LaggedRegression.Scale#PERCENT_CHANGES percent changes}, {@link MissingPolicy#ERROR}. Pre-whitening
 * applies to the cross-correlation (and so to the lead it finds); the Granger tests and the regression use the
 * series as they are, the regression on its own scale.
 *
 * <p>The builder is mutable and not thread-safe; each option can be set once; {@link #run()} leaves it reusable.
 * The series need at least {@code max(maxLag + 2 + lost, 3 maxOrder + 2)} points ({@code lost} being the points
 * pre-whitening removes), and the regression at least {@code lead + 4}.
 */
public final class LeadLag {

    private static final String STATISTIC = "lead/lag";

    private final Series leading;
    private final Series lagging;
    private final LeadLagSettings settings = new LeadLagSettings();
    private @Nullable Prewhitening prewhitening;
    private LaggedRegression.@Nullable Scale scale;

    private LeadLag(Series leading, Series lagging) {
        this.leading = leading;
        this.lagging = lagging;
    }

    /**
     * Starts an analysis of whether {@code leading} moves before {@code lagging}.
     *
     * @param leading the series expected to move first
     * @param lagging the series expected to follow, of the same length
     * @return the builder
     * @throws NullPointerException if a series is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static LeadLag of(Series leading, Series lagging) {
        Objects.requireNonNull(leading, "leading");
        Objects.requireNonNull(lagging, "lagging");
        CrossCorrelation.checkPair(leading, lagging);
        return new LeadLag(leading, lagging);
    }

    /**
     * Sets the largest lag of the cross-correlation.
     *
     * <pre>{@code
     * LeadLag.of(signups, revenue).maxLag(8).run();
     * }</pre>
     *
     * @param maxLag the largest lag, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxLag < 1}
     * @throws IllegalStateException if it was already set
     */
    public LeadLag maxLag(int maxLag) {
        settings.maxLag(maxLag);
        return this;
    }

    /**
     * Sets the largest Granger lag order.
     *
     * <pre>{@code
     * LeadLag.of(signups, revenue).maxOrder(2).run();
     * }</pre>
     *
     * @param maxOrder the largest order, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxOrder < 1}
     * @throws IllegalStateException if it was already set
     */
    public LeadLag maxOrder(int maxOrder) {
        settings.maxOrder(maxOrder);
        return this;
    }

    /**
     * Sets whether the cross-correlation divides lag {@code k} by {@code n - |k|} (adjusted) or {@code n}.
     *
     * <pre>{@code
     * LeadLag.of(signups, revenue).adjusted(true).run();
     * }</pre>
     *
     * @param adjusted true for statsmodels' {@code adjusted=True}
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public LeadLag adjusted(boolean adjusted) {
        settings.adjusted(adjusted);
        return this;
    }

    /**
     * Sets the pre-whitening of the cross-correlation.
     *
     * <pre>{@code
     * LeadLag.of(signups, revenue).prewhitening(Prewhitening.autoregressive(2)).run();
     * }</pre>
     *
     * @param prewhitening the pre-whitening
     * @return this builder
     * @throws NullPointerException if {@code prewhitening} is null
     * @throws IllegalStateException if it was already set
     */
    public LeadLag prewhitening(Prewhitening prewhitening) {
        Objects.requireNonNull(prewhitening, "prewhitening");
        LeadLagSettings.once(this.prewhitening, "prewhitening");
        this.prewhitening = prewhitening;
        return this;
    }

    /**
     * Sets the confidence level of the significance band and of the regression's intervals.
     *
     * <pre>{@code
     * LeadLag.of(signups, revenue).confidence(0.9).run();
     * }</pre>
     *
     * @param confidence the level, in (0, 1)
     * @return this builder
     * @throws IllegalArgumentException if {@code confidence} is not in (0, 1)
     * @throws IllegalStateException if it was already set
     */
    public LeadLag confidence(double confidence) {
        settings.confidence(confidence);
        return this;
    }

    /**
     * Sets the policy for missing points.
     *
     * <pre>{@code
     * LeadLag.of(signups, revenue).missing(MissingPolicy.INTERPOLATE).run();
     * }</pre>
     *
     * @param missing {@link MissingPolicy#ERROR} or {@link MissingPolicy#INTERPOLATE}
     * @return this builder
     * @throws NullPointerException if {@code missing} is null
     * @throws IllegalArgumentException if {@code missing} is {@link MissingPolicy#DROP}, which would shift the lags
     * @throws IllegalStateException if it was already set
     */
    public LeadLag missing(MissingPolicy missing) {
        settings.missing(missing);
        return this;
    }

    /**
     * Sets the scale of the lagged regression.
     *
     * <pre>{@code
     * LeadLag.of(signups, revenue).regressionScale(LaggedRegression.Scale.LEVELS).run();
     * }</pre>
     *
     * @param scale levels or percent changes
     * @return this builder
     * @throws NullPointerException if {@code scale} is null
     * @throws IllegalStateException if it was already set
     */
    public LeadLag regressionScale(LaggedRegression.Scale scale) {
        Objects.requireNonNull(scale, "scale");
        LeadLagSettings.once(this.scale, "regressionScale");
        this.scale = scale;
        return this;
    }


    /**
     * Runs the analysis.
     *
     * @return the analysis
     * @throws AnalysisException if the series are too short for the lags asked, or a point is missing under
     *     {@link MissingPolicy#ERROR}
     */
    public LeadLagAnalysis run() {
        int k = settings.maxLag();
        int p = settings.maxOrder();
        boolean adj = settings.adjusted();
        Prewhitening pw = prewhitening == null ? Prewhitening.none() : prewhitening;
        double level = settings.confidence();
        MissingPolicy policy = settings.missing();
        LaggedRegression.Scale regressionScale = scale == null ? LaggedRegression.Scale.PERCENT_CHANGES : scale;

        double[] x = leading.complete(policy, STATISTIC);
        double[] y = lagging.complete(policy, STATISTIC);
        int n = x.length;
        int need = Math.max(CrossCorrelation.minimumPoints(k, pw), Granger.minimumPoints(p));
        if (n < need) {
            throw new AnalysisException(STATISTIC, CrossCorrelation.pairLabel(leading, lagging), "have " + n
                    + " points; maxLag " + k + pw.phrase() + " and maxOrder " + p + " need at least " + need);
        }
        CrossCorrelation ccf = CrossCorrelation.compute(leading, lagging, x, y, k, adj, pw, level);
        GrangerResult granger = Granger.compute(leading, lagging, x, y, p);
        OptionalInt lead = ccf.bestLead();
        LaggedRegression regression = null;
        @Nullable String reason;
        if (lead.isPresent()) {
            try {
                regression = LaggedRegression.compute(leading, lagging, x, y, lead.getAsInt(), regressionScale, level);
                reason = null;
            } catch (AnalysisException e) {
                reason = e.getMessage();
            }
        } else {
            reason = noLeadReason(ccf);
        }
        return new LeadLagAnalysis(ccf, granger, regression, reason);
    }

    private static String noLeadReason(CrossCorrelation ccf) {
        if (ccf.reason().isPresent()) {
            return ccf.reason().orElseThrow();
        }
        int lag = 1;
        for (int k = 2; k <= ccf.maxLag(); k++) {
            if (Math.abs(ccf.correlation(k).value()) > Math.abs(ccf.correlation(lag).value())) {
                lag = k;
            }
        }
        return String.format(Locale.ROOT, "no lag in 1..%d where '%s' leads '%s' beyond the %s band (largest |r| %.3f"
                + " at lag %d, band %.3f)", ccf.maxLag(), ccf.leading(), ccf.lagging(),
                percent(ccf.confidence()), Math.abs(ccf.correlation(lag).value()), lag, ccf.band());
    }

    private static String percent(double level) {
        double p = level * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + " %";
    }
}
