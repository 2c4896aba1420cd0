package io.kpiengine.quality;

import io.kpiengine.quality.internal.RulesDocument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.DocumentException;
import io.kpiengine.data.doc.internal.DocumentReader;
import io.kpiengine.data.doc.Problem;
import io.kpiengine.data.doc.internal.Problems;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesDocumentTest {

    static final String YAML = """
            rules:
              duplicates:
                - {}
                - key: [order_id]
                  keep: latest
                  by: ts
              missing:
                - {column: visitors, strategy: zero}
                - {column: price, strategy: constant, value: 1.5}
                - {column: temp, strategy: interpolate, groupBy: [sensor], orderBy: ts, area: all, method: time}
                - {column: stock, strategy: forward-fill, groupBy: [sensor], orderBy: ts, limit: 2}
                - {id: tags, column: tag, strategy: quarantine}
              units:
                - {column: duration, unit: ms, convertTo: s}
                - {column: followers, unit: count, parse: integer}
              currencies:
                - column: revenue
                  currencyColumn: currency
                  dateColumn: ts
                  target: USD
                  rounding: half-up
                  rates:
                    EUR: 1.08
                    KRW: [{from: "2025-01-01", rate: 0.00072}, {from: "2025-07-01", rate: 0.0007}]
              timeZones:
                - {column: ts, zone: Europe/Berlin, zoneColumn: tz, gap: next-valid, overlap: later}
              validity:
                - {column: visitors, min: 0, max: 500}
                - {column: revenue, nonNegative: true, onInvalid: nullify}
                - {column: channel, allowed: [paid_search, email], case: snake, map: {SEA: paid_search}}
                - {column: order_id, pattern: 'O\\d+', onInvalid: flag}
                - {condition: "conversions <= visitors"}
              outliers:
                - {column: revenue, method: iqr, k: 3, action: winsorize, groupBy: [channel]}
              freshness:
                - {column: ts, maxAge: 26h}
              expectedRows:
                - {column: ts, grain: day, zone: Asia/Seoul, minRows: 100, groupBy: [channel]}
              dateSpine:
                - {column: day, grain: day, groupBy: [channel], fill: true, from: "2025-01-01", to: "2025-12-31"}
              thresholds:
                validity: {warn: 0.98, fail: 0.9}
              reportLimit: 50
            input:
              delimiter: ","
            """;

    static QualityRules built() {
        RateTable rates = RateTable.builder().rate("EUR", "1.08").rate("KRW", LocalDate.of(2025, 1, 1), "0.00072")
                .rate("KRW", LocalDate.of(2025, 7, 1), "0.0007").build();
        return QualityRules.builder()
                .rule(DuplicateRule.exact())
                .rule(DuplicateRule.byKey("order_id").keepLatest("ts"))
                .rule(MissingValueRule.zero("visitors"))
                .rule(MissingValueRule.constant("price", new BigDecimal("1.50")))
                .rule(MissingValueRule.interpolate("temp").groupBy("sensor").orderBy("ts").extendArea().byTime())
                .rule(MissingValueRule.forwardFill("stock").groupBy("sensor").orderBy("ts").limit(2))
                .rule(MissingValueRule.quarantine("tag").withId("tags"))
                .rule(UnitRule.of("duration", ColumnUnit.MILLISECONDS).convertTo(ColumnUnit.SECONDS))
                .rule(UnitRule.of("followers", ColumnUnit.COUNT).parseText(ColumnType.INTEGER, Column.NO_SCALE))
                .rule(CurrencyRule.of("revenue", "currency", "USD", rates).dateColumn("ts").rounding(RoundingMode.HALF_UP))
                .rule(TimeZoneRule.of("ts").sourceZone(ZoneId.of("Europe/Berlin")).zoneColumn("tz")
                        .onGap(TimeZoneRule.Gap.NEXT_VALID).onOverlap(TimeZoneRule.Overlap.LATER))
                .rule(RangeRule.of("visitors").min(0).max(500))
                .rule(RangeRule.nonNegative("revenue").onInvalid(OnInvalid.NULLIFY))
                .rule(AllowedValuesRule.of("channel", "paid_search", "email").caseFold(AllowedValuesRule.Case.SNAKE)
                        .map("SEA", "paid_search"))
                .rule(PatternRule.of("order_id", "O\\d+").onInvalid(OnInvalid.FLAG))
                .rule(ConditionRule.of("conversions <= visitors"))
                .rule(OutlierRule.iqr("revenue").k(3).action(OutlierRule.Action.WINSORIZE).groupBy("channel"))
                .rule(FreshnessRule.of("ts", Duration.ofHours(26)))
                .rule(ExpectedRowsRule.of("ts", RowGrain.DAY, 100).zone(ZoneId.of("Asia/Seoul")).groupBy("channel"))
                .rule(DateSpineRule.of("day", RowGrain.DAY).groupBy("channel").fill()
                        .range(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)))
                .threshold(new Threshold(Dimension.VALIDITY, 0.98, 0.9))
                .reportLimit(50)
                .build();
    }

    @Test
    void document_equalsBuilder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, YAML);
        QualityRules read = QualityRules.read(file);
        assertThat(read).isEqualTo(built());
        assertThat(read.rules()).hasSize(20);
        assertThat(read.hashCode()).isEqualTo(built().hashCode());
    }

    @Test
    void json_equalsYaml() {
        String json = """
                {"duplicates": [{"key": ["order_id"], "keep": "last"}],
                 "validity": [{"column": "visitors", "min": 0}]}
                """;
        Problems p = new Problems("r.json");
        QualityRules rules = RulesDocument.readSection(DocumentReader.read(json, "r.json"), p);
        assertThat(p.list()).isEmpty();
        assertThat(rules).isEqualTo(QualityRules.builder().rule(DuplicateRule.byKey("order_id").keepLast())
                .rule(RangeRule.nonNegative("visitors")).build());
    }

    @Test
    void everyProblem_isReportedWithFileLineAndColumn() {
        String yaml = """
                duplicates:
                  - {key: [id], keep: newest}
                missing:
                  - {colum: x, strategy: zero}
                units:
                  - {column: d, unit: ms, convertTo: percent}
                validity:
                  - {column: v, min: ten}
                  - {column: v, min: 1, pattern: x}
                thresholds:
                  validty: {warn: 0.9}
                reportLimit: -1
                """;
        Problems p = new Problems("r.yaml");
        RulesDocument.readSection(DocumentReader.read(yaml, "r.yaml"), p);
        assertThat(p.list()).extracting(Problem::toString).containsExactly(
                "r.yaml:2:23: 'keep' must be one of [first, last, latest, max], but was 'newest'",
                "r.yaml:4:6: unknown field 'colum' in missing rule; did you mean 'column'?",
                "r.yaml:4:5: missing rule is missing required field 'column'",
                "r.yaml:6:5: column 'd': unit ms (duration) cannot be converted to percent (fraction)",
                "r.yaml:8:22: 'min' in validity rule must be a number, but was text 'ten'",
                "r.yaml:9:5: validity rule must have exactly one kind of check (min/max/nonNegative,"
                        + " allowed/map/case/trim, pattern or condition), but had [min/max/nonNegative, pattern]",
                "r.yaml:11:3: unknown dimension 'validty' in thresholds; must be one of [completeness, uniqueness,"
                        + " validity, consistency, timeliness]; did you mean 'validity'?",
                "r.yaml:12:14: 'reportLimit' in rules must be between 0 and 2147483647, but was -1");
    }

    @Test
    void inconsistentRules_areReportedAtTheRule() {
        String yaml = """
                missing:
                  - {column: x, strategy: zero}
                  - {column: x, strategy: leave}
                """;
        Problems p = new Problems("r.yaml");
        RulesDocument.readSection(DocumentReader.read(yaml, "r.yaml"), p);
        assertThat(p.list()).extracting(Problem::toString).containsExactly(
                "r.yaml:3:5: rule id 'missing:x' is used by rules 1 and 2; give one of them another id",
                "r.yaml:3:5: rule 'missing:x' contradicts rule 'missing:x': only one missing-value rule for column 'x'"
                        + " is allowed");
    }

    @Test
    void standaloneFile_needsRules_andRefusesUnknownFields(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, "rule: {}\n");
        assertThatThrownBy(() -> QualityRules.read(file)).isInstanceOf(DocumentException.class)
                .hasMessageContaining("unknown field 'rule' in rules file; did you mean 'rules'?")
                .hasMessageContaining("rules file is missing required field 'rules'");
        Files.writeString(file, "rules:\n  missing: []\n  missing: []\n");
        assertThatThrownBy(() -> QualityRules.read(file)).hasMessageContaining("duplicate key 'missing'");
    }

    @Test
    void node_ofCatalogSection_isRead() {
        DocNode root = DocumentReader.read("sources:\n  events:\n    rules:\n      duplicates: [{}]\n", "c.yaml");
        DocNode section = root.field("sources").orElseThrow().field("events").orElseThrow().field("rules").orElseThrow();
        Problems p = new Problems("c.yaml");
        p.add(root, "a problem elsewhere in the catalog");
        assertThat(RulesDocument.readSection(section, p).rules()).containsExactly(DuplicateRule.exact());
        DocNode bad = DocumentReader.read("duplicates: [{keep: last}]\n", "c.yaml");
        assertThat(RulesDocument.readSection(bad, p)).isNull();
        assertThat(p.list()).hasSize(2);
    }

    @Test
    void hugeNumbersAndDurations_areProblemsAtTheirPlace(@TempDir Path dir) throws Exception {
        Path r = dir.resolve("r.yaml");
        Files.writeString(r, "rules:\n  reportLimit: 1e300\n  freshness: [{column: ts, maxAge: 99999999999999999999d}]\n");
        assertThatThrownBy(() -> QualityRules.read(r))
                .isInstanceOf(io.kpiengine.data.doc.DocumentException.class)
                .hasMessageContaining(r + ":2:16: 'reportLimit' in rules must be a whole number, but was 1E+300")
                .hasMessageContaining(r + ":3:36: 'maxAge' must be a duration such as 26h, 2d, 90min or PT26H, but"
                        + " '99999999999999999999d' is too long (at most 106,751,991,167,300 days)");
        Files.writeString(r, "rules:\n  freshness: [{column: ts, maxAge: 2d}]\n  reportLimit: 1e2147483647\n");
        assertThatThrownBy(() -> QualityRules.read(r))
                .hasMessage(r + ":3:16: number '1e2147483647' is out of range: a number in a definition document is"
                        + " 0 or has a magnitude from 1e-300 to 1e300");
        Files.writeString(r, "rules:\n  freshness: [{column: ts, maxAge: 2d}]\n  maxPeriods: 70000\n");
        assertThat(QualityRules.read(r).maxPeriods()).isEqualTo(70_000);
    }
}
