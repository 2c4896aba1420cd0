package io.kpiengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.analysis.Series;
import io.kpiengine.analysis.Trend;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.KpiValue;
import io.kpiengine.core.NoValueReason;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.ScoreCard;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.track.Tracker;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.examples.Example16_HealthIndexAndGoalTree;
import io.kpiengine.data.io.ColumnFormat;
import io.kpiengine.data.io.CsvSettings;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.formula.Formula;
import io.kpiengine.formula.FormulaOptions;
import io.kpiengine.quality.AllowedValuesRule;
import io.kpiengine.quality.ColumnUnit;
import io.kpiengine.quality.ConditionRule;
import io.kpiengine.quality.DateSpineRule;
import io.kpiengine.quality.DuplicateRule;
import io.kpiengine.quality.ExpectedRowsRule;
import io.kpiengine.quality.FreshnessRule;
import io.kpiengine.quality.MissingValueRule;
import io.kpiengine.quality.OutlierRule;
import io.kpiengine.quality.PatternRule;
import io.kpiengine.quality.RangeRule;
import io.kpiengine.quality.RowGrain;
import io.kpiengine.quality.TimeZoneRule;
import io.kpiengine.quality.UnitRule;
import io.kpiengine.samples.SampleCatalogs;
import io.kpiengine.samples.SampleEvents;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule for absence in the public API: every exported package is {@code @NullMarked}, so nothing is null unless
 * its type says {@code @Nullable}; what can be absent is an {@code Optional} or an empty collection.
 *
 * <p>The second test holds the API to it by running it: from a realistic set of objects (a catalog, an engine and
 * its results over generated events, a read batch, a quality report, formulas, errors) it walks the object graph,
 * calls every public instance method without parameters that an exported type declares, and fails on every
 * method that returned null although its return type is not annotated {@code @Nullable}.
 */
class NullnessTest {

    static final List<String> EXPORTED = List.of("io.kpiengine.base", "io.kpiengine.formula",
            "io.kpiengine.analysis", "io.kpiengine.data", "io.kpiengine.data.io", "io.kpiengine.data.doc",
            "io.kpiengine.quality", "io.kpiengine.core", "io.kpiengine.core.metric", "io.kpiengine.core.time",
            "io.kpiengine.core.analyze", "io.kpiengine.core.score", "io.kpiengine.core.track", "io.kpiengine.report",
            "io.kpiengine.report.micrometer", "io.kpiengine.cli");

    /** Methods whose call changes state (reads a stream, closes, builds): never called by the walk. */
    static final Set<String> SKIPPED = Set.of("close", "next", "attachTextHashes", "iterator", "spliterator",
            "build", "run", "call", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait",
            "fillInStackTrace", "printStackTrace", "getStackTrace", "getSuppressed", "getCause", "getMessage",
            "getLocalizedMessage", "toBytes");

