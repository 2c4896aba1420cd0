package io.kpiengine.core.track;

import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.analyze.ImprovementPoints;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to "are we on track, and what needs attention?" for a result table: one {@link ScorecardRow} per
 * metric, period and segment, the alerts of the run, the findings, and the alert state for the next run.
 *
 * <pre>{@code
 * Scorecard card = Tracker.of(catalog).track(results);
 * card.offTrack();                                   // current rows (last complete period) that are off track
 * card.alerts(AlertSeverity.CRITICAL);               // critical alerts: new, continuing or resolved since last run
 * card.row("revenue", march, Map.of("channel", "email")).ifPresent(System.out::println);
 * card.writeJson(writer);                            // or toCsv(): the schema is in docs/tracking.md
 * }</pre>
 *
 * <p>Rows are in the order of the results (metric, segment, period). The current row of a series is its last
 * complete period: {@link #current()}, {@link #offTrack()} and {@link #rows(KpiStatus)} look at those.
 * Instances are immutable and thread-safe.
 */
public final class Scorecard {

    private final String catalog;
    private final String zone;
    private final Grain grain;
    private final LocalDate asOf;
    private final QualityVerdict quality;
    private final List<ScorecardRow> rows;
    private final Map<String, Map<Map<String, String>, ScorecardRow[]>> index;
    private final List<ScorecardRow> current;
    private final List<Alert> alerts;
    private final List<TrackingFinding> findings;
    private final AlertState alertState;
    private final TrackingPlan plan;

    private Scorecard(String catalog, String zone, Grain grain, LocalDate asOf, QualityVerdict quality,
            List<ScorecardRow> rows, Map<String, Map<Map<String, String>, ScorecardRow[]>> index,
            List<ScorecardRow> current, List<Alert> alerts, List<TrackingFinding> findings, AlertState alertState,
            TrackingPlan plan) {
        this.catalog = catalog;
        this.zone = zone;
        this.grain = grain;
        this.asOf = asOf;
        this.quality = quality;
        this.rows = Collections.unmodifiableList(rows);
        this.index = index;
        this.current = Collections.unmodifiableList(current);
        this.alerts = List.copyOf(alerts);
        this.findings = List.copyOf(findings);
        this.alertState = alertState;
        this.plan = plan;
    }

    /** Builds the scorecard of computed series: rows, card-level alerts against the previous state, next state. */
    static Scorecard assemble(Catalog catalog, TrackingPlan plan, Run run, QualityVerdict quality, List<Series> series,
            List<TrackingFinding> findings) {
        int total = 0;
        for (Series s : series) {
            total += s.n;
        }
        List<ScorecardRow> rows = new ArrayList<>(total);
        List<ScorecardRow> current = new ArrayList<>();
        Map<String, Map<Map<String, String>, ScorecardRow[]>> index = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        Map<String, MachineState> states = new HashMap<>();
        for (MachineState old : run.previous.entries()) {
            states.put(old.key(), old);
        }
        for (Series s : series) {
            Collections.addAll(rows, s.rows);
            if (s.current >= 0) {
                current.add(s.rows[s.current]);
            }
            index.computeIfAbsent(s.m.id, k -> new HashMap<>()).put(s.segment, s.rows);
            for (AlertCalc.Episode ep : s.ends) {
                MachineState now = Objects.requireNonNull(ep.state, "every episode ends in a state");
                String key = now.key();
                MachineState before = run.previous.isEmpty() ? null : run.previous.get(key);
                boolean wasOpen = before != null && before.open();
                if (before != null && wasOpen && (!ep.open || ep.since != before.since())) {
                    alerts.add(resolution(s, ep, before));
                }
                if (ep.open) {
                    Alert last = Objects.requireNonNull(ep.lastOpen, "an open episode has its opening event");
                    boolean same = before != null && wasOpen && before.since() == ep.since;
                    alerts.add(last.with(same ? Alert.State.CONTINUING : Alert.State.NEW, last.period()));
                }
                if (now.last() != Long.MIN_VALUE || before == null) {
                    states.put(key, now);
                }
            }
        }
        for (Map.Entry<String, Map<Map<String, String>, ScorecardRow[]>> e : index.entrySet()) {
            e.setValue(Map.copyOf(e.getValue()));
        }
        return new Scorecard(catalog.name(), run.calendar.zone().getId(), run.grain, run.asOf, quality, rows,
                Map.copyOf(index), current, alerts, findings, new AlertState(run.calendarKey, states), plan);
    }

    /** The RESOLVED alert of an episode open in the previous run: its resolution in this run's rows, if seen. */
    private static Alert resolution(Series s, AlertCalc.Episode ep, MachineState before) {
        for (Alert r : ep.resolved) {
            if (s.spine.position(r.since()) == before.since() - s.spine.firstIndex) {
                return r;
            }
        }
        ScorecardRow row = s.current >= 0 ? s.rows[s.current] : s.rows[s.n - 1];
        Period since = s.spine.period((int) (before.since() - s.spine.firstIndex));
        String text = s.m.id + (s.segment.isEmpty() ? "" : " " + s.segment) + " " + row.period() + ": the alert open"
                + " since " + since + " is no longer open";
        return new Alert(ep.rule.id(), ep.rule.kind(), ep.rule.severity(), Alert.State.RESOLVED, s.m.id, s.segment,
                row.period(), since, row.value, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, () -> text);
    }

    /**
     * Every row, in the order of the results.
     *
     * @return an immutable list
     */
    public List<ScorecardRow> rows() {
        return rows;
    }

    /**
     * One row.
     *
     * @param metric the metric id
     * @param period the period
     * @param segment the metric's dimensions with their values (empty for a metric without dimensions)
     * @return the row, if the scorecard has one for these coordinates
     */
    public Optional<ScorecardRow> row(String metric, Period period, Map<String, String> segment) {
        Objects.requireNonNull(period, "period");
        ScorecardRow[] s = index.getOrDefault(Objects.requireNonNull(metric, "metric"), Map.of())
                .get(Objects.requireNonNull(segment, "segment"));
        if (s == null || s.length == 0 || !s[0].period().grain().equals(period.grain())) {
            return Optional.empty();
        }
        long pos = s[0].period().until(period);
        return pos >= 0 && pos < s.length ? Optional.of(s[(int) pos]) : Optional.empty();
    }

    /**
     * One row of a metric without dimensions.
     *
     * @param metric the metric id
     * @param period the period
     * @return the row, if any
     */
    public Optional<ScorecardRow> row(String metric, Period period) {
        return row(metric, period, Map.of());
    }

    /**
     * The rows of one metric and segment, ordered by period.
     *
     * @param metric the metric id
     * @param segment the segment
     * @return an immutable list, empty if the scorecard has no such series
     */
    public List<ScorecardRow> series(String metric, Map<String, String> segment) {
        ScorecardRow[] s = index.getOrDefault(Objects.requireNonNull(metric, "metric"), Map.of())
                .get(Objects.requireNonNull(segment, "segment"));
        return s == null ? List.of() : List.of(s);
    }

    /**
     * The current row of every series: its last complete period.
     *
     * @return an immutable list, in the order of the results
     */
    public List<ScorecardRow> current() {
        return current;
    }

    /**
     * The current rows with a status.
     *
     * @param status the status
     * @return an immutable list
     */
    public List<ScorecardRow> rows(KpiStatus status) {
        Objects.requireNonNull(status, "status");
        return current.stream().filter(r -> r.status() == status).toList();
    }

    /**
     * The current rows that are off track.
     *
     * @return an immutable list
     */
    public List<ScorecardRow> offTrack() {
        return rows(KpiStatus.OFF_TRACK);
    }

    /**
     * The alerts of this run: open at the end (new since the previous run, or continuing) and resolved since the
     * previous run ({@link Alert}).
     *
     * @return an immutable list, in the order of the results
     */
    public List<Alert> alerts() {
        return alerts;
    }

    /**
     * The alerts of this run of one severity.
     *
     * @param severity the severity
     * @return an immutable list
     */
    public List<Alert> alerts(AlertSeverity severity) {
        Objects.requireNonNull(severity, "severity");
        return alerts.stream().filter(a -> a.severity() == severity).toList();
    }

    /**
     * Whether an alert of a severity is open at the end of the run.
     *
     * @param severity the severity
     * @return true if one is new or continuing
     */
    public boolean hasOpen(AlertSeverity severity) {
        return alerts.stream().anyMatch(a -> a.severity() == severity && a.isOpen());
    }

    /**
     * The governance findings ({@link TrackingFinding}).
     *
     * @return an immutable list
     */
    public List<TrackingFinding> findings() {
        return findings;
    }

    /**
     * What deserves attention on this scorecard, as improvement points on the scale of those of
     * {@code results.improvementPoints()} (a standard normal score), so that both rank together:
     * <ul>
     *   <li>{@code gap-to-target}: a current row rated at-risk or off-track whose value is short of its target (or
     *       outside its band): the shortfall over the sample standard deviation {@code s} of the KPI's trailing
     *       window; the numbers give the gap in the KPI's unit and the achievement in percent;</li>
     *   <li>{@code off-track-streak}: a series off track for at least {@link TrackingPlan#offTrackPeriods()}
     *       consecutive periods up to its current one: Stouffer's {@code sum z_t / sqrt(k)} of the per-period
     *       shortfalls in standard deviations;</li>
     *   <li>{@code critical-alert}: a critical alert open at the end of the run: its anomaly score, or its
     *       distance from the expected value in standard deviations, at least 3.</li>
     * </ul>
     * A gap or streak that cannot be scored (no spread in the trailing window) is a note instead.
     *
     * <pre>{@code
     * Scorecard card = Tracker.of(catalog).track(results);
     * ImprovementPoints all = results.improvementPoints().include(card.improvementPoints()).run();
     * card.improvementPoints().points("gap-to-target").forEach(p -> System.out.println(p.summary()));
     * }</pre>
     *
     * @return the points, highest score first, with the notes; {@code last()} is the latest current period
     */
    public ImprovementPoints improvementPoints() {
        return CardPoints.of(this, plan);
    }

    /**
     * Where every alert rule stands at the end of this run, to save and give to the next run.
     *
     * @return the state
     */
    public AlertState alertState() {
        return alertState;
    }

    /**
     * The number of current rows per status.
     *
     * @return status to count, every status present
     */
    public Map<KpiStatus, Integer> statusCounts() {
        Map<KpiStatus, Integer> counts = new EnumMap<>(KpiStatus.class);
        for (KpiStatus s : KpiStatus.values()) {
            counts.put(s, 0);
        }
        current.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * The catalog's name.
     *
     * @return the name
     */
    public String catalog() {
        return catalog;
    }

    /**
     * The business time zone of the periods.
     *
     * @return the zone id
     */
    public String zone() {
        return zone;
    }

    /**
     * The grain of the periods.
     *
     * @return the grain
     */
    public Grain grain() {
        return grain;
    }

    /**
     * The date of the tracker's clock: the as-of date of overdue plans and reviews.
     *
     * @return the date
     */
    public LocalDate asOf() {
        return asOf;
    }

    /**
     * The quality verdict of the results.
     *
     * @return the verdict
     */
    public QualityVerdict quality() {
        return quality;
    }

    /**
     * Writes the scorecard as JSON (schema in {@code docs/tracking.md}).
     *
     * @param out where to write; not closed
     * @throws UncheckedIOException if writing fails
     */
    public void writeJson(Writer out) {
        try {
            CardWriter.json(this, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The scorecard as JSON.
     *
     * @return the text
     */
    public String toJson() {
        StringWriter w = new StringWriter();
        writeJson(w);
        return w.toString();
    }

    /**
     * Writes the rows as CSV (RFC 4180, CRLF, a header; text cells that start with {@code = + - @}, a tab or a
     * carriage return are prefixed with {@code '} so that spreadsheets do not run them; numbers are never altered).
     *
     * @param out where to write; not closed
     * @throws UncheckedIOException if writing fails
     */
    public void writeCsv(Writer out) {
        try {
            CardWriter.csv(this, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rows as CSV.
     *
     * @return the text
     */
    public String toCsv() {
        StringWriter w = new StringWriter();
        writeCsv(w);
        return w.toString();
    }

    @Override
    public String toString() {
        return "scorecard of " + catalog + ": " + rows.size() + " rows, " + current.size() + " series, "
                + alerts.size() + " alerts, " + findings.size() + " findings";
    }
}
