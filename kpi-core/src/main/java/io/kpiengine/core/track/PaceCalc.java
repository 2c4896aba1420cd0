package io.kpiengine.core.track;

import io.kpiengine.analysis.AnomalyScore;
import io.kpiengine.analysis.HoltLinear;
import io.kpiengine.analysis.Interval;
import io.kpiengine.core.metric.Baseline;
import io.kpiengine.core.metric.Direction;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Pace towards horizon targets ({@code docs/tracking.md}, "Pace and forecast").
 *
 * <p>For a phased target, a row in the horizon shows the to-date actual (the sum of the values from the horizon's
 * first period through the row's) against the to-date expected (the sum of the phased targets over the same
 * periods), and their direction-aware achievement in percent. On the current row of the series (the last complete
 * period), if the horizon ends later, a forecast: Holt's linear method ({@link HoltLinear}) fitted on the last run of
 * consecutive values (at most {@value #MAX_FIT} of them, at least {@value #MIN_FIT}), seasonally adjusted first when
 * the metric's baseline is seasonally adjusted and the run holds two cycles; the forecast of the target's measure
 * at the horizon's end is the to-date actual plus the forecasts of the remaining periods (a phased total) or the
 * forecast of the due period (a level), with the variance of that sum or value from the ETS(A,A,N) innovations
 * (seasonal indices as weights under a multiplicative model). The probability of reaching the target is the normal
 * probability of the good side; the outlook compares the prediction interval with the target.
 */
final class PaceCalc {

    /** The most values a forecast is fitted on. */
    static final int MAX_FIT = 60;
    /** The fewest consecutive values a forecast needs. */
    static final int MIN_FIT = 6;

    private PaceCalc() {
    }

    static void fill(Series s, Run run) {
        MetricSetup m = s.m;
        int targets = m.targets.size();
        double[][] toDate = new double[targets][];
        for (int t = 0; t < s.n; t++) {
            int i = s.horizon[t];
            if (i < 0) {
                continue;
            }
            PlannedTarget target = m.targets.get(i);
            boolean phased = target.phasing() != Phasing.NONE;
            double actual = Double.NaN;
            double expected = Double.NaN;
            int end;
            if (phased) {
                if (s.shares[i] == null && s.shareReason[i] == null) {
                    TargetCalc.phase(s, run, i);
                }
                end = s.phaseEnd[i];
                if (t < s.phaseStart[i] || t > end) {
                    continue;
                }
                if (toDate[i] == null) {
                    toDate[i] = cumulate(s, i);
                }
                actual = toDate[i][2 * (t - s.phaseStart[i])];
                expected = toDate[i][2 * (t - s.phaseStart[i]) + 1];
            } else {
                end = s.spine.position(Spine.periodOn(run.calendar, run.grain,
                        Objects.requireNonNull(target.due(), "a horizon target has a due date")));
                if (t != s.current) {
                    continue;
                }
            }
            double percent = m.direction == Direction.TARGET_BAND ? Double.NaN
                    : Series.achievement(m.direction, actual, expected);
            if (t == s.current && t < end) {
                s.rows[t].pace = forecast(s, run, i, t, end, actual, expected, percent);
            } else {
                s.rows[t].pace = new Pace(target, s.period(end), actual, expected, percent, Double.NaN, null,
                        Double.NaN, null, null, null);
            }
        }
    }

    /** Per horizon period from its start: the to-date actual and expected, interleaved; NaN once one is unknown. */
    private static double[] cumulate(Series s, int i) {
        int start = s.phaseStart[i];
        int count = s.shares[i] == null ? s.phaseEnd[i] - start + 1 : s.shares[i].length;
        double[] out = new double[2 * Math.max(0, count)];
        double actual = start < 0 ? Double.NaN : 0;
        double expected = start < 0 || s.shares[i] == null ? Double.NaN : 0;
        for (int k = 0; k < count; k++) {
            int t = start + k;
            actual += t >= 0 && t < s.n ? s.v[t] : Double.NaN;
            expected += s.shares[i] == null ? Double.NaN : s.m.targetValue[i] * s.shares[i][k];
            out[2 * k] = actual;
            out[2 * k + 1] = expected;
        }
        return out;
    }

    private static Pace forecast(Series s, Run run, int i, int t, int end, double actual, double expected,
            double percent) {
        MetricSetup m = s.m;
        PlannedTarget target = m.targets.get(i);
        boolean phased = target.phasing() != Phasing.NONE;
        String reason = null;
        if (m.direction != Direction.HIGHER_IS_BETTER && m.direction != Direction.LOWER_IS_BETTER) {
            reason = "a forecast needs a higher-is-better or lower-is-better metric";
        } else if (phased && Double.isNaN(actual)) {
            reason = "the to-date actual is unknown: a period of the horizon lies before the results or has no value";
        }
        int count = 0;
        while (reason == null && count < MAX_FIT && t - count >= 0 && !Double.isNaN(s.v[t - count])) {
            count++;
        }
        if (reason == null && count < MIN_FIT) {
            reason = "a forecast needs " + MIN_FIT + " consecutive periods with values up to " + s.period(t)
                    + ", but has " + count;
        }
        if (reason != null) {
            return new Pace(target, s.period(end), actual, expected, percent, Double.NaN, null, Double.NaN, null, null,
                    reason);
        }
        int from = t + 1 - count;
        Seasonal season = null;
        Baseline b = m.baseline;
        if (b.method() == Baseline.Method.SEASONALLY_ADJUSTED && m.seasonalPeriod >= 2) {
            Seasonal fit = Seasonal.fit(s.v, from, t + 1, m.seasonalPeriod,
                    b.seasonalModel().orElseThrow() == Baseline.SeasonalModel.MULTIPLICATIVE);
            season = fit.reason == null ? fit : null;
        }
        double[] y = new double[count];
        for (int k = 0; k < count; k++) {
            y[k] = season == null ? s.v[from + k] : season.adjust(s.v[from + k], from + k);
        }
        HoltLinear holt = HoltLinear.fit(y);
        int steps = end - t;
        double forecast;
        double variance;
        if (phased) {
            double[] weights = new double[steps];
            forecast = actual;
            for (int h = 1; h <= steps; h++) {
                double f = holt.forecast(h);
                forecast += season == null ? f : season.reseasonalize(f, t + h);
                weights[h - 1] = season != null && season.multiplicative ? season.index(t + h) : 1;
            }
            variance = holt.sumVariance(weights);
        } else {
            double f = holt.forecast(steps);
            forecast = season == null ? f : season.reseasonalize(f, end);
            double scale = season != null && season.multiplicative ? season.index(end) : 1;
            variance = holt.variance(steps) * scale * scale;
        }
        double goal = m.targetValue[i];
        Interval interval = HoltLinear.normalInterval(forecast, variance, run.intervalLevel);
        boolean higher = m.direction == Direction.HIGHER_IS_BETTER;
        double sd = Math.sqrt(variance);
        double margin = higher ? forecast - goal : goal - forecast;
        double probability = sd > 0 ? AnomalyScore.pValue(margin / sd, AnomalyScore.Tail.LOWER)
                : margin >= 0 ? 1 : 0;
        Pace.Outlook outlook;
        if (higher ? interval.low() >= goal : interval.high() <= goal) {
            outlook = Pace.Outlook.WILL_REACH;
        } else if (higher ? interval.high() < goal : interval.low() > goal) {
            outlook = Pace.Outlook.WILL_MISS;
        } else {
            outlook = Pace.Outlook.AT_RISK;
        }
        String model = String.format(Locale.ROOT, "Holt linear (alpha %.3f, beta %.3f) on %d periods %s..%s%s",
                holt.alpha(), holt.beta(), count, s.period(from), s.period(t), season == null ? ""
                        : ", seasonally adjusted (" + (season.multiplicative ? "multiplicative" : "additive")
                        + ", period " + season.period + ")");
        return new Pace(target, s.period(end), actual, expected, percent, forecast, interval, probability, outlook,
                model, null);
    }
}
