package io.kpiengine.report;

import java.util.Locale;

/**
 * A view of a report, for one kind of reader. Each is a tab of the page; {@link Report.Builder#views(View...)}
 * chooses which tabs a report has and which opens first.
 */
public enum View {
    /** A few core KPIs at a glance: tiles with status, trends against target, progress, alerts and what to improve. */
    EXECUTIVE,
    /** Each team's KPIs: status table, achievement over time, comparisons by segment and shares. */
    MANAGER,
    /** Every KPI in one table, leading indicators, the data-quality account and how each panel was computed. */
    ANALYST;

    /**
     * The identifier used in the page address ({@code report.html#manager}) and on the command line.
     *
     * @return the lower-case name
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The tab's label.
     *
     * @return the name with a capital initial
     */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
