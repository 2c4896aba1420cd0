package io.kpiengine.data.io.internal;

import io.kpiengine.data.io.CsvSource;
import io.kpiengine.data.io.ColumnFormat;
import io.kpiengine.data.io.CsvSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.DocumentReader;
import io.kpiengine.data.doc.internal.Problems;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The one reader of the {@code columns} and {@code csv} sections that catalogs' data sources and {@code kpi clean}
 * rules files share: what it reads, every problem with its place (messages name the source), and the reader it
 * configures.
 */
class SourceSpecTest {

    static SourceSpec read(String yaml, Problems problems, String what) {
        DocNode root = DocumentReader.read(yaml, "s.yaml");
        return SourceSpec.fromDocument(root.field("columns").orElse(null), root.field("csv").orElse(null), problems,
                what);
    }

    @Test
    void fromDocument_readsColumnsInOrder_andEveryCsvSetting() {
        Problems problems = new Problems("s.yaml");
        SourceSpec spec = read("""
                columns: {day: date, Visits: integer, revenue: DECIMAL(2), channel: category}
                csv:
                  delimiter: ";"
                  quote: "'"
                  header: true
                  charset: ISO-8859-1
                  headerNames: {Visits: Unique.Visits}
                  defaultFormat: {trim: true}
                  formats: {Visits: {thousandsSeparator: ".", decimalSeparator: ","},
                            revenue: {decimalSeparator: ",", rounding: half-even}}
                """, problems, "input");
        assertThat(problems.list()).isEmpty();
        assertThat(spec.columns()).contains(List.of(Column.of("day", ColumnType.DATE),
                Column.of("Visits", ColumnType.INTEGER), Column.decimal("revenue", 2),
                Column.of("channel", ColumnType.CATEGORY)));
        CsvSettings csv = spec.csv();
        assertThat(csv).isEqualTo(CsvSettings.builder().delimiter(';').quote('\'').header(true)
                .charset(StandardCharsets.ISO_8859_1).headerName("Visits", "Unique.Visits")
                .defaultFormat(ColumnFormat.builder().trim(true).build())
                .format("Visits", ColumnFormat.builder().thousandsSeparator('.').decimalSeparator(',').build())
                .format("revenue", ColumnFormat.builder().decimalSeparator(',').rounding(java.math.RoundingMode.HALF_EVEN)
                        .build()).build());
        assertThat(csv.headerNames()).containsExactly(java.util.Map.entry("Visits", "Unique.Visits"));
    }

    @Test
    void fromDocument_withoutSections_declaresNoColumns_andHasTheDefaults() {
        SourceSpec spec = SourceSpec.fromDocument(null, null, new Problems("s.yaml"), "input");
        assertThat(spec.columns()).isEmpty();
        assertThat(spec.csv()).isEqualTo(CsvSettings.DEFAULTS);
        assertThat(CsvSettings.DEFAULTS.delimiter()).isEqualTo(',');
        assertThat(CsvSettings.DEFAULTS.quote()).isEqualTo('"');
        assertThat(CsvSettings.DEFAULTS.header()).isTrue();
        assertThat(CsvSettings.DEFAULTS.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CsvSettings.DEFAULTS.defaultFormat()).isEmpty();
    }

