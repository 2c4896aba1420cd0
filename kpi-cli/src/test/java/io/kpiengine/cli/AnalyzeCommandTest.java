package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kpi analyze} on a generated weekly shop with a known answer: revenue follows email visitors two weeks
 * later, and email visitors fall 40 % in the last week.
 */
class AnalyzeCommandTest {

    static final String CATALOG = """
            zone: UTC
            grain: week
            sources:
              shop:
                time: day
                columns: {day: date, channel: category, visitors: integer, revenue: integer}
                %s
            metrics:
              - {id: visitors, aggregate: sum, column: visitors, dimensions: [channel], unit: count, indicator: leading}
              - id: revenue
                aggregate: sum
                column: revenue
                unit: USD
                direction: higher-is-better
                indicator: lagging
                leadingIndicators: [visitors]
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int analyze(String... args) {
        CommandLine cli = KpiCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "analyze";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private Path catalog(String rules) throws IOException {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, String.format(CATALOG, rules));
        return file;
    }

    /** 60 weeks, a row per channel on each Monday; {@code negative} rows of revenue -1 at the start. */
    private Path data(int negative) throws IOException {
        Random random = new Random(14);
        int weeks = 60;
        long[] email = new long[weeks];
        for (int w = 0; w < weeks; w++) {
            email[w] = Math.round(3000 + 100 * random.nextGaussian());
        }
        email[weeks - 1] = Math.round(email[weeks - 2] * 0.6);
        StringBuilder csv = new StringBuilder("day,channel,visitors,revenue\n");
        for (int w = 0; w < weeks; w++) {
            LocalDate day = LocalDate.of(2024, 1, 1).plusWeeks(w);
            double driver = w >= 2 ? email[w - 2] : 3000;
            long revenue = Math.round(20 * driver + 300 * random.nextGaussian());
            csv.append(day).append(",email,").append(email[w]).append(',').append(w < negative ? -1 : revenue)
                    .append('\n');
            csv.append(day).append(",search,").append(Math.round(2000 + 80 * random.nextGaussian())).append(",0\n");
        }
        Path file = dir.resolve("shop.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void analyze_writesRankedPointsAsJson_andExitsZero() throws IOException {
        Path analysis = dir.resolve("analysis.json");
        int code = analyze("--catalog", catalog("").toString(), "--data", "shop=" + data(0), "--out",
                analysis.toString(), "--as-of", "2030-01-01T00:00:00Z");

        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(AnalyzeCommand.OK);
        JsonNode json = new ObjectMapper().readTree(analysis.toFile());
        assertThat(Files.readString(analysis)).as("the results' number style").doesNotContainPattern(": -?\\d+\\.0[,}]")
                .doesNotContainPattern("\\dE-?\\d");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("grain").asText()).isEqualTo("week");
        assertThat(json.get("last").asText()).isEqualTo("2025-W08");
        assertThat(json.get("quality").asText()).isEqualTo("PASS");   // every source has a gate: its readable rows pass the default error budget
        JsonNode points = json.get("points");
        assertThat(points.size()).isPositive();
        assertThat(points.get(0).get("rank").asInt()).isEqualTo(1);
        JsonNode leading = null;
        JsonNode fall = null;
        for (JsonNode p : points) {
            if (p.get("kind").asText().equals("leading-indicator")) {
                leading = p;
            }
            if (p.get("kind").asText().equals("unusual-change") && p.get("segment").path("channel").asText()
                    .equals("email")) {
                fall = p;
            }
        }
        assertThat(leading).isNotNull();
        assertThat(leading.get("metric").asText()).isEqualTo("revenue");
        assertThat(leading.get("numbers").get("lead").asDouble()).isEqualTo(2.0);
        assertThat(leading.get("summary").asText()).startsWith("visitors (channel=email) fell 40.0 % in the last"
                + " week; revenue is expected to fall ");
        assertThat(fall).isNotNull();
        assertThat(fall.get("period").asText()).isEqualTo("2025-W08");
        assertThat(fall.get("numbers").get("z").asDouble()).isLessThan(-3);
        assertThat(out.toString()).startsWith(points.size() + " improvement points up to 2025-W08; "
                + json.get("notes").size() + " notes; wrote " + analysis + "\n  1. ");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("shop.yaml", "shop.csv",
                    "analysis.json");
        }
    }

    @Test
    void analyze_catalogWithTracking_ranksTheScorecardsGapsWithTheOtherPoints() throws IOException {
        Path cat = catalog("");
        Files.writeString(cat, Files.readString(cat).replace("dimensions: [channel], unit: count,",
                "dimensions: [channel], unit: count, direction: higher-is-better,") + """
                tracking:
                  targets:
                    - {metric: visitors, value: 2900, segment: {channel: email}, from: 2024-01-01}
                """);
        Path analysis = dir.resolve("analysis.json");
        int code = analyze("--catalog", cat.toString(), "--data", "shop=" + data(0), "--out", analysis.toString(),
                "--as-of", "2030-01-01T00:00:00Z");

        assertThat(code).as(err.toString()).isEqualTo(AnalyzeCommand.OK);
        JsonNode points = new ObjectMapper().readTree(analysis.toFile()).get("points");
        JsonNode gap = null;
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode p : points) {
            assertThat(p.get("score").asDouble()).isLessThanOrEqualTo(previous);
            previous = p.get("score").asDouble();
            if (p.get("kind").asText().equals("gap-to-target")) {
                gap = p;
            }
        }
        assertThat(gap).isNotNull();
        assertThat(gap.get("metric").asText()).isEqualTo("visitors");
        assertThat(gap.get("segment").get("channel").asText()).isEqualTo("email");
        assertThat(gap.get("period").asText()).isEqualTo("2025-W08");
        JsonNode n = gap.get("numbers");
        assertThat(n.get("target").asDouble()).isEqualTo(2900.0);
        assertThat(n.get("gap").asDouble()).isEqualTo(n.get("value").asDouble() - 2900);
        assertThat(gap.get("score").asDouble()).isEqualTo(n.get("shortfall").asDouble() / n.get("sigma").asDouble());
    }

    @Test
    void analyze_metricOption_restrictsThePoints() throws IOException {
        Path analysis = dir.resolve("analysis.json");
        assertThat(analyze("--catalog", catalog("").toString(), "--data", "shop=" + data(0), "--out",
                analysis.toString(), "--metric", "revenue", "--as-of", "2030-01-01T00:00:00Z")).isZero();
        for (JsonNode p : new ObjectMapper().readTree(analysis.toFile()).get("points")) {
            assertThat(p.get("metric").asText()).isEqualTo("revenue");
        }
    }

    @Test
    void analyze_failedQualityGate_writesTheAnalysisAndExitsOne() throws IOException {
        Path analysis = dir.resolve("analysis.json");
        String rules = """
                rules:
                      validity:
                        - {column: revenue, nonNegative: true}
                      thresholds:
                        validity: {warn: 0.999, fail: 0.99}""";
        int code = analyze("--catalog", catalog(rules).toString(), "--data", "shop=" + data(10), "--out",
                analysis.toString(), "--as-of", "2030-01-01T00:00:00Z");

        assertThat(code).as(err.toString()).isEqualTo(AnalyzeCommand.QUALITY_GATE_FAILED);
        assertThat(new ObjectMapper().readTree(analysis.toFile()).get("quality").asText()).isEqualTo("FAIL");
        assertThat(err.toString()).isEqualTo("kpi analyze: source 'shop': 10 records were not aggregated (unreadable"
                + " or quarantined); kpi run --rejected FILE lists them\n"
                + "kpi analyze: the quality gate failed: the points rest on data that should not be published\n");
    }

    @Test
    void analyze_usageErrors_exitTwoWithTheReason() throws IOException {
        Path cat = catalog("");
        Path csv = data(0);
        assertThat(analyze("--catalog", cat.toString(), "--data", "shop=" + csv, "--out", "a.csv")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi analyze: --out must end in .json, but was 'a.csv'\n");

        err.getBuffer().setLength(0);
        Path inside = dir.resolve("shop.json");
        Files.copy(cat, inside);
        assertThat(analyze("--catalog", inside.toString(), "--data", "shop=" + csv, "--out", inside.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi analyze: --out " + inside + " is the same file as --catalog "
                + inside + ": writing it would destroy the input; write the output to another file\n");

        err.getBuffer().setLength(0);
        assertThat(analyze("--catalog", cat.toString(), "--data", "shop=" + csv, "--out",
                dir.resolve("a.json").toString(), "--metric", "revenu")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi analyze: metric must be one of [visitors, revenue], but was 'revenu';"
                + " did you mean 'revenue'?\n");

        err.getBuffer().setLength(0);
        assertThat(analyze("--catalog", cat.toString(), "--data", "shops=" + csv, "--out",
                dir.resolve("a.json").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi analyze: --data shops=" + csv + ": the catalog has no data source 'shops';"
                + " its sources are [shop]\n");
        assertThat(dir.resolve("a.json")).doesNotExist();

        err.getBuffer().setLength(0);
        assertThat(analyze("--catalog", cat.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("kpi: Missing required option: '--out=FILE'");
    }

    /**
     * {@code --lead-lag visitors:revenue} pairs each channel's visitors with total revenue: email leads by the two
     * weeks the data was made with, search (noise) far more weakly if at all; the console has a line per pair.
     */
    @Test
    void leadLag_findsTheLeadTheDataWasMadeWith_perSegment() throws IOException {
        Path analysis = dir.resolve("analysis.json");
        int code = analyze("--catalog", catalog("").toString(), "--data", "shop=" + data(0), "--out",
                analysis.toString(), "--as-of", "2030-01-01T00:00:00Z", "--lead-lag", "visitors:revenue",
                "--max-lag", "6");
        assertThat(code).as(err.toString()).isEqualTo(AnalyzeCommand.OK);
        JsonNode pairs = new ObjectMapper().readTree(analysis.toFile()).get("leadLag");
        assertThat(pairs).hasSize(2);
        JsonNode email = pairs.get(0);
        assertThat(email.get("leadingSegment").get("channel").asText()).isEqualTo("email");
        assertThat(email.get("laggingSegment").size()).isZero();
        assertThat(email.get("lead").asInt()).isEqualTo(2);
        assertThat(email.get("correlation").asDouble()).isGreaterThan(email.get("band").asDouble());
        assertThat(email.get("grangerP").asDouble()).isLessThan(0.01);
        assertThat(email.get("earlyWarning").asText()).contains("in 2 weeks");
        JsonNode search = pairs.get(1);
        assertThat(search.get("leadingSegment").get("channel").asText()).isEqualTo("search");
        // search visitors are noise (seeded): whatever lag chance picks, no Granger causality at the 1 % level
        assertThat(search.get("grangerPMinAdjusted").asDouble()).isGreaterThan(0.01);
        assertThat(email.get("grangerPMinAdjusted").asDouble()).isLessThan(0.001);
        assertThat(out.toString()).contains("visitors {channel=email} -> revenue: leads by 2 weeks; ")
                .contains("visitors {channel=search} -> revenue: ");

        err.getBuffer().setLength(0);
        assertThat(analyze("--catalog", catalog("").toString(), "--data", "shop=" + data(0), "--out",
                analysis.toString(), "--lead-lag", "visitor:revenue")).isEqualTo(AnalyzeCommand.CONFIG_ERROR);
        assertThat(err.toString()).isEqualTo("kpi analyze: --lead-lag visitor:revenue: 'visitor' is not a metric of"
                + " the catalog, which are [visitors, revenue]" + System.lineSeparator());
    }
}
