package io.kpiengine.core.track;

import io.kpiengine.analysis.AnomalyScore;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.time.PeriodStatus;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One metric and segment over consecutive periods: its cells, its rows and the work of computing them.
 *
 * <p>Design: {@link #v} holds the values of the complete periods (NaN for no value, a partial or a future period),
 * the input of every statistic over earlier periods (baselines, z-scores, changes, anomaly windows, forecasts), so a
 * partial period never enters a window. {@link #compute} fills each row in one pass per step: targets, baseline,
 * trailing spread, achievement and changes, pace, then the status. Not thread-safe: one thread computes a series.
 */
final class Series {

    final MetricSetup m;
    final Map<String, String> segment;
    final KpiResult[] cells;
    final Spine spine;
    final ScorecardRow[] rows;
    final double[] v;
    final int n;
    int current = -1;
    /** The trailing sample standard deviation before each row (NaN with fewer than 3 values). */
    final double[] sigma;
    /** Per row, the index into {@code m.targets} of the horizon target whose pace the row shows, or -1. */
    final int[] horizon;
    /** Per target of the metric: the positions of its phased horizon and the per-period shares, or the reason. */
    final int[] phaseStart;
    final int[] phaseEnd;
    final double[][] shares;
    final @Nullable String[] shareReason;
    /** The indexes into {@code m.alerts} of the rules that watch this segment. */
    int[] rules = new int[0];
    /** Per rule: the anomaly signals (AlertCalc.SIGNAL, P, EXPECTED, LOW, HIGH) per row, null for other kinds. */
    double[][][] anomaly = new double[0][][];
    /** Per rule: the EWMA chart at the end (mean, sigma, statistic, points), null for other rules. */
    double[][] ewmaEnd = new double[0][];
    /** Per rule: how it ended. */
    AlertCalc.Episode[] ends = new AlertCalc.Episode[0];

    Series(MetricSetup m, Map<String, String> segment, KpiResult[] cells, Spine spine) {
        this.m = m;
        this.segment = segment;
        this.cells = cells;
        this.spine = spine;
        this.n = cells.length;
        this.rows = new ScorecardRow[n];
        this.v = new double[n];
        this.sigma = new double[n];
        this.horizon = new int[n];
        int targets = m.targets.size();
        this.phaseStart = new int[targets];
        this.phaseEnd = new int[targets];
        this.shares = new double[targets][];
        this.shareReason = new String[targets];
        for (int t = 0; t < n; t++) {
            KpiResult c = cells[t];
            double value = c.value().isPresent() ? c.value().value() : Double.NaN;
            rows[t] = new ScorecardRow(this, t, c, value);
            v[t] = c.status() == PeriodStatus.COMPLETE ? value : Double.NaN;
            if (c.status() == PeriodStatus.COMPLETE) {
                current = t;
            }
        }
        if (current >= 0) {
            rows[current].current = true;
        }
    }

    Period period(int position) {
        return spine.period(position);
    }

    /** The position of the same period {@code k} years earlier, or -1 before the first period. */
    int yearsBack(int t, int k) {
        if (k == 1) {
            return spine.lastYear[t];
        }
        int j = spine.position(spine.periods[t].plusYears(-k));
        return j >= 0 ? j : -1;
    }

    /** Direction-aware achievement in percent of a positive target; NaN otherwise. */
    static double achievement(@Nullable Direction d, double value, double target) {
        if (!(target > 0) || Double.isNaN(value) || d == null || d == Direction.TARGET_BAND) {
            return Double.NaN;
        }
        return d == Direction.HIGHER_IS_BETTER ? 100 * value / target : 100 * (2 - value / target);
    }

    /** Achievement of a band: 100 inside, below it as against a higher-is-better low, above as a lower-is-better high. */
    static double bandAchievement(double value, double low, double high) {
        if (Double.isNaN(value) || Double.isNaN(low)) {
            return Double.NaN;
        }
        if (value < low) {
            return achievement(Direction.HIGHER_IS_BETTER, value, low);
        }
        if (value > high) {
            return achievement(Direction.LOWER_IS_BETTER, value, high);
        }
        return 100;
    }

    /** The achievement of the stretch target of row t (none for a band). */
    double stretchAchievement(int t) {
        return m.direction == Direction.TARGET_BAND ? Double.NaN : achievement(m.direction, rows[t].value,
                rows[t].stretch);
    }

    /** Row t's value minus the previous period's (NaN without either). */
    double change(int t) {
        return t > 0 ? rows[t].value - v[t - 1] : Double.NaN;
    }

    /** The change from the previous period in percent of its magnitude (NaN without either, or from 0). */
    double changePercent(int t) {
        return t > 0 && v[t - 1] != 0 ? 100 * (rows[t].value - v[t - 1]) / Math.abs(v[t - 1]) : Double.NaN;
    }

    /** Row t's value minus the same period's last year (NaN without either). */
    double yoyChange(int t) {
        int ly = spine.lastYear[t];
        return ly >= 0 ? rows[t].value - v[ly] : Double.NaN;
    }

    /** The change from last year in percent of its magnitude (NaN without either, or from 0). */
    double yoyPercent(int t) {
        int ly = spine.lastYear[t];
        return ly >= 0 && v[ly] != 0 ? 100 * (rows[t].value - v[ly]) / Math.abs(v[ly]) : Double.NaN;
    }

    /** Phase A: everything of the rows but their alerts. */
    void compute(Run run, double[] scratch, double[] slots) {
        TargetCalc.fill(this, run);
        for (int t = 0; t < n; t++) {
            ScorecardRow row = rows[t];
            Baselines.fill(this, t, scratch, row);
            spread(t, scratch);
            double value = row.value;
            row.achievement = m.direction == Direction.TARGET_BAND ? bandAchievement(value, row.bandLow, row.bandHigh)
                    : achievement(m.direction, value, row.target);
        }
        PaceCalc.fill(this, run);
        for (int t = 0; t < n; t++) {
            status(rows[t], slots);
        }
        AlertCalc.prepare(this, run);
    }

    /** The trailing spread and z-score of row t, over the metric's window of values before it. */
    private void spread(int t, double[] scratch) {
        int count = 0;
        for (int i = Math.max(0, t - m.window); i < t; i++) {
            if (!Double.isNaN(v[i])) {
                scratch[count++] = v[i];
            }
        }
        sigma[t] = count >= 3 ? AnomalyScore.standardDeviation(scratch, 0, count) : Double.NaN;
        double value = rows[t].value;
        rows[t].zscore = sigma[t] > 0 ? (value - AnomalyScore.mean(scratch, 0, count)) / sigma[t] : Double.NaN;
    }

    private void status(ScorecardRow row, double[] slots) {
        if (m.unreliable) {
            row.status = KpiStatus.UNRELIABLE;
            row.statusRule = "quality-gate";
            return;
        }
        if (row.result.status() == PeriodStatus.PARTIAL) {
            row.status = KpiStatus.PARTIAL_PERIOD;
            row.statusRule = "partial-period";
            return;
        }
        if (Double.isNaN(row.value)) {
            row.status = KpiStatus.NO_DATA;
            row.statusRule = "no-data";
            return;
        }
        double baseline = row.baselineValue;
        slots[StatusRules.VALUE] = row.value;
        slots[StatusRules.TARGET] = row.target;
        slots[StatusRules.STRETCH] = row.stretch;
        slots[StatusRules.BASELINE] = baseline;
        slots[StatusRules.BAND_LOW] = row.bandLow;
        slots[StatusRules.BAND_HIGH] = row.bandHigh;
        slots[StatusRules.ACHIEVEMENT] = row.achievement;
        slots[StatusRules.STRETCH_ACHIEVEMENT] = stretchAchievement(row.t);
        slots[StatusRules.GAP] = row.value - row.target;
        slots[StatusRules.BASELINE_GAP] = row.value - baseline;
        slots[StatusRules.CHANGE] = change(row.t);
        slots[StatusRules.CHANGE_PCT] = changePercent(row.t);
        slots[StatusRules.YOY_CHANGE] = yoyChange(row.t);
        slots[StatusRules.YOY_PCT] = yoyPercent(row.t);
        slots[StatusRules.ZSCORE] = row.zscore;
        Pace pace = row.pace;
        slots[StatusRules.PACE] = pace == null ? Double.NaN : pace.percent().orElse(Double.NaN);
        slots[StatusRules.FORECAST] = pace == null ? Double.NaN : pace.forecast().orElse(Double.NaN);
        slots[StatusRules.PROBABILITY] = pace == null ? Double.NaN : pace.probability().orElse(Double.NaN);
        int rule = m.rules.firstMatch(slots);
        if (rule < 0) {
            row.status = KpiStatus.NOT_RATED;
            row.statusRule = StatusRules.NO_MATCH;
        } else {
            StatusRule r = m.rules.rules().get(rule);
            row.status = r.status();
            row.statusRule = r.name();
        }
    }
}
