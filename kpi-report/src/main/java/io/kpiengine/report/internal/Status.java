package io.kpiengine.report.internal;

import io.kpiengine.core.metric.TargetStatus;
import java.util.Locale;

/**
 * Where a KPI cell stands, as the report shows it: the judgements of a target status (with {@code EXCEEDED} for a
 * met stretch target) and the states in which no judgement is made. Each has an icon and a word, so that it is
 * never told by colour alone, and a colour of the Okabe-Ito palette, which stays distinct for the common forms of
 * colour blindness. The same set as the tracking statuses, so that a scorecard maps one to one.
 */
public enum Status {
    /** The stretch target is met. */
    EXCEEDED("\u2605", "Exceeded", "#0072B2", 2),
    /** The target is met. */
    ON_TRACK("\u2714", "On track", "#009E73", 1),
    /** The target is missed by a little. */
    AT_RISK("\u25B2", "At risk", "#E69F00", 0),
    /** The target is missed by more than the margin. */
    OFF_TRACK("\u2716", "Off track", "#D55E00", -1),
    /** No target to judge by. */
    NOT_RATED("\u25CB", "Not rated", "#7A7A7A", Double.NaN),
    /** No value. */
    NO_DATA("\u2205", "No data", "#9A9A9A", Double.NaN),
    /** A source failed its quality gate. */
    UNRELIABLE("\u26A0", "Unreliable", "#CC79A7", Double.NaN),
    /** The period is not over. */
    PARTIAL_PERIOD("\u25D4", "Partial period", "#56B4E9", Double.NaN);

    private final String icon;
    private final String label;
    private final String colour;
    private final double code;

    Status(String icon, String label, String colour, double code) {
        this.icon = icon;
        this.label = label;
        this.colour = colour;
        this.code = code;
    }

    /**
     * The status of a target judgement.
     *
     * @param s the judgement
     * @return the status
     */
    public static Status of(TargetStatus s) {
        return switch (s) {
            case ON_TRACK -> ON_TRACK;
            case AT_RISK -> AT_RISK;
            case OFF_TRACK -> OFF_TRACK;
        };
    }

    /**
     * The identifier, lower case with hyphens ({@code off-track}), used as a CSS class and in the data.
     *
     * @return the identifier
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The symbol shown before the word.
     *
     * @return one character
     */
    public String icon() {
        return icon;
    }

    /**
     * The word shown.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The colour, as CSS hex.
     *
     * @return the colour
     */
    public String colour() {
        return colour;
    }

    /**
     * The number of a judgement for a gauge: 2 exceeded, 1 on track, 0 at risk, -1 off track; NaN for the states
     * that are no judgement.
     *
     * @return the code
     */
    public double code() {
        return code;
    }

    /**
     * Whether the status judges the value against a target.
     *
     * @return true for exceeded, on track, at risk and off track
     */
    public boolean isJudgement() {
        return !Double.isNaN(code);
    }
}
