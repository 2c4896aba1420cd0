package io.kpiengine.core.analyze;

import io.kpiengine.analysis.ChangePoints;
import io.kpiengine.analysis.LinearTrend;
import io.kpiengine.analysis.MannKendallTest;
import io.kpiengine.analysis.TheilSenTrend;
import io.kpiengine.core.time.Period;
import java.util.List;

/**
 * The trend of one metric's series: least-squares and Theil–Sen slopes per period, the Mann–Kendall test, and the
 * shifts of its mean level with the periods where they happened; see {@link TrendQuery}.
 *
 * <pre>{@code
 * TrendReport t = results.trend("revenue").run();
 * System.out.println(t.theilSen().slope() + " per period, " + t.mannKendall().direction() + ", breaks " + t.breaks());
 * }</pre>
 *
 * <p>Slopes are per period of the series (per week for a weekly table). Instances are immutable and thread-safe.
 */
public final class TrendReport {

    private final MetricSeries series;
    private final LinearTrend ols;
    private final TheilSenTrend theilSen;
    private final MannKendallTest mannKendall;
    private final ChangePoints changePoints;
    private final List<Period> breaks;

    TrendReport(MetricSeries series, LinearTrend ols, TheilSenTrend theilSen, MannKendallTest mannKendall,
            ChangePoints changePoints, List<Period> breaks) {
        this.series = series;
        this.ols = ols;
        this.theilSen = theilSen;
        this.mannKendall = mannKendall;
        this.changePoints = changePoints;
        this.breaks = List.copyOf(breaks);
    }

    /**
     * Returns the series analysed.
     *
     * @return the series with its periods
     */
    public MetricSeries series() {
        return series;
    }

    /**
     * Returns the least-squares line against the period index (scipy {@code linregress}).
     *
     * @return the line
     */
    public LinearTrend ols() {
        return ols;
    }

    /**
     * Returns the Theil–Sen line (scipy {@code theilslopes}).
     *
     * @return the line
     */
    public TheilSenTrend theilSen() {
        return theilSen;
    }

    /**
     * Returns the Mann–Kendall test of a monotonic trend.
     *
     * @return the test
     */
    public MannKendallTest mannKendall() {
        return mannKendall;
    }

    /**
     * Returns the shifts of the mean level found by PELT with a BIC penalty. Under {@code MissingPolicy.DROP} its
     * indices count the present points only; {@link #breaks()} gives their periods.
     *
     * @return the change points and segments
     */
    public ChangePoints changePoints() {
        return changePoints;
    }

    /**
     * Returns the periods where the mean level shifted: the first period of every segment but the first.
     *
     * @return the periods in order; empty when the level never shifted
     */
    public List<Period> breaks() {
        return breaks;
    }

    @Override
    public String toString() {
        return "TrendReport[" + series.label() + ", slope " + ols.slope() + ", " + mannKendall.direction()
                + ", breaks " + breaks + "]";
    }
}
