package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kpi run} and {@code kpi clean} as a nightly job must be able to trust them: no output over an input, no
 * input dropped or absorbed twice, no partial output, no unreadable records passed with exit 0.
 */
class TrustTest {

    static final String CATALOG = """
            zone: UTC
            sources:
              events:
                time: day
                columns: {day: date, channel: category, amount: decimal(2)}
            metrics:
              - id: sales
                aggregate: sum
                column: amount
                dimensions: [channel]
                unit: USD
              - id: orders
                aggregate: count
                unit: count
            """;

    static final String DAY1 = "day,channel,amount\n2025-01-01,email,10.00\n2025-01-01,web,5.25\n";
    static final String DAY2 = "day,channel,amount\n2025-01-02,email,7.00\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kpi(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return KpiCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private String[] run(Path catalog, String... more) {
        String[] base = {"run", "--catalog", catalog.toString(), "--as-of", "2026-01-01T00:00:00Z"};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    private String tempFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return String.join(",", s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".kpi-tmp"))
                    .toList());
        }
    }

    @Test
    void run_outputSameFileAsInput_isRefusedAndTheInputKept() throws IOException {
        Path cat = file("c.yaml", CATALOG);
        Path day1 = file("day1.csv", DAY1);
        Path link = dir.resolve("link.csv");
        Files.createLink(link, day1);
        Path sym = dir.resolve("sym.csv");
        Files.createSymbolicLink(sym, day1);

        for (String[] outputs : new String[][] {{"--out", day1.toString().replace(".csv", "") + ".csv"},
            {"--out", dir.resolve("r.csv").toString(), "--rejected", day1.toString()},
            {"--out", dir.resolve("r.csv").toString(), "--rejected", link.toString()},
            {"--out", dir.resolve("r.csv").toString(), "--state-out", sym.toString()},
            {"--out", dir.resolve("r.json").toString(), "--state-out", cat.toString()},
            {"--out", dir.resolve("./sub/../r.csv").toString(), "--rejected", dir.resolve("r.csv").toString()}}) {
            Files.createDirectories(dir.resolve("sub"));
            String[] args = Stream.concat(Stream.of(run(cat, "--data", "events=" + day1)), Stream.of(outputs))
                    .toArray(String[]::new);
            assertThat(kpi(args)).as(String.join(" ", outputs)).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", outputs)).contains(" is the same file as ");
        }
        assertThat(Files.readString(day1)).isEqualTo(DAY1);
        assertThat(Files.readString(cat)).isEqualTo(CATALOG);
        assertThat(kpi(run(cat, "--data", "events=" + day1, "--out", dir.resolve("r.csv").toString(),
                "--rejected", day1.toString()))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi run: --rejected " + day1 + " is the same file as --data events="
                + day1 + ": writing it would destroy the input; write the output to another file\n");
    }

    @Test
    void clean_outputSameFileAsInput_isRefusedAndTheInputKept() throws IOException {
        Path rules = file("rules.yaml", "rules:\n  duplicates: [{}]\n");
        Path data = file("in.csv", DAY1);
        assertThat(kpi("clean", "--rules", rules.toString(), "--data", data.toString(), "--out", data.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi: --out " + data + " is the same file as --data " + data
                + ": writing it would destroy the input; write the output to another file\n");
        assertThat(kpi("clean", "--rules", rules.toString(), "--data", data.toString(), "--out",
                dir.resolve("o.csv").toString(), "--report", rules.toString())).isEqualTo(2);
        assertThat(kpi("clean", "--rules", rules.toString(), "--data", data.toString(), "--out",
                dir.resolve("o.csv").toString(), "--quarantine", dir.resolve("o.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("each output needs a file of its own");
        assertThat(Files.readString(data)).isEqualTo(DAY1);
        assertThat(Files.readString(rules)).isEqualTo("rules:\n  duplicates: [{}]\n");
    }

    @Test
    void run_severalFilesOfOneSource_readsEveryOne() throws IOException {
        Path cat = file("c.yaml", CATALOG);
        Path r = dir.resolve("r.csv");
        assertThat(kpi(run(cat, "--data", "events=" + file("day1.csv", DAY1), "--data", "events="
                + file("day2.csv", DAY2), "--out", r.toString()))).isZero();
        assertThat(out.toString()).startsWith("6 cells of 2 metrics over 2 periods (2025-01-01 to 2025-01-02)");
        assertThat(Files.readString(r)).contains("orders,2025-01-01,", "orders,2025-01-02,");
        assertThat(Files.readAllLines(r).stream().filter(l -> l.startsWith("orders,")).map(l -> l.split(",")[6])
                .toList()).containsExactly("2", "1");
    }

    @Test
    void run_sameFileTwice_isRefusedUnlessReplayAllowed() throws IOException {
        Path cat = file("c.yaml", CATALOG);
        Path day1 = file("day1.csv", DAY1);
        Path copy = file("copy-of-day1.csv", DAY1);
        assertThat(kpi(run(cat, "--data", "events=" + day1, "--data", "events=" + copy, "--out",
                dir.resolve("r.csv").toString()))).isEqualTo(2);
        assertThat(err.toString()).startsWith("kpi run: input 'copy-of-day1.csv' (62 bytes, sha256:")
                .contains("of data source 'events' is given twice in this run (also as 'day1.csv'");
        assertThat(dir.resolve("r.csv")).doesNotExist();
        assertThat(kpi(run(cat, "--data", "events=" + day1, "--data", "events=" + copy, "--out",
                dir.resolve("r.csv").toString(), "--allow-replay"))).isZero();
    }

    @Test
    void run_replayOfADayOnItsOwnState_isRefusedNamingTheRun_andOverridable() throws IOException {
        Path cat = file("c.yaml", CATALOG);
        Path state = dir.resolve("s.state");
        assertThat(kpi(run(cat, "--data", "events=" + file("day1.csv", DAY1), "--out", dir.resolve("r1.csv").toString(),
                "--state-out", state.toString()))).isZero();
        Path day2 = file("day2.csv", DAY2);
        assertThat(kpi(run(cat, "--data", "events=" + day2, "--out", dir.resolve("r2.csv").toString(),
                "--state-in", state.toString(), "--state-out", state.toString()))).isZero();
        byte[] afterDay2 = Files.readAllBytes(state);
        String r2 = Files.readString(dir.resolve("r2.csv"));

        // the nightly job runs day 2 again on day 2's state: refused, and nothing is written
        assertThat(kpi(run(cat, "--data", "events=" + day2, "--out", dir.resolve("r2.csv").toString(),
                "--state-in", state.toString(), "--state-out", state.toString()))).isEqualTo(2);
        assertThat(err.toString()).startsWith("kpi run: input 'day2.csv' (41 bytes, sha256:")
                .contains("of data source 'events' was already absorbed into this state by run 2 (2026-01-01T00:00:00Z,"
                        + " as 'day2.csv'")
                .contains("To count it again on purpose, allow replays (the kpi command's --allow-replay");
        assertThat(Files.readAllBytes(state)).isEqualTo(afterDay2);
        assertThat(Files.readString(dir.resolve("r2.csv"))).isEqualTo(r2);
        assertThat(tempFiles()).isEmpty();

        assertThat(kpi(run(cat, "--data", "events=" + day2, "--out", dir.resolve("r3.csv").toString(),
                "--state-in", state.toString(), "--allow-replay"))).isZero();
        assertThat(Files.readString(dir.resolve("r3.csv"))).contains("orders,2025-01-02,").containsPattern(
                "orders,2025-01-02,[^\\n]*,2,,,2");
    }

    @Test
    void run_corruptState_isRefusedAndOutputsKept() throws IOException {
        Path cat = file("c.yaml", CATALOG);
        Path state = dir.resolve("s.state");
        Path results = dir.resolve("r.json");
        assertThat(kpi(run(cat, "--data", "events=" + file("day1.csv", DAY1), "--out", results.toString(),
                "--state-out", state.toString()))).isZero();
        byte[] good = Files.readAllBytes(state);
        String before = Files.readString(results);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x10;
        Files.write(state, bad);

        assertThat(kpi(run(cat, "--data", "events=" + file("day2.csv", DAY2), "--out", results.toString(),
                "--state-in", state.toString(), "--state-out", state.toString()))).isEqualTo(2);
        assertThat(err.toString()).startsWith("kpi run: cannot restore the aggregation state: the state is corrupt:"
                + " its checksum (CRC32C) is ");
        assertThat(Files.readString(results)).isEqualTo(before);
        assertThat(Files.readAllBytes(state)).isEqualTo(bad);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void run_unreadableRecordsWithoutRules_failTheGate() throws IOException {
        Path cat = file("c.yaml", CATALOG);
        StringBuilder csv = new StringBuilder("day,channel,amount\n");
        for (int i = 0; i < 98; i++) {
            csv.append("2025-01-01,email,1.00\n");
        }
        csv.append("2025-01-01,email,1.005\n2025-01-01,email,1.005\n");
        Path data = file("e.csv", csv.toString());

        assertThat(kpi(run(cat, "--data", "events=" + data, "--out", dir.resolve("r.json").toString()))).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("2 cells of 2 metrics over 1 period (2025-01-01); 2 records"
                + " rejected; quality FAIL; wrote " + dir.resolve("r.json") + "\n");
        assertThat(Files.readString(dir.resolve("r.json"))).contains("\"findings\": [\"validity: 2 of 100 records"
                + " (2.00%) could not be read, more than the error budget of 1% of records\"]");
        assertThat(kpi(run(cat, "--data", "events=" + data, "--out", dir.resolve("r.json").toString(),
                "--error-budget", "5%"))).isZero();
        assertThat(out.toString()).contains("quality WARN");
        assertThat(kpi(run(cat, "--data", "events=" + data, "--out", dir.resolve("r.json").toString(),
                "--error-budget", "5"))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi run: --error-budget must be a share from 0 to 1 or 0% to 100%, e.g."
                + " 1% or 0.05, but was '5'\n");
    }

    @Test
    void run_deviceAsData_saysItIsNotAFile() throws IOException {
        assertThat(kpi(run(file("c.yaml", CATALOG), "--data", "events=/dev/null", "--out",
                dir.resolve("r.json").toString()))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi run: --data events=/dev/null: is not a regular file (a device or a"
                + " pipe); give the path of a file\n");
    }

    @Test
    void run_maxPeriods_capsTheSpine() throws IOException {
        Path cat = file("c.yaml", CATALOG);
        Path data = file("e.csv", DAY1 + "2015-01-01,web,1.00\n");
        assertThat(kpi(run(cat, "--data", "events=" + data, "--out", dir.resolve("r.json").toString(),
                "--max-periods", "3000"))).isEqualTo(2);
        assertThat(err.toString()).contains("1 row dated 2015-01-01 is 10 years before the other 2 rows (2025-01-01)");
        assertThat(kpi(run(cat, "--data", "events=" + data, "--out", dir.resolve("r.json").toString(),
                "--max-periods", "4000"))).isEqualTo(0);
    }

    @Test
    void clean_quarantineKeepsTheRawRecordRaw() throws IOException {
        Path rules = file("rules.yaml", "input:\n  columns: {a: integer, b: text}\nrules:\n  duplicates: [{}]\n");
        Path data = file("in.csv", "a,b\n-x,+y\n+x,=z\n3,ok\n");
        Path q = dir.resolve("q.csv");
        kpi("clean", "--rules", rules.toString(), "--data", data.toString(), "--out", dir.resolve("o.csv").toString(),
                "--quarantine", q.toString());
        assertThat(Files.readString(q)).isEqualTo("source,line,reason,record\n"
                + "in.csv,2,column 'a': '-x' is not an integer (expected digits with an optional sign),\"-x,+y\"\n"
                + "in.csv,3,column 'a': '+x' is not an integer (expected digits with an optional sign),\"+x,=z\"\n");
    }

    @Test
    void clean_progress_lastLineCountsTheRowsRead() throws IOException {
        Path rules = file("rules.yaml", "input:\n  columns: {a: integer, b: text}\nrules:\n  duplicates: [{}]\n");
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i % 100).append(",x\n");
        }
        Path data = file("in.csv", csv.toString());
        kpi("clean", "--rules", rules.toString(), "--data", data.toString(), "--out", dir.resolve("o.csv").toString(),
                "--progress-after", "0");
        String[] lines = err.toString().split("\r");
        assertThat(lines[lines.length - 1]).startsWith("kpi clean: 5,000 rows in ");
        assertThat(out.toString()).startsWith("FAIL: 5,000 rows read, 100 clean, 0 quarantined, 4,900 merged");
    }
}
