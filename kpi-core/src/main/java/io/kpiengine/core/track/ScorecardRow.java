package io.kpiengine.core.track;

import io.kpiengine.core.KpiResult;
import io.kpiengine.core.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One row of a {@link Scorecard}: a KPI in one period and segment with its value, baseline, targets, achievement,
 * gaps, changes, pace, status (and the rule that decided it), alerts and owner. Numbers a row does not have (no
 * target in the period, no previous period) are empty, never zero.
 *
 * <p>Definitions ({@code docs/tracking.md}): with value {@code v} and target {@code t > 0}, the achievement in
 * percent is {@code 100 v / t} for higher-is-better KPIs and {@code 100 (2 - v / t)} for lower-is-better ones; for a
 * target band {@code [low, high]} it is 100 inside the band, {@code 100 v / low} below it and
 * {@code 100 (2 - v / high)} above it. The gap is {@code v - t}, the baseline gap {@code v - baseline}; changes are
 * {@code v - v'} and {@code 100 (v - v') / |v'|} for the previous period's and last year's value {@code v'}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScorecardRow {

    final Series series;
    final int t;
    final KpiResult result;
    final double value;
    double baselineValue = Double.NaN;
    @Nullable Period baselineFrom;
    @Nullable Period baselineTo;
    int baselineCount;
    @Nullable Supplier<String> baselineReason;
    double target = Double.NaN;
    @Nullable TargetKind targetKind;
    @Nullable String targetReason;
    double stretch = Double.NaN;
    double bandLow = Double.NaN;
    double bandHigh = Double.NaN;
    double achievement = Double.NaN;
    double zscore = Double.NaN;
    @Nullable Pace pace;
    @Nullable KpiStatus status;
    @Nullable String statusRule;
    List<Alert> alerts = List.of();
    boolean current;

    ScorecardRow(Series series, int t, KpiResult result, double value) {
        this.series = series;
        this.t = t;
        this.result = result;
        this.value = value;
    }

    private static OptionalDouble of(double v) {
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * The metric id.
     *
     * @return the id
     */
    public String metric() {
        return series.m.id;
    }

    /**
     * The segment: the metric's dimensions with their values (empty for a metric without dimensions).
     *
     * @return an unmodifiable map
     */
    public Map<String, String> segment() {
        return series.segment;
    }

    /**
     * The period.
     *
     * @return the period
     */
    public Period period() {
        return result.period();
    }

    /**
     * The result cell behind the row: the value or the reason it has none, the period's status and the rows.
     *
     * @return the cell
     */
    public KpiResult result() {
        return result;
    }

    /**
     * The person or team accountable for the KPI (metadata {@code owner}).
     *
     * @return the owner, if set
     */
    public Optional<String> owner() {
        return Optional.ofNullable(series.m.owner);
    }

    /**
     * The KPI's value.
     *
     * @return the value, empty when the cell has none (the reason is in {@link #result()})
     */
    public OptionalDouble value() {
        return of(value);
    }

    /**
     * The baseline with its method and window, or the reason there is none.
     *
     * @return the baseline
     */
    public BaselineValue baseline() {
        return new BaselineValue(baselineValue, series.m.baseline, baselineFrom, baselineTo, baselineCount,
                baselineReason);
    }

    /**
     * The period's target: the short-term target, else the long-term one (its phased share, or its level).
     *
     * @return the target, empty when none applies (or see {@link #targetReason()})
     */
    public OptionalDouble target() {
        return of(target);
    }

    /**
     * Which slot the period's target comes from.
     *
     * @return SHORT_TERM or LONG_TERM, empty without target
     */
    public Optional<TargetKind> targetKind() {
        return Optional.ofNullable(targetKind);
    }

    /**
     * Why a target that applies has no value in this period (a seasonal phasing without enough history).
     *
     * @return the reason, if any
     */
    public Optional<String> targetReason() {
        return Optional.ofNullable(targetReason);
    }

    /**
     * The period's stretch target (its phased share, or its level).
     *
     * @return the stretch target, if any
     */
    public OptionalDouble stretch() {
        return of(stretch);
    }

    /**
     * The lower end of the target band of a target-band KPI.
     *
     * @return the low end, if the KPI has a band in this period
     */
    public OptionalDouble bandLow() {
        return of(bandLow);
    }

    /**
     * The upper end of the target band of a target-band KPI.
     *
     * @return the high end, if the KPI has a band in this period
     */
    public OptionalDouble bandHigh() {
        return of(bandHigh);
    }

    /**
     * The direction-aware achievement of the target (or band) in percent: 100 meets it (see the class comment).
     *
     * @return the achievement, empty without value, without target, or with a target that is not positive
     */
    public OptionalDouble achievement() {
        return of(achievement);
    }

    /**
     * The direction-aware achievement of the stretch target in percent.
     *
     * @return the achievement, empty without value or stretch target
     */
    public OptionalDouble stretchAchievement() {
        return of(series.stretchAchievement(t));
    }

    /**
     * The gap to the target in the KPI's unit: value minus target.
     *
     * @return the gap, empty without value or target
     */
    public OptionalDouble gap() {
        return of(value - target);
    }

    /**
     * The gap to the baseline in the KPI's unit: value minus baseline.
     *
     * @return the gap, empty without value or baseline
     */
    public OptionalDouble baselineGap() {
        return of(value - baselineValue);
    }

    /**
     * The change from the previous period: value minus the previous period's value.
     *
     * @return the change, empty without either value
     */
    public OptionalDouble change() {
        return of(series.change(t));
    }

    /**
     * The change from the previous period in percent of the previous value's magnitude.
     *
     * @return the change, empty without either value or when the previous value is 0
     */
    public OptionalDouble changePercent() {
        return of(series.changePercent(t));
    }

    /**
     * The change from the same period last year.
     *
     * @return the change, empty without either value
     */
    public OptionalDouble yoyChange() {
        return of(series.yoyChange(t));
    }

    /**
     * The change from the same period last year in percent of last year's magnitude.
     *
     * @return the change, empty without either value or when last year's value is 0
     */
    public OptionalDouble yoyPercent() {
        return of(series.yoyPercent(t));
    }

    /**
     * The z-score of the value against the trailing window: {@code (value - mean) / s}, s the sample standard
     * deviation of the periods with a value among the window before this period.
     *
     * @return the score, empty with fewer than 3 values in the window or a zero standard deviation
     */
    public OptionalDouble zscore() {
        return of(zscore);
    }

    /**
     * Progress towards the KPI's horizon target, for periods inside the horizon.
     *
     * @return the pace, if the period lies in the horizon of a long-term (else stretch) target with a due date
     */
    public Optional<Pace> pace() {
        return Optional.ofNullable(pace);
    }

    /**
     * The status.
     *
     * @return the status
     */
    public KpiStatus status() {
        return Objects.requireNonNull(status, "the status is decided before the row is published");
    }

    /**
     * The rule that decided the status: a status rule's name, {@value StatusRules#NO_MATCH}, or one of the special
     * rules {@code quality-gate}, {@code partial-period}, {@code no-data}.
     *
     * @return the rule's name
     */
    public String statusRule() {
        return Objects.requireNonNull(statusRule, "the status rule is decided with the status");
    }

    /**
     * The alerts of this row: opened, still open or closed in this period.
     *
     * @return an immutable list
     */
    public List<Alert> alerts() {
        return alerts;
    }

    /**
     * Whether this is the current row of its series: the last period that is complete.
     *
     * @return true for the current row
     */
    public boolean isCurrent() {
        return current;
    }

    @Override
    public String toString() {
        return metric() + (segment().isEmpty() ? "" : " " + segment()) + " " + period() + ": " + (Double.isNaN(value) ? "-"
                : value) + ", " + status().id() + " (" + statusRule() + ")";
    }
}
