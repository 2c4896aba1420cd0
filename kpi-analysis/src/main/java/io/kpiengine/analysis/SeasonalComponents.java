package io.kpiengine.analysis;

/**
 * A series split into trend, seasonal and residual components: the classical {@link Decomposition} or {@link Stl}.
 * A consumer that only needs the components (a tracking baseline, a chart) takes this type and works with either.
 *
 * <pre>{@code
 * SeasonalComponents parts = robust ? Stl.of(sales, 12, true) : Decomposition.of(sales, 12, Decomposition.Model.ADDITIVE);
 * Points adjusted = parts.adjusted();
 * }</pre>
 */
public sealed interface SeasonalComponents permits Decomposition, Stl {

    /**
     * Returns the name of the series.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the number of periods in a season.
     *
     * @return {@code m}
     */
    int period();

    /**
     * Returns the trend component.
     *
     * @return the trend; the classical decomposition has none at its ends
     */
    Points trend();

    /**
     * Returns the seasonal component.
     *
     * @return the seasonal component, present at every point
     */
    Points seasonal();

    /**
     * Returns the residual component.
     *
     * @return the residual; absent where the trend is
     */
    Points residual();

    /**
     * Returns the seasonally adjusted series.
     *
     * @return the series without its seasonal component, present at every point
     */
    Points adjusted();
}