    static boolean isExported(Class<?> c) {
        if (c.isArray() || c.isPrimitive() || !EXPORTED.contains(c.getPackageName())) {
            return false;
        }
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyExportedPackage_isNullMarked() throws ClassNotFoundException {
        for (String p : EXPORTED) {
            Class<?> info = Class.forName(p + ".package-info");
            assertThat(info.isAnnotationPresent(NullMarked.class)).as(p).isTrue();
        }
    }

    @Test
    void publicMethods_returnNullOnlyWhereAnnotatedNullable(@TempDir Path dir) throws Exception {
        Set<String> violations = new LinkedHashSet<>();
        Set<String> called = new LinkedHashSet<>();
        walk(roots(dir), violations, called);
        assertThat(called).as("the walk reached the API").hasSizeGreaterThan(250);
        for (String p : List.of("io.kpiengine.analysis.", "io.kpiengine.core.analyze.", "io.kpiengine.core.score.",
                "io.kpiengine.core.track.")) {
            assertThat(called).as("the walk reached " + p).anyMatch(n -> n.startsWith(p));
        }
        assertThat(violations).as("public methods that returned null without @Nullable").isEmpty();
    }

    static List<Object> roots(Path dir) throws Exception {
        List<Object> roots = new ArrayList<>();
        Path events = dir.resolve("events.csv");
        SampleEvents.builder().rows(3_000).seed(7).build().writeCsv(events);
        Catalog catalog = SampleCatalogs.referenceJob();
        KpiEngine engine = KpiEngine.builder().catalog(catalog).parallelism(1)
                .clock(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        DataSource source = catalog.source("events").orElseThrow();
        KpiResults results = engine.evaluate(Map.of("events", source.csvReader(events).build()));
        roots.add(catalog);
        roots.add(engine);
        roots.add(results);
        // the analysis of results (kpi-analysis through core.analyze), and a goal tree with its score card
        roots.add(results.improvementPoints().run());
        // the tracking of the results: scorecard, rows, baselines, alert state
        roots.add(Tracker.builder(catalog).clock(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC))
                .parallelism(1).build().track(results));
        roots.add(Trend.ols(Series.of("s", 1, 2, 3, 4, 6, 5, 7)));
        Catalog health = Catalog.read(Example16_HealthIndexAndGoalTree.class.getResourceAsStream("sales-health.yaml"),
                "sales-health.yaml");
        GoalTree tree = health.goalTree("sales_health").orElseThrow();
        roots.add(tree);
        roots.add(ScoreCard.builder(tree).catalog(health).parallelism(1).build());
        try (CsvSource csv = source.csvReader(events).build()) {
            RecordBatch batch = csv.next();
            roots.add(batch);
            roots.add(csv.schema());
        }
        // every kind of rule from its plainest factory: optional components stay unset
        roots.add(List.of(AllowedValuesRule.of("channel", "email"), ConditionRule.of("visitors >= 0"),
                DateSpineRule.of("ts", RowGrain.DAY), DuplicateRule.exact(), ExpectedRowsRule.of("ts", RowGrain.DAY, 1),
                FreshnessRule.of("ts", Duration.ofDays(1)), MissingValueRule.interpolate("visitors"),
                OutlierRule.iqr("revenue"), PatternRule.of("order_id", "O[0-9]+"), RangeRule.of("visitors"),
                TimeZoneRule.of("ts"), UnitRule.of("visitors", ColumnUnit.PERCENT)));
        // a source without rules: its account has no report
        Catalog plain = Catalog.builder().zone(ZoneOffset.UTC).grain(Grain.DAY)
                .source(DataSource.builder("events").schema(SampleEvents.schema()).timeColumn("ts").build())
                .metric(Metric.measure("orders").countDistinct("order_id").dimensions("channel").build())
                .build();
        roots.add(KpiEngine.builder().catalog(plain).parallelism(1).build().evaluate(
                Map.of("events", plain.source("events").orElseThrow().csvReader(events).build())));
        roots.add(KpiValue.none(NoValueReason.NO_ROWS, "no rows"));
        roots.add(KpiValue.of(1.5));
        roots.add(ColumnFormat.DEFAULT);
        roots.add(ColumnFormat.builder().zone(ZoneId.of("Asia/Seoul")).thousandsSeparator(',').build());
        roots.add(CsvSettings.DEFAULTS);
        Formula f = Formula.compile("a / b", FormulaOptions.builder().variables(List.of("a", "b")).build());
        roots.add(f);
        roots.add(f.explain(new double[] {1, 0}));
        try {
            Formula.compile("a / c", FormulaOptions.builder().variables(List.of("a", "b")).build());
        } catch (RuntimeException e) {
            roots.add(e);
        }
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "metrics:\n  - id: x\n    sum: nowhere\n");
        try {
            Catalog.read(bad);
        } catch (RuntimeException e) {
            roots.add(e);
        }
        return roots;
    }

    static void walk(List<Object> roots, Set<String> violations, Set<String> called) {
        Deque<Object> queue = new ArrayDeque<>(roots);
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        int budget = 200_000;
        while (!queue.isEmpty() && budget-- > 0) {
            Object o = queue.poll();
            if (o == null || seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            if (o instanceof Collection<?> c) {
                c.stream().limit(50).forEach(queue::add);
                continue;
            }
            if (o instanceof Map<?, ?> m) {
                m.entrySet().stream().limit(50).forEach(e -> {
                    queue.add(e.getKey());
                    if (e.getValue() != null) {
                        queue.add(e.getValue());
                    }
                });
                continue;
            }
            if (o instanceof Optional<?> opt) {
                opt.ifPresent(queue::add);
                continue;
            }
            if (o.getClass().isArray() && !o.getClass().getComponentType().isPrimitive()) {
                for (int i = 0; i < Math.min(50, Array.getLength(o)); i++) {
                    queue.add(Array.get(o, i));
                }
                continue;
            }
            for (Class<?> api : apiTypes(o.getClass())) {
                for (Method m : api.getMethods()) {
                    if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0
                            || m.getReturnType() == void.class || SKIPPED.contains(m.getName())
                            || !isExported(m.getDeclaringClass())) {
                        continue;
                    }
                    String name = m.getDeclaringClass().getName() + "#" + m.getName() + "()";
                    Object result;
                    try {
                        result = m.invoke(o);
                    } catch (InvocationTargetException | IllegalAccessException e) {
                        continue;
                    }
                    called.add(name);
                    if (result == null) {
                        if (!m.getAnnotatedReturnType().isAnnotationPresent(Nullable.class)) {
                            violations.add(name);
                        }
                    } else {
                        queue.add(result);
                    }
                }
            }
        }
    }

    /** The exported types through which users see an object: its class if exported, else its exported supertypes. */
    static Set<Class<?>> apiTypes(Class<?> c) {
        Set<Class<?>> out = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(c);
        while (!todo.isEmpty()) {
            Class<?> k = todo.poll();
            if (isExported(k)) {
                out.add(k);
                continue;
            }
            if (k.getSuperclass() != null) {
                todo.add(k.getSuperclass());
            }
            todo.addAll(List.of(k.getInterfaces()));
        }
        return out;
    }
}
