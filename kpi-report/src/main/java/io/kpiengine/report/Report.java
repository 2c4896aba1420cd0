package io.kpiengine.report;

import io.kpiengine.core.KpiResults;
import io.kpiengine.core.analyze.ImprovementPoints;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.score.ScoreResults;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.report.internal.Inputs;
import io.kpiengine.report.internal.ModelBuilder;
import io.kpiengine.report.internal.PageWriter;
import io.kpiengine.report.internal.ReportModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A KPI dashboard as one self-contained HTML file: an executive summary of the core KPIs (value, status, against
 * target and the period before, sparkline), trends against target and baseline, progress gauges, alerts and
 * improvement points; each team's KPIs with comparisons by segment, shares and achievement over time; every KPI
 * with its leading indicators and the data-quality account; and for each KPI a detail view with its definition.
 *
 * <pre>{@code
 * KpiResults results = engine.evaluate(sources);
 * Report.builder()
 *         .catalog(catalog)
 *         .results(results)
 *         .title("Growth scorecard, March 2025")
 *         .locale(Locale.US)
 *         .build()
 *         .write(Path.of("report.html"));
 * }</pre>
 *
 * <p>The file opens offline in any current browser and makes no network request of any kind: the charting library
 * (Apache ECharts), the script and the style sheet are inlined, and a Content-Security-Policy allows nothing else.
 * Every text of the inputs is escaped, and the chart data is embedded as JSON that cannot end its script element.
 * Numbers are written by unit (currency, percent, count) in the chosen locale; statuses always carry a symbol and a
 * word besides their colour, from a colour-blind-safe palette; each chart has a table of its numbers; the page
 * prints on A4 and works at phone width. docs/report.md describes every panel and the definitions behind it.
 *
 * <p>The report is rendered when it is built; instances are immutable and thread-safe.
 */
public final class Report {

    private final String title;
    private final String html;
    private final List<View> views;
    private final String summary;
    private final List<String> warnings;

