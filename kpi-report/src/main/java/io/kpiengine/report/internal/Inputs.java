package io.kpiengine.report.internal;

import io.kpiengine.core.KpiResults;
import io.kpiengine.core.analyze.ImprovementPoints;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.score.ScoreResults;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.report.View;
import java.util.List;
import java.util.Locale;

/**
 * What a report is built from: the required results and catalog, the optional inputs of the other panels, and
 * the options of the builder.
 *
 * @param catalog the catalog the results were computed with
 * @param results the results
 * @param title the title, or null for "catalog KPI report"
 * @param locale the locale of numbers
 * @param views the tabs, the first one opened
 * @param core the ids of the core KPIs of the summary; empty for the catalog's core tier
 * @param window the most periods on the time axis
 * @param asOf the current period, or null for the latest complete period with a value
 * @param scorecard the tracking scorecard of the results, or null for the results-based panels
 * @param scores the composite scores of goal trees (empty for none)
 * @param analysis the improvement points of the analysis of results, or null
 */
public record Inputs(Catalog catalog, KpiResults results, String title, Locale locale, List<View> views,
        List<String> core, int window, Period asOf, Scorecard scorecard, List<ScoreResults> scores,
        ImprovementPoints analysis) {

    /** The most core KPIs the summary shows. */
    public static final int MAX_CORE = 5;

    /**
     * Copies the lists.
     *
     * @param catalog the catalog
     * @param results the results
     * @param title the title
     * @param locale the locale
     * @param views the views
     * @param core the core KPI ids
     * @param window the window
     * @param asOf the current period
     * @param scorecard the scorecard, or null
     * @param scores the composite scores
     * @param analysis the improvement points, or null
     */
    public Inputs {
        views = List.copyOf(views);
        core = List.copyOf(core);
        scores = List.copyOf(scores);
    }

    /**
     * The inputs of results and catalog alone, with the default options.
     *
     * @param catalog the catalog
     * @param results the results
     * @param locale the locale
     * @param window the window
     * @param scorecard the scorecard, or null
     * @return the inputs
     */
    public static Inputs of(Catalog catalog, KpiResults results, Locale locale, int window, Scorecard scorecard) {
        return new Inputs(catalog, results, null, locale, List.of(View.values()), List.of(), window, null, scorecard,
                List.of(), null);
    }
}
