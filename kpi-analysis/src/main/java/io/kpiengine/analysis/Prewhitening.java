package io.kpiengine.analysis;

/**
 * How a cross-correlation removes each series' own dynamics before correlating them, so that a trend or an
 * autocorrelated leading series does not make every lag look significant.
 *
 * <ul>
 *   <li>{@link #none()}: the series as they are (statsmodels {@code ccf(x, y)}).</li>
 *   <li>{@link #difference()}: both series replaced by their first differences {@code x[t] - x[t-1]}.</li>
 *   <li>{@link #autoregressive(int) autoregressive(p)}: an AR(p) model with constant is fitted to the leading
 *       series by ordinary least squares on its rows {@code p..n-1} (statsmodels
 *       {@code AutoReg(x, lags=p, trend="c").fit().params}, not Yule–Walker), and the same filter
 *       {@code e[t] = v[t] - phi1 v[t-1] - ... - phip v[t-p]} is applied to both series (Box–Jenkins pre-whitening;
 *       the constant drops out because the cross-correlation is computed on demeaned series).</li>
 * </ul>
 * Each removes {@link #lostPoints()} points from the front of both series.
 *
 * <pre>{@code
 * LeadLag.of(signups, revenue).prewhitening(Prewhitening.autoregressive(2)).run();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Prewhitening {

    /** The kinds of pre-whitening. */
    public enum Method {
        /** No pre-whitening. */
        NONE,
        /** First differences of both series. */
        DIFFERENCE,
        /** An AR(p) filter fitted to the leading series, applied to both. */
        AUTOREGRESSIVE
    }

    private static final Prewhitening NONE = new Prewhitening(Method.NONE, 0);
    private static final Prewhitening DIFFERENCE = new Prewhitening(Method.DIFFERENCE, 1);

    private final Method method;
    private final int order;

    private Prewhitening(Method method, int order) {
        this.method = method;
        this.order = order;
    }

    /**
     * Returns no pre-whitening.
     *
     * @return the series as they are
     */
    public static Prewhitening none() {
        return NONE;
    }

    /**
     * Returns first differencing of both series.
     *
     * @return differencing
     */
    public static Prewhitening difference() {
        return DIFFERENCE;
    }

    /**
     * Returns an AR(p) filter fitted to the leading series and applied to both.
     *
     * @param order the autoregressive order p, at least 1
     * @return the AR(p) pre-whitening
     * @throws IllegalArgumentException if {@code order < 1}
     */
    public static Prewhitening autoregressive(int order) {
        if (order < 1) {
            throw new IllegalArgumentException("order must be at least 1, but was " + order);
        }
        return new Prewhitening(Method.AUTOREGRESSIVE, order);
    }

    /**
     * Returns the kind of pre-whitening.
     *
     * @return the method
     */
    public Method method() {
        return method;
    }

    /**
     * Returns the number of points the filter removes from the front of each series: 0, 1 for differencing, p for
     * AR(p).
     *
     * @return the points lost
     */
    public int lostPoints() {
        return order;
    }

    /** Returns "after differencing" or similar, for messages; empty for none. */
    String phrase() {
        return switch (method) {
            case NONE -> "";
            case DIFFERENCE -> " after differencing";
            case AUTOREGRESSIVE -> " after AR(" + order + ") pre-whitening";
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Prewhitening p && p.method == method && p.order == order;
    }

    @Override
    public int hashCode() {
        return method.hashCode() * 31 + order;
    }

    @Override
    public String toString() {
        return method == Method.AUTOREGRESSIVE ? "AR(" + order + ")" : method.name().toLowerCase(java.util.Locale.ROOT);
    }
}