    private Report(String title, String html, List<View> views, String summary, List<String> warnings) {
        this.title = title;
        this.html = html;
        this.views = views;
        this.summary = summary;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Starts a report.
     *
     * <pre>{@code
     * Report report = Report.builder().catalog(catalog).results(results).build();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The title shown in the page and its tab.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * The views of the report, the first one opened.
     *
     * @return an immutable list
     */
    public List<View> views() {
        return views;
    }

    /**
     * What the report covers in one line, e.g. {@code 7 KPIs over 3 periods to 2025-03, 4 core; views executive,
     * manager, analyst}.
     *
     * @return the summary
     */
    public String summary() {
        return summary;
    }

    /**
     * What a reader of the report should know before trusting its summary, as the page shows it: today, that the
     * current period's data looks cut short (far fewer rows than the periods before, as a file that ends inside
     * the period).
     *
     * <pre>{@code
     * report.warnings().forEach(w -> log.warn("report: {}", w));
     * }</pre>
     *
     * @return an immutable list, empty when there is nothing to say
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The HTML document.
     *
     * @return the whole file's text
     */
    public String html() {
        return html;
    }

    /**
     * The size of the file in bytes (UTF-8).
     *
     * @return the byte count
     */
    public long size() {
        return html.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Writes the report as UTF-8 to a stream.
     *
     * @param out the stream, left open
     * @throws UncheckedIOException if the stream fails
     */
    public void writeTo(OutputStream out) {
        Objects.requireNonNull(out, "out");
        try {
            out.write(html.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the report to a file atomically: to a temporary file in the same directory, then renamed over the
     * target, so that a reader sees the old file or the new one, never a part.
     *
     * <pre>{@code
     * report.write(Path.of("out/report.html"));
     * }</pre>
     *
     * @param file the file to write; its directory must exist
     * @return the file
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path write(Path file) {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is left; the target is unchanged
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Report[" + title + ", " + views + ", " + html.length() + " chars]";
    }

    /**
     * Builds a {@link Report}. Catalog and results are required; every other option has a default and may be set
     * once. Not thread-safe; {@link #build()} leaves the builder reusable.
     */
    public static final class Builder {

        /** The default number of periods on the time axis. */
        public static final int DEFAULT_WINDOW = 24;
        /** The most periods on the time axis. */
        public static final int MAX_WINDOW = 400;

        private Catalog catalog;
        private KpiResults results;
        private String title;
        private Locale locale;
        private List<View> views;
        private List<String> core;
        private Integer window;
        private Period asOf;
        private Scorecard scorecard;
        private List<ScoreResults> scores;
        private ImprovementPoints analysis;

        @SuppressWarnings("NullAway.Init") // fields are set by the builder's methods; build() checks them
        private Builder() {
        }

        private static void once(Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set to " + current);
            }
        }

        /**
         * Sets the catalog the results were computed with: names, units, targets, owners, tiers and leading
         * indicators of the KPIs come from it. Required.
         *
         * <pre>{@code
         * Report.builder().catalog(Catalog.read(Path.of("catalog.yaml")));
         * }</pre>
         *
         * @param catalog the catalog
         * @return this builder
         * @throws NullPointerException if catalog is null
         * @throws IllegalStateException if already set
         */
        public Builder catalog(Catalog catalog) {
            Objects.requireNonNull(catalog, "catalog");
            once(this.catalog, "catalog");
            this.catalog = catalog;
            return this;
        }

        /**
         * Sets the results to report. Required.
         *
         * <pre>{@code
         * Report.builder().results(engine.evaluate(sources));
         * }</pre>
         *
         * @param results the results of {@code KpiEngine.evaluate}
         * @return this builder
         * @throws NullPointerException if results is null
         * @throws IllegalStateException if already set
         */
        public Builder results(KpiResults results) {
            Objects.requireNonNull(results, "results");
            once(this.results, "results");
            this.results = results;
            return this;
        }

        /**
         * Sets the title (default: the catalog's name and "KPI report").
         *
         * <pre>{@code
         * Report.builder().title("Growth scorecard");
         * }</pre>
         *
         * @param title the title
         * @return this builder
         * @throws NullPointerException if title is null
         * @throws IllegalArgumentException if title is blank
         * @throws IllegalStateException if already set
         */
        public Builder title(String title) {
            Objects.requireNonNull(title, "title");
            if (title.isBlank()) {
                throw new IllegalArgumentException("title must not be blank, but was '" + title + "'");
            }
            once(this.title, "title");
            this.title = title;
            return this;
        }

        /**
         * Sets the locale of numbers: grouping, decimal sign, currency symbols and percent signs
         * (default {@link Locale#US}). The page's words stay English.
         *
         * <pre>{@code
         * Report.builder().locale(Locale.GERMANY);      // 1.234,5 €; 3,25 %
         * }</pre>
         *
         * @param locale the locale
         * @return this builder
         * @throws NullPointerException if locale is null
         * @throws IllegalStateException if already set
         */
        public Builder locale(Locale locale) {
            Objects.requireNonNull(locale, "locale");
            once(this.locale, "locale");
            this.locale = locale;
            return this;
        }

        /**
         * Chooses the views and their order; the first opens when the file is opened (default: executive,
         * manager, analyst). A KPI's detail view is always there.
         *
         * <pre>{@code
         * Report.builder().views(View.MANAGER, View.ANALYST);
         * }</pre>
         *
         * @param views one to three distinct views
         * @return this builder
         * @throws NullPointerException if a view is null
         * @throws IllegalArgumentException if none is given or one is repeated
         * @throws IllegalStateException if already set
         */
        public Builder views(View... views) {
            List<View> list = Arrays.asList(views.clone());
            list.forEach(v -> Objects.requireNonNull(v, "view"));
            if (list.isEmpty()) {
                throw new IllegalArgumentException("views must name at least one view, but was empty");
            }
            if (new LinkedHashSet<>(list).size() != list.size()) {
                throw new IllegalArgumentException("views must be distinct, but was " + list);
            }
            once(this.views, "views");
            this.views = List.copyOf(list);
            return this;
        }

        /**
         * Chooses the KPIs of the executive summary, in order (default: the catalog's core KPIs in catalog order,
         * at most five). Checked at {@link #build()} against the KPIs of the report.
         *
         * <pre>{@code
         * Report.builder().core("revenue", "new_customers", "cost_per_lead");
         * }</pre>
         *
         * @param metricIds one to five metric ids
         * @return this builder
         * @throws NullPointerException if an id is null
         * @throws IllegalArgumentException if none or more than five are given, or one is repeated
         * @throws IllegalStateException if already set
         */
        public Builder core(String... metricIds) {
            List<String> list = new ArrayList<>();
            for (String id : metricIds) {
                list.add(Objects.requireNonNull(id, "metric id"));
            }
            if (list.isEmpty() || list.size() > Inputs.MAX_CORE) {
                throw new IllegalArgumentException("core must name 1 to " + Inputs.MAX_CORE + " KPIs, but named "
                        + list.size());
            }
            if (new LinkedHashSet<>(list).size() != list.size()) {
                throw new IllegalArgumentException("core must name distinct KPIs, but was " + list);
            }
            once(this.core, "core");
            this.core = List.copyOf(list);
            return this;
        }

        /**
         * Sets how many periods the time axis shows, ending with the current period (default
         * {@value #DEFAULT_WINDOW}). Baselines still look at earlier periods.
         *
         * <pre>{@code
         * Report.builder().window(12);
         * }</pre>
         *
         * @param periods 2 to {@value #MAX_WINDOW}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException if already set
         */
        public Builder window(int periods) {
            if (periods < 2 || periods > MAX_WINDOW) {
                throw new IllegalArgumentException("window must be 2 to " + MAX_WINDOW + " periods, but was "
                        + periods);
            }
            once(this.window, "window");
            this.window = periods;
            return this;
        }

        /**
         * Sets the current period, the one tiles and tables report (default: the latest complete period in which a
         * KPI has a value). Checked at {@link #build()} against the periods of the results.
         *
         * <pre>{@code
         * Report.builder().asOf(catalog.calendar().parse("2025-03"));
         * }</pre>
         *
         * @param period a period of the results
         * @return this builder
         * @throws NullPointerException if period is null
         * @throws IllegalStateException if already set
         */
        public Builder asOf(Period period) {
            Objects.requireNonNull(period, "period");
            once(this.asOf, "asOf");
            this.asOf = period;
            return this;
        }

        /**
         * Feeds the report from a tracking scorecard of the same results: its targets (planned, phased, per
         * segment), achievement, status rules, baselines, alerts (new, continuing, resolved), pace with forecast and
         * findings replace the report's own results-based definitions (docs/report.md lists what feeds each panel).
         *
         * <pre>{@code
         * Scorecard card = Tracker.of(catalog).track(results);
         * Report.builder().catalog(catalog).results(results).scorecard(card).build();
         * }</pre>
         *
         * @param card the scorecard of {@code Tracker.track(results)}
         * @return this builder
         * @throws NullPointerException if card is null
         * @throws IllegalStateException if already set
         */
        public Builder scorecard(Scorecard card) {
            Objects.requireNonNull(card, "card");
            once(this.scorecard, "scorecard");
            this.scorecard = card;
            return this;
        }

        /**
         * Adds the composite scores of goal trees: the executive view ranks each tree's entities by their root score
         * in the current period, with status and coverage, and the analyst view lists them over time.
         *
         * <pre>{@code
         * ScoreResults health = ScoreCard.of(catalog, "sales_health").score(results);
         * Report.builder().catalog(catalog).results(results).scores(health);
         * }</pre>
         *
         * @param trees the scores of one or more goal trees over the same results
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if none is given
         * @throws IllegalStateException if already set
         */
        public Builder scores(ScoreResults... trees) {
            List<ScoreResults> list = new ArrayList<>();
            for (ScoreResults t : trees) {
                list.add(Objects.requireNonNull(t, "scores"));
            }
            if (list.isEmpty()) {
                throw new IllegalArgumentException("scores must name at least one goal tree's scores, but was empty");
            }
            once(this.scores, "scores");
            this.scores = List.copyOf(list);
            return this;
        }

        /**
         * Adds the improvement points of the analysis of the same results (unusual changes, the segments behind
         * them, trend breaks, leading indicators that turned) to the report's own.
         *
         * <pre>{@code
         * Report.builder().catalog(catalog).results(results).improvementPoints(results.improvementPoints().run());
         * }</pre>
         *
         * @param points the points of {@code results.improvementPoints().run()}
         * @return this builder
         * @throws NullPointerException if points is null
         * @throws IllegalStateException if already set
         */
        public Builder improvementPoints(ImprovementPoints points) {
            Objects.requireNonNull(points, "points");
            once(this.analysis, "improvementPoints");
            this.analysis = points;
            return this;
        }

        /**
         * Computes and renders the report.
         *
         * @return the report
         * @throws IllegalStateException if the catalog or the results are missing
         * @throws IllegalArgumentException if the results hold no cell of a KPI of the catalog, a core KPI is not a
         *     KPI of the report (with "did you mean"), asOf is not a period of the results, or the scorecard is of
         *     another catalog
         */
        public Report build() {
            if (catalog == null) {
                throw new IllegalStateException("catalog must be set");
            }
            if (results == null) {
                throw new IllegalStateException("results must be set");
            }
            List<View> v = views != null ? views : List.of(View.EXECUTIVE, View.MANAGER, View.ANALYST);
            Inputs in = new Inputs(catalog, results, title, locale != null ? locale : Locale.US, v,
                    core != null ? core : List.of(), window != null ? window : DEFAULT_WINDOW, asOf, scorecard,
                    scores != null ? scores : List.of(), analysis);
            if (scorecard != null && !scorecard.catalog().equals(catalog.name())) {
                throw new IllegalArgumentException("scorecard must be of catalog '" + catalog.name() + "', but is of '"
                        + scorecard.catalog() + "'");
            }
            ReportModel model = ModelBuilder.build(in);
            String summary = model.kpis.size() + (model.kpis.size() == 1 ? " KPI" : " KPIs") + " over "
                    + model.periods.size() + " periods to " + model.period(model.current) + ", " + model.core.size()
                    + " core; views " + String.join(", ", v.stream().map(View::id).toList());
            return new Report(model.title, PageWriter.write(model), v, summary,
                    model.thinCurrent == null ? List.of() : List.of(model.thinCurrent));
        }
    }
}
