package io.kpiengine.report.micrometer;

import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.report.internal.Gauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The KPIs of a run (and of its tracking scorecard, when given) as Micrometer gauges, so that a service's KPIs reach Prometheus, Grafana or any other
 * backend through the {@link MeterRegistry} it already has. For every KPI of the catalog (a metric with a tier;
 * every metric when none has one) and every segment of its results, plus the total where it is exact, four gauges
 * report the current period (the latest complete period with a value):
 *
 * <table>
 *   <caption>Gauges, each tagged {@code metric} (the id), {@code segment} and {@code unit}</caption>
 *   <tr><th>name</th><th>value</th></tr>
 *   <tr><td>{@code kpi.value}</td><td>the KPI's value; NaN when the cell has none</td></tr>
 *   <tr><td>{@code kpi.target}</td><td>the target in force (for a total of a sum or count, the per-segment target
 *       times the segments); NaN without one</td></tr>
 *   <tr><td>{@code kpi.achievement}</td><td>value against target in percent, by the KPI's direction (100 = on
 *       target); NaN without a target</td></tr>
 *   <tr><td>{@code kpi.status}</td><td>2 exceeded (stretch target met), 1 on track, 0 at risk, -1 off track; NaN
 *       when not rated, without data, unreliable or partial</td></tr>
 * </table>
 *
 * <p>{@code segment} is the segment's dimension values as {@code name=value} pairs joined by commas
 * ({@code channel=email}), or {@code all} for the total and for a KPI without dimensions. The definitions are those
 * of the report (docs/report.md).
 *
 * <pre>{@code
 * KpiMeterBinder kpis = KpiMeterBinder.of(catalog, engine.evaluate(sources));
 * kpis.bindTo(registry);                          // or register it as a MeterBinder bean
 * ...
 * kpis.update(engine.evaluate(nextSources));      // the gauges now read the new run; new segments get gauges
 * }</pre>
 *
 * <p>Micrometer is an optional dependency of kpi-report: this class needs it on the class path, the rest of the
 * module does not. Thread-safe: {@link #update(KpiResults)} may run while a registry reads the gauges; a reading
 * sees one run or the next, never a mix within one gauge.
 */
// "exports": the class is a Micrometer MeterBinder, so Micrometer types are its API; micrometer-core is an optional,
// automatic module, which "requires transitive" must not name (users who bind meters require it themselves)
@SuppressWarnings("exports")
public final class KpiMeterBinder implements MeterBinder {

    /** The name of the value gauge. */
    public static final String VALUE = "kpi.value";
    /** The name of the target gauge. */
    public static final String TARGET = "kpi.target";
    /** The name of the achievement gauge. */
    public static final String ACHIEVEMENT = "kpi.achievement";
    /** The name of the status gauge. */
    public static final String STATUS = "kpi.status";

    private final Catalog catalog;
    private final Map<String, Gauges.Reading> readings = new ConcurrentHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    private KpiMeterBinder(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * A binder over the KPIs of one run.
     *
     * @param catalog the catalog the results were computed with
     * @param results the results
     * @return the binder; bind it to a registry
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the results hold no cell of a KPI of the catalog
     */
    public static KpiMeterBinder of(Catalog catalog, KpiResults results) {
        KpiMeterBinder b = new KpiMeterBinder(Objects.requireNonNull(catalog, "catalog"));
        b.update(results);
        return b;
    }

    /**
     * A binder over the KPIs of one run as a tracking scorecard judges them: its targets, achievement and status
     * rules.
     *
     * <pre>{@code
     * KpiMeterBinder.of(catalog, results, Tracker.of(catalog).track(results)).bindTo(registry);
     * }</pre>
     *
     * @param catalog the catalog the results were computed with
     * @param results the results
     * @param card the scorecard of the results
     * @return the binder; bind it to a registry
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the results hold no cell of a KPI of the catalog
     */
    public static KpiMeterBinder of(Catalog catalog, KpiResults results, Scorecard card) {
        KpiMeterBinder b = new KpiMeterBinder(Objects.requireNonNull(catalog, "catalog"));
        b.update(results, Objects.requireNonNull(card, "card"));
        return b;
    }

    /**
     * Reads a new run: every gauge reports it from now on. Gauges of segments the new run does not have report
     * NaN; segments it adds get gauges in every registry bound so far.
     *
     * @param results the results of the new run, computed with the same catalog
     * @throws NullPointerException if results is null
     * @throws IllegalArgumentException if the results hold no cell of a KPI of the catalog
     */
    public void update(KpiResults results) {
        apply(Gauges.read(catalog, Objects.requireNonNull(results, "results"), null));
    }

    /**
     * Reads a new run and its scorecard; see {@link #update(KpiResults)}.
     *
     * <pre>{@code
     * binder.update(results, tracker.track(results, state));
     * }</pre>
     *
     * @param results the results of the new run, computed with the same catalog
     * @param card the scorecard of those results
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the results hold no cell of a KPI of the catalog
     */
    public void update(KpiResults results, Scorecard card) {
        apply(Gauges.read(catalog, Objects.requireNonNull(results, "results"), Objects.requireNonNull(card, "card")));
    }

    private synchronized void apply(Map<String, Gauges.Reading> next) {
        for (Map.Entry<String, Gauges.Reading> e : readings.entrySet()) {
            if (!next.containsKey(e.getKey())) {
                e.getValue().clear();
            }
        }
        for (Map.Entry<String, Gauges.Reading> e : next.entrySet()) {
            Gauges.Reading old = readings.get(e.getKey());
            if (old != null) {
                old.set(e.getValue());
            } else {
                readings.put(e.getKey(), e.getValue());
                for (MeterRegistry r : registries) {
                    register(r, e.getValue());
                }
            }
        }
    }

    /**
     * Registers the gauges of every KPI and segment in a registry.
     *
     * @param registry the registry
     * @throws NullPointerException if registry is null
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        registries.add(registry);
        for (Gauges.Reading r : readings.values()) {
            register(registry, r);
        }
    }

    private static void register(MeterRegistry registry, Gauges.Reading r) {
        Tags tags = Tags.of("metric", r.metric(), "segment", r.segment(), "unit", r.unit());
        Gauge.builder(VALUE, r, Gauges.Reading::value).tags(tags).strongReference(true)
                .description("KPI value of the current period").register(registry);
        Gauge.builder(TARGET, r, Gauges.Reading::target).tags(tags).strongReference(true)
                .description("KPI target in force").register(registry);
        Gauge.builder(ACHIEVEMENT, r, Gauges.Reading::achievement).tags(tags).strongReference(true)
                .description("KPI value against target, percent by direction (100 = on target)").register(registry);
        Gauge.builder(STATUS, r, Gauges.Reading::status).tags(tags).strongReference(true)
                .description("KPI status: 2 exceeded, 1 on track, 0 at risk, -1 off track, NaN not judged")
                .register(registry);
    }

    @Override
    public String toString() {
        return "KpiMeterBinder[" + readings.size() + " KPI series, " + registries.size() + " registries]";
    }
}
