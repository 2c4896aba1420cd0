package io.kpiengine.quality.internal;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.quality.AllowedValuesRule;
import io.kpiengine.quality.ConditionRule;
import io.kpiengine.quality.CurrencyRule;
import io.kpiengine.quality.DateSpineRule;
import io.kpiengine.quality.DuplicateRule;
import io.kpiengine.quality.ExpectedRowsRule;
import io.kpiengine.quality.FreshnessRule;
import io.kpiengine.quality.MissingValueRule;
import io.kpiengine.quality.OutlierRule;
import io.kpiengine.quality.PatternRule;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.quality.RangeRule;
import io.kpiengine.quality.Rule;
import io.kpiengine.quality.RulesException;
import io.kpiengine.quality.TimeZoneRule;
import io.kpiengine.quality.UnitRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Binds rules to a schema: resolves every column, checks every type against what the rule needs (after the
 * type changes of earlier rules: time zones make TIMESTAMPs, unit parsing makes numbers, currencies make exact
 * decimals), collects all problems, and assembles the {@link Plan}.
 *
 * <p>Execution order of the row steps: time zones, units, currencies, allowed values, patterns, ranges,
 * conditions; then (after the row fingerprint is taken) the row-level missing-value rules.
 */
public final class Binder {

    private static final Set<ColumnType> TEXTS = EnumSet.of(ColumnType.TEXT, ColumnType.CATEGORY);
    private static final Set<ColumnType> NUMBERS = EnumSet.of(ColumnType.INTEGER, ColumnType.DECIMAL);
    private static final Set<ColumnType> TIMES = EnumSet.of(ColumnType.TIMESTAMP, ColumnType.DATE);

    private final QualityRules rules;
    private final Schema input;
    private final List<Column> working;
    private final List<Finding> problems = new ArrayList<>();

    /** A problem of the rule at an index. */
    private record Finding(int rule, String message) {
    }
    private final List<String> ids = new ArrayList<>();

    private Binder(QualityRules rules, Schema input) {
        this.rules = rules;
        this.input = input;
        this.working = new ArrayList<>(input.columns());
        for (Rule r : rules.rules()) {
            ids.add(r.id());
        }
    }

    /**
     * Binds rules to a schema.
     *
     * @param rules the rules
     * @param schema the input schema
     * @param clock the clock of freshness and the report
     * @return the plan
     * @throws RulesException listing every problem
     */
    public static Plan bind(QualityRules rules, Schema schema, Clock clock) {
        return new Binder(rules, schema).plan(clock);
    }

