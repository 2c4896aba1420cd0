package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {

    static final String CATALOG = """
            zone: UTC
            grain: month
            sources:
              sales:
                time: day
                columns: {day: date, channel: category, amount: decimal(2), orders: integer}
            metrics:
              - id: revenue
                name: Revenue
                aggregate: sum
                column: amount
                dimensions: [channel]
                unit: USD
                tier: core
                owner: sales
                direction: higher-is-better
                targets: {shortTerm: 100}
              - id: orders
                name: Orders
                aggregate: sum
                column: orders
                dimensions: [channel]
                unit: count
                tier: supporting
                owner: sales
                direction: higher-is-better
                targets: {shortTerm: 3}
            """;

    static final String DATA = """
            day,channel,amount,orders
            2025-01-05,email,120.00,4
            2025-01-09,web,80.00,2
            2025-02-03,email,90.00,3
            2025-02-10,web,130.00,4
            2025-03-01,email,101.00,3
            2025-03-02,web,70.00,1
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ReportCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String[] args(String... more) throws IOException {
        return args(DATA, more);
    }

    private String[] args(CharSequence csv, String... more) throws IOException {
        Path catalog = Files.writeString(dir.resolve("shop.yaml"), CATALOG);
        Path data = Files.writeString(dir.resolve("sales.csv"), csv);
        String[] base = {"--catalog", catalog.toString(), "--data", "sales=" + data, "--as-of", "2025-04-02T00:00:00Z"};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void report_writesOneHtmlFileAndSaysWhatItHolds() throws IOException {
        Path html = dir.resolve("report.html");
        int exit = run(args("--out", html.toString(), "--title", "Shop, March", "--locale", "de-DE"));
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("wrote " + html + " (")
                .contains("MB): 2 KPIs over 3 periods to 2025-03, 1 core; views executive, manager, analyst;"
                        + " quality PASS");
        String text = Files.readString(html);
        assertThat(text).startsWith("<!DOCTYPE html>\n<html lang=\"de-DE\">").contains("<title>Shop, March</title>");
        // revenue in March: 101.00 + 70.00 = 171 EUR-style grouping of the German locale, in USD
        assertThat(text).contains("<div class=\"tile-value\">171,00\u00a0$</div>");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("shop.yaml", "sales.csv",
                    "report.html");
        }
    }

    @Test
    void report_optionsChooseViewsCoreAndPeriod() throws IOException {
        Path html = dir.resolve("r.html");
        int exit = run(args("--out", html.toString(), "--views", "manager,analyst", "--core", "orders",
                "--period", "2025-02", "--results-only"));
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 KPIs over 2 periods to 2025-02, 1 core; views manager, analyst");
    }

    @Test
    void report_badOptions_exitWithTwoAndTheReason() throws IOException {
        assertThat(run(args("--out", dir.resolve("r.txt").toString()))).isEqualTo(2);
        assertThat(err.toString()).contains("kpi report: --out must end in .html, but was '");
        err.getBuffer().setLength(0);
        assertThat(run(args("--out", dir.resolve("r.html").toString(), "--views", "boss"))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi report: --views must name executive, manager or analyst, but was"
                + " 'boss'" + System.lineSeparator());
        err.getBuffer().setLength(0);
        assertThat(run(args("--out", dir.resolve("r.html").toString(), "--core", "revenu"))).isEqualTo(2);
        assertThat(err.toString()).contains("core KPI must be a KPI of the report, one of [orders, revenue], but was"
                + " 'revenu'").contains("did you mean 'revenue'");
        assertThat(Files.exists(dir.resolve("r.html"))).isFalse();
    }

    @Test
    void report_outputIsAnInput_refusedWithExitTwoAndTheInputKept() throws IOException {
        Path catalog = Files.writeString(dir.resolve("shop.yaml"), CATALOG);
        Path data = Files.writeString(dir.resolve("sales.html"), DATA);
        int exit = run("--catalog", catalog.toString(), "--data", "sales=" + data, "--out", data.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("kpi report: --out " + data + " is the same file as --data sales=")
                .contains("writing it would destroy the input");
        assertThat(Files.readString(data)).isEqualTo(DATA);
    }

    @Test
    void report_failedRun_leavesThePreviousReportAndNoTemporaryFile() throws IOException {
        Path html = Files.writeString(dir.resolve("report.html"), "previous");
        assertThat(run(args("--out", html.toString(), "--period", "2025-13"))).isEqualTo(2);
        assertThat(Files.readString(html)).isEqualTo("previous");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("shop.yaml", "sales.csv",
                    "report.html");
        }
    }

    /** The report lists the scorecard's points (gaps to target, streaks, critical alerts) as kpi analyze does. */
    @Test
    void report_listsTheImprovementPointsOfKpiAnalyze_scorecardsIncluded() throws IOException {
        // twelve months, both channels short of their revenue target of 100 in the last one (web far below)
        int[] revenue = {110, 125, 95, 130, 105, 140, 115, 120, 100, 135, 118, 60};
        StringBuilder data = new StringBuilder("day,channel,amount,orders\n");
        for (int i = 0; i < revenue.length; i++) {
            String month = java.time.YearMonth.of(2024, 4).plusMonths(i).toString();
            data.append(month).append("-05,web,").append(revenue[i]).append(".00,").append(3 + i % 3).append('\n')
                    .append(month).append("-06,email,").append(revenue[i] + 20).append(".00,").append(4 + i % 2)
                    .append('\n');
        }
        Path json = dir.resolve("analysis.json");
        StringWriter analyzeErr = new StringWriter();
        CommandLine analyze = new CommandLine(new AnalyzeCommand());
        analyze.setOut(new PrintWriter(new StringWriter(), true));
        analyze.setErr(new PrintWriter(analyzeErr, true));
        assertThat(analyze.execute(args(data, "--out", json.toString()))).as(analyzeErr.toString()).isZero();
        JsonNode points = new ObjectMapper().readTree(json.toFile()).get("points");
        List<String> fromScorecard = new ArrayList<>();
        points.forEach(p -> {
            if (p.get("kind").asText().equals("gap-to-target")) {
                fromScorecard.add(p.get("summary").asText());
            }
        });
        assertThat(fromScorecard).as("both channels are short of their target in 2025-03").hasSize(2);

        Path html = dir.resolve("report.html");
        assertThat(run(args(data, "--out", html.toString()))).as(err.toString()).isZero();
        String text = Files.readString(html);
        for (String summary : fromScorecard) {
            assertThat(text).contains(summary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\"", "&quot;").replace("'", "&#39;"));
        }
    }

    /** A current period with far fewer rows than usual is named on standard error too, not only in the page. */
    @Test
    void report_thinCurrentPeriod_isAWarningOnTheConsole() throws IOException {
        StringBuilder data = new StringBuilder("day,channel,amount,orders\n");
        for (int d = 0; d < 338; d++) {   // a row a day from 2024-04-01; the file ends on 2025-03-04
            data.append(java.time.LocalDate.of(2024, 4, 1).plusDays(d)).append(",web,10.00,1\n");
        }
        Path html = dir.resolve("report.html");
        assertThat(run(args(data, "--out", html.toString(), "--results-only"))).as(err.toString()).isZero();
        assertThat(err.toString()).contains("kpi report: warning: 2025-03 holds 4 rows against a median of 31 in the"
                + " 11 periods before: its data may be cut short");
        assertThat(Files.readString(html)).contains("<p class=\"notice\" role=\"note\">2025-03 holds ");
    }
}
