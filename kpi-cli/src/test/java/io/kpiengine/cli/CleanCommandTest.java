package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kpi(String... args) {
        return KpiCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String DATA = """
            ts,order_id,channel,visitors,revenue,currency,note
            2025-01-01T10:00:00+09:00,O1,Email,10,10.00,EUR,=SUM(A1)
            2025-01-01T10:00:00+09:00,O1,Email,10,10.00,EUR,=SUM(A1)
            2025-01-01T11:00:00Z,O2,SEA,,-5.00,USD,-x
            2025-01-01T12:00:00Z,O3,fax,5,1000,KRW,ok
            2025-01-01T12:00:00Z,O4,email,abc,1,USD,bad number
            """;

    private static final String RULES = """
            input:
              columns: {ts: timestamp, order_id: text, channel: category, visitors: integer, revenue: decimal(2),
                        currency: category, note: text}
            rules:
              duplicates: [{}]
              missing: [{column: visitors, strategy: zero}]
              currencies:
                - {column: revenue, currencyColumn: currency, target: USD, rates: {EUR: 1.08, KRW: 0.00072}}
              validity:
                - {column: channel, allowed: [email, paid_search], case: snake, map: {SEA: paid_search}}
              thresholds:
                completeness: {warn: 0.9, fail: 0.5}
                uniqueness: {warn: 0.5, fail: 0.1}
                validity: {warn: 0.5, fail: 0.1}
            """;

    @Test
    void clean_writesCleanRowsQuarantineAndReport() throws Exception {
        Path rules = file("rules.yaml", RULES);
        Path data = file("in.csv", DATA);
        Path clean = dir.resolve("clean.csv");
        Path rejected = dir.resolve("rejected.csv");
        Path report = dir.resolve("report.json");
        int exit = kpi("clean", "--rules", rules.toString(), "--data", data.toString(), "--out", clean.toString(),
                "--quarantine", rejected.toString(), "--report", report.toString());
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isEqualTo(0);
        assertThat(Files.readString(clean)).isEqualTo("""
                ts,order_id,channel,visitors,revenue,currency,note
                2025-01-01T01:00:00Z,O1,email,10,10.80,USD,'=SUM(A1)
                2025-01-01T11:00:00Z,O2,paid_search,0,-5.00,USD,'-x
                """);
        assertThat(Files.readString(rejected)).isEqualTo("""
                source,line,reason,record
                in.csv,5,"rule 'allowed:channel': column 'channel': 'fax' is not an allowed value [email,\
                 paid_search]","2025-01-01T12:00:00Z,O3,fax,5,1000.00,KRW,ok"
                in.csv,6,column 'visitors': 'abc' is not an integer (expected digits with an optional sign),\
                "2025-01-01T12:00:00Z,O4,email,abc,1,USD,bad number"
                """);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("rows").get("input").asLong()).isEqualTo(5);
        assertThat(json.get("rows").get("merged").asLong()).isEqualTo(1);
        assertThat(json.get("rows").get("quarantined").asLong()).isEqualTo(2);
        assertThat(json.get("rows").get("readerRejects").asLong()).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("PASS: 5 rows read, 2 clean, 2 quarantined, 1 merged duplicates,"
                + " 0 inserted\n");
    }

    @Test
    void clean_gateFailure_exitsOne() throws Exception {
        Path rules = file("rules.yaml", RULES.replace("uniqueness: {warn: 0.5, fail: 0.1}",
                "uniqueness: {warn: 0.99, fail: 0.95}"));
        int exit = kpi("clean", "--rules", rules.toString(), "--data", file("in.csv", DATA).toString(), "--out",
                dir.resolve("c.csv").toString());
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).startsWith("FAIL: 5 rows read");
    }

    @Test
    void clean_badRulesFile_exitsTwoWithEveryProblemAndNoStackTrace() throws Exception {
        Path rules = file("rules.yaml", "rules:\n  missing: [{colum: x, strategy: zero}]\ninput:\n  colums: {}\n");
        int exit = kpi("clean", "--rules", rules.toString(), "--data", file("in.csv", DATA).toString(), "--out",
                dir.resolve("c.csv").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi: " + rules + " has 3 problems:\n"
                + "  " + rules + ":2:14: unknown field 'colum' in missing rule; did you mean 'column'?\n"
                + "  " + rules + ":2:13: missing rule is missing required field 'column'\n"
                + "  " + rules + ":4:3: unknown field 'colums' in input; did you mean 'columns'?\n");
    }

    @Test
    void clean_rulesThatDoNotFitTheData_exitTwo() throws Exception {
        Path rules = file("rules.yaml", "rules:\n  missing: [{column: visitrs, strategy: zero}]\n");
        int exit = kpi("clean", "--rules", rules.toString(), "--data", file("in.csv", DATA).toString(), "--out",
                dir.resolve("c.csv").toString());
        assertThat(exit).isEqualTo(2);
        // without input.columns the types are inferred: 'abc' makes visitors TEXT, few repeats make channel TEXT
        assertThat(err.toString()).startsWith("kpi: rules do not fit schema [ts:TIMESTAMP, order_id:TEXT,"
                + " channel:TEXT, visitors:TEXT, revenue:DECIMAL, currency:TEXT, note:TEXT] (1 problem)").contains("rule 'missing:visitrs': unknown column 'visitrs';"
                + " did you mean 'visitors'?").doesNotContain("\tat ");
    }

    @Test
    void clean_infersColumnTypes_withoutInputSection() throws Exception {
        Path rules = file("rules.yaml", "rules:\n  validity: [{column: visitors, min: 0}]\n");
        Path data = file("in.csv", "day,visitors,rate,name\n2025-01-01,3,0.5,a\n2025-01-02,,1.5,a\n2025-01-03,7,2,b\n"
                + "2025-01-04,-1,2,b\n");
        Path clean = dir.resolve("c.csv");
        assertThat(kpi("clean", "--rules", rules.toString(), "--data", data.toString(), "--out", clean.toString()))
                .isEqualTo(1);
        assertThat(Files.readString(clean)).isEqualTo("day,visitors,rate,name\n2025-01-01,3,0.5,a\n2025-01-02,,1.5,a\n"
                + "2025-01-03,7,2,b\n");
    }

    @Test
    void usageErrors_exitTwo() {
        assertThat(kpi("clean", "--rules", "r.yaml")).isEqualTo(2);
        assertThat(err.toString()).startsWith("kpi: Missing required options: '--data=FILE', '--out=FILE'");
        assertThat(kpi()).isEqualTo(2);
        assertThat(kpi("frobnicate")).isEqualTo(2);
        assertThat(kpi("clean", "--rules", "missing.yaml", "--data", "x.csv", "--out", "o.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("kpi: --rules missing.yaml: no such file");
    }

    @Test
    void escape_onlyTextCellsThatStartWithFormulaCharacters() {
        assertThat(CsvOut.escape("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvOut.escape("+49 30")).isEqualTo("'+49 30");
        assertThat(CsvOut.escape("@cmd")).isEqualTo("'@cmd");
        assertThat(CsvOut.escape("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvOut.escape("-x,\"y\"")).isEqualTo("\"'-x,\"\"y\"\"\"");
        assertThat(CsvOut.escape("plain")).isEqualTo("plain");
        assertThat(CsvOut.number(-5)).isEqualTo("-5");
        assertThat(CsvOut.number(1e7)).isEqualTo("10000000");
        assertThat(CsvOut.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }
}
