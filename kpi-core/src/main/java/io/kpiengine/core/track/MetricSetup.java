package io.kpiengine.core.track;

import io.kpiengine.core.metric.Baseline;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.metric.Target;
import io.kpiengine.core.metric.TargetBand;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.track.internal.ScoreNodes;
import io.kpiengine.data.doc.Location;
import io.kpiengine.data.doc.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What tracking one metric means at one grain: its direction, baseline (the metadata's, else the default trailing
 * mean), the targets that apply (the plan's, and the metadata's for kinds the plan does not set), status rules,
 * alert rules, owner, and whether a source of it failed the quality gate of the run.
 */
final class MetricSetup {

    final String id;
    final MetricMetadata metadata;
    final @Nullable Direction direction;
    final @Nullable String owner;
    final Baseline baseline;
    final int seasonalPeriod;
    final int window;
    final StatusRules rules;
    final List<PlannedTarget> targets;
    final List<AlertRule> alerts;
    final boolean unreliable;
    final Location location;
    /** Per target of {@link #targets}: the value as a double (NaN for a band), band ends, and its dates as epoch
     * days (from/until for unphased targets, the horizon for phased ones; open ends as Long.MIN/MAX_VALUE). */
    final double[] targetValue;
    final double[] bandLow;
    final double[] bandHigh;
    final long[] fromDay;
    final long[] untilDay;
    final long[] dueDay;

    private MetricSetup(String id, MetricMetadata md, Baseline baseline, int seasonalPeriod, int window,
            StatusRules rules, List<PlannedTarget> targets, List<AlertRule> alerts, boolean unreliable,
            Location location) {
        this.id = id;
        this.metadata = md;
        this.direction = md.direction().orElse(null);
        this.owner = md.owner().orElse(null);
        this.baseline = baseline;
        this.seasonalPeriod = seasonalPeriod;
        this.window = window;
        this.rules = rules;
        this.targets = List.copyOf(targets);
        this.alerts = List.copyOf(alerts);
        this.unreliable = unreliable;
        this.location = location;
        int n = this.targets.size();
        this.targetValue = new double[n];
        this.bandLow = new double[n];
        this.bandHigh = new double[n];
        this.fromDay = new long[n];
        this.untilDay = new long[n];
        this.dueDay = new long[n];
        for (int i = 0; i < n; i++) {
            PlannedTarget t = this.targets.get(i);
            targetValue[i] = t.value() == null ? Double.NaN : t.value().doubleValue();
            bandLow[i] = t.band() == null ? Double.NaN : t.band().low().doubleValue();
            bandHigh[i] = t.band() == null ? Double.NaN : t.band().high().doubleValue();
            boolean phased = t.phasing() != Phasing.NONE;
            LocalDate from = phased ? t.horizonStart() : t.from();
            LocalDate until = phased ? t.due() : t.until();
            fromDay[i] = from == null ? Long.MIN_VALUE : from.toEpochDay();
            untilDay[i] = until == null ? Long.MAX_VALUE : until.toEpochDay();
            dueDay[i] = t.due() == null ? Long.MAX_VALUE : t.due().toEpochDay();
        }
    }

    /** Whether target {@code i} applies to a period starting on an epoch day. */
    boolean applies(int i, long day) {
        return day >= fromDay[i] && day <= untilDay[i];
    }

    /** Whether target {@code i} takes precedence over target {@code j} where both apply (see PlannedTarget). */
    boolean before(int i, int j) {
        int si = targets.get(i).segment().size();
        int sj = targets.get(j).segment().size();
        if (si != sj) {
            return si > sj;
        }
        return fromDay[i] != fromDay[j] ? fromDay[i] > fromDay[j] : i > j;
    }

    /** The default trailing window of a grain: a year of months, two years of quarters, a quarter of weeks. */
    static int defaultWindow(Grain grain) {
        switch (grain) {
            case HOUR:
                return 24;
            case DAY:
                return 28;
            case WEEK:
                return 13;
            case MONTH:
                return 12;
            case QUARTER:
            case FISCAL_QUARTER:
                return 8;
            default:
                return 5;
        }
    }

