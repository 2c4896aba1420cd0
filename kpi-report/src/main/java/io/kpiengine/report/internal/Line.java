package io.kpiengine.report.internal;

import java.util.Arrays;
import java.util.Map;

/**
 * One series of a KPI over the report's periods: a segment (one combination of dimension values) or the total.
 * Arrays are indexed by the report's period index; NaN marks a missing number, and {@link #reason} says why a
 * value is missing. Filled by the model builder from results and, when given, replaced by a scorecard's numbers.
 */
public final class Line {

    /** The label shown: the segment's values joined with a middle dot, or "Total". */
    public final String label;
    /** The segment's dimension values; empty for the total. */
    public final Map<String, String> segment;
    /** Whether this is the roll-up over all segments. */
    public final boolean total;
    /** The values. */
    public final double[] value;
    /** Why a value is missing (null where there is one). */
    public final String[] reason;
    /** The target in force in each period (NaN without one). */
    public final double[] target;
    /** The stretch target in force (NaN without one). */
    public final double[] stretch;
    /** The low and high ends of a target band (NaN without one). */
    public final double[] bandLow;
    /** The high end of a target band. */
    public final double[] bandHigh;
    /** Achievement against the target in percent, by the metric's direction. */
    public final double[] achievement;
    /** The status of each period. */
    public final Status[] status;
    /** The baseline and its band (mean plus or minus one standard deviation of its window). */
    public final double[] baseline;
    /** The lower end of the baseline band. */
    public final double[] baselineLow;
    /** The upper end of the baseline band. */
    public final double[] baselineHigh;
    /** Why the status is what it is (the rule that decided it), per period; null when obvious. */
    public final String[] statusRule;

    Line(String label, Map<String, String> segment, boolean total, int periods) {
        this.label = label;
        this.segment = segment;
        this.total = total;
        this.value = nan(periods);
        this.reason = new String[periods];
        this.target = nan(periods);
        this.stretch = nan(periods);
        this.bandLow = nan(periods);
        this.bandHigh = nan(periods);
        this.achievement = nan(periods);
        this.status = new Status[periods];
        Arrays.fill(status, Status.NO_DATA);
        this.baseline = nan(periods);
        this.baselineLow = nan(periods);
        this.baselineHigh = nan(periods);
        this.statusRule = new String[periods];
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /**
     * The relative change of period {@code i} against the period before, in percent.
     *
     * @param i the period index
     * @return the change, NaN when either value is missing or the earlier one is 0
     */
    public double changePercent(int i) {
        if (i <= 0 || !Double.isFinite(value[i]) || !Double.isFinite(value[i - 1]) || value[i - 1] == 0) {
            return Double.NaN;
        }
        return (value[i] - value[i - 1]) / Math.abs(value[i - 1]) * 100;
    }

    /**
     * Whether an array holds a finite number.
     *
     * @param v the array
     * @return true if one element is finite
     */
    static boolean anyFinite(double[] v) {
        for (double d : v) {
            if (Double.isFinite(d)) {
                return true;
            }
        }
        return false;
    }
}
