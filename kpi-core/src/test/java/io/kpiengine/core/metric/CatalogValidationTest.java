package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kpiengine.core.time.Grain;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.doc.Problem;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every validation message of the catalog, pinned as exact text with its document position. */
class CatalogValidationTest {

    private static final String HEAD = "zone: UTC\n"
            + "sources:\n"
            + "  events:\n"
            + "    time: ts\n"
            + "    columns: {ts: timestamp, channel: category, visitors: integer, revenue: decimal(2), note: text}\n"
            + "metrics:\n";

    /** The problems of a catalog made of HEAD plus metric lines; line 7 is the first metric line. */
    private static List<String> problems(String metrics) {
        return problemsOf(HEAD + metrics);
    }

    private static List<String> problemsOf(String yaml) {
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> Catalog.read(yaml, "c.yaml"));
        assertThat(e).as("expected problems in:\n" + yaml).isNotNull();
        List<String> out = new ArrayList<>();
        for (Problem p : e.problems()) {
            out.add(p.toString());
        }
        return out;
    }

    private static final String VISITORS = "  - {id: visitors, aggregate: sum, column: visitors, unit: count}\n";
    private static final String REVENUE = "  - {id: revenue, aggregate: sum, column: revenue, unit: USD}\n";

    @Test
    void duplicateId() {
        assertThat(problems(VISITORS + VISITORS)).containsExactly(
                "c.yaml:8:10: duplicate metric id 'visitors'; first defined at line 7");
    }

    @Test
    void noMetrics() {
        assertThat(problemsOf(HEAD.replace("metrics:\n", "metrics: []\n"))).containsExactly("c.yaml:1:1: catalog has no metrics");
    }

    @Test
    void unknownSource_suggests() {
        assertThat(problems("  - {id: v, source: event, aggregate: sum, column: visitors}\n")).containsExactly(
                "c.yaml:7:21: metric 'v': source 'event' is not a source of the catalog [events]; did you mean"
                        + " 'events'?");
    }

    @Test
    void noSourceWithTwoSources() {
        String yaml = "zone: UTC\nsources:\n  a: {time: ts, columns: {ts: timestamp}}\n"
                + "  b: {time: ts, columns: {ts: timestamp}}\nmetrics:\n  - {id: n, aggregate: count}\n";
        assertThat(problemsOf(yaml)).containsExactly(
                "c.yaml:6:10: metric 'n' names no source, but the catalog has 2 sources [a, b]; set 'source'");
    }

    @Test
    void unknownColumns_valueWeightAndDimension() {
        assertThat(problems("  - {id: v, aggregate: sum, column: visitor}\n"
                + "  - {id: w, aggregate: weighted-average, column: revenue, weight: visitor}\n"
                + "  - {id: d, aggregate: count, dimensions: [chanel]}\n")).containsExactly(
                "c.yaml:7:37: metric 'v': column 'visitor' is not a column of source 'events'; did you mean"
                        + " 'visitors'?",
                "c.yaml:8:67: metric 'w': weight column 'visitor' is not a column of source 'events'; did you mean"
                        + " 'visitors'?",
                "c.yaml:9:43: metric 'd': dimension 'chanel' is not a column of source 'events'; did you mean"
                        + " 'channel'?");
    }

    @Test
    void aggregationTypeMismatch() {
        assertThat(problems("  - {id: s, aggregate: sum, column: channel}\n"
                + "  - {id: m, aggregate: max, column: note}\n")).containsExactly(
                "c.yaml:7:37: metric 's': sum needs a numeric column, but 'channel' is CATEGORY",
                "c.yaml:8:37: metric 'm': max needs a numeric, date or timestamp column, but 'note' is TEXT");
    }

    @Test
    void filterProblems() {
        assertThat(problems("  - {id: a, aggregate: count, filter: \"chanel = 'email'\"}\n"
                + "  - {id: b, aggregate: count, filter: \"visitors = 'ten'\"}\n"
                + "  - {id: c, aggregate: count, filter: \"channel > 'a'\"}\n"
                + "  - {id: d, aggregate: count, filter: \"visitors = 1.5\"}\n"
                + "  - {id: e, aggregate: count, filter: \"ts >= '2025-01-01'\"}\n")).containsExactly(
                "c.yaml:7:39: metric 'a': filter column 'chanel' is not in the source schema [ts, channel,"
                        + " visitors, revenue, note]; did you mean 'channel'?",
                "c.yaml:8:39: metric 'b': filter \"visitors = 'ten'\": column 'visitors' is INTEGER, so the value"
                        + " must be a whole number, but was 'ten'",
                "c.yaml:9:39: metric 'c': filter \"channel > 'a'\": operator > needs a number, date or timestamp"
                        + " column, but 'channel' is CATEGORY",
                "c.yaml:10:39: metric 'd': filter \"visitors = 1.5\": column 'visitors' is INTEGER, so the value"
                        + " must be a whole number, but was 1.5",
                "c.yaml:11:39: metric 'e': filter \"ts >= '2025-01-01'\": column 'ts' is TIMESTAMP, so the value"
                        + " must be an ISO timestamp with offset in quotes such as '2025-01-31T09:00:00+09:00', but"
                        + " was '2025-01-01'");
    }

    @Test
    void filterSyntax() {
        assertThat(problems("  - {id: a, aggregate: count, filter: \"channel = \"}\n")).containsExactly(
                "c.yaml:7:39: metric 'a': filter \"channel = \": expected a value (a number, 'text', true or false)"
                        + " at column 11, but found the end");
    }

    @Test
    void unknownMetricReferences() {
        assertThat(problems(VISITORS + "  - {id: r, numerator: visitor, denominator: visits}\n"
                + "  - {id: f, formula: \"visitrs * 2 + visitrs\"}\n")).containsExactly(
                "c.yaml:8:24: metric 'r': numerator 'visitor' is not a metric of the catalog; did you mean"
                        + " 'visitors'?",
                "c.yaml:8:46: metric 'r': denominator 'visits' is not a metric of the catalog; did you mean"
                        + " 'visitors'?",
                "c.yaml:9:23: metric 'f': unknown metric 'visitrs' at column 1 of \"visitrs * 2 + visitrs\"; did"
                        + " you mean 'visitors'?");
    }

    /** The position of a name inside a formula, in the usual YAML spellings of the value. */
    @Test
    void formulaProblems_pointIntoTheFormula() {
        String block = HEAD + VISITORS + REVENUE
                + "  - id: aov\n"
                + "    formula: revnue / visitors\n"
                + "  - id: share\n"
                + "    formula: |\n"
                + "      revenue /\n"
                + "        visitrs\n";
        assertThat(problemsOf(block)).containsExactly(
                "c.yaml:10:14: metric 'aov': unknown metric 'revnue' at column 1 of \"revnue / visitors\"; did you"
                        + " mean 'revenue'?",
                "c.yaml:14:9: metric 'share': unknown metric 'visitrs' at column 13 of \"revenue /\n  visitrs\n\";"
                        + " did you mean 'visitors'?");
        assertThat(problems(VISITORS + "  - {id: f, formula: 'visitors + sqr(visitors)'}\n")).containsExactly(
                "c.yaml:8:34: metric 'f': formula: Unknown function 'sqr' at column 12 in \"visitors +"
                        + " sqr(visitors)\"; did you mean 'sqrt'?");
    }

    @Test
    void constantNamedLikeAMetric_isRefusedInFormulas() {
        assertThat(problems("  - {id: e, aggregate: count}\n  - {id: f, formula: \"e * 2\"}\n")).containsExactly(
                "c.yaml:8:23: metric 'f': 'e' at column 1 of \"e * 2\" is the constant e = 2.718281828459045, not"
                        + " metric 'e': a formula cannot refer to a metric named like a constant [pi, e]; rename that"
                        + " metric");
    }

    /** unitless(x) makes a weighted composite of mixed units a pure number; unit: 1 declares one. */
    @Test
    void unitlessComposite_isAMetricOfUnitOne() throws Exception {
        String yaml = HEAD + VISITORS + REVENUE
                + "  - {id: score, formula: \"0.7 * unitless(revenue) + 0.3 * unitless(visitors)\", unit: 1}\n"
                + "  - {id: raw, formula: \"0.7 * revenue + 0.3 * visitors\"}\n";
        assertThat(problemsOf(yaml)).containsExactly(
                "c.yaml:10:39: metric 'raw': adds 'count' to 'USD' at column 15 of \"0.7 * revenue + 0.3 * visitors\"");
        Catalog ok = Catalog.read(HEAD + VISITORS + REVENUE
                + "  - {id: score, formula: \"0.7 * unitless(revenue) + 0.3 * unitless(visitors)\", unit: 1}\n"
                + "  - {id: ratio, formula: \"revenue / visitors\", unit: \"USD per count\"}\n", "c.yaml");
        assertThat(ok.metric("score").orElseThrow().metadata().unit()).contains(Unit.ONE);
        assertThat(problems(VISITORS + "  - {id: s, formula: \"visitors * 2\", unit: 2}\n")).containsExactly(
                "c.yaml:8:44: metric 's': unit must be a unit expression such as 'USD per count', or 1 for a pure"
                        + " number, but was number 2");
    }

    @Test
    void cycles_printTheCycle() {
        assertThat(problems("  - {id: a, formula: \"b + 1\"}\n  - {id: b, formula: \"c * 2\"}\n"
                + "  - {id: c, formula: \"lag(a, 1)\"}\n  - {id: d, numerator: d, denominator: d}\n"))
                .containsExactly("c.yaml:7:10: metrics form a cycle: a -> b -> c -> a",
                        "c.yaml:10:10: metrics form a cycle: d -> d");
    }

    @Test
    void windowOverDerived_isRefused() {
        assertThat(problems(VISITORS + "  - {id: twice, formula: \"visitors * 2\"}\n"
                + "  - {id: t, formula: \"trailing(twice, 7)\"}\n")).containsExactly(
                "c.yaml:9:23: metric 't': trailing(twice,7) at column 1 of \"trailing(twice, 7)\" needs a measure or"
                        + " ratio, but 'twice' is a derived metric; apply the window to its inputs instead");
    }

    @Test
    void toDateGrains() {
        String yaml = HEAD.replace("zone: UTC\n", "zone: UTC\ngrain: month\n") + VISITORS
                + "  - {id: a, formula: \"to_date(visitors, week)\"}\n"
                + "  - {id: b, formula: \"to_date(visitors, month)\"}\n"
                + "  - {id: c, formula: \"to_date(visitors, year)\"}\n";
        assertThat(problemsOf(yaml)).containsExactly(
                "c.yaml:9:23: metric 'a': to_date(visitors,week) at column 1 of \"to_date(visitors, week)\" cannot"
                        + " be computed at grain month: month periods do not nest in week periods",
                "c.yaml:10:23: metric 'b': to_date(visitors,month) at column 1 of \"to_date(visitors, month)\""
                        + " cannot be computed at grain month: month periods do not nest in month periods other than"
                        + " themselves");
    }

    @Test
    void badGrainNames() {
        assertThat(problemsOf(HEAD.replace("zone: UTC\n", "zone: UTC\ngrain: dya\n") + VISITORS)).containsExactly(
                "c.yaml:2:8: 'grain' in catalog must be one of [hour, day, week, month, quarter, year, fiscal-quarter,"
                        + " fiscal-year, whole-range], but was 'dya'; did you mean 'day'?");
        assertThat(problems(VISITORS + "  - {id: a, formula: \"to_date(visitors, mnth)\"}\n")).containsExactly(
                "c.yaml:8:23: metric 'a': formula: Invalid reference 'to_date(visitors, mnth)' at column 1 in"
                        + " \"to_date(visitors, mnth)\": the second argument of to_date(metric, grain) must be a grain"
                        + " [hour, day, week, month, quarter, year, fiscal_quarter, fiscal_year, whole_range], but was"
                        + " 'mnth'; did you mean 'month'?");
    }

    @Test
    void leadingIndicators() {
        assertThat(problems("  - {id: a, aggregate: count, leadingIndicators: [a, visits]}\n")).containsExactly(
                "c.yaml:7:50: metric 'a' lists itself as a leading indicator",
                "c.yaml:7:50: metric 'a': leading indicator 'visits' is not a metric of the catalog");
    }

    @Test
    void ratioUnits() {
        assertThat(problems(VISITORS + REVENUE
                + "  - {id: aov, numerator: revenue, denominator: visitors, unit: USD}\n"
                + "  - {id: rate, numerator: visitors, denominator: visitors, unit: percent}\n")).containsExactly(
                "c.yaml:9:64: metric 'aov' declares unit 'USD', but numerator / denominator give 'USD per count'",
                "c.yaml:10:66: metric 'rate' declares unit 'percent' for a ratio of like units, so its scale must be"
                        + " 100, but was 1");
    }

    @Test
    void formulaUnits() {
        assertThat(problems(VISITORS + REVENUE
                + "  - {id: rate, numerator: visitors, denominator: visitors, scale: 100, unit: percent}\n"
                + "  - {id: bad, formula: \"revenue + rate\"}\n"
                + "  - {id: worse, formula: \"max(revenue, visitors) - rate * 2\"}\n"
                + "  - {id: per, formula: \"revenue / visitors\", unit: USD}\n")).containsExactly(
                "c.yaml:10:33: metric 'bad': adds 'percent' to 'USD' at column 9 of \"revenue + rate\"",
                "c.yaml:11:27: metric 'worse': mixes 'USD' and 'count' in max at column 1 of"
                        + " \"max(revenue, visitors) - rate * 2\"",
                "c.yaml:12:52: metric 'per' declares unit 'USD', but its formula gives 'USD per count'");
    }

    @Test
    void dimensionsOfRatioMustBeDimensionsOfInputs() {
        assertThat(problems("  - {id: v, aggregate: sum, column: visitors, dimensions: [channel]}\n"
                + "  - {id: n, aggregate: count}\n"
                + "  - {id: r, numerator: v, denominator: n, dimensions: [channel]}\n")).containsExactly(
                "c.yaml:9:55: metric 'r': dimension 'channel' is not a dimension of its input 'n' []");
    }

    @Test
    void documentStructure_problemsWithSuggestions() {
        String yaml = "zone: Asia/Seol\nmetrcs: []\nsources:\n  e:\n    time: ts\n"
                + "    columns: {ts: timestamp, v: integr}\n";
        assertThat(problemsOf(yaml)).containsExactly(
                "c.yaml:1:1: catalog is missing required field 'metrics'",
                "c.yaml:1:7: 'zone' in catalog must be a time zone id such as Asia/Seoul or UTC, but was 'Asia/Seol';"
                        + " did you mean 'Asia/Seoul' or 'Asia/Oral'?",
                "c.yaml:2:1: unknown field 'metrcs' in catalog; did you mean 'metrics'?",
                "c.yaml:6:33: type of column 'v' in source 'e' must be one of [text, category, integer, decimal,"
                        + " decimal(2), boolean, timestamp, date], but was 'integr'; did you mean 'integer'?");
    }

    @Test
    void metricKind_mustBeExactlyOne() {
        assertThat(problems("  - {id: a, owner: me}\n  - {id: b, aggregate: count, formula: \"1\"}\n"))
                .containsExactly(
                "c.yaml:7:10: metric 'a' must define how it is computed by exactly one of 'aggregate' (measure),"
                        + " 'numerator' and 'denominator' (ratio) or 'formula' (derived), but has none",
                "c.yaml:8:5: metric 'b' must define how it is computed by exactly one of 'aggregate' (measure),"
                        + " 'numerator' and 'denominator' (ratio) or 'formula' (derived), but has 2");
    }

    @Test
    void fieldOfAnotherKind_isRefused() {
        assertThat(problems(VISITORS + "  - {id: r, numerator: visitors, denominator: visitors, column: x}\n"
                + "  - {id: m, aggregate: sum, column: visitors, scale: 100, onZeroDenominator: zero}\n"))
                .containsExactly(
                "c.yaml:8:57: 'column' applies to measures only, but metric 'r' is a ratio",
                "c.yaml:9:47: 'scale' applies to ratios only, but metric 'm' is a measure",
                "c.yaml:9:59: 'onZeroDenominator' applies to ratios and derived metrics only, but metric 'm' is a"
                        + " measure");
    }

    @Test
    void valueSyntax_unitsAndFormulas() {
        assertThat(problems("  - {id: a, aggregate: count, unit: \"USD //\"}\n"
                + "  - {id: b, formula: \"2 * (3\"}\n  - {id: lag, formula: \"1\"}\n")).containsExactly(
                "c.yaml:7:37: metric 'a': unit must be a unit expression such as 'USD per count', but was 'USD //':"
                        + " '/' is not a unit symbol",
                "c.yaml:8:27: metric 'b': formula: Unclosed '(' at column 5 in \"2 * (3\": expected ')' before the"
                        + " end of the formula",
                "c.yaml:9:10: metric id must not be a formula keyword or function name, but was 'lag'");
    }

    @Test
    void metadataRules() {
        assertThat(problems("  - id: a\n    aggregate: count\n    direction: higher-is-better\n"
                + "    targets: {shortTerm: 10, longTerm: 8, stretch: {value: 12, due: 2025-13-01}}\n"
                + "    baseline: {method: trailing, months: 24}\n"
                + "    versions:\n      - {version: 1, effective: 2025-02-01, reason: first}\n"
                + "      - {version: 2, effective: 2025-01-01, reason: second}\n"
                + "  - {id: b, aggregate: count, targetBand: {low: 1, high: 2}}\n")).containsExactly(
                "c.yaml:10:69: 'due' in stretch of targets of metric 'a' must be an ISO date such as 2025-01-31, but"
                        + " was '2025-13-01'",
                "c.yaml:11:42: 'months' in baseline of metric 'a' must be between 6 and 12, but was 24",
                "c.yaml:14:9: metric 'a': effective date of version 2 must be after 2025-02-01 (version 1), but was"
                        + " 2025-01-01",
                "c.yaml:15:43: metric 'b': target band 1..2 needs direction target-band, but direction was not set");
    }

    @Test
    void targetOrder_followsDirection() {
        assertThat(problems("  - id: a\n    aggregate: count\n    direction: lower-is-better\n"
                + "    targets: {shortTerm: 10, longTerm: 12}\n")).containsExactly(
                "c.yaml:10:14: metric 'a': long-term target must be at most the short-term target 10 for a"
                        + " lower-is-better metric, but was 12");
    }

    @Test
    void sourceProblems_timeColumnAndRules() {
        String yaml = "zone: UTC\nsources:\n  e:\n    time: channel\n    columns: {ts: timestamp, channel: text}\n"
                + "    rules:\n      missing:\n        - {column: chanel, strategy: zero}\n"
                + "metrics:\n  - {id: n, aggregate: count}\n";
        assertThat(problemsOf(yaml)).containsExactly(
                "c.yaml:3:3: source 'e': time column 'channel' must be a TIMESTAMP or DATE column, but is TEXT;"
                        + " rule 'missing:chanel': unknown column 'chanel'; did you mean 'channel'?");
    }

    @Test
    void manyProblems_reportedTogetherInDocumentOrder() {
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> Catalog.read(HEAD
                + "  - {id: a, aggregate: sum, column: nope}\n  - {id: b, numerator: a, denominator: zz}\n",
                "c.yaml"));
        assertThat(e.getMessage()).isEqualTo("c.yaml has 2 problems:\n"
                + "  c.yaml:7:37: metric 'a': column 'nope' is not a column of source 'events'; did you mean 'note'?\n"
                + "  c.yaml:8:40: metric 'b': denominator 'zz' is not a metric of the catalog");
    }

    @Test
    void json_sameSchemaAsYaml() {
        String json = "{\"zone\": \"UTC\", \"sources\": {\"events\": {\"time\": \"ts\", \"columns\": {\"ts\": \"timestamp\","
                + " \"visitors\": \"integer\"}}}, \"metrics\": [{\"id\": \"visitors\", \"aggregate\": \"sum\","
                + " \"column\": \"visitors\"}]}";
        String yaml = "zone: UTC\nsources:\n  events:\n    time: ts\n    columns: {ts: timestamp, visitors: integer}\n"
                + "metrics:\n  - {id: visitors, aggregate: sum, column: visitors}\n";
        assertThat(Catalog.read(json, "c.json")).isEqualTo(Catalog.read(yaml, "c.yaml"));
        assertThatThrownBy(() -> Catalog.read(json.replace("\"column\"", "\"colum\""), "c.json"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("c.json:1:")
                .hasMessageContaining("unknown field 'colum' in metric 'visitors'; did you mean 'column'?");
    }

    @Test
    void yamlAnchors_areRefused() {
        assertThatThrownBy(() -> Catalog.read(HEAD + "  - &m {id: a, aggregate: count}\n  - *m\n", "c.yaml"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("anchor '&m'");
    }

    @Test
    void builder_collectsProblemsWithCatalogName() {
        DataSource s = DataSource.builder("e").schema(Schema.of(Column.of("ts", ColumnType.TIMESTAMP)))
                .timeColumn("ts").build();
        assertThatThrownBy(() -> Catalog.builder().name("sales").zone(ZoneId.of("UTC")).grain(Grain.DAY).source(s)
                .metric(Metric.measure("n").count().build())
                .metric(Metric.ratio("r").numerator("n").denominator("m").build())
                .build())
                .isInstanceOf(CatalogException.class)
                .hasMessage("sales: metric 'r': denominator 'm' is not a metric of the catalog; did you mean 'n'?");
    }

    @Test
    void builder_withoutCalendar_isRefused() {
        assertThatThrownBy(() -> Catalog.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("calendar must be set (or zone), but was not");
    }

    @Test
    void measureFieldsByAggregation() {
        assertThat(problems("  - {id: a, aggregate: sum}\n"
                + "  - {id: b, aggregate: weighted-average, column: revenue}\n"
                + "  - {id: c, aggregate: sum, column: revenue, weight: visitors}\n"
                + "  - {id: d, aggregate: percentile, column: revenue}\n"
                + "  - {id: e, aggregate: median, column: revenue, percentile: 0.5}\n"
                + "  - {id: f, aggregate: percentile, column: revenue, percentile: 95}\n"
                + "  - {id: g, aggregate: summ, column: revenue}\n")).containsExactly(
                "c.yaml:7:5: metric 'a' needs 'column' for aggregate sum",
                "c.yaml:8:5: metric 'b' needs 'weight' for aggregate weighted-average",
                "c.yaml:9:46: 'weight' applies to aggregate weighted-average only, but metric 'c' aggregates sum",
                "c.yaml:10:5: metric 'd' is missing required field 'percentile'",
                "c.yaml:11:49: 'percentile' applies to aggregate percentile only, but metric 'e' aggregates median",
                "c.yaml:12:65: 'percentile' in metric must be between 0 and 1 (0.95 for the 95th), but was 95",
                "c.yaml:13:24: 'aggregate' in metric 'g' must be one of [sum, count, count-distinct, average, min,"
                        + " max, median, percentile, first, last, weighted-average, variance, variance-pop, stddev, stddev-pop, cv, cv-pop], but was 'summ'; did you mean"
                        + " 'sum'?");
    }

    @Test
    void listsAndScales() {
        assertThat(problems(VISITORS + "  - {id: r, numerator: visitors, denominator: visitors, scale: -1}\n"
                + "  - {id: s, aggregate: count, dimensions: [channel, channel], leadingIndicators: [r, r]}\n"))
                .containsExactly(
                "c.yaml:8:64: 'scale' in metric 'r' must be positive, but was -1",
                "c.yaml:9:43: 'dimensions' in metric 's' must not list a column twice, but was [channel, channel]",
                "c.yaml:9:82: 'leadingIndicators' in metric 's' must not list a metric twice, but was [r, r]");
    }

    @Test
    void baselineAndTargetShapes() {
        assertThat(problems("  - id: a\n    aggregate: count\n"
                + "    baseline: {method: fixed, value: 2, months: 6}\n"
                + "    targets: {shortTerm: high}\n"
                + "    versions:\n      - {version: [1], effective: yesterday, reason: r}\n"
                + "  - {id: b, aggregate: count, baseline: {method: seasonally-adjusted, years: 1}}\n"))
                .containsExactly(
                "c.yaml:9:15: baseline of metric 'a' is missing required field 'asOf'",
                "c.yaml:9:41: 'months' does not apply to baseline method fixed of metric 'a'; it takes [value, asOf]",
                "c.yaml:10:26: 'shortTerm' in targets of metric 'a' must be a number or an object with 'value' and"
                        + " 'due', but was text 'high'",
                "c.yaml:12:19: 'version' in version of metric 'a' must be text or a number, but was a list",
                "c.yaml:12:35: 'effective' in version of metric 'a' must be an ISO date such as 2025-01-31, but was"
                        + " 'yesterday'",
                "c.yaml:13:78: 'years' in baseline of metric 'b' must be between 2 and 10, but was 1");
    }

    @Test
    void csvSettings() {
        String yaml = "zone: UTC\nsources:\n  e:\n    time: ts\n    columns: {ts: timestamp, v: integer}\n"
                + "    csv:\n      delimiter: ';;'\n      charset: UTF-99\n      headerNames: {v: 1}\n"
                + "      formats: {v: {thousandsSeparator: ',', locale: de-DE, colour: red}}\n"
                + "metrics:\n  - {id: n, aggregate: count}\n";
        assertThat(problemsOf(yaml)).containsExactly(
                "c.yaml:7:18: 'delimiter' in csv of source 'e' must be one character, but was ';;'",
                "c.yaml:8:16: 'charset' in csv of source 'e' must be a charset such as UTF-8, but was 'UTF-99'",
                "c.yaml:9:24: header name of column 'v' in csv of source 'e' must be text, but was number 1",
                "c.yaml:10:20: format of column 'v' in source 'e': a locale sets both separators, so it must not"
                        + " be combined with decimalSeparator or thousandsSeparator, but locale was de_DE and"
                        + " thousandsSeparator ','",
                "c.yaml:10:61: unknown field 'colour' in format of column 'v' in source 'e'; expected one of"
                        + " [datePatterns, decimalSeparator, thousandsSeparator, locale, zone, trueWords, falseWords,"
                        + " nullTokens, emptyAsMissing, trim, rounding]");
    }

    @Test
    void fiscalYearAndSourceNames() {
        String yaml = "zone: UTC\nfiscalYear: {startMonth: 13, naming: middle}\nsources:\n"
                + "  my-events: {time: ts, columns: {ts: timestamp}}\nmetrics:\n  - {id: n, aggregate: count}\n";
        assertThat(problemsOf(yaml)).containsExactly(
                "c.yaml:2:26: 'startMonth' in fiscalYear must be between 1 and 12, but was 13",
                "c.yaml:2:38: 'naming' in fiscalYear must be one of [end-year, start-year], but was 'middle'",
                "c.yaml:4:3: source name must be a letter or '_' followed by letters, digits or '_', at most 64"
                        + " characters, but was 'my-events'");
        assertThat(problemsOf(yaml.replace("startMonth: 13, naming: middle", "startMonth: true")
                .replace("my-events", "e"))).containsExactly(
                "c.yaml:2:26: 'startMonth' in fiscalYear must be a month number 1..12 or name, but was boolean true");
        Catalog april = Catalog.read(yaml.replace("startMonth: 13, naming: middle", "startMonth: april")
                .replace("my-events", "e"), "c.yaml");
        assertThat(april.calendar().fiscalYearStart()).isEqualTo(java.time.Month.APRIL);
    }

    @Test
    void sliceBy_unknownColumns_overlapsAndRatiosBeyondTheirInputs() {
        assertThat(problems("  - {id: v, aggregate: sum, column: visitors, sliceBy: [chanel]}\n"
                + "  - {id: w, aggregate: sum, column: visitors, dimensions: [channel], sliceBy: [channel]}\n"
                + "  - {id: r, aggregate: sum, column: revenue}\n"
                + "  - {id: q, numerator: r, denominator: v, sliceBy: [note]}\n")).containsExactly(
                "c.yaml:7:56: metric 'v': sliceBy column 'chanel' is not a column of source 'events'; did you mean"
                        + " 'channel'?",
                "c.yaml:8:79: metric 'w': 'channel' is both a dimension and a sliceBy column; a metric is always"
                        + " grouped by its dimensions, so list it in one of them");
        assertThat(problems("  - {id: v, aggregate: sum, column: visitors, sliceBy: [channel, note]}\n"
                + "  - {id: r, aggregate: sum, column: revenue, sliceBy: [channel]}\n"
                + "  - {id: q, numerator: r, denominator: v, sliceBy: [note]}\n")).containsExactly(
                "c.yaml:9:52: metric 'q': sliceBy column 'note' is neither a dimension nor a sliceBy column of every"
                        + " input [r, v] (they share [channel])");
    }

    @Test
    void sliceBy_ofRatiosAndFormulas_isInheritedFromAllInputs() {
        Catalog c = Catalog.read(HEAD + "  - {id: v, aggregate: sum, column: visitors, sliceBy: [channel, note]}\n"
                + "  - {id: r, aggregate: sum, column: revenue, dimensions: [channel]}\n"
                + "  - {id: q, numerator: r, denominator: v}\n"
                + "  - {id: f, formula: \"q * 2\"}\n"
                + "  - {id: t, aggregate: count, dimensions: [note]}\n", "c.yaml");
        assertThat(c.sliceByOf("v")).containsExactly("channel", "note");
        assertThat(c.dimensionsOf("q")).isEmpty();
        assertThat(c.sliceByOf("q")).containsExactly("channel");
        assertThat(c.sliceByOf("f")).containsExactly("channel");
        assertThat(c.sliceByOf("t")).isEmpty();
    }

    @Test
    void groupingSetsAndStateGrain_areCheckedAgainstTheMetrics() {
        String v = "  - {id: v, aggregate: sum, column: visitors, sliceBy: [channel]}\n";
        assertThat(problemsOf(HEAD.replace("zone: UTC\n", "zone: UTC\ngroupingSets: [\"rollup(channel, regoin)\"]\n")
                + v)).containsExactly("c.yaml:2:15: groupingSets: no metric may be sliced by 'regoin'; declare it in a"
                        + " metric's sliceBy");
        assertThat(problemsOf(HEAD.replace("zone: UTC\n", "zone: UTC\ngroupingSets: [{rollup: [channel], cube: []}]\n")
                + v)).containsExactly("c.yaml:2:16: a grouping set object must have exactly one of 'rollup' and"
                        + " 'cube'");
        assertThat(problemsOf(HEAD.replace("zone: UTC\n", "zone: UTC\ngrain: month\nstateGrain: week\n") + v))
                .containsExactly("c.yaml:3:13: stateGrain must be a grain whose periods nest in the catalog's grain"
                        + " month (e.g. day), but was week");
        Catalog c = Catalog.read(HEAD.replace("zone: UTC\n", "zone: UTC\ngrain: month\nstateGrain: day\n"
                + "groupingSets: [[], [channel], {cube: [channel]}, \"total\"]\n") + v, "c.yaml");
        assertThat(c.stateGrain()).contains(Grain.DAY);
        assertThat(c.groupingSets().orElseThrow().sets()).containsExactly(List.of(), List.of("channel"));
        assertThat(c.toBuilder().name("copy").build().groupingSets()).isEqualTo(c.groupingSets());
    }

    @Test
    void wholeRangeGrain_refusesReferenceFunctions() {
        assertThat(problemsOf(HEAD.replace("zone: UTC\n", "zone: UTC\ngrain: whole-range\n") + VISITORS
                + "  - {id: g, formula: \"visitors - lag(visitors, 1)\"}\n"
                + "  - {id: m, formula: \"to_date(visitors, whole_range)\"}\n")).containsExactly(
                "c.yaml:9:34: metric 'g': lag(visitors,1) at column 12 of \"visitors - lag(visitors, 1)\" cannot be"
                        + " computed at grain whole_range: the whole range is one period, with no earlier period and"
                        + " no window",
                "c.yaml:10:23: metric 'm': to_date(visitors,whole_range) at column 1 of \"to_date(visitors,"
                        + " whole_range)\" cannot be computed at grain whole_range: the whole range is one period,"
                        + " with no earlier period and no window");
    }
}
