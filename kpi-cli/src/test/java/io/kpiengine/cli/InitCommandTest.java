package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Measure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {

    /** Like the public daily-visitors export: two date shapes in one column, counts with thousands separators. */
    static final String VISITS = """
            Row,Day,Date,Page.Loads,Unique.Visits,Bounce Rate,Postal Code,Note
            1,Sunday,9/14/2014,"2,146","1,582",0.41,01234,first
            2,Monday,9/15/2014,"3,621","2,528",0.385,98101,
            3,Tuesday,09-16-2014,"3,698","2,630",0.4125,01234,"a, b"
            4,Wednesday,09-17-2014,888,"2,614",0.5,98101,x
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return KpiCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void init_guessesTypesPatternsAndTimeColumn_andTheCatalogChecksAgainstTheFile() throws IOException {
        Path csv = dir.resolve("visits.csv");
        Files.writeString(csv, VISITS);
        Path yaml = dir.resolve("catalog.yaml");
        int code = run("init", "--data", csv.toString(), "--out", yaml.toString());
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("wrote " + yaml + ": source 'visits', 8 columns, time column date,"
                + " 2 metrics\n");
        String text = Files.readString(yaml);
        assertThat(text).contains("date: {datePatterns: [\"M/d/yyyy\", \"MM-dd-yyyy\"]}")
                .contains("page_loads: {thousandsSeparator: \",\"}")
                .contains("page_loads: \"Page.Loads\"")
                .contains("bounce_rate: decimal(4)")
                .contains("postal_code: category")
                .contains("day: text");
        Catalog c = Catalog.read(yaml);
        assertThat(c.source("visits").orElseThrow().timeColumn()).isEqualTo("date");
        assertThat(c.metrics()).extracting(m -> m.id()).containsExactly("visits_records", "total_bounce_rate");
        assertThat(((Measure) c.metric("total_bounce_rate").orElseThrow()).sliceBy()).containsExactly("postal_code");
        out.getBuffer().setLength(0);
        assertThat(run("run", "--catalog", yaml.toString(), "--data", "visits=" + csv, "--check")).isZero();
        assertThat(out.toString()).contains("first 4 records: 4 read, 0 cannot be read");
    }

    @Test
    void init_refusesToOverwrite_andNamesAMissingFile() throws IOException {
        Path csv = dir.resolve("visits.csv");
        Files.writeString(csv, VISITS);
        Path yaml = dir.resolve("catalog.yaml");
        Files.writeString(yaml, "keep me");
        assertThat(run("init", "--data", csv.toString(), "--out", yaml.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kpi init: " + yaml + " exists; choose another --out or add --force\n");
        assertThat(Files.readString(yaml)).isEqualTo("keep me");
        assertThat(run("init", "--data", dir.resolve("nope.csv").toString())).isEqualTo(2);
        assertThat(run("init", "--data", csv.toString(), "--out", yaml.toString(), "--force", "--source", "web",
                "--ignore-header-case")).isZero();
        assertThat(Files.readString(yaml)).contains("ignoreHeaderCase: true").doesNotContain("row: \"Row\"")
                .contains("  web:");
    }

    @Test
    void columnGuess_datesNeedOneShapePerSeparator_andDayFirstOnlyWithEvidence() {
        assertThat(ColumnGuess.datePatterns(List.of("2025-01-31", "2025-1-2"))).containsExactly("yyyy-M-d");
        assertThat(ColumnGuess.datePatterns(List.of("31.01.2025", "02.01.2025"))).containsExactly("dd.MM.yyyy");
        assertThat(ColumnGuess.datePatterns(List.of("31/01/2025", "01/31/2025"))).isEmpty();
        assertThat(ColumnGuess.of("Amount", "amount", List.of("1,234.5", "12", "-3.25")).type).isEqualTo("decimal(2)");
        assertThat(ColumnGuess.of("Ratio", "ratio", List.of("0.1234567", "1")).type).isEqualTo("decimal");
        assertThat(ColumnGuess.of("Zip", "zip", List.of("01234", "02345", "01234", "02345")).type).isEqualTo("category");
        assertThat(ColumnGuess.of("At", "at", List.of("2025-03-01T10:00:00Z", "2025-03-01 11:00:00+01:00")).type)
                .isEqualTo("timestamp");
        assertThat(ColumnGuess.identifier("Sub-Category")).isEqualTo("sub_category");
        assertThat(ColumnGuess.identifier("2nd Value")).isEqualTo("c_2nd_value");
    }

    /**
     * Yearly and monthly series (like the public chicken-and-egg and champagne sales files) have a time column of
     * years or of years and months: it is found, the grain follows it, and the catalog runs as written.
     */
    @Test
    void init_yearsAndMonths_areTimeColumns_withTheirGrain() throws IOException {
        Path years = Files.writeString(dir.resolve("chickegg.csv"), "\"Year\",\"chicken\",\"egg\"\n"
                + "1930,468491,3581\n1931,449743,3532\n1932,436815,3327\n");
        Path months = Files.writeString(dir.resolve("sales.csv"), "\"Month\",\"Sales\"\n\"1964-01\",2815\n"
                + "\"1964-02\",2672\n\"1964-10\",6838\n");
        Object[][] cases = {{years, "year", "yyyy", "year", "1930 to 1932"}, {months, "month", "yyyy-MM", "month",
            "1964-01 to 1964-10"}};
        for (Object[] k : cases) {
            Path csv = (Path) k[0];
            Path yaml = dir.resolve(k[1] + ".yaml");
            out.getBuffer().setLength(0);
            assertThat(run("init", "--data", csv.toString(), "--source", "s", "--out", yaml.toString()))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).contains("time column " + k[1] + ", 2 metrics");
            String text = Files.readString(yaml);
            assertThat(text).contains(k[1] + ": date").contains("{datePatterns: [\"" + k[2] + "\"]}")
                    .contains("grain: " + k[3] + " ");
            Catalog c = Catalog.read(yaml);
            assertThat(c.grain().id()).isEqualTo(k[3]);
            out.getBuffer().setLength(0);
            Path results = dir.resolve(k[1] + ".csv.out.csv");
            assertThat(run("run", "--catalog", yaml.toString(), "--data", "s=" + csv, "--out", results.toString()))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).contains("over " + (k[1].equals("year") ? "3 periods (" : "10 periods (")
                    + k[4] + ")");
        }
        assertThat(ColumnGuess.of("Year", "year", List.of("1930", "12345")).type).isEqualTo("integer");
        assertThat(ColumnGuess.of("Count", "count", List.of("1930", "1931")).type).isEqualTo("integer");
        assertThat(ColumnGuess.of("M", "m", List.of("1964-1", "1964-12")).datePatterns).containsExactly("yyyy-M");
        assertThat(ColumnGuess.of("M", "m", List.of("1964-13")).type).isNotEqualTo("date");
    }

    /** A file without any dated column: the starter is written with the place to set the time column. */
    @Test
    void init_withoutADatedColumn_writesTheStarterAndSaysToSetTime() throws IOException {
        Path csv = Files.writeString(dir.resolve("plain.csv"), "a,b\nx,1\ny,2\n");
        Path yaml = dir.resolve("plain.yaml");
        assertThat(run("init", "--data", csv.toString(), "--out", yaml.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("wrote " + yaml + ": source 'plain', 2 columns, time column none (no"
                + " column looks like a date: set 'time' before running it), 2 metrics");
        assertThat(Files.readString(yaml)).contains("    # time: <column>   no date or timestamp column was found");
    }

    /** A German export: BOM, CRLF, semicolons, dotted dates day first, decimal commas with dotted thousands. */
    @Test
    void init_europeanFile_daysFirstAndDecimalCommas_andItsSumIsExact() throws IOException {
        Path csv = dir.resolve("umsatz.csv");
        Files.write(csv, ("\uFEFFDatum;Kanal;Umsatz\r\n01.02.2025;web;\"1.234,50\"\r\n02.02.2025;email;\"99,00\"\r\n"
                + "13.02.2025;web;\"12,5\"\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path yaml = dir.resolve("umsatz.yaml");
        assertThat(run("init", "--data", csv.toString(), "--source", "s", "--out", yaml.toString()))
                .as(err.toString()).isZero();
        assertThat(Files.readString(yaml)).contains("datum: {datePatterns: [\"dd.MM.yyyy\"]}")
                .contains("umsatz: decimal(2)").contains("umsatz: {decimalSeparator: \",\", thousandsSeparator: \".\"}");
        Path results = dir.resolve("r.csv");
        out.getBuffer().setLength(0);
        assertThat(run("run", "--catalog", yaml.toString(), "--data", "s=" + csv, "--out", results.toString(),
                "--grain", "whole_range")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("2 cells of 2 metrics over 1 period (2025-02-01/2025-02-13);");
        // 1,234.50 + 99.00 + 12.50
        assertThat(Files.readString(results)).contains("total_umsatz,2025-02-01/2025-02-13,").contains(",1346,,,3");

        assertThat(ColumnGuess.of("D", "d", List.of("01.02.2025", "02.03.2025")).datePatterns)
                .containsExactly("dd.MM.yyyy");
        assertThat(ColumnGuess.of("D", "d", List.of("01.02.2025", "02.13.2025")).datePatterns)
                .as("a second field over 12: month first").containsExactly("MM.dd.yyyy");
        assertThat(ColumnGuess.of("D", "d", List.of("01/02/2025", "02/03/2025")).datePatterns)
                .as("slashes stay month first without evidence").containsExactly("MM/dd/yyyy");
        assertThat(ColumnGuess.of("N", "n", List.of("1,234", "2,500")).type).as("US grouping").isEqualTo("integer");
        assertThat(ColumnGuess.of("N", "n", List.of("1,5", "2", "1.000,25")).decimalComma).isTrue();
        assertThat(ColumnGuess.of("N", "n", List.of("1.5", "2,5")).type).as("mixed styles").isNotEqualTo("decimal(1)");
    }
}
