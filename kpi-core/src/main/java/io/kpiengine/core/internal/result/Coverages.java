package io.kpiengine.core.internal.result;

import io.kpiengine.core.internal.DerivedFormula;
import io.kpiengine.core.internal.PlannedMetric;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link Coverage} of every metric, computed once: a measure's is its source's first period with data; a
 * ratio's and a formula's the latest among their inputs. One instance per run; not thread-safe.
 */
public final class Coverages {

    private final Function<String, PlannedMetric> metrics;
    private final Map<String, DerivedFormula> formulas;
    private final DataExtent data;
    private final Map<String, Coverage> done = new HashMap<>();

    /**
     * Creates the coverages of a run.
     *
     * @param metrics the metric of an id
     * @param formulas the compiled formula of each derived metric
     * @param data where each source's data starts
     */
    public Coverages(Function<String, PlannedMetric> metrics, Map<String, DerivedFormula> formulas,
            DataExtent data) {
        this.metrics = metrics;
        this.formulas = formulas;
        this.data = data;
    }

    /**
     * Where the data behind a metric starts.
     *
     * @param m the metric
     * @return its coverage
     */
    public Coverage of(PlannedMetric m) {
        Coverage c = done.get(m.id());
        if (c != null) {
            return c;
        }
        switch (m.kind()) {
            case MEASURE:
                c = new Coverage(data.start(m.source()), m.source());
                break;
            case RATIO:
                c = of(metrics.apply(m.numerator())).later(of(metrics.apply(m.denominator())));
                break;
            default:
                for (DerivedFormula.Slot s : formulas.get(m.id()).slots()) {
                    Coverage in = of(metrics.apply(s.metric()));
                    c = c == null ? in : c.later(in);
                }
                if (c == null) {
                    c = Coverage.ALWAYS;
                }
                break;
        }
        done.put(m.id(), c);
        return c;
    }
}