    /** The seasonal period of a grain (a day of hours, a week of days, a year of weeks, months or quarters). */
    static int seasonalPeriod(Grain grain) {
        switch (grain) {
            case HOUR:
                return 24;
            case DAY:
                return 7;
            case WEEK:
                return 52;
            case MONTH:
                return 12;
            case QUARTER:
            case FISCAL_QUARTER:
                return 4;
            default:
                return 0;
        }
    }

    /**
     * The setup of a metric at a grain; problems that only the grain reveals (a baseline in months at another grain,
     * a seasonal baseline without a seasonal period) are added to {@code problems}. A score node of a goal tree
     * ({@code tree} not null) is a KPI with the metadata of {@link ScoreNodes#metadata}.
     */
    static MetricSetup of(Catalog catalog, TrackingPlan plan, String id, @Nullable GoalTree tree, Grain grain,
            Set<String> failedSources, List<Problem> problems) {
        Metric metric = tree == null ? catalog.metric(id).orElseThrow() : null;
        MetricMetadata md = metric != null ? metric.metadata() : ScoreNodes.metadata(tree, id);
        int window = defaultWindow(grain);
        Baseline baseline = md.baseline().orElse(Baseline.trailingMean(window));
        int period = 0;
        Location at = tree == null ? catalog.location(id, "baseline") : tree.location(id);
        if (baseline.inMonths() && grain != Grain.MONTH) {
            problems.add(new Problem(at, "metric '" + id + "': baseline '" + baseline + "' counts months, but the"
                    + " results are at grain " + grain.id() + "; give the window in periods: {method: trailing,"
                    + " periods: N}"));
        }
        if (baseline.method() == Baseline.Method.TRAILING || baseline.method() == Baseline.Method.TRAILING_MEDIAN) {
            window = baseline.length();
        }
        if (baseline.method() == Baseline.Method.SEASONALLY_ADJUSTED) {
            period = baseline.seasonalPeriod().orElse(seasonalPeriod(grain));
            if (period == 0) {
                problems.add(new Problem(at, "metric '" + id + "': a seasonally adjusted baseline at grain "
                        + grain.id() + " needs an explicit seasonal period ('period' in the baseline)"));
            }
        }
        List<PlannedTarget> targets = new ArrayList<>();
        Set<TargetKind> planned = EnumSet.noneOf(TargetKind.class);
        for (PlannedTarget t : plan.targets()) {
            if (t.metric().equals(id)) {
                targets.add(t);
                planned.add(t.kind());
            }
        }
        Target shortTerm = md.targets().shortTerm();
        Target longTerm = md.targets().longTerm();
        Target stretch = md.targets().stretch();
        if (shortTerm != null && !planned.contains(TargetKind.SHORT_TERM)) {
            targets.add(PlannedTarget.shortTerm(id, shortTerm.value()));
        }
        if (longTerm != null && !planned.contains(TargetKind.LONG_TERM)) {
            PlannedTarget t = PlannedTarget.longTerm(id, longTerm.value());
            targets.add(longTerm.due().isPresent() ? t.due(longTerm.due().get()) : t);
        }
        if (stretch != null && !planned.contains(TargetKind.STRETCH)) {
            PlannedTarget t = PlannedTarget.stretch(id, stretch.value());
            targets.add(stretch.due().isPresent() ? t.due(stretch.due().get()) : t);
        }
        TargetBand band = md.targetBand().orElse(null);
        if (band != null && !planned.contains(TargetKind.BAND)) {
            targets.add(PlannedTarget.band(id, band.low(), band.high()));
        }
        List<AlertRule> alerts = new ArrayList<>();
        for (AlertRule a : plan.alerts()) {
            if (a.metric().equals(id)) {
                alerts.add(a);
            }
        }
        boolean unreliable = false;
        for (String source : tree == null ? catalog.sourcesOf(id) : ScoreNodes.sources(catalog, tree, id)) {
            unreliable |= failedSources.contains(source);
        }
        return new MetricSetup(id, md, baseline, period, window, plan.statusRules(id), targets, alerts,
                unreliable, tree == null ? catalog.location(id) : tree.location(id));
    }
}
