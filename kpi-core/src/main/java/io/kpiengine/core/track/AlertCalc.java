package io.kpiengine.core.track;

import io.kpiengine.analysis.AnomalyScore;
import io.kpiengine.core.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The alerts of a series ({@code docs/tracking.md}, "Alerts").
 *
 * <p>Design: in phase A ({@link #prepare}) the anomaly signals of every anomaly rule are computed for every period
 * (z-score, p-value, expected value and band), so that the tracker can adjust the p-values of one period across the
 * whole scorecard (Benjamini-Hochberg) before any alert opens. In phase C ({@link #run}) each rule runs a state
 * machine over the periods in order: a period whose status is unreliable, partial or without data is skipped
 * (it neither counts towards opening nor closes an alert); a closed rule counts consecutive periods meeting the
 * enter condition (and, with false-alarm control, a BH-adjusted p-value at most the rate) and opens after
 * {@code periods} of them; an open rule closes when the signal reaches the exit level; after closing, the next
 * {@code cooldown} evaluated periods are ignored. The machine starts from the previous run's state when that state
 * ends before the first period of the series (the history is not in the results), else from scratch: replaying
 * the history gives the same state and keeps rows and state consistent.
 */
final class AlertCalc {

    static final int SIGNAL = 0;
    static final int P = 1;
    static final int EXPECTED = 2;
    static final int LOW = 3;
    static final int HIGH = 4;

    private AlertCalc() {
    }

    /**
     * Phase A: the rules that watch the series; with false-alarm control, the anomaly signals of every period (the
     * tracker adjusts their p-values across the scorecard before phase C).
     */
    static void prepare(Series s, Run run) {
        List<AlertRule> all = s.m.alerts;
        int[] rules = new int[all.size()];
        int count = 0;
        for (int i = 0; i < all.size(); i++) {
            if (Segments.matches(all.get(i).segment(), s.segment)) {
                rules[count++] = i;
            }
        }
        s.rules = Arrays.copyOf(rules, count);
        s.anomaly = new double[count][][];
        s.ewmaEnd = new double[count][];
        if (Double.isNaN(run.falseDiscoveryRate)) {
            return;
        }
        double[] out = new double[5];
        for (int k = 0; k < count; k++) {
            AlertRule r = all.get(s.rules[k]);
            if (r.kind() == AlertRule.Kind.ANOMALY) {
                AnomalyScorer scorer = new AnomalyScorer(s, run, r, true);
                double[][] a = new double[5][s.n];
                for (int t = 0; t < s.n; t++) {
                    scorer.next(t, out);
                    for (int i = 0; i < 5; i++) {
                        a[i][t] = out[i];
                    }
                }
                s.anomaly[k] = a;
                s.ewmaEnd[k] = scorer.ewmaEnd();
            }
        }
    }

    /** Phase C: the state machine of every rule over the series. */
    static void run(Series s, Run run) {
        s.ends = new Episode[s.rules.length];
        List<List<Alert>> perRow = new ArrayList<>(s.n);
        for (int t = 0; t < s.n; t++) {
            perRow.add(null);
        }
        double[] values = new double[5];
        for (int k = 0; k < s.rules.length; k++) {
            AlertRule r = s.m.alerts.get(s.rules[k]);
            MachineState prev = run.previous.isEmpty() ? null
                    : run.previous.get(MachineState.key(r.id(), s.m.id, s.segment));
            MachineState seed = prev != null && prev.last() < s.spine.firstIndex ? prev : null;
            boolean open = seed != null && seed.open();
            long since = seed != null ? seed.since() : 0;
            int pending = seed != null ? seed.pending() : 0;
            int cooldown = seed != null ? seed.cooldown() : 0;
            long last = seed != null ? seed.last() : Long.MIN_VALUE;
            Episode ep = new Episode(r);
            AnomalyScorer scorer = r.kind() == AlertRule.Kind.ANOMALY && s.anomaly[k] == null
                    ? new AnomalyScorer(s, run, r, false) : null;
            for (int t = 0; t < s.n; t++) {
                if (scorer != null) {
                    scorer.next(t, values);
                }
                ScorecardRow row = s.rows[t];
                if (row.status == KpiStatus.UNRELIABLE || row.status == KpiStatus.PARTIAL_PERIOD
                        || row.status == KpiStatus.NO_DATA) {
                    continue;
                }
                last = s.spine.firstIndex + t;
                if (scorer == null) {
                    signal(s, r, k, t, values);
                }
                double sig = values[SIGNAL];
                Alert event = null;
                if (open) {
                    if (!Double.isNaN(sig) && r.exits(sig)) {
                        open = false;
                        cooldown = r.cooldown();
                        pending = 0;
                        event = event(Alert.State.RESOLVED, s, run, r, t, since, values);
                        ep.resolved.add(event);
                    } else {
                        event = event(Alert.State.CONTINUING, s, run, r, t, since, values);
                    }
                } else if (!Double.isNaN(sig)) {
                    if (cooldown > 0) {
                        cooldown--;
                        pending = 0;
                    } else if (r.enters(sig) && (Double.isNaN(run.falseDiscoveryRate)
                            || values[P] <= run.falseDiscoveryRate)) {
                        pending++;
                        if (pending >= r.periods()) {
                            open = true;
                            since = s.spine.firstIndex + t;
                            pending = 0;
                            event = event(Alert.State.NEW, s, run, r, t, since, values);
                        }
                    } else {
                        pending = 0;
                    }
                }
                if (event != null) {
                    if (perRow.get(t) == null) {
                        perRow.set(t, new ArrayList<>(2));
                    }
                    perRow.get(t).add(event);
                    if (open) {
                        ep.lastOpen = event;
                    }
                }
            }
            ep.open = open;
            ep.since = since;
            double[] chart = scorer != null ? scorer.ewmaEnd() : s.ewmaEnd[k];
            ep.state = new MachineState(r.id(), s.m.id, s.segment, last, open, since, pending, cooldown,
                    chart != null, chart == null ? 0 : chart[0], chart == null ? 0 : chart[1],
                    chart == null ? 0 : chart[2], chart == null ? 0 : (long) chart[3]);
            s.ends[k] = ep;
        }
        for (int t = 0; t < s.n; t++) {
            if (perRow.get(t) != null) {
                s.rows[t].alerts = List.copyOf(perRow.get(t));
            }
        }
    }

    /** The signal of rule k at row t with its p-value, expected value and band, into {@code out}. */
    private static void signal(Series s, AlertRule r, int k, int t, double[] out) {
        Arrays.fill(out, Double.NaN);
        ScorecardRow row = s.rows[t];
        switch (r.kind()) {
            case ANOMALY:
                for (int i = 0; i < 5; i++) {
                    out[i] = s.anomaly[k][i][t];
                }
                return;
            case THRESHOLD:
                if (r.input() == AlertRule.Input.VALUE) {
                    out[SIGNAL] = row.value;
                    if (r.side() != AlertRule.Side.ABOVE) {
                        out[LOW] = r.side() == AlertRule.Side.BEYOND ? -r.enter() : r.enter();
                    }
                    if (r.side() != AlertRule.Side.BELOW) {
                        out[HIGH] = r.enter();
                    }
                } else {
                    out[SIGNAL] = row.achievement;
                    out[EXPECTED] = row.target;
                }
                return;
            default:
                double basis;
                if (r.basis() == AlertRule.Basis.PREVIOUS) {
                    basis = t > 0 ? s.v[t - 1] : Double.NaN;
                } else if (r.basis() == AlertRule.Basis.BASELINE) {
                    basis = row.baselineValue;
                } else {
                    int ly = s.spine.lastYear[t];
                    basis = ly >= 0 ? s.v[ly] : Double.NaN;
                }
                if (Double.isNaN(basis) || r.percent() && basis == 0) {
                    return;
                }
                double diff = row.value - basis;
                out[SIGNAL] = r.percent() ? 100 * diff / Math.abs(basis) : diff;
                double unit = r.percent() ? Math.abs(basis) / 100 : 1;
                out[EXPECTED] = basis;
                if (r.side() != AlertRule.Side.ABOVE) {
                    out[LOW] = basis + (r.side() == AlertRule.Side.BEYOND ? -r.enter() : r.enter()) * unit;
                }
                if (r.side() != AlertRule.Side.BELOW) {
                    out[HIGH] = basis + r.enter() * unit;
                }
        }
    }

    private static String signalName(AlertRule r) {
        switch (r.kind()) {
            case THRESHOLD:
                return r.input() == AlertRule.Input.VALUE ? "value" : "achievement %";
            case CHANGE:
                return (r.percent() ? "% change" : "change") + " from " + (r.basis() == AlertRule.Basis.PREVIOUS
                        ? "the previous period" : r.basis() == AlertRule.Basis.BASELINE ? "the baseline" : "last year");
            default:
                return r.method() == AlertRule.Method.SIGMA ? "z-score against the baseline"
                        : r.method() == AlertRule.Method.ROBUST ? "robust z-score" : "EWMA score";
        }
    }

    private static Alert event(Alert.State state, Series s, Run run, AlertRule r, int t, long since,
            double[] values) {
        ScorecardRow row = s.rows[t];
        double p = values[P];
        if (Double.isNaN(p) && r.kind() == AlertRule.Kind.ANOMALY && !Double.isNaN(values[SIGNAL])) {
            p = AnomalyScore.pValue(values[SIGNAL], AnomalyScorer.tail(r));
        }
        double[] v = {values[SIGNAL], p, values[EXPECTED], values[LOW], values[HIGH]};
        Period opened = s.spine.period((int) (since - s.spine.firstIndex));
        boolean adjusted = !Double.isNaN(run.falseDiscoveryRate);
        return new Alert(r.id(), r.kind(), r.severity(), state, s.m.id, s.segment, row.period(), opened, row.value,
                v[EXPECTED], v[LOW], v[HIGH], v[SIGNAL], v[P], () -> message(state, s.m.id, s.segment, row, r, opened,
                v, adjusted));
    }

    private static String message(Alert.State state, String metric, java.util.Map<String, String> segment,
            ScorecardRow row, AlertRule r, Period opened, double[] values, boolean adjusted) {
        StringBuilder msg = new StringBuilder(metric);
        if (!segment.isEmpty()) {
            msg.append(' ').append(segment);
        }
        msg.append(' ').append(row.period()).append(": ").append(signalName(r)).append(' ')
                .append(Fmt.num(values[SIGNAL]));
        String side = r.side() == AlertRule.Side.ABOVE ? "above " : r.side() == AlertRule.Side.BELOW ? "below "
                : "beyond +-";
        if (state == Alert.State.RESOLVED) {
            msg.append(" back within the exit level ").append(r.side() == AlertRule.Side.BEYOND ? "+-" : "")
                    .append(Fmt.num(r.exit()));
        } else if (state == Alert.State.NEW) {
            msg.append(' ').append(side).append(Fmt.num(r.enter()));
            if (r.periods() > 1) {
                msg.append(" for ").append(r.periods()).append(" periods");
            }
        } else {
            msg.append(", open since ").append(opened).append(" (opened ").append(side).append(Fmt.num(r.enter()))
                    .append(", closes at ").append(r.side() == AlertRule.Side.BEYOND ? "+-" : "")
                    .append(Fmt.num(r.exit())).append(')');
        }
        boolean plain = r.kind() == AlertRule.Kind.THRESHOLD && r.input() == AlertRule.Input.VALUE;
        if (!plain) {
            msg.append("; value ").append(Fmt.num(row.value));
        }
        if (!Double.isNaN(values[EXPECTED])) {
            msg.append(", expected ").append(Fmt.num(values[EXPECTED]));
        }
        boolean low = !Double.isNaN(values[LOW]);
        boolean high = !Double.isNaN(values[HIGH]);
        if (!plain && low && high) {
            msg.append(", band ").append(Fmt.num(values[LOW])).append("..").append(Fmt.num(values[HIGH]));
        } else if (!plain && (low || high)) {
            msg.append(low ? ", at least " : ", at most ").append(Fmt.num(low ? values[LOW] : values[HIGH]));
        }
        if (!Double.isNaN(values[P])) {
            msg.append(adjusted ? ", BH-adjusted p " : ", p ").append(Fmt.num(values[P]));
        }
        return msg.toString();
    }

    /** How one rule ended on one series: open or not, the last open event, the resolutions on the way. */
    static final class Episode {
        final AlertRule rule;
        boolean open;
        long since;
        @Nullable Alert lastOpen;
        final List<Alert> resolved = new ArrayList<>(1);
        @Nullable MachineState state;

        Episode(AlertRule rule) {
            this.rule = rule;
        }
    }
}
