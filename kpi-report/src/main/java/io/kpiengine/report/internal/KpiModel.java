package io.kpiengine.report.internal;

import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.metric.Tier;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the report shows of one KPI: its definition, its series per segment and in total, the markers on
 * its trend (alerts opened, definition changes), its pace to a horizon target and where its numbers came from.
 */
public final class KpiModel {

    /** Position in the report (ids of page elements are built from it, never from user text). */
    public final int index;
    /** The metric. */
    public final Metric metric;
    /** Its metadata. */
    public final MetricMetadata md;
    /** Display name (the metadata name, else the id). */
    public final String name;
    /** How its numbers are written. */
    public final NumberStyle style;
    /** The dimension names of its segments (empty without dimensions). */
    public final List<String> dimensions;
    /** One line per segment, in the order of the results. */
    public final List<Line> segments = new ArrayList<>();
    /** The roll-up over all segments, when it can be computed exactly; else null. */
    public Line total;
    /** Whether shares of a total mean something (sums and counts). */
    public boolean additive;
    /** How the total was computed, or why there is none. */
    public String totalNote;
    /** Definition changes inside the window: period index and text. */
    public final List<Marker> changes = new ArrayList<>();
    /** Alerts of this KPI. */
    public final List<AlertItem> alerts = new ArrayList<>();
    /** Pace towards a horizon target, or null. */
    public PaceInfo pace;
    /** The definition in words ("sum(revenue) from deals where ..."). */
    public String formula;
    /** The data sources it reads. */
    public List<String> sources = List.of();

    KpiModel(int index, Metric metric, String name, NumberStyle style, List<String> dimensions) {
        this.index = index;
        this.metric = metric;
        this.md = metric.metadata();
        this.name = name;
        this.style = style;
        this.dimensions = List.copyOf(dimensions);
    }

    /**
     * The series shown as the KPI's headline: the total, or the only segment.
     *
     * @return the line, or null when the KPI has several segments and no exact total
     */
    public Line headline() {
        if (total != null) {
            return total;
        }
        return segments.size() == 1 ? segments.get(0) : null;
    }

    /**
     * The element id of the KPI's detail view.
     *
     * @return {@code kpi-<index>}
     */
    public String anchor() {
        return "kpi-" + index;
    }

    /**
     * Whether the KPI is a core KPI by its metadata.
     *
     * @return true for tier core
     */
    public boolean isCore() {
        return md.tier().orElse(null) == Tier.CORE;
    }

    /**
     * Whether lower values are better.
     *
     * @return true for a lower-is-better direction
     */
    public boolean lowerIsBetter() {
        return md.direction().orElse(null) == Direction.LOWER_IS_BETTER;
    }

    /**
     * Whether the change of a value in this direction is good, bad or neutral.
     *
     * @param change a change
     * @return 1 good, -1 bad, 0 neutral or unknown
     */
    public int judge(double change) {
        if (!Double.isFinite(change) || change == 0) {
            return 0;
        }
        Direction d = md.direction().orElse(null);
        if (d == Direction.HIGHER_IS_BETTER) {
            return change > 0 ? 1 : -1;
        }
        if (d == Direction.LOWER_IS_BETTER) {
            return change < 0 ? 1 : -1;
        }
        return 0;
    }

    /** A marker on the time axis. */
    public record Marker(int period, String text) {
    }

    /**
     * Progress towards a horizon target with a due date.
     *
     * @param target the horizon target
     * @param due the period it is due
     * @param percent progress so far against the planned path, in percent (100 = on the path)
     * @param expected where the planned path stands now
     * @param outlook a word: ahead, on pace, behind
     * @param forecast the forecast value at the due period, NaN without one
     * @param probability the probability of reaching the target, NaN without one
     * @param source which input computed it
     */
    public record PaceInfo(double target, String due, double percent, double expected, String outlook,
            double forecast, double probability, String source) {
    }
}
