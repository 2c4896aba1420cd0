package io.kpiengine.quality.internal;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.Fields;
import io.kpiengine.data.doc.internal.Problems;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.quality.AllowedValuesRule;
import io.kpiengine.quality.ConditionRule;
import io.kpiengine.quality.CurrencyRule;
import io.kpiengine.quality.DateSpineRule;
import io.kpiengine.quality.Dimension;
import io.kpiengine.quality.DuplicateRule;
import io.kpiengine.quality.ExpectedRowsRule;
import io.kpiengine.quality.FreshnessRule;
import io.kpiengine.quality.RowGrain;
import io.kpiengine.quality.MissingValueRule;
import io.kpiengine.quality.OnInvalid;
import io.kpiengine.quality.OutlierRule;
import io.kpiengine.quality.PatternRule;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.quality.RangeRule;
import io.kpiengine.quality.RateTable;
import io.kpiengine.quality.Rule;
import io.kpiengine.quality.Threshold;
import io.kpiengine.quality.TimeZoneRule;
import io.kpiengine.quality.ColumnUnit;
import io.kpiengine.quality.UnitRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rules section of a document into {@link QualityRules}, recording every problem with its location.
 * The field names and values are documented in {@code docs/quality-rules.md}.
 */
public final class RulesDocument {

