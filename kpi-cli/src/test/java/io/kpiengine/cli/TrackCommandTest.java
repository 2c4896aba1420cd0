package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrackCommandTest {

    static final String CATALOG = """
            zone: UTC
            grain: month
            sources:
              crm:
                time: day
                columns: {day: date, channel: category, leads: integer}
            metrics:
              - id: leads
                aggregate: sum
                column: leads
                dimensions: [channel]
                direction: higher-is-better
                owner: maria
                targets: {shortTerm: 100}
            alerts:
              - {id: low, metric: leads, kind: threshold, input: achievement, below: 90, exit: 95, severity: %s}
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int track(String... args) {
        CommandLine cli = new CommandLine(new TrackCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Email meets its target every month; social drops below 90% of it in March. */
    private Path data(int months) throws IOException {
        StringBuilder sb = new StringBuilder("day,channel,leads\n");
        for (int m = 1; m <= months; m++) {
            sb.append(String.format("2025-%02d-01,email,120%n", m));
            sb.append(String.format("2025-%02d-01,social,%d%n", m, m >= 3 ? 80 : 110));
        }
        return file("crm.csv", sb.toString());
    }

    @Test
    void track_writesTheScorecard_andExitsOneWhileACriticalAlertIsOpen() throws IOException {
        Path card = dir.resolve("card.json");
        Path alerts = dir.resolve("alerts.state");
        int code = track("--catalog", file("c.yaml", CATALOG.formatted("critical")).toString(), "--data",
                "crm=" + data(3), "--out", card.toString(), "--alerts-out", alerts.toString(), "--as-of",
                "2025-04-15T00:00:00Z", "--threads", "2");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(TrackCommand.CRITICAL);
        assertThat(out.toString()).isEqualTo("2 series: 1 on-track, 1 off-track; alerts: 1 new, 0 continuing,"
                + " 0 resolved; 0 findings; quality PASS; wrote " + card + "\n"
                + "CRITICAL NEW low: leads {channel=social} 2025-03: achievement % 80 below 90; value 80, expected"
                + " 100\n");
        JsonNode json = new ObjectMapper().readTree(card.toFile());
        assertThat(json.get("summary").get("criticalOpen").asBoolean()).isTrue();
        assertThat(json.get("rows")).hasSize(6);
        assertThat(json.get("rows").get(0).get("owner").asText()).isEqualTo("maria");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("c.yaml", "crm.csv",
                    "card.json", "alerts.state");   // no temporary file left behind
        }

        out.getBuffer().setLength(0);
        Path csv = dir.resolve("card.csv");
        int next = track("--catalog", dir.resolve("c.yaml").toString(), "--data", "crm=" + data(4), "--out",
                csv.toString(), "--alerts-in", alerts.toString(), "--as-of", "2025-05-15T00:00:00Z");
        assertThat(next).isEqualTo(TrackCommand.CRITICAL);
        assertThat(out.toString()).contains("alerts: 0 new, 1 continuing, 0 resolved");
        assertThat(Files.readString(csv)).startsWith("metric,period,channel,current,owner,value,");
    }

    @Test
    void track_warningAlertOnly_exitsZero() throws IOException {
        int code = track("--catalog", file("c.yaml", CATALOG.formatted("warning")).toString(), "--data",
                "crm=" + data(3), "--out", dir.resolve("card.json").toString(), "--as-of", "2025-04-15T00:00:00Z");
        assertThat(code).isEqualTo(TrackCommand.OK);
    }

    @Test
    void track_usageAndConfigurationErrors_exitTwoWithReason() throws IOException {
        Path c = file("c.yaml", CATALOG.formatted("critical"));
        assertThat(track("--catalog", c.toString(), "--out", dir.resolve("card.txt").toString()))
                .isEqualTo(TrackCommand.CONFIG_ERROR);
        assertThat(err.toString()).isEqualTo("kpi track: --out must end in .json or .csv, but was '"
                + dir.resolve("card.txt") + "'\n");
        err.getBuffer().setLength(0);
        assertThat(track("--catalog", c.toString(), "--data", "crm=" + data(3), "--out",
                dir.resolve("card.json").toString(), "--to", "2025-03")).isEqualTo(TrackCommand.CONFIG_ERROR);
        assertThat(err.toString()).isEqualTo("kpi track: --from and --to must be given together (the date spine is"
                + " fixed at both ends or at none), but only --to 2025-03 was given: add --from, the first period,"
                + " written like it\n");
        err.getBuffer().setLength(0);
        Path bad = file("bad.yaml", CATALOG.formatted("critical").replace("metric: leads, kind",
                "metric: lead, kind"));
        assertThat(track("--catalog", bad.toString(), "--out", dir.resolve("card.json").toString()))
                .isEqualTo(TrackCommand.CONFIG_ERROR);
        assertThat(err.toString()).isEqualTo("kpi track: " + bad + " is not a valid catalog (1 problem):\n"
                + bad + ":16:23: alert 'low': metric 'lead' is not a metric of the catalog; did you mean"
                + " 'leads'?\n");
        err.getBuffer().setLength(0);
        Path garbage = file("alerts.state", "this is not an alert state");
        assertThat(track("--catalog", c.toString(), "--data", "crm=" + data(3), "--out",
                dir.resolve("card.json").toString(), "--alerts-in", garbage.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi track: not an alert state: the bytes do not start with KPIA (an"
                + " aggregation state starts with KPIS: give it to the engine, and the alert state to the tracker)\n");
        assertThat(Files.exists(dir.resolve("card.json"))).isFalse();
    }

    /* the inputs of kpi track are handled as kpi run handles them (EngineOptions): no file dropped, no replay */
    @Test
    void track_twoFilesOfOneSource_readsBoth() throws IOException {
        Path c = file("c.yaml", CATALOG.formatted("info"));
        Path jan = file("jan.csv", "day,channel,leads\n2025-01-01,email,60\n");
        Path janLate = file("jan-late.csv", "day,channel,leads\n2025-01-20,email,50\n");
        Path card = dir.resolve("card.json");
        int code = track("--catalog", c.toString(), "--data", "crm=" + jan, "--data", "crm=" + janLate, "--out",
                card.toString(), "--as-of", "2025-02-15T00:00:00Z");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(TrackCommand.OK);
        JsonNode rows = new ObjectMapper().readTree(card.toFile()).get("rows");
        JsonNode january = null;
        for (JsonNode row : rows) {
            if (row.get("period").asText().equals("2025-01")) {
                january = row;
            }
        }
        assertThat(january).as("the January row of %s", rows).isNotNull();
        assertThat(january.get("value").asDouble()).isEqualTo(110.0);   // 60 + 50: neither file dropped
    }

    @Test
    void track_sameDataOnItsOwnState_isRefusedAsAReplay_andWritesNothing() throws IOException {
        Path c = file("c.yaml", CATALOG.formatted("info"));
        Path csv = data(2);
        Path state = dir.resolve("s.state");
        assertThat(track("--catalog", c.toString(), "--data", "crm=" + csv, "--out", dir.resolve("a.json").toString(),
                "--state-out", state.toString(), "--as-of", "2025-03-15T00:00:00Z")).isEqualTo(TrackCommand.OK);
        byte[] before = Files.readAllBytes(state);
        err.getBuffer().setLength(0);
        Path again = dir.resolve("b.json");
        int code = track("--catalog", c.toString(), "--data", "crm=" + csv, "--out", again.toString(), "--state-in",
                state.toString(), "--state-out", state.toString(), "--as-of", "2025-03-15T00:00:00Z");
        assertThat(code).isEqualTo(TrackCommand.CONFIG_ERROR);
        assertThat(err.toString()).startsWith("kpi track: input 'crm.csv' (").contains("was already absorbed into this"
                + " state by run").contains("--allow-replay");
        assertThat(Files.exists(again)).isFalse();
        assertThat(Files.readAllBytes(state)).isEqualTo(before);

        err.getBuffer().setLength(0);
        assertThat(track("--catalog", c.toString(), "--data", "crm=" + csv, "--out", again.toString(), "--state-in",
                state.toString(), "--as-of", "2025-03-15T00:00:00Z", "--allow-replay")).isEqualTo(TrackCommand.OK);
    }

    @Test
    void track_outputThatIsAnInput_isRefusedBeforeAnythingIsRead() throws IOException {
        Path c = file("c.yaml", CATALOG.formatted("info"));
        Path csv = data(2);
        String text = Files.readString(csv);
        assertThat(track("--catalog", c.toString(), "--data", "crm=" + csv, "--out", dir.resolve("a.json").toString(),
                "--state-out", csv.toString())).isEqualTo(TrackCommand.CONFIG_ERROR);
        assertThat(err.toString()).isEqualTo("kpi track: --state-out " + csv + " is the same file as --data crm="
                + csv + ": writing it would destroy the input; write the output to another file\n");
        assertThat(Files.readString(csv)).isEqualTo(text);
    }

    @Test
    void kpiTrack_throughTheMainCommand() throws IOException {
        int code = KpiCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "track", "--catalog",
                file("c.yaml", CATALOG.formatted("info")).toString(), "--data", "crm=" + data(2), "--out",
                dir.resolve("card.json").toString(), "--as-of", "2025-03-15T00:00:00Z");
        assertThat(code).isEqualTo(KpiCli.OK);
        assertThat(out.toString()).startsWith("2 series: 2 on-track;");
    }

    static final String SCORED = """
            zone: UTC
            grain: month
            sources:
              crm:
                time: day
                columns: {day: date, channel: category, leads: integer, calls: integer}
            metrics:
              - {id: leads, aggregate: sum, column: leads, dimensions: [channel], direction: higher-is-better}
              - {id: calls, aggregate: sum, column: calls, dimensions: [channel], direction: higher-is-better}
            scores:
              - id: pipeline
                entity: channel
                children:
                  - {kpi: leads, weight: 0.5, normalization: {method: goalposts, worst: 0, best: 200}}
                  - {kpi: calls, weight: 0.5, normalization: {method: goalposts, worst: 0, best: 20}}
            """;

    /** January: email 120 leads and 10 calls (60 and 50 points: 55), social 80 and 20 (40 and 100: 70). */
    private Path scoredData() throws IOException {
        return file("crm.csv", "day,channel,leads,calls\n2025-01-02,email,120,10\n2025-01-03,social,80,20\n");
    }

    private static double scoreRow(JsonNode json, String metric, String channel) {
        for (JsonNode r : json.get("rows")) {
            if (r.get("metric").asText().equals(metric) && r.get("segment").get("channel").asText().equals(channel)) {
                return r.get("value").asDouble();
            }
        }
        throw new AssertionError("no row of " + metric + " for " + channel);
    }

    @Test
    void track_scoresOption_tracksEveryScoreOfTheCatalog() throws IOException {
        Path card = dir.resolve("card.json");
        int code = track("--catalog", file("c.yaml", SCORED).toString(), "--data", "crm=" + scoredData(), "--out",
                card.toString(), "--as-of", "2025-02-15T00:00:00Z", "--scores");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(TrackCommand.OK);
        JsonNode json = new ObjectMapper().readTree(card.toFile());
        assertThat(scoreRow(json, "pipeline", "email")).isEqualTo(55.0);
        assertThat(scoreRow(json, "pipeline", "social")).isEqualTo(70.0);
        assertThat(json.get("rows")).hasSize(6);
        err.getBuffer().setLength(0);
        Path noScores = file("n.yaml", SCORED.substring(0, SCORED.indexOf("scores:")));
        assertThat(track("--catalog", noScores.toString(), "--data", "crm=" + scoredData(), "--out", card.toString(),
                "--scores")).isEqualTo(TrackCommand.CONFIG_ERROR);
        assertThat(err.toString()).isEqualTo("kpi track: --scores: " + noScores + " has no scores section; see"
                + " docs/scoring.md\n");
    }

    @Test
    void track_alertOnAScore_tracksThatScoreWithoutTheOption() throws IOException {
        Path card = dir.resolve("card.json");
        String catalog = SCORED + "alerts:\n  - {id: weak, metric: pipeline, kind: threshold, below: 60,"
                + " severity: critical}\n";
        int code = track("--catalog", file("c.yaml", catalog).toString(), "--data", "crm=" + scoredData(), "--out",
                card.toString(), "--as-of", "2025-02-15T00:00:00Z");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(TrackCommand.CRITICAL);
        assertThat(out.toString()).endsWith("CRITICAL NEW weak: pipeline {channel=email} 2025-01: value 55 below 60\n");
        JsonNode json = new ObjectMapper().readTree(card.toFile());
        assertThat(scoreRow(json, "pipeline", "email")).isEqualTo(55.0);
        assertThat(json.get("alerts")).hasSize(1);
        err.getBuffer().setLength(0);
        assertThat(track("--catalog", file("c.yaml", catalog.replace("metric: pipeline", "metric: pipelin"))
                .toString(), "--data", "crm=" + scoredData(), "--out", card.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(":17:24: alert 'weak': metric 'pipelin' is not a metric or score of the"
                + " catalog; did you mean 'pipeline'?");
    }
}
