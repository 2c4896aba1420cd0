package io.kpiengine.analysis;

import io.kpiengine.analysis.internal.LagSums;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Shifts in the mean level of a series, found by PELT (Killick, Fearnhead and Eckley 2012) with a BIC penalty.
 *
 * <p><b>Method.</b> The segmentation minimises {@code sum over segments of sum (v - segment mean)^2 / sigma^2 +
 * beta * (number of change points)} exactly (PELT prunes the optimal-partitioning recursion without losing the
 * optimum). The penalty is BIC for a Gaussian mean change with known variance, {@code beta = 2 ln n} (each change
 * adds a mean and a location; R's {@code changepoint::cpt.mean(penalty = "BIC")} uses the same
 * {@code (1 + 1) log n}). The noise level {@code sigma} is estimated robustly from the first differences, which a
 * few level shifts barely touch: {@code sigma = MAD(diff(v)) / sqrt 2} with the normal-consistent MAD
 * ({@code 1.4826 median |d - median d|}, R's {@code mad}); if that is 0 (a step function without noise), the
 * standard deviation of the differences over {@code sqrt 2}; if that is 0 too, the series is constant and has no
 * change point. Segments are at least {@value #MIN_SEGMENT} points long.
 *
 * <p><b>Cost.</b> {@code O(n)} to {@code O(n^2)} time (pruning keeps it near linear when changes are spread out);
 * the recursion's arrays are {@code O(n)}. Sums are taken on the series centred on its mean, so that large levels
 * do not cancel in {@code sum v^2 - (sum v)^2 / m}.
 *
 * <pre>{@code
 * ChangePoints shifts = ChangePoints.detect(dailyOrders);
 * for (MeanSegment s : shifts.segments()) {
 *     System.out.println(s.from() + ".." + (s.to() - 1) + ": " + s.mean());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ChangePoints {

    /** The shortest segment, in points. */
    public static final int MIN_SEGMENT = 2;

    private static final double MAD_TO_SD = 1.482602218505602;

    private final String name;
    private final List<Integer> indices;
    private final List<MeanSegment> segments;
    private final double sigma;
    private final double penalty;

    private ChangePoints(String name, List<Integer> indices, List<MeanSegment> segments, double sigma,
            double penalty) {
        this.name = name;
        this.indices = List.copyOf(indices);
        this.segments = List.copyOf(segments);
        this.sigma = sigma;
        this.penalty = penalty;
    }

    /**
     * Detects mean shifts; a missing point is an error.
     *
     * @param series the series
     * @return the change points and segments
     * @throws NullPointerException if {@code series} is null
     * @throws AnalysisException if the series has fewer than {@code 2 MIN_SEGMENT} points or a missing point
     */
    public static ChangePoints detect(Series series) {
        return detect(series, MissingPolicy.ERROR);
    }

    /**
     * Detects mean shifts.
     *
     * @param series the series
     * @param missing {@link MissingPolicy#ERROR} or {@link MissingPolicy#INTERPOLATE}
     * @return the change points and segments
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code missing} is {@link MissingPolicy#DROP}
     * @throws AnalysisException if the series has fewer than {@code 2 MIN_SEGMENT} points, or a missing point under
     *     {@link MissingPolicy#ERROR}
     */
    public static ChangePoints detect(Series series, MissingPolicy missing) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(missing, "missing");
        String statistic = "change points";
        double[] v = series.complete(missing, statistic);
        int n = v.length;
        if (n < 2 * MIN_SEGMENT) {
            throw new AnalysisException(statistic, series.label(), "has " + n + " points; needs at least "
                    + 2 * MIN_SEGMENT);
        }
        double mean = LagSums.mean(v, n);
        double beta = 2 * Math.log(n);
        double sigma = noise(v);
        if (!(sigma > 0)) {
            return new ChangePoints(series.name(), List.of(), List.of(new MeanSegment(0, n, v[0])), 0, beta);
        }
        double[] s1 = new double[n + 1];
        double[] s2 = new double[n + 1];
        for (int t = 0; t < n; t++) {
            double c = v[t] - mean;
            s1[t + 1] = s1[t] + c;
            s2[t + 1] = s2[t] + c * c;
        }
        double scale = 1 / (sigma * sigma);
        double[] best = new double[n + 1];
        int[] last = new int[n + 1];
        int[] candidates = new int[n + 1];
        int count = 1;
        candidates[0] = 0;
        best[0] = -beta;
        for (int t = MIN_SEGMENT; t <= n; t++) {
            int admissible = t - MIN_SEGMENT;
            if (admissible >= MIN_SEGMENT) {
                candidates[count++] = admissible;
            }
            double min = Double.POSITIVE_INFINITY;
            int argmin = 0;
            for (int c = 0; c < count; c++) {
                int tau = candidates[c];
                double f = best[tau] + cost(s1, s2, tau, t) * scale + beta;
                if (f < min) {
                    min = f;
                    argmin = tau;
                }
            }
            best[t] = min;
            last[t] = argmin;
            // PELT pruning, delayed by MIN_SEGMENT - 1 periods: tau can be dropped once some s beats it, because
            // C(tau, T) >= C(tau, s) + C(s, T); the segment [s, T) is admissible only for T >= s + MIN_SEGMENT,
            // so s = t - MIN_SEGMENT + 1 is the latest point whose verdict holds for every later T > t
            int s = t - MIN_SEGMENT + 1;
            if (s >= MIN_SEGMENT) {
                int kept = 0;
                for (int c = 0; c < count; c++) {
                    int tau = candidates[c];
                    if (tau >= s || best[tau] + cost(s1, s2, tau, s) * scale <= best[s]) {
                        candidates[kept++] = tau;
                    }
                }
                count = kept;
            }
        }
        List<Integer> cuts = new ArrayList<>();
        for (int t = last[n]; t > 0; t = last[t]) {
            cuts.add(t);
        }
        java.util.Collections.reverse(cuts);
        List<MeanSegment> segments = new ArrayList<>(cuts.size() + 1);
        int from = 0;
        for (int i = 0; i <= cuts.size(); i++) {
            int to = i < cuts.size() ? cuts.get(i) : n;
            segments.add(new MeanSegment(from, to, mean + (s1[to] - s1[from]) / (to - from)));
            from = to;
        }
        return new ChangePoints(series.name(), cuts, segments, sigma, beta);
    }

    /** The residual sum of squares of points [a, b) around their mean. */
    private static double cost(double[] s1, double[] s2, int a, int b) {
        double sum = s1[b] - s1[a];
        return Math.max(0, s2[b] - s2[a] - sum * sum / (b - a));
    }

    /** MAD(diff(v)) / sqrt 2, or the sd of the differences / sqrt 2 if the MAD is 0. */
    private static double noise(double[] v) {
        int m = v.length - 1;
        double[] d = new double[m];
        for (int t = 0; t < m; t++) {
            d[t] = v[t + 1] - v[t];
        }
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        double center = Trend.median(sorted);
        for (int t = 0; t < m; t++) {
            sorted[t] = Math.abs(d[t] - center);
        }
        Arrays.sort(sorted);
        double mad = MAD_TO_SD * Trend.median(sorted);
        if (mad > 0) {
            return mad / Math.sqrt(2);
        }
        double dm = LagSums.mean(d, m);
        double ss = 0;
        for (double x : d) {
            ss += (x - dm) * (x - dm);
        }
        return m > 1 ? Math.sqrt(ss / (m - 1)) / Math.sqrt(2) : 0;
    }

    /**
     * Returns the name of the series.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the change points: the first period of every segment but the first.
     *
     * @return the periods, ascending; empty when the mean never shifts
     */
    public List<Integer> indices() {
        return indices;
    }

    /**
     * Returns the segments between the change points.
     *
     * @return the segments in period order, covering the whole series
     */
    public List<MeanSegment> segments() {
        return segments;
    }

    /**
     * Returns the estimated noise standard deviation the costs were scaled by.
     *
     * @return {@code sigma}, 0 for a constant series
     */
    public double sigma() {
        return sigma;
    }

    /**
     * Returns the penalty per change point.
     *
     * @return {@code 2 ln n}
     */
    public double penalty() {
        return penalty;
    }

    @Override
    public String toString() {
        return "ChangePoints[" + name + ", " + indices + ", sigma " + sigma + "]";
    }
}
