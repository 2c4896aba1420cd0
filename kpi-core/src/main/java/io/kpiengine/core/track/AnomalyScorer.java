package io.kpiengine.core.track;

import io.kpiengine.analysis.AnomalyScore;
import io.kpiengine.analysis.EwmaChart;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The anomaly signal of one rule over one series, period by period in order ({@link #next}): the score, its p-value,
 * the expected value and band. The alert machine pulls it as it walks the periods, so no per-period arrays are kept;
 * with false-alarm control the tracker runs it ahead of the machines to adjust the p-values of each period together.
 *
 * <p>Design: sigma and robust scores keep the trailing window's values in ascending order as it slides (one removal
 * and one insertion per period), so the median and MAD cost a linear merge ({@link
 * AnomalyScore#medianAndMadOfSorted}) instead of two sorts; the window holds the values of the {@code window}
 * periods before the current one that have one, and a score needs at least 3 of them and half the window. The EWMA
 * chart is calibrated on the series' first {@code window} values (or resumed from the previous run's state when the
 * results start after it) and advances with every value after them.
 */
final class AnomalyScorer {

    private final Series s;
    private final AlertRule r;
    private final AnomalyScore.Tail tail;
    private final boolean withP;
    private final double @Nullable [] sorted;
    private final double[] robust = new double[2];
    private final int need;
    private int size;
    private @Nullable EwmaChart chart;
    private double z;
    private long points;
    private int start;

    AnomalyScorer(Series s, Run run, AlertRule r, boolean withP) {
        this.s = s;
        this.r = r;
        this.withP = withP;
        this.tail = tail(r);
        int w = r.window();
        this.need = Math.max(3, (w + 1) / 2);
        this.sorted = r.method() == AlertRule.Method.EWMA ? null : new double[w];
        if (r.method() == AlertRule.Method.EWMA) {
            calibrate(run);
        }
    }

    static AnomalyScore.Tail tail(AlertRule r) {
        return r.side() == AlertRule.Side.BEYOND ? AnomalyScore.Tail.BOTH
                : r.side() == AlertRule.Side.ABOVE ? AnomalyScore.Tail.UPPER : AnomalyScore.Tail.LOWER;
    }

    private void calibrate(Run run) {
        MachineState prev = run.previous.isEmpty() ? null
                : run.previous.get(MachineState.key(r.id(), s.m.id, s.segment));
        if (prev != null && prev.ewma() && prev.last() < s.spine.firstIndex) {
            chart = new EwmaChart(prev.mean(), prev.sigma(), r.lambda(), 1);
            z = prev.statistic();
            points = prev.points();
            start = 0;
            return;
        }
        double[] first = new double[r.window()];
        int count = 0;
        start = 0;
        while (start < s.n && count < first.length) {
            if (!Double.isNaN(s.v[start])) {
                first[count++] = s.v[start];
            }
            start++;
        }
        if (count == first.length && AnomalyScore.standardDeviation(first, 0, count) > 0) {
            chart = EwmaChart.calibrate(first, 0, count, r.lambda(), 1);
            z = chart.mean();
        }
    }

    /** The chart at the end (mean, sigma, statistic, points), or null for other methods or an uncalibrated chart. */
    double @Nullable [] ewmaEnd() {
        return chart == null ? null : new double[] {chart.mean(), chart.sigma(), z, points};
    }

    /**
     * Advances to period t (calls must come for t = 0, 1, ... in order) and writes its signal, p-value (when asked
     * for), expected value and band into {@code out} at AlertCalc.SIGNAL..HIGH, NaN where there is none.
     */
    void next(int t, double[] out) {
        Arrays.fill(out, 0, 5, Double.NaN);
        if (r.method() == AlertRule.Method.EWMA) {
            if (chart == null || t < start || Double.isNaN(s.v[t])) {
                return;
            }
            z = chart.next(z, s.v[t]);
            points++;
            write(out, chart.score(z, points), chart.mean(), chart.statisticSigma(points));
            return;
        }
        double[] sorted = Objects.requireNonNull(this.sorted, "a sigma or MAD rule keeps its window sorted");
        int w = r.window();
        if (t - 1 - w >= 0 && !Double.isNaN(s.v[t - 1 - w])) {
            int at = Arrays.binarySearch(sorted, 0, size, s.v[t - 1 - w]);
            System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
            size--;
        }
        if (t >= 1 && !Double.isNaN(s.v[t - 1])) {
            int i = Arrays.binarySearch(sorted, 0, size, s.v[t - 1]);
            int at = i >= 0 ? i : -i - 1;
            System.arraycopy(sorted, at, sorted, at + 1, size - at);
            sorted[at] = s.v[t - 1];
            size++;
        }
        if (Double.isNaN(s.v[t]) || size < need) {
            return;
        }
        double centre;
        double scale;
        if (r.method() == AlertRule.Method.SIGMA) {
            centre = s.rows[t].baselineValue;
            scale = AnomalyScore.standardDeviation(sorted, 0, size);
        } else {
            AnomalyScore.medianAndMadOfSorted(sorted, 0, size, robust);
            centre = robust[0];
            scale = AnomalyScore.MAD_SCALE * robust[1];
        }
        if (!Double.isNaN(centre) && scale > 0) {
            write(out, (s.v[t] - centre) / scale, centre, scale);
        }
    }

    private void write(double[] out, double score, double centre, double scale) {
        out[AlertCalc.SIGNAL] = score;
        if (withP) {
            out[AlertCalc.P] = AnomalyScore.pValue(score, tail);
        }
        out[AlertCalc.EXPECTED] = centre;
        if (r.side() != AlertRule.Side.ABOVE) {
            out[AlertCalc.LOW] = centre + (r.side() == AlertRule.Side.BEYOND ? -r.enter() : r.enter()) * scale;
        }
        if (r.side() != AlertRule.Side.BELOW) {
            out[AlertCalc.HIGH] = centre + r.enter() * scale;
        }
    }
}
