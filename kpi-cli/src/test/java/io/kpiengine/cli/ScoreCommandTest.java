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
        // numbers in the results' number style: no ".0" on whole numbers, no exponent
        assertThat(Files.readString(target)).doesNotContainPattern(": -?\\d+\\.0[,}]").doesNotContainPattern("\\dE-?\\d")
                .containsPattern("\"points\": \\d+[,.]");
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

    static final String INCENTIVES = """
                cascades:
                  - kpi: revenue
                    total: 600
                    units: {team: [east, west], east: [ann, bob], west: [cid]}
                    weights: {east: 2}
                incentives:
                  curve: {threshold: {at: 50, pays: 0.5}, target: {at: 100, pays: 1}, maximum: {at: 150, pays: 2}}
                  owners:
                    - {owner: ann, achievement: revenue, incentive: 1000}
                    - {owner: bob, achievement: revenue, incentive: 1000}
                    - {owner: west lead, entity: cid, score: health, incentive: 400}
            """;

    private static DocNode only(List<DocNode> items, String field, String value, String period) {
        return items.stream().filter(r -> r.field(field).orElseThrow().scalarText().equals(value)
                && (period == null || r.field("period").orElseThrow().scalarText().equals(period))).findFirst()
                .orElseThrow();
    }

    private static double num(DocNode n, String field) {
        return n.field(field).orElseThrow().number().doubleValue();
    }

    @Test
    void score_writesCascadedTargets_rolledUpActuals_andPayoutsPerOwner() throws IOException {
        Path catalog = write("c.yaml", CATALOG.replace("{kpi: revenue, weight: 0.75}",
                "{kpi: revenue, weight: 0.75, normalization: achievement}") + INCENTIVES);
        Path data = write("sales.csv", CSV);
        Path target = dir.resolve("scores.json");
        int exit = run("score", "--catalog", catalog.toString(), "--data", "sales=" + data, "--out", target.toString());
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        DocNode score = DocumentReader.read(Files.readString(target), "scores.json").field("scores").orElseThrow()
                .items().get(0);
        // 600 split by weights: east 2 : west 1 -> 400 and 200; ann and bob half of east's each, cid all of west's
        DocNode cascade = score.field("cascades").orElseThrow().items().get(0);
        assertThat(cascade.field("kpi").orElseThrow().scalarText()).isEqualTo("revenue");
        assertThat(cascade.field("split").orElseThrow().scalarText()).isEqualTo("weights");
        List<DocNode> units = cascade.field("units").orElseThrow().items();
        assertThat(units).extracting(u -> u.field("unit").orElseThrow().scalarText())
                .containsExactly("team", "east", "ann", "bob", "west", "cid");
        assertThat(units).extracting(u -> num(u, "target")).containsExactly(600.0, 400.0, 200.0, 200.0, 200.0, 200.0);
        assertThat(only(units, "unit", "east", null).field("parent").orElseThrow().scalarText()).isEqualTo("team");
        assertThat(only(units, "unit", "team", null).field("parent").orElseThrow().isNull()).isTrue();
        // actual revenue rolled up: March ann 100 + bob 300 = east 400, cid 200, team 600; April 50 + 80, cid 0
        DocNode east = only(units, "unit", "east", null).field("actual").orElseThrow();
        assertThat(num(east, "2025-03")).isEqualTo(400);
        assertThat(num(east, "2025-04")).isEqualTo(130);
        assertThat(num(only(units, "unit", "team", null).field("actual").orElseThrow(), "2025-04")).isEqualTo(130);
        List<DocNode> payouts = score.field("payouts").orElseThrow().items();
        assertThat(payouts).hasSize(2 * 3);
        // March: ann 100 of her 200 = 50 (the threshold: 0.5 of 1,000); bob 300 of 200 = 150 (the maximum: 2.0);
        // cid's health: revenue 200 of 200 = 100 points, calls 6 the best (min-max 100), so 100 -> 1.0 of 400
        DocNode ann = only(payouts, "owner", "ann", "2025-03");
        assertThat(ann.field("basis").orElseThrow().scalarText()).isEqualTo("achievement:revenue");
        assertThat(num(ann, "measure")).isCloseTo(50, within(1e-9));
        assertThat(num(ann, "multiple")).isCloseTo(0.5, within(1e-9));
        assertThat(num(ann, "amount")).isCloseTo(500, within(1e-9));
        assertThat(num(only(payouts, "owner", "bob", "2025-03"), "amount")).isCloseTo(2_000, within(1e-9));
        DocNode lead = only(payouts, "owner", "west lead", "2025-03");
        assertThat(lead.field("entity").orElseThrow().scalarText()).isEqualTo("cid");
        assertThat(lead.field("basis").orElseThrow().scalarText()).isEqualTo("score:health");
        assertThat(num(lead, "measure")).isCloseTo(100, within(1e-9));
        assertThat(num(lead, "amount")).isCloseTo(400, within(1e-9));
        // April: ann 50 of 200 = 25 and bob 80 of 200 = 40, both below the threshold
        assertThat(num(only(payouts, "owner", "ann", "2025-04"), "amount")).isZero();
        assertThat(num(only(payouts, "owner", "bob", "2025-04"), "measure")).isCloseTo(40, within(1e-9));
        assertThat(num(only(payouts, "owner", "bob", "2025-04"), "amount")).isZero();
        assertThat(ann.field("detail").orElseThrow().isNull()).isTrue();
    }
}
