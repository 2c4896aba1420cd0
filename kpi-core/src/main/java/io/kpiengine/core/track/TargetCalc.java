package io.kpiengine.core.track;

import io.kpiengine.core.metric.Baseline;
import io.kpiengine.core.time.Period;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Resolves the targets of each row of a series: which planned target of each kind applies (the most specific
 * segment, then the latest effective date, then the last declared), its value in the period (a phased target's
 * share), the band, and the horizon target whose pace the row shows.
 *
 * <p>Phasing ({@link Phasing}): the horizon's periods are those whose first date lies between the start and the due
 * date; LINEAR gives each {@code 1 / n} of the total; SEASONAL gives each the share of its seasonally adjusted
 * baseline, forecast from the history before the horizon, in the sum over the horizon. Shares are computed once per
 * series and target.
 */
final class TargetCalc {

    private TargetCalc() {
    }

    // targets are grouped by kind in arrays indexed by the kind's ordinal: no map per segment and period
    @SuppressWarnings("EnumOrdinal")
    static void fill(Series s, Run run) {
        MetricSetup m = s.m;
        int kinds = TargetKind.values().length;
        int[][] byKind = new int[kinds][];
        int[] counts = new int[kinds];
        for (int k = 0; k < kinds; k++) {
            byKind[k] = new int[m.targets.size()];
        }
        for (int i = 0; i < m.targets.size(); i++) {
            PlannedTarget t = m.targets.get(i);
            if (t.appliesTo(s.segment)) {
                int k = t.kind().ordinal();
                byKind[k][counts[k]++] = i;
            }
        }
        for (int t = 0; t < s.n; t++) {
            long day = s.spine.firstDay[t];
            ScorecardRow row = s.rows[t];
            int shortTerm = pick(m, byKind[TargetKind.SHORT_TERM.ordinal()], counts[TargetKind.SHORT_TERM.ordinal()],
                    day);
            int longTerm = pick(m, byKind[TargetKind.LONG_TERM.ordinal()], counts[TargetKind.LONG_TERM.ordinal()], day);
            int stretch = pick(m, byKind[TargetKind.STRETCH.ordinal()], counts[TargetKind.STRETCH.ordinal()], day);
            int band = pick(m, byKind[TargetKind.BAND.ordinal()], counts[TargetKind.BAND.ordinal()], day);
            if (shortTerm >= 0) {
                row.target = value(s, run, shortTerm, t, row);
                row.targetKind = TargetKind.SHORT_TERM;
            } else if (longTerm >= 0) {
                row.target = value(s, run, longTerm, t, row);
                row.targetKind = TargetKind.LONG_TERM;
            }
            if (stretch >= 0) {
                row.stretch = value(s, run, stretch, t, row);
            }
            if (band >= 0) {
                row.bandLow = m.bandLow[band];
                row.bandHigh = m.bandHigh[band];
            }
            s.horizon[t] = horizon(m, longTerm, day) ? longTerm : horizon(m, stretch, day) ? stretch : -1;
        }
    }

    /** Whether target i has a due date on or after a period's first day. */
    private static boolean horizon(MetricSetup m, int i, long day) {
        return i >= 0 && m.dueDay[i] != Long.MAX_VALUE && day <= m.dueDay[i];
    }

    private static int pick(MetricSetup m, int[] candidates, int count, long day) {
        int best = -1;
        for (int c = 0; c < count; c++) {
            int i = candidates[c];
            if (m.applies(i, day) && (best < 0 || m.before(i, best))) {
                best = i;
            }
        }
        return best;
    }

    /** The value of target i in period t: its value, or its share of a phased total (NaN with a reason). */
    private static double value(Series s, Run run, int i, int t, ScorecardRow row) {
        MetricSetup m = s.m;
        PlannedTarget target = m.targets.get(i);
        if (target.phasing() == Phasing.NONE) {
            return m.targetValue[i];
        }
        if (s.shares[i] == null && s.shareReason[i] == null) {
            phase(s, run, i);
        }
        if (s.shareReason[i] != null) {
            if (row.targetReason == null) {
                row.targetReason = s.shareReason[i];
            }
            return Double.NaN;
        }
        int k = t - s.phaseStart[i];
        return k >= 0 && k < s.shares[i].length ? m.targetValue[i] * s.shares[i][k] : Double.NaN;
    }

    /** The horizon positions of target i and its per-period shares, or the reason there are none. */
    static void phase(Series s, Run run, int i) {
        MetricSetup m = s.m;
        PlannedTarget target = m.targets.get(i);
        LocalDate horizonStart = Objects.requireNonNull(target.horizonStart(), "a phased target has its horizon");
        Period first = Spine.periodOn(run.calendar, run.grain, horizonStart);
        if (first.firstDate().isBefore(horizonStart)) {
            first = first.next();
        }
        int start = s.spine.position(first);
        int end = s.spine.position(Spine.periodOn(run.calendar, run.grain,
                Objects.requireNonNull(target.due(), "a phased target has its due date")));
        s.phaseStart[i] = start;
        s.phaseEnd[i] = end;
        int count = end - start + 1;
        if (count < 1) {
            s.shareReason[i] = "the horizon " + target.horizonStart() + ".." + target.due() + " holds no period start";
            return;
        }
        double[] shares = new double[count];
        if (target.phasing() == Phasing.LINEAR) {
            java.util.Arrays.fill(shares, 1.0 / count);
            s.shares[i] = shares;
            return;
        }
        Baseline b = m.baseline;
        int years = b.method() == Baseline.Method.SEASONALLY_ADJUSTED ? b.length() : Baseline.MIN_SEASONAL_YEARS;
        int period = m.seasonalPeriod;
        int historyEnd = Math.max(0, Math.min(start, s.n));
        Seasonal fit = period < 2 ? Seasonal.failed("the metric has no seasonal period")
                : Seasonal.fit(s.v, Math.max(0, historyEnd - years * period), historyEnd, period,
                        b.seasonalModel().orElse(Baseline.SeasonalModel.ADDITIVE)
                                == Baseline.SeasonalModel.MULTIPLICATIVE);
        if (fit.reason != null) {
            s.shareReason[i] = "seasonal phasing of the " + target.kind().id() + " target: " + fit.reason
                    + " before the horizon starts (" + first + ")";
            return;
        }
        double sum = 0;
        for (int k = 0; k < count; k++) {
            shares[k] = fit.at(start + k);
            if (!(shares[k] > 0)) {
                s.shareReason[i] = "seasonal phasing of the " + target.kind().id() + " target: the seasonal baseline"
                        + " of " + s.period(start + k) + " is " + shares[k] + ", not positive";
                return;
            }
            sum += shares[k];
        }
        for (int k = 0; k < count; k++) {
            shares[k] /= sum;
        }
        s.shares[i] = shares;
    }
}
