package io.kpiengine.core.track;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What someone will do about a KPI: an owner, a due date, the KPI (and optionally the segment) it should move, the
 * expected impact and where it stands. The scorecard reports a KPI that has been off track for several periods
 * without an open plan, and an open plan past its due date ({@link TrackingFinding}).
 *
 * <pre>{@code
 * ActionPlan plan = ActionPlan.of("social-creatives", "leads", "maria.kim", LocalDate.of(2025, 7, 31))
 *         .segment(Map.of("channel", "social"))
 *         .impact("+300 leads a month from refreshed creatives")
 *         .status(ActionPlan.Status.IN_PROGRESS);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the plan's id, unique in a tracking plan
 * @param metric the KPI it should move
 * @param segment dimension values it is for; empty for every segment
 * @param owner who is accountable
 * @param due when it is to be done
 * @param impact the expected impact, free text; empty when not stated
 * @param status where it stands
 */
public record ActionPlan(String id, String metric, Map<String, String> segment, String owner, LocalDate due,
        String impact, Status status) {

    /** Where an action plan stands. */
    public enum Status {
        /** Agreed, not started. */
        OPEN,
        /** Being worked on. */
        IN_PROGRESS,
        /** Finished. */
        DONE,
        /** Dropped. */
        CANCELLED;

        /**
         * Whether a plan in this status still counts as an open plan (OPEN or IN_PROGRESS).
         *
         * @return true for OPEN and IN_PROGRESS
         */
        public boolean isOpen() {
            return this == OPEN || this == IN_PROGRESS;
        }

        /**
         * The status as written in documents: {@code open}, {@code in-progress}, {@code done}, {@code cancelled}.
         *
         * @return the identifier
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Validates the plan.
     *
     * @param id the plan's id, not blank
     * @param metric the KPI, not blank
     * @param segment dimension values; empty for every segment
     * @param owner who is accountable, not blank
     * @param due the due date
     * @param impact the expected impact; empty when not stated
     * @param status where it stands
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if id, metric or owner is blank
     */
    public ActionPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(status, "status");
        segment = Segments.copy(segment);
        if (id.isBlank() || metric.isBlank() || owner.isBlank()) {
            throw new IllegalArgumentException("id, metric and owner of an action plan must not be blank, but were '"
                    + id + "', '" + metric + "' and '" + owner + "'");
        }
    }

    /**
     * An open plan for every segment of a KPI, without a stated impact.
     *
     * @param id the plan's id
     * @param metric the KPI
     * @param owner who is accountable
     * @param due the due date
     * @return the plan
     */
    public static ActionPlan of(String id, String metric, String owner, LocalDate due) {
        return new ActionPlan(id, metric, Map.of(), owner, due, "", Status.OPEN);
    }

    /**
     * This plan for one segment.
     *
     * @param dimensions dimension values
     * @return a new plan
     */
    public ActionPlan segment(Map<String, String> dimensions) {
        return new ActionPlan(id, metric, dimensions, owner, due, impact, status);
    }

    /**
     * This plan with its expected impact.
     *
     * @param expected free text, e.g. {@code +5% conversion}
     * @return a new plan
     */
    public ActionPlan impact(String expected) {
        return new ActionPlan(id, metric, segment, owner, due, expected, status);
    }

    /**
     * This plan in another status.
     *
     * @param now the status
     * @return a new plan
     */
    public ActionPlan status(Status now) {
        return new ActionPlan(id, metric, segment, owner, due, impact, now);
    }

    /**
     * Whether the plan covers a segment of its KPI: every dimension it names has the segment's value.
     *
     * @param dimensions the segment's dimension values
     * @return true if it covers it
     */
    public boolean covers(Map<String, String> dimensions) {
        return Segments.matches(segment, dimensions);
    }
}
