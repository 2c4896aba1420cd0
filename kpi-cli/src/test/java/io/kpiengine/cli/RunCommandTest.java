package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    static final String CATALOG = """
            zone: UTC
            grain: day
            sources:
              sales:
                time: ts
                columns: {ts: timestamp, channel: category, amount: decimal(2), id: text}
                rules:
                  duplicates:
                    - id: exact-duplicates
                  thresholds:
                    uniqueness: {warn: %s, fail: %s}
            metrics:
              - id: revenue
                aggregate: sum
                column: amount
                dimensions: [channel]
                unit: USD
              - id: orders
                aggregate: count_distinct
                column: id
                unit: count
              - id: big_orders
                aggregate: count
                filter: "amount >= 100"
                unit: count
              - id: revenue_growth
                formula: "revenue / lag(revenue, 1) - 1"
            """;

    static final String DATA = """
            ts,channel,amount,id
            2025-03-01T10:00:00Z,email,100.50,A1
            2025-03-01T11:00:00Z,=cmd,20.00,A2
            2025-03-03T09:00:00Z,email,50.25,A3
            2025-03-03T09:00:00Z,email,50.25,A3
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new RunCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path catalog(String warn, String fail) throws IOException {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, String.format(CATALOG, warn, fail));
        return file;
    }

    private Path data(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void run_writesJsonResults_andExitsZero() throws IOException {
        Path results = dir.resolve("results.json");
        int code = run("--catalog", catalog("0.5", "0.1").toString(), "--data", "sales=" + data("s.csv", DATA),
                "--out", results.toString(), "--threads", "2", "--as-of", "2025-03-03T12:00:00Z");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(RunCommand.OK);
        assertThat(out.toString()).isEqualTo("18 cells of 4 metrics over 3 periods (2025-03-01 to 2025-03-03);"
                + " quality PASS; wrote " + results + "\n");
        JsonNode json = new ObjectMapper().readTree(results.toFile());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(json.get("zone").asText()).isEqualTo("UTC");
        assertThat(json.get("quality").get("verdict").asText()).isEqualTo("PASS");
        JsonNode sales = json.get("quality").get("sources").get(0);
        assertThat(sales.get("rowsAggregated").asLong()).isEqualTo(3);
        assertThat(sales.get("rowsMerged").asLong()).isEqualTo(1);
        JsonNode first = json.get("results").get(0);
        assertThat(first.toString()).isEqualTo("{\"metric\":\"revenue\",\"period\":\"2025-03-01\","
                + "\"start\":\"2025-03-01T00:00:00Z\",\"end\":\"2025-03-02T00:00:00Z\",\"status\":\"COMPLETE\","
                + "\"dimensions\":{\"channel\":\"=cmd\"},\"value\":20,\"reason\":null,\"detail\":null,\"rows\":1,"
                + "\"targetStatus\":null}");
        assertThat(json.get("metrics").get(0).toString()).isEqualTo("{\"id\":\"revenue\",\"name\":null,"
                + "\"description\":null,\"unit\":\"USD\",\"owner\":null,\"direction\":null,\"tier\":null,"
                + "\"targets\":null,\"targetBand\":null}");
        // sums and counts of no rows are 0 by default (their empty policy); a lag before the data has no history
        assertThat(json.get("results").get(2).get("value").asText()).isEqualTo("0");
        JsonNode growth = json.get("results").get(12);
        assertThat(growth.get("metric").asText()).isEqualTo("revenue_growth");
        assertThat(growth.get("reason").asText()).isEqualTo("NO_HISTORY");
        assertThat(growth.get("detail").asText()).isEqualTo("input 'lag(revenue,1)' has no value: period 2025-02-28"
                + " is before the data of source 'sales', which starts at 2025-03-01");
        JsonNode last = json.get("results").get(json.get("results").size() - 1);
        assertThat(last.get("metric").asText()).isEqualTo("revenue_growth");
        assertThat(last.get("status").asText()).isEqualTo("PARTIAL");
    }

    @Test
    void run_writesCsv_withDimensionColumnsAndFormulaInjectionEscaped() throws IOException {
        Path results = dir.resolve("results.csv");
        int code = run("--catalog", catalog("0.5", "0.1").toString(), "--data", "sales=" + data("s.csv", DATA),
                "--out", results.toString(), "--as-of", "2030-01-01T00:00:00Z");
        assertThat(code).isEqualTo(RunCommand.OK);
        String csv = Files.readString(results);
        assertThat(csv).startsWith("metric,period,start,end,status,channel,value,reason,detail,rows\r\n"
                + "revenue,2025-03-01,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,COMPLETE,'=cmd,20,,,1\r\n");
        assertThat(csv).contains("revenue,2025-03-03,2025-03-03T00:00:00Z,2025-03-04T00:00:00Z,COMPLETE,email,"
                + "50.25,,,1\r\n");
        assertThat(csv).contains("big_orders,2025-03-02,2025-03-02T00:00:00Z,2025-03-03T00:00:00Z,COMPLETE,,0,,,0\r\n");
        assertThat(csv).contains("revenue_growth,2025-03-03,2025-03-03T00:00:00Z,2025-03-04T00:00:00Z,COMPLETE,email,,"
                + "ZERO_DENOMINATOR,division by zero at '/' (column 9),0\r\n");
    }

    @Test
    void run_fromTo_windowsReadTheDaysBefore_andPartialWindowsIsAnExplicitOption() throws IOException {
        Path cat = data("w.yaml", """
                zone: UTC
                sources:
                  sales:
                    time: ts
                    columns: {ts: timestamp, channel: category, amount: decimal(2), id: text}
                metrics:
                  - {id: revenue, aggregate: sum, column: amount}
                  - {id: revenue_2d, formula: "trailing(revenue, 2)"}
                """);
        Path csv = data("s.csv", DATA);
        Path results = dir.resolve("r.csv");
        assertThat(run("--catalog", cat.toString(), "--data", "sales=" + csv, "--out", results.toString(),
                "--from", "2025-03-02", "--to", "2025-03-03", "--as-of", "2030-01-01T00:00:00Z")).isZero();
        assertThat(Files.readString(results)).contains(
                "revenue_2d,2025-03-02,2025-03-02T00:00:00Z,2025-03-03T00:00:00Z,COMPLETE,120.5,,,0\r\n");

        assertThat(run("--catalog", cat.toString(), "--data", "sales=" + csv, "--out", results.toString(),
                "--as-of", "2030-01-01T00:00:00Z")).isZero();
        assertThat(Files.readString(results)).contains("revenue_2d,2025-03-01,2025-03-01T00:00:00Z,"
                + "2025-03-02T00:00:00Z,COMPLETE,,INCOMPLETE_WINDOW,\"input 'trailing(revenue,2)' has no value: the"
                + " trailing window of 2 periods (2025-02-28 to 2025-03-01) starts before the data of source 'sales',"
                + " which starts at 2025-03-01: 1 of 2 periods have data, and partial windows are off\",0\r\n");
        assertThat(err.toString()).isEmpty();

        assertThat(run("--catalog", cat.toString(), "--data", "sales=" + csv, "--out", results.toString(),
                "--partial-windows", "--as-of", "2030-01-01T00:00:00Z")).isZero();
        assertThat(Files.readString(results)).contains(
                "revenue_2d,2025-03-01,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,COMPLETE,120.5,,,0\r\n");
        assertThat(err.toString()).isEqualTo("kpi run: warning: metric 'revenue_2d': the window of 1 cell"
                + " (2025-03-01) starts before the data and merges only the periods that have data (partial windows"
                + " are on)\n");
    }

    @Test
    void run_rejectedRecords_areCountedShownAndWritten_neverSilent() throws IOException {
        Path cat = data("rejects.yaml", """
                zone: UTC
                sources:
                  sales:
                    time: ts
                    columns: {ts: timestamp, amount: decimal(2)}
                    rules:
                      validity:
                        - {column: amount, nonNegative: true}
                      thresholds:
                        validity: {warn: 0.1, fail: 0.05}
                metrics:
                  - {id: revenue, aggregate: sum, column: amount, unit: USD}
                """);
        Path csv = data("s.csv", "ts,amount\n2025-03-01T10:00:00Z,1.50\n2025-03-01T11:00:00Z,12.345\n"
                + "yesterday,2.00\n2025-03-01T12:00:00Z,-4.00\n2025-03-01T13:00:00Z,3.00\n");
        Path rejected = dir.resolve("rejected.csv");
        int code = run("--catalog", cat.toString(), "--data", "sales=" + csv, "--out", dir.resolve("r.csv").toString(),
                "--rejected", rejected.toString(), "--as-of", "2030-01-01T00:00:00Z");
        assertThat(code).isEqualTo(RunCommand.OK);
        assertThat(out.toString()).isEqualTo("1 cell of 1 metric over 1 period (2025-03-01); 3 records"
                + " rejected; quality PASS; wrote " + dir.resolve("r.csv") + "\n");
        assertThat(err.toString()).isEqualTo("kpi run: source 'sales': 2 of 5 records could not be read and were not"
                + " aggregated; the first:\n"
                + "  s.csv:3: column 'amount': '12.345' has more than 2 decimal places (give the column more places, or"
                + " a rounding in its format)\n"
                + "  s.csv:4: column 'ts': 'yesterday' is not a timestamp in format ISO-8601"
                + " 'yyyy-MM-ddTHH:mm[:ss[.fraction]]' with an offset such as '+09:00' or 'Z'\n"
                + "  every one is in " + rejected + "\n"
                + "kpi run: source 'sales': 1 of 5 records were quarantined by its quality rules; the first:\n"
                + "  row 5: rule 'range:amount': column 'amount': -4.00 is below the minimum 0\n"
                + "  kpi clean with the source's rules writes every one of them (--quarantine FILE)\n");
        assertThat(Files.readString(rejected)).isEqualTo("source,line,reason,record\n"
                + "s.csv,3,\"column 'amount': '12.345' has more than 2 decimal places (give the column more places, or a"
                + " rounding in its format)\",\"2025-03-01T11:00:00Z,12.345\"\n"
                + "s.csv,4,column 'ts': 'yesterday' is not a timestamp in format ISO-8601 'yyyy-MM-ddTHH:mm[:ss[.fraction]]'"
                + " with an offset such as '+09:00' or 'Z',\"yesterday,2.00\"\n");
        assertThat(Files.readString(dir.resolve("r.csv"))).contains("revenue,2025-03-01,2025-03-01T00:00:00Z,"
                + "2025-03-02T00:00:00Z,COMPLETE,4.5,,,2");

        // two partitions on two threads report to the same log
        err.getBuffer().setLength(0);
        Path rejected2 = dir.resolve("rejected2.csv");
        assertThat(run("--catalog", cat.toString(), "--data", "sales=" + csv, "--out", dir.resolve("r2.csv").toString(),
                "--rejected", rejected2.toString(), "--threads", "2", "--as-of", "2030-01-01T00:00:00Z"))
                .isEqualTo(RunCommand.OK);
        assertThat(Files.readAllLines(rejected2)).containsExactlyInAnyOrderElementsOf(Files.readAllLines(rejected));
        assertThat(Files.readString(dir.resolve("r2.csv"))).isEqualTo(Files.readString(dir.resolve("r.csv")));

        err.getBuffer().setLength(0);
        assertThat(run("--catalog", cat.toString(), "--data", "sales=" + csv, "--out", dir.resolve("r.csv").toString(),
                "--as-of", "2030-01-01T00:00:00Z")).isEqualTo(RunCommand.OK);
        assertThat(err.toString()).contains("  --rejected FILE writes every one of them\n");
    }

    @Test
    void run_sourceWithoutOneReadableRecord_exitsOne() throws IOException {
        Path cat = data("months.yaml", """
                zone: UTC
                sources:
                  s:
                    time: month
                    columns: {month: date, sales: integer}
                metrics:
                  - {id: sales, aggregate: sum, column: sales}
                """);
        Path csv = data("m.csv", "month,sales\n1964-01,2815\n1964-02,2672\n");
        int code = run("--catalog", cat.toString(), "--data", "s=" + csv, "--out", dir.resolve("r.csv").toString());
        assertThat(code).isEqualTo(RunCommand.QUALITY_GATE_FAILED);
        assertThat(out.toString()).startsWith("0 cells of 0 metrics over no periods; 2 records rejected;");
        assertThat(err.toString()).startsWith("kpi run: source 's': 2 of 2 records could not be read and were not"
                + " aggregated; the first:\n  m.csv:2: column 'month': '1964-01' is not a date in format 'yyyy-MM-dd'"
                + " (other layouts, such as 'M/d/yyyy' or 'yyyy-MM', need datePatterns in the column's format)")
                .endsWith("kpi run: source 's': none of its 2 records was aggregated, so its metrics have no data:"
                        + " exit code 1\n");
    }

    @Test
    void run_failedQualityGate_writesResultsAndExitsOne() throws IOException {
        Path results = dir.resolve("results.json");
        int code = run("--catalog", catalog("0.9999", "0.999").toString(), "--data", "sales=" + data("s.csv", DATA),
                "--out", results.toString());
        assertThat(code).isEqualTo(RunCommand.QUALITY_GATE_FAILED);
        assertThat(out.toString()).contains("quality FAIL");
        JsonNode quality = new ObjectMapper().readTree(results.toFile()).get("quality");
        assertThat(quality.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(quality.get("sources").get(0).get("findings").get(0).asText())
                .isEqualTo("uniqueness 0.7500 is below the fail threshold 0.999");
    }

    @Test
    void run_stateOutThenStateIn_equalsOneRunOverBothFiles() throws IOException {
        Path cat = catalog("0.5", "0.1");
        String[] lines = DATA.split("\n");
        Path day1 = data("d1.csv", lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n");
        Path day2 = data("d2.csv", lines[0] + "\n" + lines[3] + "\n");
        Path both = data("both.csv", lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[3] + "\n");
        Path state = dir.resolve("state.bin");
        assertThat(run("--catalog", cat.toString(), "--data", "sales=" + day1, "--out", dir.resolve("r1.csv").toString(),
                "--state-out", state.toString(), "--as-of", "2030-01-01T00:00:00Z")).isZero();
        assertThat(run("--catalog", cat.toString(), "--data", "sales=" + day2, "--out", dir.resolve("r2.csv").toString(),
                "--state-in", state.toString(), "--as-of", "2030-01-01T00:00:00Z")).isZero();
        assertThat(run("--catalog", cat.toString(), "--data", "sales=" + both, "--out", dir.resolve("r3.csv").toString(),
                "--as-of", "2030-01-01T00:00:00Z")).isZero();
        assertThat(Files.readString(dir.resolve("r2.csv"))).isEqualTo(Files.readString(dir.resolve("r3.csv")));
    }

    @Test
    void kpiRun_throughTheMainCommand_runsTheSubcommand() throws IOException {
        Path results = dir.resolve("results.json");
        CommandLine cli = KpiCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        int code = cli.execute("run", "--catalog", catalog("0.5", "0.1").toString(), "--data",
                "sales=" + data("s.csv", DATA), "--out", results.toString(), "--as-of", "2025-03-03T12:00:00Z");
        assertThat(code).isEqualTo(KpiCli.OK);
        assertThat(out.toString()).startsWith("18 cells of 4 metrics");
        assertThat(cli.execute("run", "--catalog")).isEqualTo(KpiCli.USAGE);
    }

    @Test
    void run_usageAndConfigurationErrors_exitTwoWithReason() throws IOException {
        Path cat = catalog("0.5", "0.1");
        Path csv = data("s.csv", DATA);
        assertThat(run("--catalog", cat.toString(), "--data", "sale=" + csv, "--out", "r.json")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi run: --data sale=" + csv + ": the catalog has no data source 'sale';"
                + " its sources are [sales]\n");
        err.getBuffer().setLength(0);
        assertThat(run("--catalog", cat.toString(), "--data", "sales=" + csv, "--out", "r.txt")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi run: --out must end in .json or .csv, but was 'r.txt'\n");
        err.getBuffer().setLength(0);
        assertThat(run("--catalog", cat.toString(), "--data", "sales=" + dir.resolve("nope.csv"), "--out",
                dir.resolve("r.json").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi run: --data sales=" + dir.resolve("nope.csv") + ": no such file\n");
        err.getBuffer().setLength(0);
        assertThat(run("--catalog", cat.toString(), "--out", dir.resolve("r.json").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi run: sources must contain every data source of the catalog [sales],"
                + " but 'sales' is missing\n");
        err.getBuffer().setLength(0);
        Path bad = data("bad.yaml", "zone: UTC\nmetrics: 3\n");
        assertThat(run("--catalog", bad.toString(), "--out", dir.resolve("r.json").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("kpi run: " + bad + " is not a valid catalog");
        err.getBuffer().setLength(0);
        assertThat(run("--catalog", cat.toString(), "--data", "sales=" + csv, "--out", dir.resolve("r.json").toString(),
                "--state-in", csv.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi run: cannot restore the aggregation state: the bytes are not a KPI"
                + " engine state (no \"KPIS\" header)\n");
    }

    static final String SLICED = """
            zone: UTC
            grain: day
            sources:
              sales:
                time: ts
                columns: {ts: timestamp, channel: category, region: category, amount: decimal(2), id: text}
            metrics:
              - {id: revenue, aggregate: sum, column: amount, unit: USD, sliceBy: [channel, region],
                 owner: sales-team, direction: higher-is-better, tier: core, targets: {shortTerm: 100, stretch: 150}}
              - {id: orders, aggregate: count-distinct, column: id, sliceBy: [channel, region]}
              - {id: aov, numerator: revenue, denominator: orders}
              - {id: first_sale, aggregate: min, column: ts}
            """;

    static final String SLICED_DATA = """
            ts,channel,region,amount,id
            2025-03-01T10:00:00Z,email,north,100.50,A1
            2025-03-01T11:00:00Z,social,north,20.00,A2
            2025-03-01T12:00:00Z,email,south,50.25,A3
            """;

    @Test
    void run_by_rollupAndSeveralOuts_readsOnce_andWritesGroupingSetsAndMetadata() throws IOException {
        Path c = data("sliced.yaml", SLICED);
        Path json = dir.resolve("r.json");
        Path csv = dir.resolve("r.csv");
        int code = run("--catalog", c.toString(), "--data", "sales=" + data("s.csv", SLICED_DATA), "--by",
                "rollup(channel, region)", "--out", json.toString(), "--out", csv.toString(), "--metadata",
                "--as-of", "2025-03-02T00:00:00Z");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(RunCommand.OK);
        assertThat(out.toString()).isEqualTo("19 cells of 4 metrics over 1 period (2025-03-01);"
                + " quality PASS; wrote " + json + ", " + csv + "\n");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("metric,period,start,end,status,groupingSet,channel,region,value,reason,"
                + "detail,rows,unit,owner,direction,tier,target,targetStatus");
        assertThat(lines).contains(
                "revenue,2025-03-01,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,COMPLETE,\"(channel, region)\",email,"
                        + "north,100.5,,,1,USD,sales-team,HIGHER_IS_BETTER,CORE,100,ON_TRACK",
                "revenue,2025-03-01,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,COMPLETE,(channel),email,,150.75,,,2,"
                        + "USD,sales-team,HIGHER_IS_BETTER,CORE,100,ON_TRACK",
                "revenue,2025-03-01,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,COMPLETE,(),,,170.75,,,3,USD,"
                        + "sales-team,HIGHER_IS_BETTER,CORE,100,ON_TRACK",
                "aov,2025-03-01,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,COMPLETE,(channel),email,,75.375,,,2,"
                        + "USD per count,,,,,",
                "first_sale,2025-03-01,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,COMPLETE,(),,,2025-03-01T10:00:00Z,"
                        + ",,3,,,,,,");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("groupingSets").toString()).isEqualTo("[[\"channel\",\"region\"],[\"channel\"],[]]");
        assertThat(root.get("metrics").get(0).get("targets").toString()).isEqualTo("{\"shortTerm\":{\"value\":100,"
                + "\"due\":null},\"longTerm\":null,\"stretch\":{\"value\":150,\"due\":null}}");
        assertThat(root.get("warnings").toString()).isEqualTo("[]");
        assertThat(run("--catalog", c.toString(), "--data", "sales=" + dir.resolve("s.csv"), "--by", "channel",
                "--out", json.toString())).isZero();
        assertThat(err.toString()).isEqualTo("kpi run: warning: metric 'first_sale' may not be sliced by any of the"
                + " grouping sets (it is grouped by [] and may be sliced by []), so it is reported at its own"
                + " dimensions only\n");
    }

    @Test
    void run_check_readsHeadersAndFirstRecords_withoutWritingResults() throws IOException {
        Path c = data("sliced.yaml", SLICED);
        int ok = run("--catalog", c.toString(), "--data", "sales=" + data("s.csv", SLICED_DATA), "--check");
        assertThat(ok).isEqualTo(RunCommand.OK);
        assertThat(out.toString()).contains("source 'sales': " + dir.resolve("s.csv") + " fits the catalog (5 columns);"
                + " first 3 records: 3 read, 0 cannot be read");
        out.getBuffer().setLength(0);
        int bad = run("--catalog", c.toString(), "--data", "sales=" + data("b.csv", SLICED_DATA
                + "2025-03-02T10:00:00Z,email,north,12.345,A9\n"), "--check", "--check-rows", "10");
        assertThat(bad).isEqualTo(RunCommand.QUALITY_GATE_FAILED);
        assertThat(out.toString()).contains("first 4 records: 3 read, 1 cannot be read").contains("b.csv:5:");
        int missing = run("--catalog", c.toString(), "--data", "sales=" + data("m.csv", "ts,amount\n"), "--check");
        assertThat(missing).isEqualTo(RunCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains("kpi run: source 'sales': ").contains("the header lacks the columns");
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".json"))).isEmpty();
    }

    @Test
    void version_printsTheProjectVersion() {
        StringWriter version = new StringWriter();
        int code = KpiCli.run(new PrintWriter(version, true), new PrintWriter(err, true), "--version");
        assertThat(code).isZero();
        assertThat(version.toString()).matches("kpi \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }
}
