package io.kpiengine.quality.internal;

import io.kpiengine.quality.AllowedValuesRule;
import io.kpiengine.quality.ConditionRule;
import io.kpiengine.quality.CurrencyRule;
import io.kpiengine.quality.DuplicateRule;
import io.kpiengine.quality.MissingValueRule;
import io.kpiengine.quality.RangeRule;
import io.kpiengine.quality.Rule;
import io.kpiengine.quality.TimeZoneRule;
import io.kpiengine.quality.UnitRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks that span several rules of a set, independent of any schema: unique ids, one rule of a kind per
 * column where two would contradict each other, units that fit money, formulas that compile.
 */
public final class Consistency {

    /**
     * One problem, about the rule at an index.
     *
     * @param rule the index of the rule in the set
     * @param message what is wrong
     */
    public record Finding(int rule, String message) {
    }

    private Consistency() {
    }

    /**
     * Every inconsistency of a rule set.
     *
     * @param rules the rules in declaration order
     * @return the findings, empty when consistent
     */
    public static List<Finding> check(List<Rule> rules) {
        List<Finding> out = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> single = new HashMap<>();
        Map<String, Integer> money = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            Integer first = ids.putIfAbsent(r.id(), i);
            if (first != null) {
                out.add(new Finding(i, "rule id '" + r.id() + "' is used by rules " + (first + 1) + " and " + (i + 1)
                        + "; give one of them another id"));
            }
            String key = singleKey(r);
            if (key != null) {
                Integer other = single.putIfAbsent(key, i);
                if (other != null) {
                    out.add(new Finding(i, "rule '" + r.id() + "' contradicts rule '" + rules.get(other).id()
                            + "': only one " + key + " is allowed"));
                }
            }
            if (r instanceof CurrencyRule c) {
                money.put(c.column(), i);
            }
            if (r instanceof ConditionRule c) {
                String problem = Conditions.compileProblem(c.formula());
                if (problem != null) {
                    out.add(new Finding(i, "rule '" + r.id() + "': " + problem));
                }
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof MissingValueRule m && m.strategy() == MissingValueRule.Strategy.CONSTANT) {
                for (Rule other : rules) {
                    String problem = fillProblem(m, other);
                    if (problem != null) {
                        out.add(new Finding(i, "rule '" + m.id() + "': " + problem));
                    }
                }
            }
            if (rules.get(i) instanceof UnitRule u && money.containsKey(u.column())) {
                out.add(new Finding(i, "rule '" + u.id() + "': column '" + u.column() + "' is money (rule '"
                        + rules.get(money.get(u.column())).id() + "') and cannot also have the unit "
                        + u.unit().symbols().get(0)));
            }
        }
        return out;
    }

    /** Why a constant fill breaks another rule of its column (so that cleaning would not be idempotent). */
    private static String fillProblem(MissingValueRule m, Rule other) {
        if (other instanceof AllowedValuesRule a && a.column().equals(m.column()) && m.value() instanceof String v
                && !a.apply(v).filter(v::equals).isPresent()) {
            return "fill value '" + v + "' is not an allowed normal value of rule '" + a.id() + "'";
        }
        if (other instanceof RangeRule r && r.column().equals(m.column()) && m.value() instanceof BigDecimal v
                && ((r.min() != null && v.compareTo(r.min()) < 0) || (r.max() != null && v.compareTo(r.max()) > 0))) {
            return "fill value " + v.toPlainString() + " is outside the range of rule '" + r.id() + "'";
        }
        return null;
    }

    private static String singleKey(Rule r) {
        if (r instanceof MissingValueRule m) {
            return "missing-value rule for column '" + m.column() + "'";
        }
        if (r instanceof UnitRule u) {
            return "unit rule for column '" + u.column() + "'";
        }
        if (r instanceof CurrencyRule c) {
            return "currency rule for column '" + c.column() + "'";
        }
        if (r instanceof TimeZoneRule t) {
            return "time-zone rule for column '" + t.column() + "'";
        }
        if (r instanceof DuplicateRule d) {
            return d.isExact() ? "exact-duplicates rule" : "key-duplicates rule";
        }
        return null;
    }
}
