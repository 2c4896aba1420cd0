package io.kpiengine.core.analyze;

import io.kpiengine.analysis.Attribution;
import io.kpiengine.analysis.Contribution;
import io.kpiengine.analysis.DriverChange;
import io.kpiengine.analysis.DriverSplit;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricReference;
import io.kpiengine.core.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which driver moved a metric between two periods? The change of a derived metric (or a ratio), split exactly into
 * the contributions of the values its formula reads, by {@link Attribution}: additive for sums, LMDI (default) or
 * Shapley values for products, Shapley values of the formula itself for anything else.
 *
 * <pre>{@code
 * // revenue = visitors * conversion * order_value
 * DriverSplit why = results.attribute("revenue").segment(Map.of("channel", "email")).between(february, march);
 * why.contributions().forEach(c -> System.out.println(c.name() + " " + c.amount()));   // sums to why.change()
 * }</pre>
 *
 * <p><b>Shapes.</b> The structure comes from the parse tree of the metric's formula (kpi-formula's
 * {@code Formula.expression()}); the drivers are the values the formula reads: metrics of the period,
 * {@code lag(m, n)} (the cell n periods earlier) and {@code last_year(m)} (the cell a year earlier). A
 * {@code Ratio} is {@code numerator / denominator * scale}.
 * <ul>
 *   <li>A sum or difference of drivers with numeric coefficients and constants ({@code a + b - c},
 *       {@code 0.5 * online + stores - 100}) is split additively: each driver contributes its coefficient times its
 *       change, the constant nothing.</li>
 *   <li>A product or quotient of drivers with numbers and integral powers ({@code visitors * conversion * aov / 100},
 *       {@code a^2 / b}) is split by LMDI, or by Shapley values with {@link #shapley()}; the numbers scale every
 *       contribution, a divisor enters as its reciprocal.</li>
 *   <li>Any other formula ({@code (revenue - cost) / revenue}, {@code revenue / lag(revenue, 1) - 1},
 *       {@code coalesce(a, 0) + b * c}) is split by Shapley values of the compiled formula over its inputs: it
 *       is evaluated at every mix of before and after values, {@code 2^k} times for {@code k} inputs, so at most 16
 *       inputs (65,536 evaluations). Every mix needs a value (a division by zero in one is an
 *       {@link io.kpiengine.analysis.AnalysisException} naming it).</li>
 * </ul>
 * Formulas with {@code to_date} or {@code trailing} are refused: they read windows of periods, not cells. Each
 * contribution carries the driver's own values in the two periods. A driver is read in the metric's segment,
 * restricted to the driver's dimensions (a driver without dimensions is the same for every segment). The split must
 * give back the metric's own values in both periods, or the call fails.
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

    @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
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
     * @throws IllegalArgumentException if the table has no such metric, or the metric is a measure, a formula over
     *     windows ({@code to_date}, {@code trailing}) or a general formula of more than 16 inputs
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
     * sign or several zeros). Sums are additive and other formulas split by Shapley values either way.
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
     * Returns the drivers of the metric, as read from its definition.
     *
     * @return the drivers in the order of the definition: metric ids, and {@code lag(m,n)} or {@code last_year(m)}
     *     for the references of a formula
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
     * @throws IllegalArgumentException if a driver reads a period the table does not hold ({@code lag} before its
     *     first period)
     * @throws io.kpiengine.analysis.AnalysisException if LMDI cannot split the change (a driver changes sign, or
     *     zeros; {@link #shapley()} can), or a general formula has no value at a mix of before and after values
     */
    public DriverSplit between(Period before, Period after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Map<String, String> seg = segment == null ? Map.of() : segment;
        double v0 = MetricSeries.cellValue(results, metric, seg, before, STATISTIC);
        double v1 = MetricSeries.cellValue(results, metric, seg, after, STATISTIC);
        List<DriverChange> own = new ArrayList<>();
        List<DriverChange> transformed = new ArrayList<>();
        for (Map.Entry<String, Double> d : shape.drivers.entrySet()) {
            MetricReference ref = Objects.requireNonNull(shape.references.get(d.getKey()));   // one per driver
            double x0 = driverValue(ref, seg, before);
            double x1 = driverValue(ref, seg, after);
            own.add(DriverChange.of(d.getKey(), x0, x1));
            double e = d.getValue();
            transformed.add(shape.kind == DriverShape.Kind.SUM ? DriverChange.of(d.getKey(), e * x0, e * x1)
                    : DriverChange.of(d.getKey(), Math.pow(x0, e), Math.pow(x1, e)));
        }
        DriverSplit raw;
        double scale = 1;
        double offset = 0;
        switch (shape.kind) {
            case SUM:
                raw = Attribution.additive(transformed);
                offset = shape.constant;
                break;
            case PRODUCT:
                raw = shapley != null ? Attribution.shapley(transformed) : Attribution.lmdi(transformed);
                scale = shape.constant;
                break;
            default:
                // the FORMULA shape always carries its compiled formula
                raw = Attribution.shapley(own, Objects.requireNonNull(shape.formula)::evaluate);
                break;
        }
        List<Contribution> out = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            Contribution c = raw.contributions().get(i);
            out.add(new Contribution(c.name(), own.get(i).before(), own.get(i).after(), c.amount() * scale,
                    c.share()));
        }
        DriverSplit split = new DriverSplit(raw.method(), raw.before() * scale + offset,
                raw.after() * scale + offset, out);
        check(split.before(), v0, before);
        check(split.after(), v1, after);
        return split;
    }

    /** A driver's value in a period: the metric's cell in that period, or the period its reference reads. */
    private double driverValue(MetricReference ref, Map<String, String> seg, Period period) {
        Map<String, String> s = MetricSeries.restrict(seg, catalog.dimensionsOf(ref.metric()));
        Period read = switch (ref.kind()) {
            case LAG -> period.plus(-ref.periods());
            case LAST_YEAR -> period.plusYears(-1);
            default -> period;
        };
        try {
            return MetricSeries.cellValue(results, ref.metric(), s, read, STATISTIC);
        } catch (IllegalArgumentException e) {
            if (read.equals(period)) {
                throw e;
            }
            throw new IllegalArgumentException(ref.slot() + " of '" + metric + "' in " + period + " reads " + read
                    + ", but the table has no cell of '" + MetricSeries.label(ref.metric(), s) + "' there; evaluate"
                    + " from an earlier period to attribute " + period, e);
        }
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
