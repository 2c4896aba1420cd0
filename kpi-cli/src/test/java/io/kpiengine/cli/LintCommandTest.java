package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LintCommandTest {

    private static final String HEAD = "zone: UTC\nsources:\n  e:\n    time: ts\n    columns: {ts: timestamp, v: integer}\n"
            + "metrics:\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new LintCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void lint_cleanCatalog_exitsZero() throws IOException {
        Path file = write(HEAD + "  - id: visits\n    aggregate: sum\n    column: v\n    unit: count\n"
                + "    tier: core\n    owner: web-team\n    description: Daily visits.\n"
                + "    direction: higher-is-better\n    reviewCycle: weekly\n    targets: {shortTerm: 100}\n");
        assertThat(run("--catalog", file.toString())).isEqualTo(0);
        assertThat(out.toString()).isEqualTo("0 findings: 0 errors, 0 warnings, 0 infos\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void lint_kpiWithoutOwner_exitsOneAndPrintsFindings() throws IOException {
        Path file = write(HEAD + "  - id: visits\n    aggregate: sum\n    column: v\n    unit: count\n"
                + "    tier: core\n    description: Daily visits.\n    direction: higher-is-better\n"
                + "    targets: {shortTerm: 100}\n");
        assertThat(run("--catalog", file.toString())).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(
                file + ":7:9: ERROR missing-owner: KPI 'visits' has no owner\n"
                + file + ":7:9: WARNING missing-review-cycle: KPI 'visits' has no review cycle\n"
                + "2 findings: 1 error, 1 warning, 0 infos\n");
    }

    @Test
    void lint_onlyWarnings_exitsZero() throws IOException {
        Path file = write(HEAD + "  - id: visits\n    aggregate: sum\n    column: v\n    tier: core\n"
                + "    owner: web-team\n");
        assertThat(run("--catalog", file.toString(), "--disable", "missing-description,missing-direction"))
                .isEqualTo(0);
        assertThat(out.toString()).isEqualTo(
                file + ":7:9: WARNING missing-target: KPI 'visits' has no target (shortTerm, longTerm or"
                + " stretch) and no target band\n"
                + file + ":7:9: WARNING missing-review-cycle: KPI 'visits' has no review cycle\n"
                + file + ":7:9: INFO missing-unit: KPI 'visits' has no unit\n"
                + "3 findings: 0 errors, 2 warnings, 1 info\n");
    }

    @Test
    void lint_invalidCatalog_exitsTwoWithProblems() throws IOException {
        Path file = write(HEAD + "  - id: visits\n    aggregate: sum\n    column: vv\n");
        assertThat(run("--catalog", file.toString())).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("kpi lint: " + file + " is not a valid catalog (1 problem):\n"
                + file + ":9:13: metric 'visits': column 'vv' is not a column of source 'e'; did you mean 'v'?\n");
    }

    @Test
    void lint_missingFile_exitsTwo() {
        assertThat(run("--catalog", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("kpi lint: " + dir.resolve("nope.yaml") + " is not a valid catalog");
    }

    @Test
    void lint_withoutCatalogOption_isAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).startsWith("Missing required option: '--catalog=FILE'");
    }

    @Test
    void lint_unknownRuleToDisable_exitsTwo() throws IOException {
        Path file = write(HEAD + "  - id: visits\n    aggregate: sum\n    column: v\n");
        assertThat(run("--catalog", file.toString(), "--disable", "missing-ownr")).isEqualTo(2);
        assertThat(err.toString()).contains("rule must be one of").contains("did you mean 'missing-owner'");
    }

    @Test
    void kpiLint_throughTheKpiCommand() throws IOException {
        Path file = write(HEAD + "  - {id: visits, aggregate: sum, column: v, tier: core}\n");
        int exit = KpiCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("lint", "--catalog", file.toString(), "--disable",
                        "missing-target,missing-review-cycle,missing-description,missing-unit,missing-direction");
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(file + ":7:10: ERROR missing-owner: KPI 'visits' has no owner\n"
                + "1 finding: 1 error, 0 warnings, 0 infos\n");
        assertThat(KpiCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("lint", "--bogus")).isEqualTo(2);
    }
}
