package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.score.KpiMatrix;
import io.kpiengine.core.score.ScoreCard;
import io.kpiengine.core.score.Scores;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.DocumentReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreCommandTest {

    static final String CATALOG = """
            zone: UTC
            grain: month
            sources:
              sales:
                time: day
                columns: {day: date, rep: category, amount: decimal, calls: integer}
            metrics:
              - {id: revenue, aggregate: sum, column: amount, dimensions: [rep], direction: higher-is-better}
              - {id: calls, aggregate: sum, column: calls, dimensions: [rep], direction: higher-is-better}
            scores:
              - id: health
                entity: rep
                children:
                  - {kpi: revenue, weight: 0.75}
                  - {kpi: calls, weight: 0.25}
            """;

    static final String CSV = """
            day,rep,amount,calls
            2025-03-03,ann,100,4
            2025-03-04,bob,300,2
            2025-03-05,cid,200,6
            2025-04-01,ann,50,1
            2025-04-02,bob,80,3
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = KpiCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void score_writesEveryNodeOfEveryEntityAndPeriod() throws IOException {
        Path catalog = write("c.yaml", CATALOG);
        Path data = write("sales.csv", CSV);
        Path target = dir.resolve("scores.json");
        Files.writeString(target, "old");
        int exit = run("score", "--catalog", catalog.toString(), "--data", "sales=" + data, "--out", target.toString());
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("1 score (health) over 2 periods and 3 entities; quality PASS; wrote "
                + target + "\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("c.yaml", "sales.csv", "scores.json");
        }
        DocNode root = DocumentReader.read(Files.readString(target), "scores.json");
        DocNode score = root.field("scores").orElseThrow().items().get(0);
        assertThat(score.field("score").orElseThrow().scalarText()).isEqualTo("health");
        List<DocNode> results = score.field("results").orElseThrow().items();
        // every rep in both months (cid's April sums are zero: no rows), 3 nodes each
        assertThat(results).hasSize(2 * 3 * 3);
        // March by hand: revenue min-max (100, 300, 200) -> 0, 100, 50; calls (4, 2, 6) -> 50, 0, 100;
        // health 0.75 * revenue + 0.25 * calls: ann 12.5, bob 75, cid 62.5
        Scores march = ScoreCard.of(Catalog.read(catalog), "health").score(KpiMatrix.builder("ann", "bob", "cid")
                .column("revenue", new double[] {100, 300, 200}).column("calls", new double[] {4, 2, 6}).build());
        DocNode bob = results.stream().filter(r -> r.field("period").orElseThrow().scalarText().equals("2025-03")
                && r.field("entity").orElseThrow().scalarText().equals("bob")
                && r.field("node").orElseThrow().scalarText().equals("health")).findFirst().orElseThrow();
        assertThat(bob.field("points").orElseThrow().number().doubleValue()).isCloseTo(75, within(1e-9))
                .isEqualTo(march.score("health", "bob").orElseThrow());
        assertThat(bob.field("rank").orElseThrow().number().intValue()).isEqualTo(1);
        assertThat(bob.field("status").orElseThrow().scalarText()).isEqualTo("AT_RISK");
        DocNode calls = results.stream().filter(r -> r.field("entity").orElseThrow().scalarText().equals("bob")
                && r.field("node").orElseThrow().scalarText().equals("calls")
                && r.field("period").orElseThrow().scalarText().equals("2025-03")).findFirst().orElseThrow();
        assertThat(calls.field("points").orElseThrow().number().doubleValue()).isZero();
        assertThat(calls.field("kpi").orElseThrow().scalarText()).isEqualTo("calls");
    }

    @Test
    void score_configurationErrors_exitTwo() throws IOException {
        Path data = write("sales.csv", CSV);
        Path none = write("none.yaml", CATALOG.substring(0, CATALOG.indexOf("scores:")));
        assertThat(run("score", "--catalog", none.toString(), "--out", dir.resolve("s.json").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi score: " + none + " has no scores section; see docs/scoring.md\n");
        Path catalog = write("c.yaml", CATALOG);
        err.getBuffer().setLength(0);
        assertThat(run("score", "--catalog", catalog.toString(), "--score", "helth", "--data", "sales=" + data,
                "--out", dir.resolve("s.json").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi score: --score: treeId must be a score of catalog c.yaml, but was"
                + " 'helth'; did you mean 'health'?\n");
        err.getBuffer().setLength(0);
        assertThat(run("score", "--catalog", catalog.toString(), "--out", dir.resolve("s.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi score: --out must end in .json, but was '" + dir.resolve("s.csv")
                + "'\n");
        assertThat(Files.exists(dir.resolve("s.json"))).isFalse();
    }
}
