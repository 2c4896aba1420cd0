package io.kpiengine.core.track;

import io.kpiengine.analysis.Interval;
import io.kpiengine.core.time.Period;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Progress of one scorecard row towards a horizon target (a long-term or stretch target with a due date): for a
 * phased target, the to-date actual against the to-date expected; on the current row of a series, the forecast at
 * the horizon's end with its prediction interval, the probability of reaching the target and the outlook.
 *
 * <p>The forecast model is Holt's linear method fitted as statsmodels' {@code Holt(...).fit()} fits it (SSE over the
 * one-step errors, initial level and trend estimated with the smoothing weights), on the seasonally adjusted
 * series when the metric's baseline is seasonally adjusted; the exact definition is in {@code docs/tracking.md}.
 * Immutable and thread-safe.
 */
public final class Pace {

    /** Where the forecast puts the KPI at the horizon's end, relative to the target. */
    public enum Outlook {
        /** The whole prediction interval lies on the good side of the target. */
        WILL_REACH,
        /** The prediction interval holds the target. */
        AT_RISK,
        /** The whole prediction interval lies on the bad side of the target. */
        WILL_MISS;

        /**
         * The outlook as written in outputs: {@code will-reach}, {@code at-risk}, {@code will-miss}.
         *
         * @return the identifier
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final PlannedTarget target;
    private final Period horizonEnd;
    private final double toDateActual;
    private final double toDateExpected;
    private final double percent;
    private final double forecast;
    private final @Nullable Interval interval;
    private final double probability;
    private final @Nullable Outlook outlook;
    private final @Nullable String model;
    private final @Nullable String reason;

    Pace(PlannedTarget target, Period horizonEnd, double toDateActual, double toDateExpected, double percent,
            double forecast, @Nullable Interval interval, double probability, @Nullable Outlook outlook,
            @Nullable String model, @Nullable String reason) {
        this.target = target;
        this.horizonEnd = horizonEnd;
        this.toDateActual = toDateActual;
        this.toDateExpected = toDateExpected;
        this.percent = percent;
        this.forecast = forecast;
        this.interval = interval;
        this.probability = probability;
        this.outlook = outlook;
        this.model = model;
        this.reason = reason;
    }

    private static OptionalDouble of(double v) {
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * The horizon target.
     *
     * @return the target
     */
    public PlannedTarget target() {
        return target;
    }

    /**
     * The period holding the target's due date.
     *
     * @return the last period of the horizon
     */
    public Period horizonEnd() {
        return horizonEnd;
    }

    /**
     * The sum of the values from the horizon's start through this period (phased targets).
     *
     * @return the to-date actual, empty for a level target or when a period of the horizon has no value
     */
    public OptionalDouble toDateActual() {
        return of(toDateActual);
    }

    /**
     * The sum of the phased targets from the horizon's start through this period.
     *
     * @return the to-date expected, empty for a level target
     */
    public OptionalDouble toDateExpected() {
        return of(toDateExpected);
    }

    /**
     * The to-date actual as the direction-aware achievement of the to-date expected, in percent (the status input
     * {@code pace}).
     *
     * @return the pace, empty without to-date values
     */
    public OptionalDouble percent() {
        return of(percent);
    }

    /**
     * The forecast of the target's measure at the horizon's end: the total over the horizon (phased) or the value
     * of the due period (level).
     *
     * @return the forecast, empty on rows other than a series' current row, or when the model could not be fitted
     *     (see {@link #reason()})
     */
    public OptionalDouble forecast() {
        return of(forecast);
    }

    /**
     * The prediction interval of the forecast, at the plan's interval level.
     *
     * @return the interval, empty without forecast
     */
    public Optional<Interval> interval() {
        return Optional.ofNullable(interval);
    }

    /**
     * The probability of reaching the target under the forecast's normal predictive distribution.
     *
     * @return 0..1, empty without forecast
     */
    public OptionalDouble probability() {
        return of(probability);
    }

    /**
     * Where the forecast puts the KPI at the horizon's end.
     *
     * @return the outlook, empty without forecast
     */
    public Optional<Outlook> outlook() {
        return Optional.ofNullable(outlook);
    }

    /**
     * The fitted forecast model in words, e.g. {@code Holt linear (alpha 0.412, beta 0.031) on 30 periods}.
     *
     * @return the description, empty without forecast
     */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /**
     * Why there is no forecast on a current row.
     *
     * @return the reason, empty when there is a forecast or the row is not current
     */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("pace towards ").append(target);
        if (!Double.isNaN(percent)) {
            sb.append(String.format(Locale.ROOT, ": %.1f%% (%.6g of %.6g)", percent, toDateActual, toDateExpected));
        }
        if (interval != null) {
            sb.append(String.format(Locale.ROOT, "; forecast %.6g [%.6g, %.6g], P(reach) %.2f, %s", forecast,
                    interval.low(), interval.high(), probability,
                    Objects.requireNonNull(outlook, "a forecast has an outlook").id()));
        } else if (reason != null) {
            sb.append("; no forecast: ").append(reason);
        }
        return sb.toString();
    }
}
