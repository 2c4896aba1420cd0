package io.kpiengine.core.track;

import io.kpiengine.analysis.AnomalyScore;
import io.kpiengine.core.metric.Baseline;
import io.kpiengine.core.time.Period;

/**
 * Computes the baseline of each row of a series from the values of the complete periods before it, by the
 * metric's {@link Baseline} ({@code docs/tracking.md}, "Baselines"):
 *
 * <ul>
 *   <li>trailing mean / median: the values of the {@code N} periods before the row that have one; with fewer than
 *       the minimum count, no value;</li>
 *   <li>same period last year ({@code Period.plusYears(-1)}), and the mean of the same period over the last
 *       {@code K} years (at least the minimum count of them with a value);</li>
 *   <li>seasonally adjusted: {@link Seasonal} over the {@code years x m} periods before the row (all of them in the
 *       results and with a value, at least two cycles);</li>
 *   <li>fixed: the value, for periods starting on or after its effective date.</li>
 * </ul>
 * Every missing value carries its reason. Costs {@code O(N)} per row (a median sorts {@code N} values).
 */
final class Baselines {

    private Baselines() {
    }

    static void fill(Series s, int t, double[] scratch, ScorecardRow row) {
        Baseline spec = s.m.baseline;
        Period here = s.period(t);
        switch (spec.method()) {
            case TRAILING:
            case TRAILING_MEDIAN:
                trailing(s, t, spec, here, scratch, row);
                break;
            case SAME_PERIOD_LAST_YEAR:
            case SAME_PERIOD_AVERAGE:
                samePeriod(s, t, spec, here, row);
                break;
            case SEASONALLY_ADJUSTED:
                seasonal(s, t, spec, here, row);
                break;
            default:
                if (here.firstDate().isBefore(spec.asOf().orElseThrow())) {
                    row.baselineReason = () -> "the fixed baseline applies from " + spec.asOf().get()
                            + ", after the start of " + here;
                } else {
                    row.baselineValue = spec.value().orElseThrow().doubleValue();
                }
        }
    }

    private static void set(ScorecardRow row, double value, Period first, Period last, int count) {
        row.baselineValue = value;
        row.baselineFrom = first;
        row.baselineTo = last;
        row.baselineCount = count;
    }

    private static void trailing(Series s, int t, Baseline spec, Period here, double[] scratch, ScorecardRow row) {
        int w = spec.length();
        int from = Math.max(0, t - w);
        int count = 0;
        for (int i = from; i < t; i++) {
            if (!Double.isNaN(s.v[i])) {
                scratch[count++] = s.v[i];
            }
        }
        int min = spec.minPeriods();
        if (count < min) {
            int have = count;
            Period start = t - w < 0 ? s.period(0) : null;
            row.baselineReason = () -> have + " of the " + w + " periods before " + here + " have a value"
                    + (start == null ? "" : " (the results start at " + start + ")") + "; the baseline needs " + min;
            return;
        }
        double value;
        if (spec.method() == Baseline.Method.TRAILING) {
            value = AnomalyScore.mean(scratch, 0, count);
        } else {
            value = AnomalyScore.median(scratch, 0, count);
        }
        set(row, value, s.period(from), s.period(t - 1), count);
    }

    private static void samePeriod(Series s, int t, Baseline spec, Period here, ScorecardRow row) {
        int years = spec.length();
        int min = spec.method() == Baseline.Method.SAME_PERIOD_LAST_YEAR ? 1 : spec.minPeriods();
        double sum = 0;
        int count = 0;
        int firstUsed = -1;
        int lastUsed = -1;
        int missingYears = 0;
        boolean missingBefore = false;
        for (int k = 1; k <= years; k++) {
            int j = s.yearsBack(t, k);
            if (j >= 0 && !Double.isNaN(s.v[j])) {
                sum += s.v[j];
                count++;
                firstUsed = j;
                lastUsed = lastUsed < 0 ? j : lastUsed;
            } else if (missingYears == 0) {
                missingYears = k;
                missingBefore = j < 0;
            }
        }
        if (count < min) {
            int k = missingYears;
            boolean before = missingBefore;
            int have = count;
            Period first = s.period(0);
            row.baselineReason = () -> (years == 1 ? "the same period last year, "
                    : "the same period " + years + " years back: ") + here.plusYears(-k)
                    + (before ? " lies before the first period of the results (" + first + ")" : " has no value")
                    + (years == 1 ? "" : "; " + have + " of " + years + " years have a value and the baseline needs "
                    + min);
            return;
        }
        set(row, sum / count, s.period(firstUsed), s.period(lastUsed), count);
    }

    private static void seasonal(Series s, int t, Baseline spec, Period here, ScorecardRow row) {
        int m = s.m.seasonalPeriod;
        int from = Math.max(0, t - spec.length() * m);
        Seasonal fit = Seasonal.fit(s.v, from, t, m, spec.seasonalModel().orElseThrow()
                == Baseline.SeasonalModel.MULTIPLICATIVE);
        if (fit.reason != null) {
            row.baselineReason = () -> fit.reason + " before " + here;
            return;
        }
        set(row, fit.at(t), s.period(from), s.period(t - 1), t - from);
    }
}
