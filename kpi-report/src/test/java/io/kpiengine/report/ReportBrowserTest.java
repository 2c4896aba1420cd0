package io.kpiengine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.ScorecardRow;
import io.kpiengine.core.track.Tracker;
import io.kpiengine.report.browser.Chromium;
import io.kpiengine.report.browser.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The report in a real browser: headless Chromium (Debian's {@code chromium}) driven through the DevTools
 * protocol, one browser for the whole class. Outside CI the tests are skipped when Chromium is not installed; in CI
 * (the {@code CI} environment variable set, as {@code .ci/run} does after installing Chromium) a missing browser
 * fails them instead, so that they can never be skipped silently there.
 *
 * <p>How "no network request" is checked: the page's tab has the DevTools Network domain enabled before the file
 * is opened, so every request the page starts, whatever its scheme (http, https, ws, data, file), is reported as
 * {@code Network.requestWillBeSent}; the only one allowed is the document itself. Requests the
 * Content-Security-Policy blocks never reach the network layer, but each is a console error, and there must be none.
 * Screenshots go to {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportBrowserTest {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final List<String> VIEWS = List.of("executive", "manager", "analyst");

    private static Chromium chromium;
    private static Page page;
    private static ReportSamples.Sample sample;
    private static Scorecard card;
    private static Path file;
    private static Path hostileFile;
    private static final List<String> opened = new ArrayList<>();

    @BeforeAll
    static void open() throws Exception {
        if (Chromium.executable().isEmpty()) {
            String why = "Chromium is not installed (apt-get install chromium; or CHROMIUM=<executable>)";
            if (inCi()) {
                fail(why + ", and CI must run the browser tests");
            }
            assumeTrue(false, why);
        }
        sample = ReportSamples.generate(2, 8, 24, 5, false);
        Files.createDirectories(SHOTS);
        card = Tracker.builder(sample.catalog()).clock(Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC))
                .build().track(sample.results());
        // a composite score, so that its ranking and its trend over time are drawn and checked with the rest
        io.kpiengine.core.score.GoalTree tree = io.kpiengine.core.score.GoalTree.builder("health").entity("region")
                .kpi("revenue_0", "health", 0.6).kpi("conversion_0", "health", 0.4).build();
        file = Report.builder().catalog(sample.catalog()).results(sample.results()).scorecard(card)
                .scores(io.kpiengine.core.score.ScoreCard.of(tree).score(sample.results()))
                .title("Shop KPIs, December 2025").build().write(Path.of("target", "report-browser-test.html").toAbsolutePath());
        ReportSamples.Sample hostile = ReportSamples.generate(1, 3, 12, 5, true);
        hostileFile = Report.builder().catalog(hostile.catalog()).results(hostile.results())
                .title(ReportSamples.HOSTILE).build().write(Path.of("target", "report-hostile.html").toAbsolutePath());
        chromium = Chromium.launch();
        page = chromium.newPage(1366, 768);
        navigate(file);
    }

    /** Whether this is a CI run: the {@code CI} environment variable set to anything but {@code false}. */
    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    @AfterAll
    static void close() {
        if (page != null) {
            page.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    private static void navigate(Path f) {
        String url = f.toUri().toString();
        opened.add(url);
        page.navigate(url);
        waitFor("window.kpiReport && window.kpiReport.drawn() > 0");
    }

    private static void show(String hash) {
        page.eval("location.hash = '" + hash + "'");
        waitFor("!document.getElementById('" + hash + "').hidden");
        page.eval("window.kpiReport.drawAll()");
    }

    /**
     * Waits in the page until the condition holds: the promise resolves at the first check (every 20 ms) where it is
     * true, and {@code eval} awaits it (the DevTools client's command timeout guards against a page that hangs).
     */
    private static void waitFor(String condition) {
        boolean held = page.eval("new Promise(done => { const check = () => (" + condition + ") ? done(true)"
                + " : setTimeout(check, 20); check(); })").asBoolean();
        assertThat(held).as("waiting for " + condition).isTrue();
    }

    /**
     * Lets the page finish what a scroll, resize or media change started: a timer due after the report's resize
     * debounce (120 ms) runs after it, whatever the load (the browser fires timers in the order they fall due), then
     * one animation frame for the charts to paint.
     */
    private static void settle() {
        page.eval("new Promise(done => setTimeout(() => requestAnimationFrame(() => done(true)), 200))");
    }

    @Test
    @Order(1)
    void open_noConsoleErrorAndNoRequestButTheDocument() {
        for (String v : VIEWS) {
            show(v);
        }
        show("kpi-0");
        assertThat(page.errors()).isEmpty();
        assertThat(page.requests()).containsExactlyElementsOf(opened);
        assertThat(page.eval("performance.getEntriesByType('resource').length").asInt()).isZero();
    }

    @Test
    @Order(2)
    void everyView_drawsEveryChart() {
        List<String> views = new ArrayList<>(VIEWS);
        for (int k = 0; k < 10; k++) {
            views.add("kpi-" + k);
        }
        int charts = 0;
        for (String v : views) {
            show(v);
            // an ECharts SVG with drawn shapes and a non-empty box, in every chart container of the view
            JsonNode r = page.eval("(() => { const s = document.getElementById('" + v + "');"
                    + " const cs = [...s.querySelectorAll('.chart')];"
                    + " const bad = cs.filter(c => { const svg = c.querySelector('svg'); if (!svg) return true;"
                    + "   const b = svg.getBoundingClientRect();"
                    + "   return b.width < 50 || b.height < 50 || svg.querySelectorAll('path,rect,text').length < 3; })"
                    + "   .map(c => c.getAttribute('data-chart') + ':' + c.getAttribute('aria-label'));"
                    + " return {n: cs.length, bad: bad}; })()");
            assertThat(r.get("bad")).as(v).isEmpty();
            charts += r.get("n").asInt();
        }
        assertThat(charts).isGreaterThan(60);
        assertThat(page.errors()).isEmpty();
        // the ranking's bars are labelled with their scores (a label formatter gets the bar, not its value)
        show("executive");
        JsonNode labels = page.eval("[...document.querySelectorAll('[aria-label=\"Ranking of health\"] svg text')]"
                + ".map(t => t.textContent)");
        double best = io.kpiengine.core.score.ScoreCard.of(io.kpiengine.core.score.GoalTree.builder("health")
                .entity("region").kpi("revenue_0", "health", 0.6).kpi("conversion_0", "health", 0.4).build())
                .score(sample.results()).latest().orElseThrow().ranking("health").get(0).score();
        double tenth = Math.round(best * 10) / 10.0;
        String shown = tenth == Math.rint(tenth) ? Long.toString((long) tenth) : Double.toString(tenth);
        List<String> texts = new ArrayList<>();
        labels.forEach(t -> texts.add(t.asText()));
        assertThat(texts).as("labels of the ranking").contains(shown).doesNotContain("\u2013");
    }

    @Test
    @Order(3)
    void numbers_onScreen_equalTheResults() throws ParseException {
        show("analyst");
        Period dec = sample.catalog().calendar().parse("2025-12");
        Period nov = dec.previous();
        List<String> regions = ReportSamples.regions(8, false);
        NumberFormat us = NumberFormat.getInstance(Locale.US);
        for (int g = 0; g < 2; g++) {
            double revenue = 0;
            double orders = 0;
            double visits = 0;
            double revenueBefore = 0;
            for (String r : regions) {
                Map<String, String> seg = Map.of("region", r);
                revenue += sample.results().number("revenue_" + g, dec, seg).orElseThrow();
                revenueBefore += sample.results().number("revenue_" + g, nov, seg).orElseThrow();
                orders += sample.results().number("orders_" + g, dec, seg).orElseThrow();
                visits += sample.results().number("visits_" + g, dec, seg).orElseThrow();
            }
            // "$405,026": whole dollars from 1,000 up
            assertThat(us.parse(rowValue("revenue_" + g).replace("$", "")).doubleValue()).isCloseTo(revenue, within(0.5));
            assertThat(us.parse(rowValue("orders_" + g)).doubleValue()).isEqualTo(orders);
            // "3.14%": two decimals below 10
            assertThat(us.parse(rowValue("conversion_" + g).replace("%", "")).doubleValue())
                    .isCloseTo(orders / visits * 100, within(0.005));
            assertThat(us.parse(rowValue("aov_" + g).replace("$", "")).doubleValue())
                    .isCloseTo(revenue / orders, within(0.005));
            String change = page.eval("document.querySelector('#analyst tr[data-kpi=\"revenue_" + g + "\"] td:nth-of-type(5)')"
                    + ".textContent").asText();
            double pct = (revenue - revenueBefore) / revenueBefore * 100;
            // "+4.3%": one decimal below 10 %, none from 10 % up
            assertThat(change).contains(String.format(Locale.US, Math.abs(pct) < 10 ? "%s%.1f%%" : "%s%.0f%%",
                    pct < 0 ? "\u2212" : "+", Math.abs(pct)));
        }
        // the executive tiles show the same numbers as the table
        show("executive");
        for (String id : List.of("revenue_0", "aov_0", "conversion_0")) {
            String tile = page.eval("document.querySelector('.tile[data-kpi=\"" + id + "\"] .tile-value').textContent")
                    .asText();
            assertThat(tile).isEqualTo(tableValue(id));
        }
        // a detail table: every cell of a segment's trend equals its result
        show("kpi-0");
        JsonNode rows = page.eval("[...[...document.querySelectorAll('#kpi-0 details.numbers table')].find(t =>"
                + " t.caption.textContent.endsWith(' by segment')).rows].map(r => [...r.cells].map(c => c.textContent)"
                + ".join('\\t')).join('\\n')");
        String[] lines = rows.asText().split("\n");
        String[] header = lines[0].split("\t");
        int east = List.of(header).indexOf("east");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split("\t");
            Period p = sample.catalog().calendar().parse(cells[0]);
            double v = sample.results().number("revenue_0", p, Map.of("region", "east")).orElseThrow();
            assertThat(us.parse(cells[east].replace("$", "")).doubleValue()).as(cells[0]).isCloseTo(v, within(0.5));
        }
        assertThat(lines).hasSize(25);
        // the segment table of the average order value: target, achievement and status are the scorecard's
        show("kpi-2");
        JsonNode seg = page.eval("[...[...document.querySelectorAll('#kpi-2 details.numbers table')].find(t =>"
                + " t.caption.textContent.startsWith('Segments of')).rows].slice(1).map(r => [...r.cells]"
                + ".map(c => c.textContent))");
        assertThat(seg).hasSize(8);
        for (JsonNode row : seg) {
            ScorecardRow expected = card.row("aov_0", dec, Map.of("region", row.get(0).asText())).orElseThrow();
            assertThat(us.parse(row.get(1).asText().replace("$", "")).doubleValue())
                    .isCloseTo(expected.value().orElseThrow(), within(0.005));
            assertThat(us.parse(row.get(2).asText().replace("$", "")).doubleValue())
                    .isCloseTo(expected.target().orElseThrow(), within(0.005));
            assertThat(us.parse(row.get(3).asText().replace("%", "")).doubleValue())
                    .isCloseTo(expected.achievement().orElseThrow(), within(0.05));
            String word = expected.status().name().charAt(0) + expected.status().name().substring(1)
                    .toLowerCase(Locale.ROOT).replace('_', ' ');
            assertThat(row.get(4).asText()).endsWith(word);
        }
    }

    private static String tableValue(String id) {
        return page.eval("document.querySelector('tr[data-kpi=\"" + id + "\"] td.v').textContent").asText();
    }

    private static String rowValue(String id) {
        return page.eval("document.querySelector('#analyst tr[data-kpi=\"" + id + "\"] td.v').textContent").asText();
    }

    @Test
    @Order(4)
    void screenshots_desktopAndPhone_fitTheirWidth() throws Exception {
        show("executive");
        page.eval("window.scrollTo(0, 0)");
        settle();
        assertThat(Files.size(page.screenshot(SHOTS.resolve("executive-1366x768.png"), false))).isGreaterThan(20_000);
        page.screenshot(SHOTS.resolve("executive-1366-full.png"), true);
        try {
            page.viewport(390, 844, true);
            for (String v : List.of("executive", "manager", "analyst", "kpi-0")) {
                show(v);
                settle();
                assertThat(page.eval("document.documentElement.scrollWidth").asInt()).as(v + " " + page.eval(
                        "[...document.querySelectorAll('#' + '" + v + "' + ' *')].filter(e => e.getBoundingClientRect().right > 391)"
                        + ".filter(e => !e.closest('.table-wrap')).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
                        + ".join(' | ')")).isLessThanOrEqualTo(390);
                page.screenshot(SHOTS.resolve(v + "-390x844.png"), false);
            }
        } finally {
            page.viewport(1366, 768, false);
        }
        assertThat(page.errors()).isEmpty();
    }

    @Test
    @Order(5)
    void print_fitsA4() {
        show("executive");
        page.media("print");
        try {
            // A4 at 96 dpi is 794 px wide; 12 mm margins leave 703 px
            page.viewport(703, 1000, false);
            settle();
            assertThat(page.eval("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(703);
            assertThat(page.eval("getComputedStyle(document.querySelector('.tabs')).display").asText()).isEqualTo("none");
        } finally {
            page.media("");
            page.viewport(1366, 768, false);
        }
        byte[] pdf = page.printA4();
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF");
        int pages = text.split("/Type\\s*/Page[^s]", -1).length - 1;
        assertThat(pages).isBetween(1, 4);
    }

    @Test
    @Order(6)
    void hostileTexts_areShownAsTextAndNeverRun() {
        navigate(hostileFile);
        show("executive");
        show("manager");
        show("analyst");
        show("kpi-0");
        assertThat(page.eval("document.querySelectorAll('img, b').length").asInt()).isZero();
        assertThat(page.eval("document.title").asText()).isEqualTo(ReportSamples.HOSTILE);
        assertThat(page.eval("document.querySelector('#kpi-0 h2').textContent").asText())
                .isEqualTo("Revenue " + ReportSamples.HOSTILE);
        assertThat(page.eval("document.body.textContent.includes('Sales <b>&amp;</b> \"ops\"')").asBoolean()).isTrue();
        assertThat(page.errors()).isEmpty();
        assertThat(page.requests()).containsExactlyElementsOf(opened);
    }
}
