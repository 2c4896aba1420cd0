package io.kpiengine.analysis;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The result of a {@link LeadLag} analysis of one ordered pair: the cross-correlation, the Granger tests, the lead
 * time, and the lagged regression at that lead from which an {@link EarlyWarning} is drawn.
 *
 * <pre>{@code
 * LeadLagAnalysis a = LeadLag.of(signups, revenue).maxLag(8).run();
 * a.earlyWarning("week").ifPresent(w -> System.out.println(w.sentence()));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LeadLagAnalysis {

    private final CrossCorrelation crossCorrelation;
    private final GrangerResult granger;
    private final @Nullable LaggedRegression regression;
    private final @Nullable String regressionReason;

    LeadLagAnalysis(CrossCorrelation crossCorrelation, GrangerResult granger, @Nullable LaggedRegression regression,
            @Nullable String regressionReason) {
        this.crossCorrelation = crossCorrelation;
        this.granger = granger;
        this.regression = regression;
        this.regressionReason = regressionReason;
    }

    /**
     * Returns the cross-correlation of the pair.
     *
     * @return the cross-correlation
     */
    public CrossCorrelation crossCorrelation() {
        return crossCorrelation;
    }

    /**
     * Returns the Granger tests of "leading causes lagging".
     *
     * @return the tests for orders {@code 1..maxOrder}
     */
    public GrangerResult granger() {
        return granger;
    }

    /**
     * Returns the lead time, {@link CrossCorrelation#bestLead()}: the positive lag of largest absolute correlation,
     * when it is significant.
     *
     * @return the lead in periods, or empty
     */
    public OptionalInt lead() {
        return crossCorrelation.bestLead();
    }

    /**
     * Returns the lagged regression of the lagging series on the leading series at the lead time.
     *
     * @return the regression, or empty when there is no significant lead or it could not be fitted (see
     *     {@link #regressionReason()})
     */
    public Optional<LaggedRegression> regression() {
        return Optional.ofNullable(regression);
    }

    /**
     * Returns why there is no lagged regression.
     *
     * @return the reason, or empty when the regression is present
     */
    public Optional<String> regressionReason() {
        return Optional.ofNullable(regressionReason);
    }

    /**
     * Returns the early-warning statement drawn from the lagged regression: the forecast from the leading series'
     * last point, the regression's R², and the Granger ssr F p-value at order {@code min(lead, maxOrder)}.
     *
     * <pre>{@code
     * analysis.earlyWarning("week").map(EarlyWarning::sentence).orElse("no early warning");
     * }</pre>
     *
     * @param periodUnit the name of one period, singular, for instance {@code "week"}
     * @return the statement, or empty when there is no regression (see {@link #regressionReason()})
     * @throws NullPointerException if {@code periodUnit} is null
     * @throws IllegalArgumentException if {@code periodUnit} is blank
     */
    public Optional<EarlyWarning> earlyWarning(String periodUnit) {
        Objects.requireNonNull(periodUnit, "periodUnit");
        if (periodUnit.isBlank()) {
            throw new IllegalArgumentException("periodUnit must not be blank");
        }
        if (regression == null) {
            return Optional.empty();
        }
        int lead = regression.lag();
        int order = Math.min(lead, granger.maxOrder());
        Figure p = granger.order(order).map(o -> Figure.of(o.fPValue()))
                .orElseGet(() -> Figure.absent(granger.reason().orElse("order " + order + " was not tested")));
        Forecast forecast = regression.forecast();
        return Optional.of(new EarlyWarning(regression.leading(), regression.lagging(), lead, periodUnit,
                regression.scale(), forecast.leadingValue(), forecast, regression.rSquared(), p));
    }

    @Override
    public String toString() {
        return "LeadLagAnalysis[" + crossCorrelation + ", " + granger + ", "
                + (regression != null ? regression : regressionReason) + "]";
    }
}
