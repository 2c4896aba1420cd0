package io.kpiengine.report.internal;

import io.kpiengine.core.time.Period;
import io.kpiengine.report.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one report shows, computed once from its inputs and then written as HTML: the periods, the KPIs with their
 * lines, the core KPIs of the summary, the teams of the manager view, alerts, improvement points, leading
 * indicators, the data-quality account and which input fed which panel.
 */
public final class ReportModel {

    /** The title. */
    public String title;
    /** The catalog's name, zone and grain, for the header. */
    public String catalog;
    /** The business time zone. */
    public String zone;
    /** The grain id. */
    public String grain;
    /** The locale of numbers. */
    public Locale locale;
    /** The views shown as tabs, the first one opened. */
    public List<View> views;
    /** The periods of the time axis, oldest first. */
    public final List<Period> periods = new ArrayList<>();
    /** The index of the current period (the one tiles and tables report). */
    public int current;
    /** Every KPI shown. */
    public final List<KpiModel> kpis = new ArrayList<>();
    /** The core KPIs of the executive summary (3 to 5 when the catalog has them). */
    public final List<KpiModel> core = new ArrayList<>();
    /** KPIs by owner for the manager view, owners in catalog order, "No owner" last. */
    public final Map<String, List<KpiModel>> teams = new LinkedHashMap<>();
    /** Every alert, most urgent first. */
    public final List<AlertItem> alerts = new ArrayList<>();
    /** Improvement points, most pressing first. */
    public final List<Improvement> improvements = new ArrayList<>();
    /** Leading indicators of the lagging KPIs. */
    public final List<LeadLink> leading = new ArrayList<>();
    /** The data-quality account. */
    public Quality quality;
    /** Composite scores of goal trees, when given. */
    public final List<Composite> composites = new ArrayList<>();
    /** Which input fed which panel. */
    public final Map<String, String> feeds = new LinkedHashMap<>();
    /**
     * A warning that the current period's data looks cut short (far fewer rows than the periods before), shown under
     * the summary's title; null when it does not.
     */
    public String thinCurrent;
    /** Notes shown in the analyst view (choices the report made, such as KPIs without a total). */
    public final List<String> notes = new ArrayList<>();

    /**
     * The text of a period.
     *
     * @param i the index
     * @return the period's canonical text
     */
    public String period(int i) {
        if (periodText == null || periodText.length != periods.size()) {
            periodText = new String[periods.size()];
            for (int j = 0; j < periodText.length; j++) {
                periodText[j] = periods.get(j).toString();
            }
        }
        return periodText[i];
    }

    private String[] periodText;

    /**
     * An improvement point: a KPI that misses its target, how far, where most and what drives it.
     *
     * @param kpi the KPI
     * @param title one line
     * @param details the sentences behind it
     * @param priority larger is more pressing
     * @param source which input found it
     */
    public record Improvement(KpiModel kpi, String title, List<String> details, double priority, String source) {
    }

    /**
     * A leading indicator of a KPI, with how strongly it led in the window.
     *
     * @param lagging the KPI it drives
     * @param leading the leading indicator (null when it is not in the report)
     * @param leadingId the id of the leading indicator
     * @param lag the lag with the strongest correlation, in periods; -1 when not computed
     * @param r the correlation at that lag
     * @param band the 95 % significance band of the correlation
     * @param n the number of periods compared
     * @param note why no correlation was computed, or null
     */
    public record LeadLink(KpiModel lagging, KpiModel leading, String leadingId, int lag, double r, double band,
            int n, String note) {
    }

    /**
     * The scores of one goal tree in the current period.
     *
     * @param tree the tree's id
     * @param name the root's name
     * @param period the scored period's label
     * @param entities the entity dimensions
     * @param rows one row per entity, ranked first, then the entities without a score
     */
    public record Composite(String tree, String name, String period, List<String> entities, List<Row> rows) {

        /**
         * One entity's score.
         *
         * @param entity the entity
         * @param score the root score, NaN without one
         * @param rank 1 for the best; 0 without a score
         * @param status the status band, or why there is no score
         * @param coverage the share of the weight that had a score
         * @param history the root score in each period of the time axis
         */
        public record Row(String entity, double score, int rank, String status, double coverage, double[] history) {
        }
    }

    /**
     * The data-quality account of the run.
     *
     * @param verdict the overall verdict
     * @param sources one account per source
     */
    public record Quality(String verdict, List<SourceQuality> sources) {
    }

    /**
     * One source's account: {@code input = clean + quarantined + merged}.
     *
     * @param source the source
     * @param verdict its verdict
     * @param input records read
     * @param clean clean rows aggregated
     * @param quarantined records quarantined or unreadable
     * @param merged duplicates merged into their twin
     * @param findings the findings behind a WARN or FAIL
     * @param rules per rule: name and what it did
     */
    public record SourceQuality(String source, String verdict, long input, long clean, long quarantined,
            long merged, List<String> findings, List<String[]> rules) {
    }
}