    @Test
    void fromDocument_recordsEveryProblem_namingTheSourceAndPlace() {
        Problems problems = new Problems("s.yaml");
        SourceSpec spec = read("""
                columns: {ts: timestamp, v: intger, w: decimal(19), x: [1], y: text(3)}
                csv:
                  delimiter: ";;"
                  charset: UTF-99
                  headerNames: {v: 1}
                  formats: {v: {thousandsSeparator: ",", locale: de-DE, colour: red}, w: {decimalSeparator: ".."},
                            ts: {rounding: half-odd}}
                  escape: "\\\\"
                """, problems, "source 'events'");
        String types = " must be one of [text, category, integer, decimal, decimal(2), boolean, timestamp, date]";
        assertThat(problems.list()).extracting(Object::toString).containsExactly(
                "s.yaml:1:29: type of column 'v' in source 'events'" + types + ", but was 'intger'; did you mean"
                        + " 'integer'?",
                "s.yaml:1:37: column 'w': a decimal scale must be 0..18, but was 19",
                "s.yaml:1:56: type of column 'x' in source 'events'" + types + ", but was a list",
                "s.yaml:1:64: type of column 'y' in source 'events'" + types + ", but was 'text(3)'",
                "s.yaml:8:3: unknown field 'escape' in csv of source 'events'; expected one of [delimiter, quote, header,"
                        + " ignoreHeaderCase, charset, headerNames, defaultFormat, formats]",
                "s.yaml:3:14: 'delimiter' in csv of source 'events' must be one character, but was ';;'",
                "s.yaml:4:12: 'charset' in csv of source 'events' must be a charset such as UTF-8, but was 'UTF-99'",
                "s.yaml:5:20: header name of column 'v' in csv of source 'events' must be text, but was number 1",
                "s.yaml:6:57: unknown field 'colour' in format of column 'v' in source 'events'; expected one of"
                        + " [datePatterns, decimalSeparator, thousandsSeparator, locale, zone, trueWords, falseWords,"
                        + " nullTokens, emptyAsMissing, trim, rounding]",
                "s.yaml:6:16: format of column 'v' in source 'events': a locale sets both separators, so it must not be"
                        + " combined with decimalSeparator or thousandsSeparator, but locale was de_DE and"
                        + " thousandsSeparator ','",
                "s.yaml:6:93: 'decimalSeparator' in format of column 'w' in source 'events' must be one character,"
                        + " but was '..'",
                "s.yaml:7:28: 'rounding' in format of column 'ts' in source 'events' must be one of [up, down, ceiling,"
                        + " floor, half-up, half-down, half-even, unnecessary], but was 'half-odd'");
        assertThat(spec.columns().orElseThrow()).containsExactly(Column.of("ts", ColumnType.TIMESTAMP));
        assertThat(spec.csv()).isEqualTo(CsvSettings.DEFAULTS);

        Problems notAnObject = new Problems("s.yaml");
        read("columns: [ts, v]\n", notAnObject, "input");
        assertThat(notAnObject.list()).extracting(Object::toString).containsExactly(
                "s.yaml:1:10: 'columns' in input must be an object of column name to type, but was a list");
    }

    @Test
    void csvSettings_configureACsvReader() {
        Problems problems = new Problems("s.yaml");
        SourceSpec spec = read("""
                columns: {channel: category, visits: integer}
                csv: {delimiter: ";", quote: "'", headerNames: {visits: Unique.Visits},
                      formats: {visits: {thousandsSeparator: ".", decimalSeparator: ","}}}
                """, problems, "input");
        assertThat(problems.list()).isEmpty();
        String data = "Unique.Visits;channel\n'1.234';'e;mail'\n5;web\n";
        Schema schema = Schema.of(spec.columns().orElseThrow());
        try (CsvSource source = CsvSource.builder(new StringReader(data), "in.csv").csv(spec.csv())
                .schema(schema).build()) {
            RecordBatch b = source.next();
            assertThat(b.size()).isEqualTo(2);
            assertThat(b.rejected()).isEmpty();
            assertThat(((LongVector) b.column(1)).get(0)).isEqualTo(1234);
            assertThat(((LongVector) b.column(1)).get(1)).isEqualTo(5);
            assertThat(b.row(0).getString("channel")).isEqualTo("e;mail");
        }
    }

    @Test
    void builder_setsEachOptionOnce_andIsReusable() {
        CsvSettings.Builder b = CsvSettings.builder().delimiter(';');
        assertThatThrownBy(() -> b.delimiter(',')).isInstanceOf(IllegalStateException.class)
                .hasMessage("delimiter was already set to ;");
        b.headerName("v", "V");
        assertThatThrownBy(() -> b.headerName("v", "W")).isInstanceOf(IllegalStateException.class)
                .hasMessage("headerName of 'v' was already set to V");
        assertThatThrownBy(() -> b.format(" ", ColumnFormat.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("column must not be blank, but was ' '");
        assertThat(b.build()).isEqualTo(b.build()).hasSameHashCodeAs(b.build());
        assertThat(b.build().toString().toLowerCase(Locale.ROOT)).contains("delimiter ';'");
    }

    @Test
    void delimiterEqualToQuote_isAProblemAtItsPlace_andRefusedByTheSettings() {
        Problems problems = new Problems("s.yaml");
        read("columns: {a: text}\ncsv: {delimiter: '\"'}\n", problems, "data source 'events'");
        assertThat(problems.list()).extracting(Object::toString).containsExactly("s.yaml:2:18: 'delimiter' and"
                + " 'quote' in csv of data source 'events' must differ, but both are '\"' (no field could be told from"
                + " a quoted one); the default quote is '\"'");
        Problems tab = new Problems("s.yaml");
        read("columns: {a: text}\ncsv: {delimiter: \"\\n\"}\n", tab, "input");
        assertThat(tab.list()).extracting(Object::toString).containsExactly("s.yaml:2:18: 'delimiter' in csv of"
                + " input must be a printable ASCII character or tab, but was U+000A");
        assertThatThrownBy(() -> CsvSettings.builder().delimiter(';').quote(';').build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("delimiter and quote must differ, but both were ';'");
    }
}