    private Plan plan(Clock clock) {
        List<Rule> all = rules.rules();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof TimeZoneRule t) {
                Step s = timeZone(i, t);
                if (s != null) {
                    steps.add(s);
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof UnitRule u) {
                Step s = unit(i, u);
                if (s != null) {
                    steps.add(s);
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof CurrencyRule c) {
                Step s = currency(i, c);
                if (s != null) {
                    steps.add(s);
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            Rule r = all.get(i);
            if (r instanceof AllowedValuesRule a) {
                int c = column(i, a.column(), TEXTS, "TEXT or CATEGORY");
                if (c >= 0) {
                    steps.add(new AllowedStep(i, c, a));
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof PatternRule p) {
                int c = column(i, p.column(), TEXTS, "TEXT or CATEGORY");
                if (c >= 0) {
                    steps.add(new PatternStep(i, c, p));
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof RangeRule rr) {
                int c = column(i, rr.column(), NUMBERS, "INTEGER or DECIMAL");
                if (c >= 0) {
                    steps.add(new RangeStep(i, c, rr));
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof ConditionRule cr) {
                int rule = i;
                Step s = Conditions.bind(i, cr, Schema.of(working), m -> problems.add(new Finding(rule, m)));
                if (s != null) {
                    steps.add(s);
                }
            }
        }
        List<Step> missing = new ArrayList<>();
        List<MissingStep.Fill> insertFills = new ArrayList<>();
        List<Plan.GroupFill> groupFills = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof MissingValueRule m) {
                missing(i, m, missing, insertFills, groupFills);
            }
            if (all.get(i) instanceof CurrencyRule cr && input.contains(cr.currencyColumn())) {
                insertFills.add(new MissingStep.Fill(i, input.indexOf(cr.currencyColumn()),
                        MissingValueRule.Strategy.CONSTANT, 0, 0, cr.target().getCurrencyCode()));
            }
        }
        int exact = -1;
        Plan.KeySpec key = null;
        List<Plan.OutlierSpec> outliers = new ArrayList<>();
        List<Plan.FreshSpec> fresh = new ArrayList<>();
        List<Plan.PeriodSpec> periods = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Rule r = all.get(i);
            if (r instanceof DuplicateRule d) {
                if (d.isExact()) {
                    exact = i;
                } else {
                    int[] k = columns(i, d.key());
                    int by = d.by() == null ? -1 : column(i, d.by(), d.keep() == DuplicateRule.Keep.LATEST ? TIMES
                            : EnumSet.of(ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.TIMESTAMP, ColumnType.DATE),
                            d.keep() == DuplicateRule.Keep.LATEST ? "TIMESTAMP or DATE" : "a number or a time");
                    key = new Plan.KeySpec(i, k, d.keep(), by);
                }
            } else if (r instanceof OutlierRule o) {
                int c = column(i, o.column(), NUMBERS, "INTEGER or DECIMAL");
                outliers.add(new Plan.OutlierSpec(i, c, o.method(), o.k(), o.action(), columns(i, o.groupBy())));
            } else if (r instanceof FreshnessRule f) {
                int c = column(i, f.column(), TIMES, "TIMESTAMP or DATE");
                fresh.add(new Plan.FreshSpec(i, c, c >= 0 && working.get(c).type() == ColumnType.DATE, f.maxAge(),
                        f.zone()));
            } else if (r instanceof ExpectedRowsRule e) {
                int c = column(i, e.column(), TIMES, "TIMESTAMP or DATE");
                periods.add(new Plan.PeriodSpec(i, c, c >= 0 && working.get(c).type() == ColumnType.DATE, e.grain(),
                        e.zone(), columns(i, e.groupBy()), e.minRows(), false, false, e.from(), e.to()));
            } else if (r instanceof DateSpineRule s) {
                int c = column(i, s.column(), TIMES, "TIMESTAMP or DATE");
                periods.add(new Plan.PeriodSpec(i, c, c >= 0 && working.get(c).type() == ColumnType.DATE, s.grain(),
                        s.zone(), columns(i, s.groupBy()), 1, true, s.fillGaps(), s.from(), s.to()));
            }
        }
        if (!problems.isEmpty()) {
            List<String> messages = new ArrayList<>();
            problems.stream().sorted(Comparator.comparingInt(Finding::rule))
                    .forEach(f -> messages.add(f.message()));
            throw new RulesException("rules do not fit schema " + input, messages);
        }
        return new Plan(rules, input, Schema.of(working), ids, steps, missing,
                insertFills.toArray(new MissingStep.Fill[0]), exact, key, groupFills, outliers, fresh, periods, clock);
    }

    /** Resolves a column and checks its current type; -1 after recording a problem. */
    int column(int rule, String name, Set<ColumnType> types, String needs) {
        if (!input.contains(name)) {
            problems.add(new Finding(rule, "rule '" + ids.get(rule) + "': unknown column '" + name + "'"
                    + Suggestions.didYouMean(name, input.names())));
            return -1;
        }
        int c = input.indexOf(name);
        ColumnType t = working.get(c).type();
        if (types != null && !types.contains(t)) {
            problems.add(new Finding(rule, "rule '" + ids.get(rule) + "': column '" + name + "' is " + t + ", but the rule needs " + needs));
            return -1;
        }
        return c;
    }

    private int[] columns(int rule, List<String> names) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = column(rule, names.get(i), null, null);
        }
        return out;
    }

    private Step timeZone(int i, TimeZoneRule t) {
        int c = column(i, t.column(), EnumSet.of(ColumnType.TEXT, ColumnType.CATEGORY, ColumnType.TIMESTAMP),
                "TEXT, CATEGORY or TIMESTAMP");
        int z = t.zoneColumn() == null ? -1 : column(i, t.zoneColumn(), TEXTS, "TEXT or CATEGORY");
        if (c < 0 || working.get(c).type() == ColumnType.TIMESTAMP) {
            return null;
        }
        working.set(c, Column.of(working.get(c).name(), ColumnType.TIMESTAMP));
        return new TimeZoneStep(i, c, z, t);
    }

    private Step unit(int i, UnitRule u) {
        if (u.parseType() != null) {
            int c = column(i, u.column(), EnumSet.of(ColumnType.TEXT, ColumnType.CATEGORY, ColumnType.INTEGER,
                    ColumnType.DECIMAL), "TEXT, CATEGORY or a number");
            if (c < 0 || NUMBERS.contains(working.get(c).type())) {
                return null;
            }
            String name = working.get(c).name();
            working.set(c, u.converts() ? Column.of(name, ColumnType.DECIMAL)
                    : new Column(name, u.parseType(), u.parseScale()));
            return new UnitStep(i, c, u, true);
        }
        int c = column(i, u.column(), NUMBERS, "INTEGER or DECIMAL (or set parse for text)");
        if (c < 0 || !u.converts()) {
            return null;
        }
        working.set(c, Column.of(working.get(c).name(), ColumnType.DECIMAL));
        return new UnitStep(i, c, u, false);
    }