    /** The fields of a rules section. */
    static final String[] SECTION = {"duplicates", "missing", "units", "currencies", "timeZones", "validity",
        "outliers", "freshness", "expectedRows", "dateSpine", "thresholds", "reportLimit", "maxPeriods"};

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|h|d)");
    private static final Pattern DECIMAL_TYPE = Pattern.compile("decimal\\((\\d+)\\)");

    private final Problems problems;
    private final List<Rule> rules = new ArrayList<>();
    private final List<DocNode> nodes = new ArrayList<>();

    private RulesDocument(Problems problems) {
        this.problems = problems;
    }

    /**
     * Reads a standalone rules file: {@code rules} (required) and {@code input} (optional object).
     *
     * @param root the document root
     * @param problems where problems go
     * @return the rules, or null when the section is missing
     */
    public static QualityRules readFile(DocNode root, Problems problems) {
        Fields f = Fields.of(root, problems, "rules file", "rules", "input");
        f.object("input");
        DocNode section = f.required("rules");
        return section == null ? null : readSection(section, problems);
    }

    /**
     * Reads a rules section.
     *
     * @param node the section
     * @param problems where problems go
     * @return the rules read; meaningful only without problems
     */
    public static QualityRules readSection(DocNode node, Problems problems) {
        return new RulesDocument(problems).read(node);
    }

    private QualityRules read(DocNode node) {
        int before = problems.list().size();
        Fields f = Fields.of(node, problems, "rules", SECTION);
        each(f, "duplicates", this::duplicate);
        each(f, "missing", this::missing);
        each(f, "units", this::unit);
        each(f, "currencies", this::currency);
        each(f, "timeZones", this::timeZone);
        each(f, "validity", this::validity);
        each(f, "outliers", this::outlier);
        each(f, "freshness", this::freshness);
        each(f, "expectedRows", this::expectedRows);
        each(f, "dateSpine", this::dateSpine);
        QualityRules.Builder builder = QualityRules.builder().rules(rules);
        for (Map.Entry<String, DocNode> e : f.map("thresholds").entrySet()) {
            threshold(builder, e.getKey(), e.getValue(), f.object("thresholds"));
        }
        if (f.has("reportLimit")) {
            builder.reportLimit(f.integer("reportLimit", QualityRules.DEFAULT_REPORT_LIMIT, 0, Integer.MAX_VALUE));
        }
        if (f.has("maxPeriods")) {
            builder.maxPeriods(f.integer("maxPeriods", QualityRules.DEFAULT_MAX_PERIODS, 1, 10_000_000));
        }
        for (Consistency.Finding finding : Consistency.check(rules)) {
            problems.add(nodes.get(finding.rule()), finding.message());
        }
        return problems.list().size() == before ? builder.build() : null;
    }

    private void each(Fields f, String name, Function<DocNode, Rule> reader) {
        for (DocNode item : f.list(name)) {
            try {
                Rule r = reader.apply(item);
                if (r != null) {
                    rules.add(r);
                    nodes.add(item);
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                problems.add(item, e.getMessage());
            }
        }
    }

    private Rule duplicate(DocNode n) {
        Fields f = Fields.of(n, problems, "duplicates rule", "id", "key", "keep", "by");
        List<String> key = f.textList("key");
        String keep = f.text("keep", "first");
        String by = f.text("by", null);
        DuplicateRule.Keep k = enumOf(f, "keep", keep, DuplicateRule.Keep.class);
        if (k == null) {
            return null;
        }
        return new DuplicateRule(f.text("id", null), key, k, by);
    }

    private Rule missing(DocNode n) {
        Fields f = Fields.of(n, problems, "missing rule", "id", "column", "strategy", "value", "groupBy", "orderBy",
                "limit", "area", "method");
        String column = f.requiredText("column");
        MissingValueRule.Strategy s = enumOf(f, "strategy", f.requiredText("strategy"), MissingValueRule.Strategy.class);
        Object value = null;
        DocNode v = f.get("value");
        if (v != null) {
            value = v.kind() == DocNode.Kind.NUMBER ? v.number() : v.kind() == DocNode.Kind.BOOLEAN ? v.bool()
                    : v.kind() == DocNode.Kind.STRING ? v.scalarText() : null;
            if (value == null) {
                problems.add(v, "'value' in missing rule must be a number, text or boolean, but was " + v.describe());
                return null;
            }
        }
        List<String> groupBy = f.textList("groupBy");
        String orderBy = f.text("orderBy", null);
        int limit = f.integer("limit", 0, 1, Integer.MAX_VALUE);
        String area = f.text("area", "inside");
        String method = f.text("method", "linear");
        boolean inside = choice(f, "area", area, "inside", "all");
        boolean linear = choice(f, "method", method, "linear", "time");
        if (column == null || s == null) {
            return null;
        }
        return new MissingValueRule(f.text("id", null), column, s, value, groupBy, orderBy, limit, inside, !linear);
    }

    private Rule unit(DocNode n) {
        Fields f = Fields.of(n, problems, "unit rule", "id", "column", "unit", "convertTo", "parse");
        String column = f.requiredText("column");
        ColumnUnit unit = unitOf(f, "unit", f.requiredText("unit"));
        ColumnUnit to = f.has("convertTo") ? unitOf(f, "convertTo", f.text("convertTo", null)) : null;
        ColumnType parseType = null;
        int scale = Column.NO_SCALE;
        String parse = f.text("parse", null);
        if (parse != null) {
            Matcher m = DECIMAL_TYPE.matcher(parse);
            if (parse.equals("integer")) {
                parseType = ColumnType.INTEGER;
            } else if (parse.equals("decimal")) {
                parseType = ColumnType.DECIMAL;
            } else if (m.matches()) {
                parseType = ColumnType.DECIMAL;
                scale = Integer.parseInt(m.group(1));
            } else {
                problems.add(f.get("parse"), "'parse' in unit rule must be integer, decimal or decimal(<scale>), but"
                        + " was '" + parse + "'");
                return null;
            }
        }
        if (column == null || unit == null || (f.has("convertTo") && to == null)) {
            return null;
        }
        return new UnitRule(f.text("id", null), column, unit, to, parseType, scale);
    }

    private Rule currency(DocNode n) {
        Fields f = Fields.of(n, problems, "currency rule", "id", "column", "currencyColumn", "dateColumn", "target",
                "rounding", "dateZone", "rates");
        String column = f.requiredText("column");
        String currencyColumn = f.requiredText("currencyColumn");
        String target = f.requiredText("target");
        RoundingMode rounding = enumOf(f, "rounding", f.text("rounding", "half-even"), RoundingMode.class);
        ZoneId zone = zoneOf(f, "dateZone");
        DocNode ratesNode = f.required("rates");
        RateTable rates = ratesNode == null ? null : rates(ratesNode);
        if (column == null || currencyColumn == null || target == null || rounding == null || rates == null
                || zone == null) {
            return null;
        }
        CurrencyRule r = CurrencyRule.of(column, currencyColumn, target, rates).rounding(rounding).dateZone(zone);
        String dateColumn = f.text("dateColumn", null);
        if (dateColumn != null) {
            r = r.dateColumn(dateColumn);
        }
        String id = f.text("id", null);
        return id == null ? r : r.withId(id);
    }

    private RateTable rates(DocNode node) {
        if (!node.isObject()) {
            problems.add(node, "'rates' in currency rule must be an object of currency codes, but was "
                    + node.describe());
            return null;
        }
        RateTable.Builder b = RateTable.builder();
        boolean ok = true;
        for (Map.Entry<String, DocNode> e : node.fields().entrySet()) {
            String code = e.getKey();
            DocNode v = e.getValue();
            try {
                if (v.kind() == DocNode.Kind.NUMBER) {
                    b.rate(code, RateTable.ALWAYS, v.number());
                } else if (v.isArray()) {
                    for (DocNode item : v.items()) {
                        Fields rf = Fields.of(item, problems, "rate of " + code, "from", "rate");
                        LocalDate from = dateOf(rf, "from");
                        BigDecimal rate = rf.requiredNumber("rate");
                        if (from == null || rate == null) {
                            ok = false;
                        } else {
                            b.rate(code, from, rate);
                        }
                    }
                } else {
                    problems.add(v, "rate of " + code + " must be a number or a list of {from, rate}, but was "
                            + v.describe());
                    ok = false;
                }
            } catch (IllegalArgumentException | IllegalStateException ex) {
                problems.add(node.keyLocation(code), ex.getMessage());
                ok = false;
            }
        }
        return ok ? b.build() : null;
    }

    private Rule timeZone(DocNode n) {
        Fields f = Fields.of(n, problems, "time-zone rule", "id", "column", "zone", "zoneColumn", "pattern", "gap",
                "overlap");
        String column = f.requiredText("column");
        ZoneId zone = f.has("zone") ? zoneOf(f, "zone") : null;
        TimeZoneRule.Gap gap = enumOf(f, "gap", f.text("gap", "shift"), TimeZoneRule.Gap.class);
        TimeZoneRule.Overlap overlap = enumOf(f, "overlap", f.text("overlap", "earlier"), TimeZoneRule.Overlap.class);
        if (column == null || gap == null || overlap == null || (f.has("zone") && zone == null)) {
            return null;
        }
        return new TimeZoneRule(f.text("id", null), column, zone, f.text("zoneColumn", null), f.text("pattern", null),
                gap, overlap);
    }

    private Rule validity(DocNode n) {
        Fields f = Fields.of(n, problems, "validity rule", "id", "column", "min", "max", "nonNegative", "allowed",
                "map", "trim", "case", "pattern", "condition", "onInvalid");
        List<String> kinds = new ArrayList<>();
        if (f.has("min") || f.has("max") || f.has("nonNegative")) {
            kinds.add("min/max/nonNegative");
        }
        if (f.has("allowed") || f.has("map") || f.has("case") || f.has("trim")) {
            kinds.add("allowed/map/case/trim");
        }
        if (f.has("pattern")) {
            kinds.add("pattern");
        }
        if (f.has("condition")) {
            kinds.add("condition");
        }
        if (kinds.size() != 1) {
            problems.add(n, "validity rule must have exactly one kind of check (min/max/nonNegative,"
                    + " allowed/map/case/trim, pattern or condition), but had " + (kinds.isEmpty() ? "none" : kinds));
            return null;
        }
        OnInvalid on = enumOf(f, "onInvalid", f.text("onInvalid", "quarantine"), OnInvalid.class);
        String id = f.text("id", null);
        if (kinds.get(0).equals("condition")) {
            if (f.has("column")) {
                problems.add(f.get("column"), "a condition rule names its columns in the formula; remove 'column'");
                return null;
            }
            String formula = f.text("condition", null);
            return formula == null || on == null ? null : new ConditionRule(id, formula, on);
        }
        String column = f.requiredText("column");
        if (column == null || on == null) {
            return null;
        }
        switch (kinds.get(0)) {
            case "pattern": {
                String regex = f.text("pattern", null);
                return regex == null ? null : new PatternRule(id, column, regex, on);
            }
            case "allowed/map/case/trim": {
                Map<String, String> map = new LinkedHashMap<>();
                for (Map.Entry<String, DocNode> e : f.map("map").entrySet()) {
                    if (e.getValue().kind() != DocNode.Kind.STRING) {
                        problems.add(e.getValue(), "map targets must be text, but '" + e.getKey() + "' maps to "
                                + e.getValue().describe());
                        return null;
                    }
                    map.put(e.getKey(), e.getValue().scalarText());
                }
                AllowedValuesRule.Case c = enumOf(f, "case", f.text("case", "none"), AllowedValuesRule.Case.class);
                return c == null ? null : new AllowedValuesRule(id, column, f.textList("allowed"), map,
                        f.bool("trim", true), c, on);
            }
            default: {
                BigDecimal min = f.number("min", null);
                if (f.bool("nonNegative", false)) {
                    if (min != null) {
                        problems.add(f.get("nonNegative"), "validity rule sets both 'min' and 'nonNegative'");
                        return null;
                    }
                    min = BigDecimal.ZERO;
                } else if (f.has("nonNegative") && f.get("nonNegative").kind() == DocNode.Kind.BOOLEAN) {
                    problems.add(f.get("nonNegative"), "'nonNegative' in validity rule can only be true; remove it");
                    return null;
                }
                return new RangeRule(id, column, min, f.number("max", null), on);
            }
        }
    }

    private Rule outlier(DocNode n) {
        Fields f = Fields.of(n, problems, "outlier rule", "id", "column", "method", "k", "action", "groupBy");
        String column = f.requiredText("column");
        OutlierRule.Method m = enumOf(f, "method", f.requiredText("method"), OutlierRule.Method.class);
        OutlierRule.Action a = enumOf(f, "action", f.text("action", "flag"), OutlierRule.Action.class);
        BigDecimal k = f.number("k", null);
        if (column == null || m == null || a == null) {
            return null;
        }
        double width = k != null ? k.doubleValue() : m == OutlierRule.Method.Z_SCORE ? 3
                : m == OutlierRule.Method.ROBUST ? 3.5 : 1.5;
        return new OutlierRule(f.text("id", null), column, m, width, a, f.textList("groupBy"));
    }

    private Rule freshness(DocNode n) {
        Fields f = Fields.of(n, problems, "freshness rule", "id", "column", "maxAge", "zone");
        String column = f.requiredText("column");
        Duration maxAge = durationOf(f, "maxAge");
        ZoneId zone = zoneOf(f, "zone");
        if (column == null || maxAge == null || zone == null) {
            return null;
        }
        return new FreshnessRule(f.text("id", null), column, maxAge, zone);
    }

    private Rule expectedRows(DocNode n) {
        Fields f = Fields.of(n, problems, "expected-rows rule", "id", "column", "grain", "zone", "minRows", "groupBy",
                "from", "to");
        String column = f.requiredText("column");
        RowGrain grain = enumOf(f, "grain", f.requiredText("grain"), RowGrain.class);
        ZoneId zone = zoneOf(f, "zone");
        BigDecimal min = f.requiredNumber("minRows");
        LocalDate[] range = range(f, n, "expected-rows rule");
        if (column == null || grain == null || zone == null || min == null || range == null) {
            return null;
        }
        long minRows;
        try {
            minRows = min.longValueExact();
        } catch (ArithmeticException e) {
            problems.add(f.get("minRows"), "'minRows' in expected-rows rule must be a whole number, but was "
                    + DocNode.show(min));
            return null;
        }
        if (minRows < 1) {
            problems.add(f.get("minRows"), "'minRows' in expected-rows rule must be at least 1, but was " + minRows);
            return null;
        }
        return new ExpectedRowsRule(f.text("id", null), column, grain, zone, minRows, f.textList("groupBy"), range[0],
                range[1]);
    }

    /** The optional from..to of a period rule: {null, null} when absent, null after a problem. */
    private LocalDate[] range(Fields f, DocNode n, String what) {
        LocalDate from = f.has("from") ? dateOf(f, "from") : null;
        LocalDate to = f.has("to") ? dateOf(f, "to") : null;
        if (f.has("from") && from == null || f.has("to") && to == null) {
            return null;
        }
        if ((from == null) != (to == null)) {
            problems.add(n, what + " must set both 'from' and 'to', or neither");
            return null;
        }
        if (from != null && from.isAfter(to)) {
            problems.add(f.get("from"), "'from' in " + what + " must not be after 'to' " + to + ", but was " + from);
            return null;
        }
        return new LocalDate[] {from, to};
    }

    private Rule dateSpine(DocNode n) {
        Fields f = Fields.of(n, problems, "date-spine rule", "id", "column", "grain", "zone", "groupBy", "fill",
                "from", "to");
        String column = f.requiredText("column");
        RowGrain grain = enumOf(f, "grain", f.requiredText("grain"), RowGrain.class);
        ZoneId zone = zoneOf(f, "zone");
        LocalDate[] range = range(f, n, "date-spine rule");
        if (column == null || grain == null || zone == null || range == null) {
            return null;
        }
        return new DateSpineRule(f.text("id", null), column, grain, zone, f.textList("groupBy"), f.bool("fill", false),
                range[0], range[1]);
    }

    private void threshold(QualityRules.Builder builder, String name, DocNode node, DocNode parent) {
        Dimension d = null;
        for (Dimension x : Dimension.values()) {
            if (x.name().equalsIgnoreCase(name)) {
                d = x;
            }
        }
        if (d == null) {
            List<String> names = new ArrayList<>();
            for (Dimension x : Dimension.values()) {
                names.add(x.name().toLowerCase(Locale.ROOT));
            }
            problems.add(parent.keyLocation(name), "unknown dimension '" + name + "' in thresholds; must be one of "
                    + names + Suggestions.didYouMean(name, names));
            return;
        }
        Fields f = Fields.of(node, problems, "threshold of " + name, "warn", "fail");
        BigDecimal warn = f.number("warn", BigDecimal.valueOf(Threshold.DEFAULT_WARN));
        BigDecimal fail = f.number("fail", BigDecimal.valueOf(Threshold.DEFAULT_FAIL));
        try {
            builder.threshold(new Threshold(d, warn.doubleValue(), fail.doubleValue()));
        } catch (IllegalArgumentException e) {
            problems.add(node, e.getMessage());
        }
    }

    private <E extends Enum<E>> E enumOf(Fields f, String field, String text, Class<E> type) {
        if (text == null) {
            return null;
        }
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(key)) {
                return e;
            }
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problems.add(f.get(field) == null ? f.node() : f.get(field), "'" + field + "' must be one of " + allowed
                + ", but was '" + text + "'" + Suggestions.didYouMean(text.toLowerCase(Locale.ROOT), allowed));
        return null;
    }

    private boolean choice(Fields f, String field, String text, String yes, String no) {
        if (text.equals(yes)) {
            return true;
        }
        if (!text.equals(no)) {
            problems.add(f.get(field), "'" + field + "' must be one of " + Arrays.asList(yes, no) + ", but was '"
                    + text + "'" + Suggestions.didYouMean(text, List.of(yes, no)));
        }
        return !text.equals(no);
    }

    private ColumnUnit unitOf(Fields f, String field, String text) {
        if (text == null) {
            return null;
        }
        ColumnUnit u = ColumnUnit.parse(text).orElse(null);
        if (u == null) {
            List<String> symbols = new ArrayList<>();
            for (ColumnUnit x : ColumnUnit.values()) {
                symbols.add(x.symbols().get(0));
            }
            problems.add(f.get(field), "'" + field + "' must be a unit " + symbols + ", but was '" + text + "'"
                    + Suggestions.didYouMean(text, symbols));
        }
        return u;
    }

    private ZoneId zoneOf(Fields f, String field) {
        String text = f.text(field, null);
        if (text == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            problems.add(f.get(field), "'" + field + "' must be a zone id such as Europe/Berlin or +09:00, but was '"
                    + text + "'");
            return null;
        }
    }

    private LocalDate dateOf(Fields f, String field) {
        String text = f.requiredText(field);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            String impossible = io.kpiengine.data.io.internal.Civil.noSuchDateTime(text);
            problems.add(f.get(field), "'" + field + "' must be a date yyyy-MM-dd, but '" + text + "'"
                    + (impossible != null ? impossible : " is not one"));
            return null;
        }
    }

    private Duration durationOf(Fields f, String field) {
        String text = f.requiredText(field);
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (m.matches()) {
            try {
                long v = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms":
                        return Duration.ofMillis(v);
                    case "s":
                        return Duration.ofSeconds(v);
                    case "min":
                        return Duration.ofMinutes(v);
                    case "h":
                        return Duration.ofHours(v);
                    default:
                        return Duration.ofDays(v);
                }
            } catch (NumberFormatException | ArithmeticException e) {
                problems.add(f.get(field), "'" + field + "' must be a duration such as 26h, 2d, 90min or PT26H, but '"
                        + text + "' is too long (at most 106,751,991,167,300 days)");
                return null;
            }
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            problems.add(f.get(field), "'" + field + "' must be a duration such as 26h, 2d, 90min or PT26H, but was '"
                    + text + "'");
            return null;
        }
    }
}
