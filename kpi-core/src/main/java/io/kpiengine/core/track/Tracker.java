package io.kpiengine.core.track;

import io.kpiengine.analysis.PValues;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.core.StateException;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.CatalogException;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.ScoreCard;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.track.internal.PlanChecks;
import io.kpiengine.core.track.internal.ScoreNodes;
import io.kpiengine.data.doc.Problem;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Makes {@link Scorecard}s: for every metric, period and segment of a result table, the baseline, targets,
 * achievement, gaps, changes, pace, status and alerts, by the catalog's metric metadata and its
 * {@link TrackingPlan} (the {@code tracking}, {@code alerts} and {@code actions} sections of the document).
 *
 * <pre>{@code
 * Tracker tracker = Tracker.of(catalog);
 * Scorecard card = tracker.track(engine.evaluate(sources));
 *
 * Tracker custom = Tracker.builder(catalog)
 *         .plan(TrackingPlan.builder().falseDiscoveryRate(0.05).build())
 *         .clock(Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC))   // the as-of date of findings
 *         .parallelism(2)
 *         .listener(alert -> System.out.println(alert))
 *         .build();
 * Scorecard next = custom.track(results, AlertState.fromBytes(saved));   // new, continuing, resolved alerts
 * }</pre>
 *
 * <p>Scores are KPIs too: the plan may name a node of a goal tree of the catalog (its id, such as
 * {@code sales_health}) in targets, status rules, alerts and action plans; the tracker then scores that tree from the
 * results ({@link ScoreCard}) and tracks each of its nodes with children per entity, as a higher-is-better KPI of
 * unit {@code score} whose default short-term target is the threshold of the tree's top status band.
 * {@link Builder#scores()} tracks the scores of every tree.
 *
 * <p>How it works: the result rows are grouped into series (one metric and segment over consecutive periods).
 * Each series is computed on its own (targets, baselines, spread, achievement and changes, pace, status, anomaly
 * signals), the series spread over the threads; then the anomaly p-values of each period are adjusted together
 * (Benjamini-Hochberg) when false-alarm control is on; then every alert rule runs over each series; then the
 * alerts are compared with the previous run's state, and the findings are collected. The result does not depend on
 * the number of threads. Instances are immutable and thread-safe; the listeners are called on the calling thread.
 */
public final class Tracker {

    private final Catalog catalog;
    private final TrackingPlan plan;
    private final Clock clock;
    private final int parallelism;
    private final List<AlertListener> listeners;
    private final boolean allScores;
    private final Map<String, GoalTree> scoreNodes;
    /** Per goal tree id, per KPI, per entity: the targets of {@link Builder#scoreTargets}. */
    private final Map<String, Map<String, Map<String, Double>>> scoreTargets;

    private Tracker(Catalog catalog, TrackingPlan plan, Clock clock, int parallelism, List<AlertListener> listeners,
            boolean allScores, Map<String, Map<String, Map<String, Double>>> scoreTargets) {
        this.catalog = catalog;
        this.allScores = allScores;
        this.scoreTargets = scoreTargets;
        this.scoreNodes = ScoreNodes.of(catalog.goalTrees());
        this.plan = plan;
        this.clock = clock;
        this.parallelism = parallelism;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * A tracker with the catalog's tracking plan, the system clock and as many threads as processors.
     *
     * @param catalog the catalog the results were computed with
     * @return the tracker
     * @throws NullPointerException if catalog is null
     */
    public static Tracker of(Catalog catalog) {
        return builder(catalog).build();
    }

    /**
     * A builder.
     *
     * @param catalog the catalog the results are computed with
     * @return a new builder
     * @throws NullPointerException if catalog is null
     */
    public static Builder builder(Catalog catalog) {
        return new Builder(Objects.requireNonNull(catalog, "catalog"));
    }

    /**
     * The catalog.
     *
     * @return the catalog
     */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * The tracking plan in use: the catalog's, or the one given to the builder.
     *
     * @return the plan
     */
    public TrackingPlan plan() {
        return plan;
    }

    /**
     * Tracks a result table as a first run: every open alert is new.
     *
     * @param results the results of {@code KpiEngine.evaluate} with this tracker's catalog
     * @return the scorecard
     * @throws NullPointerException if results is null
     * @throws IllegalArgumentException if the results hold a metric that is not in the catalog
     * @throws CatalogException if a baseline does not fit the grain of the results (a window in months at another
     *     grain, a seasonal baseline at a grain without seasonal period), listing every such problem
     * @throws io.kpiengine.core.score.ScoreException if a goal tree to track cannot be scored from the results (a
     *     KPI of the tree is not in them)
     */
    public Scorecard track(KpiResults results) {
        return track(results, AlertState.EMPTY);
    }

    /**
     * Tracks a result table after a previous run: alerts are new, continuing or resolved relative to that run's
     * alert state ({@link Scorecard#alertState()}).
     *
     * @param results the results of {@code KpiEngine.evaluate} with this tracker's catalog
     * @param previous the alert state of the previous run, or {@link AlertState#EMPTY}
     * @return the scorecard
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the results hold a metric that is not in the catalog
     * @throws StateException if the previous state was written for another time zone, fiscal year or grain
     * @throws CatalogException if a baseline does not fit the grain of the results
     * @throws io.kpiengine.core.score.ScoreException if a goal tree to track cannot be scored from the results
     */
    public Scorecard track(KpiResults results, AlertState previous) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(previous, "previous");
        List<KpiResult> cells = withScores(results);
        BusinessCalendar calendar = cells.isEmpty() ? catalog.calendar() : cells.get(0).period().calendar();
        Grain grain = cells.isEmpty() ? catalog.grain() : cells.get(0).period().grain();
        LocalDate asOf = LocalDate.ofInstant(clock.instant(), calendar.zone());
        Run run = new Run(calendar, grain, plan, previous, asOf);
        if (!previous.calendar().isEmpty() && !previous.calendar().equals(run.calendarKey)) {
            throw new StateException("the alert state was written for " + previous.calendar() + ", but these results"
                    + " are " + run.calendarKey + " (zone, fiscal year start and naming, grain): track with the"
                    + " alert state of the same kind of run, or start from an empty one", null);
        }
        Set<String> failed = new HashSet<>();
        for (SourceAccount a : results.quality().sources()) {
            if (a.verdict() == QualityVerdict.FAIL) {
                failed.add(a.source());
            }
        }
        List<Series> series = series(cells, grain, failed);
        double[][] scratch = new double[parallelism][];
        int longest = 0;
        for (Series s : series) {
            longest = Math.max(longest, Math.max(s.n, maxWindow(s.m)));
        }
        int size = longest + 1;
        parallel(series.size(), (worker, i) -> {
            if (scratch[worker] == null) {
                scratch[worker] = new double[size + StatusRules.INPUTS.size()];
            }
            double[] buffer = scratch[worker];
            series.get(i).compute(run, buffer, new double[StatusRules.INPUTS.size()]);
        });
        if (!Double.isNaN(run.falseDiscoveryRate)) {
            adjust(series);
        }
        parallel(series.size(), (worker, i) -> AlertCalc.run(series.get(i), run));
        Scorecard card = Scorecard.assemble(catalog, plan, run, results.quality().verdict(), series,
                Findings.of(catalog, plan, series, run));
        for (AlertListener l : listeners) {
            card.alerts().forEach(l::onAlert);
            l.onScorecard(card);
        }
        return card;
    }

    /**
     * The result rows, followed by the node scores of the goal trees to track: every tree of the catalog with
     * {@link Builder#scores()}, else the trees with a node the plan names or with {@link Builder#scoreTargets}.
     */
    @SuppressWarnings("ReferenceEquality") // a score node belongs to this very tree instance of the catalog
    private List<KpiResult> withScores(KpiResults results) {
        if (results.rows().isEmpty() || scoreNodes.isEmpty()) {
            return results.rows();
        }
        Set<String> named = ScoreNodes.named(plan);
        List<KpiResult> cells = new ArrayList<>(results.rows());
        for (GoalTree t : catalog.goalTrees()) {
            boolean wanted = allScores || scoreTargets.containsKey(t.id());
            for (Map.Entry<String, GoalTree> e : scoreNodes.entrySet()) {
                wanted |= e.getValue() == t && named.contains(e.getKey());
            }
            if (wanted) {
                cells.addAll(ScoreCard.builder(t).catalog(catalog).parallelism(parallelism).build()
                        .score(results, scoreTargets.getOrDefault(t.id(), Map.of())).asKpiResults());
            }
        }
        return cells;
    }

    private static int maxWindow(MetricSetup m) {
        int w = Math.max(m.window, m.baseline.length());
        for (AlertRule r : m.alerts) {
            w = Math.max(w, r.window());
        }
        return w;
    }

    /** Groups the result rows into series: consecutive rows of one metric and segment. */
    private List<Series> series(List<KpiResult> cells, Grain grain, Set<String> failed) {
        Map<String, MetricSetup> setups = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        List<Series> out = new ArrayList<>();
        Map<String, Spine> spines = new HashMap<>();
        int start = 0;
        for (int i = 1; i <= cells.size(); i++) {
            if (i < cells.size() && cells.get(i).metric().equals(cells.get(start).metric())
                    && cells.get(i).dimensions().equals(cells.get(start).dimensions())) {
                continue;
            }
            KpiResult first = cells.get(start);
            String id = first.metric();
            MetricSetup m = setups.get(id);
            if (m == null) {
                GoalTree tree = catalog.metric(id).isPresent() ? null : scoreNodes.get(id);
                if (catalog.metric(id).isEmpty() && tree == null) {
                    throw new IllegalArgumentException("results must come from the tracker's catalog, but metric '"
                            + id + "' is not in catalog " + catalog.name());
                }
                m = MetricSetup.of(catalog, plan, id, tree, grain, failed, problems);
                setups.put(id, m);
            }
            KpiResult[] run = cells.subList(start, i).toArray(new KpiResult[0]);
            Spine spine = spines.get(id);
            if (spine == null || !spine.fits(run)) {
                spine = new Spine(run);
                spines.put(id, spine);
            }
            out.add(new Series(m, first.dimensions(), run, spine));
            start = i;
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(catalog.name(), problems);
        }
        return out;
    }

    /** Benjamini-Hochberg over the anomaly p-values of each period, across every series and anomaly rule. */
    private static void adjust(List<Series> series) {
        Map<Long, List<double[]>> byPeriod = new HashMap<>();
        Map<Long, List<int[]>> where = new HashMap<>();
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            for (int k = 0; k < s.rules.length; k++) {
                double[][] a = s.anomaly[k];
                if (a == null) {
                    continue;
                }
                for (int t = 0; t < s.n; t++) {
                    if (!Double.isNaN(a[AlertCalc.P][t])) {
                        long period = s.spine.firstIndex + t;
                        byPeriod.computeIfAbsent(period, x -> new ArrayList<>()).add(new double[] {a[AlertCalc.P][t]});
                        where.computeIfAbsent(period, x -> new ArrayList<>()).add(new int[] {si, k, t});
                    }
                }
            }
        }
        for (Map.Entry<Long, List<double[]>> e : byPeriod.entrySet()) {
            List<double[]> ps = e.getValue();
            double[] p = new double[ps.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = ps.get(i)[0];
            }
            double[] q = PValues.benjaminiHochberg(p);
            List<int[]> at = Objects.requireNonNull(where.get(e.getKey()), "a period with p-values has their places");
            for (int i = 0; i < q.length; i++) {
                int[] w = at.get(i);
                series.get(w[0]).anomaly[w[1]][AlertCalc.P][w[2]] = q[i];
            }
        }
    }

    /** A task per index, spread over the tracker's threads; the caller's thread is one of them. */
    private void parallel(int count, WorkerTask task) {
        int threads = Math.min(parallelism, count);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        IntConsumer worker = w -> {
            try {
                for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
                    task.run(w, i);
                }
            } catch (Throwable e) {
                Throwable first = failure.compareAndExchange(null, e);
                if (first != null) {
                    first.addSuppressed(e);
                }
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int w = 1; w < threads; w++) {
            int id = w;
            Thread t = new Thread(() -> worker.accept(id), "kpi-tracker-" + w);
            started.add(t);
            t.start();
        }
        worker.accept(0);
        for (Thread t : started) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while tracking", e);
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
    }

    /** One unit of work: the index of a series, on a worker whose scratch buffers it may use. */
    @FunctionalInterface
    private interface WorkerTask {
        void run(int worker, int index);
    }

    @Override
    public String toString() {
        return "tracker of " + catalog + " with " + plan;
    }

    /**
     * Builds a {@link Tracker}; each option may be set once, listeners accumulate. Not thread-safe.
     */
    public static final class Builder {
        private final Catalog catalog;
        private @Nullable TrackingPlan plan;
        private @Nullable Clock clock;
        private @Nullable Integer parallelism;
        private final List<AlertListener> listeners = new ArrayList<>();
        private boolean scores;
        private final Map<String, Map<String, Map<String, Double>>> scoreTargets = new LinkedHashMap<>();

        private Builder(Catalog catalog) {
            this.catalog = catalog;
        }

        /**
         * Tracks by this plan instead of the catalog's ({@code catalog.tracking()}).
         *
         * <pre>{@code
         * Tracker t = Tracker.builder(catalog).plan(catalog.tracking()).build();
         * }</pre>
         *
         * @param tracking the plan
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder plan(TrackingPlan tracking) {
            Objects.requireNonNull(tracking, "tracking");
            if (plan != null) {
                throw new IllegalStateException("plan was already set to " + plan);
            }
            this.plan = tracking;
            return this;
        }

        /**
         * The clock whose date is the as-of date of findings (overdue plans and reviews); default the system clock.
         *
         * <pre>{@code
         * Tracker t = Tracker.builder(catalog).clock(Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"),
         *         ZoneOffset.UTC)).build();
         * }</pre>
         *
         * @param now the clock
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder clock(Clock now) {
            Objects.requireNonNull(now, "now");
            if (clock != null) {
                throw new IllegalStateException("clock was already set to " + clock);
            }
            this.clock = now;
            return this;
        }

        /**
         * The number of threads (default: the processors).
         *
         * <pre>{@code
         * Tracker t = Tracker.builder(catalog).parallelism(2).build();
         * }</pre>
         *
         * @param threads 1 or more
         * @return this builder
         * @throws IllegalArgumentException if threads is less than 1
         * @throws IllegalStateException if already set
         */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, but was " + threads);
            }
            if (parallelism != null) {
                throw new IllegalStateException("parallelism was already set to " + parallelism);
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * Tracks the scores of every goal tree of the catalog beside its metrics: each node with children is a KPI
         * (unit {@code score}, segments = the tree's entity dimensions), scored from the results by
         * {@link ScoreCard}. Without this option only the trees with a node that the plan names (a target, alert,
         * action plan, status rules or review of a score id) are scored and tracked.
         *
         * <pre>{@code
         * Scorecard card = Tracker.builder(catalog).scores().build().track(results);
         * card.rows().stream().filter(r -> r.metric().equals("sales_health")).forEach(System.out::println);
         * }</pre>
         *
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder scores() {
            if (scores) {
                throw new IllegalStateException("scores was already set");
            }
            scores = true;
            return this;
        }

        /**
         * Scores a goal tree with each entity's own targets, as {@link ScoreCard#score(KpiResults, Map)} does:
         * per KPI of the tree, per entity, the target in every period (where absent, the tree's cascaded target,
         * then the leaf's and the metric's). The tree's nodes are then tracked on those scores (this alone makes
         * the tracker track the tree, as {@link #scores()} does for every tree).
         *
         * <pre>{@code
         * Tracker t = Tracker.builder(catalog).scores()
         *         .scoreTargets("sales_health", Map.of("revenue", Map.of("ana", 12_000.0, "ben", 9_000.0))).build();
         * }</pre>
         *
         * @param tree the id of a goal tree of the catalog
         * @param targets per KPI id of the tree, per entity, the target
         * @return this builder
         * @throws IllegalArgumentException if the catalog has no such tree (with did-you-mean), a KPI is not one of
         *     the tree's, or a target is not finite
         * @throws IllegalStateException if the tree's targets were already set
         */
        public Builder scoreTargets(String tree, Map<String, Map<String, Double>> targets) {
            Objects.requireNonNull(tree, "tree");
            Objects.requireNonNull(targets, "targets");
            List<String> trees = catalog.goalTrees().stream().map(GoalTree::id).toList();
            GoalTree t = catalog.goalTree(tree).orElseThrow(() -> new IllegalArgumentException("scoreTargets: the"
                    + " catalog has no goal tree '" + tree + "'; its trees are " + trees
                    + Suggestions.didYouMean(tree, trees)));
            if (scoreTargets.containsKey(tree)) {
                throw new IllegalStateException("the score targets of goal tree '" + tree + "' were already set");
            }
            Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
            targets.forEach((kpi, byEntity) -> {
                if (!t.kpis().contains(kpi)) {
                    throw new IllegalArgumentException("scoreTargets: '" + kpi + "' is not a KPI of goal tree '"
                            + tree + "', whose KPIs are " + t.kpis()
                            + Suggestions.didYouMean(kpi, t.kpis()));
                }
                byEntity.forEach((entity, v) -> {
                    if (v == null || !Double.isFinite(v)) {
                        throw new IllegalArgumentException("scoreTargets: the target of '" + kpi + "' for '" + entity
                                + "' must be a finite number, but was " + v);
                    }
                });
                copy.put(kpi, Map.copyOf(byEntity));
            });
            scoreTargets.put(tree, Map.copyOf(copy));
            return this;
        }

        /**
         * Adds a listener that receives the alerts of every scorecard.
         *
         * <pre>{@code
         * Tracker t = Tracker.builder(catalog).listener(alert -> log.warn(alert.toString())).build();
         * }</pre>
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(AlertListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the tracker, checking the plan against the catalog when it is not the catalog's own.
         *
         * @return the tracker
         * @throws CatalogException if the plan names unknown metrics or dimensions, or does not fit the metrics
         *     (targets on a metric without direction, seasonal phasing without seasonal baseline, ...), listing
         *     every problem with did-you-mean
         */
        public Tracker build() {
            TrackingPlan p = plan == null ? catalog.tracking() : plan;
            if (plan != null) {
                List<Problem> problems = PlanChecks.problems(p, catalog);
                if (!problems.isEmpty()) {
                    throw new CatalogException(catalog.name(), problems);
                }
            }
            return new Tracker(catalog, p, clock == null ? Clock.systemUTC() : clock,
                    parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism, listeners,
                    scores, Map.copyOf(scoreTargets));
        }
    }
}