    private Step currency(int i, CurrencyRule cr) {
        int c = column(i, cr.column(), NUMBERS, "INTEGER or DECIMAL");
        int cc = column(i, cr.currencyColumn(), TEXTS, "TEXT or CATEGORY");
        int d = cr.dateColumn() == null ? -1 : column(i, cr.dateColumn(), TIMES, "TIMESTAMP or DATE");
        if (c < 0 || cc < 0 || (cr.dateColumn() != null && d < 0)) {
            return null;
        }
        boolean ts = d >= 0 && working.get(d).type() == ColumnType.TIMESTAMP;
        working.set(c, Column.decimal(working.get(c).name(), cr.scale()));
        return new CurrencyStep(i, c, cc, d, ts, cr);
    }

    private void missing(int i, MissingValueRule m, List<Step> steps, List<MissingStep.Fill> insert,
            List<Plan.GroupFill> groups) {
        int c = column(i, m.column(), null, null);
        if (c < 0) {
            return;
        }
        Column col = working.get(c);
        switch (m.strategy()) {
            case QUARANTINE:
            case LEAVE:
                steps.add(new MissingStep(new MissingStep.Fill(i, c, m.strategy(), 0, 0, null)));
                return;
            case CONSTANT:
            case ZERO: {
                MissingStep.Fill f = fill(i, m, col, c);
                if (f != null) {
                    steps.add(new MissingStep(f));
                    insert.add(f);
                }
                return;
            }
            default:
                break;
        }
        if (m.strategy() != MissingValueRule.Strategy.FORWARD_FILL && !NUMBERS.contains(col.type())) {
            problems.add(new Finding(i, "rule '" + ids.get(i) + "': column '" + col.name() + "' is " + col.type()
                    + ", but " + m.strategy() + " needs INTEGER or DECIMAL"));
            return;
        }
        int[] g = columns(i, m.groupBy());
        int o = m.orderBy() == null ? -1 : column(i, m.orderBy(), m.timeWeighted() ? EnumSet.of(ColumnType.TIMESTAMP,
                ColumnType.DATE, ColumnType.INTEGER, ColumnType.DECIMAL) : null, "a time or a number");
        groups.add(new Plan.GroupFill(i, c, m.strategy(), g, o, m.limit(), m.insideOnly(), m.timeWeighted()));
    }

    private MissingStep.Fill fill(int i, MissingValueRule m, Column col, int c) {
        String where = "rule '" + ids.get(i) + "': ";
        Object v = m.value();
        ColumnType t = col.type();
        try {
            if (m.strategy() == MissingValueRule.Strategy.ZERO) {
                if (!NUMBERS.contains(t) && t != ColumnType.BOOLEAN) {
                    problems.add(new Finding(i, where + "column '" + col.name() + "' is " + t + ", but ZERO needs a number or a"
                            + " boolean"));
                    return null;
                }
                return new MissingStep.Fill(i, c, m.strategy(), 0, 0, null);
            }
            switch (t) {
                case TEXT:
                case CATEGORY:
                    if (v instanceof String s) {
                        return new MissingStep.Fill(i, c, m.strategy(), 0, 0, s);
                    }
                    break;
                case BOOLEAN:
                    if (v instanceof Boolean b) {
                        return new MissingStep.Fill(i, c, m.strategy(), b ? 1 : 0, 0, null);
                    }
                    break;
                case INTEGER:
                    if (v instanceof BigDecimal d) {
                        return new MissingStep.Fill(i, c, m.strategy(), d.longValueExact(), 0, null);
                    }
                    break;
                case DECIMAL:
                    if (v instanceof BigDecimal d) {
                        return col.isExactDecimal()
                                ? new MissingStep.Fill(i, c, m.strategy(), d.setScale(col.scale(), RoundingMode.UNNECESSARY)
                                        .unscaledValue().longValueExact(), 0, null)
                                : new MissingStep.Fill(i, c, m.strategy(), 0, d.doubleValue(), null);
                    }
                    break;
                case TIMESTAMP:
                    if (v instanceof String s) {
                        Instant at = Instant.parse(s);
                        return new MissingStep.Fill(i, c, m.strategy(), Math.addExact(Math.multiplyExact(
                                at.getEpochSecond(), 1_000_000L), at.getNano() / 1000), 0, null);
                    }
                    break;
                default:
                    if (v instanceof String s) {
                        return new MissingStep.Fill(i, c, m.strategy(), LocalDate.parse(s).toEpochDay(), 0, null);
                    }
                    break;
            }
        } catch (ArithmeticException | DateTimeParseException e) {
            problems.add(new Finding(i, where + "value " + v + " does not fit column '" + col.name() + "' (" + col + ")"));
            return null;
        }
        problems.add(new Finding(i, where + "value " + (v instanceof String ? "'" + v + "'" : v) + " does not fit column '"
                + col.name() + "' of type " + t));
        return null;
    }
}
