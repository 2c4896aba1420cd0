package io.kpiengine.core.analyze;

import io.kpiengine.analysis.Attribution;
import io.kpiengine.analysis.Contribution;
import io.kpiengine.analysis.DriverChange;
import io.kpiengine.analysis.DriverSplit;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which driver moved a metric between two periods? The change of a derived metric that is a sum, product or
 * quotient of other metrics (or a ratio), split exactly into the contributions of those metrics by
 * {@link Attribution}: additive for sums, LMDI (default) or Shapley values for products.
 *
 * <pre>{@code
 * // revenue = visitors * conversion * order_value
 * DriverSplit why = results.attribute("revenue").segment(Map.of("channel", "email")).between(february, march);
 * why.contributions().forEach(c -> System.out.println(c.name() + " " + c.amount()));   // sums to why.change()
 * }</pre>
 *
 * <p><b>Shapes.</b> The structure comes from the catalog's definition of the metric: a {@code Ratio} is
 * {@code numerator / denominator * scale}; a derived formula is split when it is a sum or difference of metrics
 * ({@code a + b - c}, additive; a subtracted metric contributes minus its change) or a product or quotient of metrics
 * and numbers ({@code a * b / c * 100}: the numbers scale every contribution, a divisor enters as its reciprocal).
 * Other formulas (parentheses, functions such as {@code lag}, numbers added) are refused with the shapes named.
 * Each contribution carries the driver metric's own values in the two periods. A driver is read in the metric's
 * segment, restricted to the driver's dimensions (a driver without dimensions is the same for every segment).
 *
 * <p>Not thread-safe; the split is immutable.
 */
public final class AttributionQuery {

    private static final String STATISTIC = "attribution";

    private final KpiResults results;
    private final Catalog catalog;
    private final String metric;
    private final DriverShape shape;
    private Map<String, String> segment;
    private Boolean shapley;

    private AttributionQuery(KpiResults results, Catalog catalog, String metric, DriverShape shape) {
        this.results = results;
        this.catalog = catalog;
        this.metric = metric;
        this.shape = shape;
    }

    /**
     * Starts the attribution of a metric's change to its drivers; {@code results.attribute(metric)} is the same.
     *
     * <pre>{@code
     * DriverSplit why = AttributionQuery.of(results, "revenue").between(february, march);
     * }</pre>
     *
     * @param results the result table
     * @param metric the metric id
     * @return the query
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the table has no such metric, or the metric is a measure or a formula of
     *     another shape
     * @throws IllegalStateException if the table carries no catalog
     */
    public static AttributionQuery of(KpiResults results, String metric) {
        Objects.requireNonNull(results, "results");
        MetricSeries.requireMetric(results, metric);
        Catalog catalog = catalogOf(results, STATISTIC);
        Metric m = catalog.metric(metric).orElseThrow(() -> new IllegalArgumentException("metric '" + metric
                + "' is not a metric of the catalog"));
        return new AttributionQuery(results, catalog, metric, DriverShape.of(m));
    }

    static Catalog catalogOf(KpiResults results, String statistic) {
        return results.catalog().orElseThrow(() -> new IllegalStateException(statistic + " needs the metric"
                + " definitions, but the table carries no catalog; evaluate with KpiEngine.builder().catalog(...)"));
    }

    /**
     * Sets the segment of the metric.
     *
     * <pre>{@code
     * results.attribute("revenue").segment(Map.of("channel", "email")).between(february, march);
     * }</pre>
     *
     * @param values every dimension of the metric with its value
     * @return this query
     * @throws NullPointerException if {@code values} is null
     * @throws IllegalStateException if it was already set
     */
    public AttributionQuery segment(Map<String, String> values) {
        segment = SeriesQuery.once(segment, MetricSeries.copy(values), "segment");
        return this;
    }

    /**
     * Splits a product by Shapley values instead of LMDI: any sign, and zeros (LMDI refuses a driver that changes
     * sign or several zeros). Sums are additive either way.
     *
     * <pre>{@code
     * results.attribute("revenue").shapley().between(february, march);
     * }</pre>
     *
     * @return this query
     * @throws IllegalStateException if it was already set
     */
    public AttributionQuery shapley() {
        shapley = SeriesQuery.once(shapley, Boolean.TRUE, "shapley");
        return this;
    }

    /**
     * Returns the drivers of the metric, as recognised from its definition.
     *
     * @return the driver metric ids in the order of the definition
     */
    public List<String> drivers() {
        return List.copyOf(shape.drivers.keySet());
    }

    /**
     * Splits the metric's change from one period to another into its drivers' contributions.
     *
     * @param before the earlier period
     * @param after the later period
     * @return the split: {@code before()} and {@code after()} are the metric's values, the contributions (one per
     *     driver, in the order of the definition) sum to the change
     * @throws NullPointerException if a period is null
     * @throws IllegalArgumentException if the metric has no such segment (or needs one), or the table no such period
     * @throws MissingValueException if the metric or a driver has no value in one of the periods
     * @throws io.kpiengine.analysis.AnalysisException if LMDI cannot split the change (a driver changes sign, or
     *     zeros); {@link #shapley()} can
     */
    public DriverSplit between(Period before, Period after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Map<String, String> seg = segment == null ? Map.of() : segment;
        double v0 = MetricSeries.cellValue(results, metric, seg, before, STATISTIC);
        double v1 = MetricSeries.cellValue(results, metric, seg, after, STATISTIC);
        boolean sum = shape.kind == DriverShape.Kind.SUM;
        List<DriverChange> transformed = new ArrayList<>();
        List<double[]> own = new ArrayList<>();
        for (Map.Entry<String, Integer> d : shape.drivers.entrySet()) {
            Map<String, String> s = MetricSeries.restrict(seg, catalog.dimensionsOf(d.getKey()));
            double x0 = MetricSeries.cellValue(results, d.getKey(), s, before, STATISTIC);
            double x1 = MetricSeries.cellValue(results, d.getKey(), s, after, STATISTIC);
            own.add(new double[] {x0, x1});
            int e = d.getValue();
            transformed.add(sum ? DriverChange.of(d.getKey(), e * x0, e * x1)
                    : DriverChange.of(d.getKey(), Math.pow(x0, e), Math.pow(x1, e)));
        }
        DriverSplit raw = sum ? Attribution.additive(transformed)
                : shapley != null ? Attribution.shapley(transformed) : Attribution.lmdi(transformed);
        double k = shape.constant;
        List<Contribution> out = new ArrayList<>();
        for (int i = 0; i < transformed.size(); i++) {
            Contribution c = raw.contributions().get(i);
            out.add(new Contribution(c.name(), own.get(i)[0], own.get(i)[1], c.amount() * k, c.share()));
        }
        DriverSplit split = new DriverSplit(raw.method(), raw.before() * k, raw.after() * k, out);
        check(split.before(), v0, before);
        check(split.after(), v1, after);
        return split;
    }

    /** The drivers must give back the metric's own value: a guard against a misread definition. */
    private void check(double fromDrivers, double value, Period period) {
        if (Math.abs(fromDrivers - value) > 1e-9 * Math.max(1, Math.max(Math.abs(fromDrivers), Math.abs(value)))) {
            throw new IllegalStateException("the drivers " + drivers() + " of '" + metric + "' give " + fromDrivers
                    + " in " + period + ", but the metric is " + value + "; its definition was not read as "
                    + DriverShape.SHAPES);
        }
    }
}
