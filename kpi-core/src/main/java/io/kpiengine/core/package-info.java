/**
 * The KPI engine: {@link io.kpiengine.core.KpiEngine} computes every metric of a catalog per period and segment
 * from streams of records, on N threads, with mergeable state; {@link io.kpiengine.core.KpiResults} is the
 * immutable result table with the quality verdict of the data behind it.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.read(Path.of("catalog.yaml"));
 * KpiEngine engine = KpiEngine.builder().catalog(catalog).parallelism(2).build();
 * DataSource events = catalog.source("events").orElseThrow();
 * KpiResults results = engine.evaluate(Map.of("events", events.csvReader(Path.of("events.csv")).build()));
 * results.series("revenue_usd", Map.of("channel", "email")).forEach(System.out::println);
 * }</pre>
 *
 * <p>Sub-packages: {@code time} (grains, periods, calendars) and {@code metric} (the metric model and catalog).
 * Packages named {@code internal} are not API. Nothing in this package is null unless annotated
 * {@code @Nullable} (JSpecify {@code @NullMarked}).
 */
@NullMarked
package io.kpiengine.core;

import org.jspecify.annotations.NullMarked;
