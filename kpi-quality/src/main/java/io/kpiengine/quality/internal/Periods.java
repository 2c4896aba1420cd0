package io.kpiengine.quality.internal;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Periods of expected-rows and date-spine rules: the key of a value's period, the evaluation of the counts at
 * the end, and the rows a filling date spine inserts.
 *
 * <p><b>Bounded.</b> A group's periods from its first to its last (or the rule's {@code from}..{@code to}) are
 * counted up to {@link io.kpiengine.quality.QualityRules#maxPeriods()} before any is checked; a longer run fails the
 * cleaning, naming the periods whose rows lie far from the rest (the side with fewer rows of the widest gap
 * between two periods with rows), instead of reporting or inserting every period of a mistyped millennium.
 */
final class Periods {

    /**
     * A period that has fewer rows than expected (a missing period has none).
     *
     * @param rule the rule index
     * @param group the group values as text
     * @param period the local start of the period
     * @param rows rows in the period
     * @param expected rows expected at least
     * @param inserted whether a row is inserted for it
     */
    record Finding(int rule, List<String> group, LocalDateTime period, long rows, long expected, boolean inserted) {
    }

    private Periods() {
    }

    /** Computes period keys (local epoch second of the period start) of raw values, with a small cache. */
    static final class Keys {
        private final Plan.PeriodSpec spec;
        private final long[] cacheIn = new long[1024];
        private final long[] cacheOut = new long[1024];

        Keys(Plan.PeriodSpec spec) {
            this.spec = spec;
            Arrays.fill(cacheIn, Long.MIN_VALUE);
        }

        long key(long value) {
            long bucket = spec.date() ? value : Math.floorDiv(value, 900_000_000L);
            int slot = (int) (bucket & 1023);
            if (cacheIn[slot] == bucket) {
                return cacheOut[slot];
            }
            LocalDateTime local = spec.date() ? LocalDate.ofEpochDay(value).atStartOfDay()
                    : LocalDateTime.ofInstant(Instant.ofEpochSecond(bucket * 900), spec.zone());
            long k = spec.grain().start(local).toEpochSecond(ZoneOffset.UTC);
            cacheIn[slot] = bucket;
            cacheOut[slot] = k;
            return k;
        }
    }

    static LocalDateTime local(long key) {
        return LocalDateTime.ofEpochSecond(key, 0, ZoneOffset.UTC);
    }

    /**
     * Evaluates the counts of every period rule into the account's findings and period scores.
     *
     * @throws io.kpiengine.quality.CleaningException if a group spans more periods than the rules allow
     */
    static void evaluate(Plan plan, Account a, String source) {
        a.periodFindings.clear();
        for (int i = 0; i < plan.periods.size(); i++) {
            Plan.PeriodSpec spec = plan.periods.get(i);
            List<Finding> findings = new ArrayList<>();
            List<Map.Entry<List<String>, TreeMap<Long, long[]>>> groups = new ArrayList<>(a.periods[i].groups.entrySet());
            groups.sort(Comparator.comparing(e -> e.getKey().toString()));
            for (Map.Entry<List<String>, TreeMap<Long, long[]>> g : groups) {
                TreeMap<Long, long[]> counts = g.getValue();
                LocalDateTime first = spec.from() != null ? spec.grain().start(spec.from().atStartOfDay())
                        : local(counts.firstKey());
                LocalDateTime last = spec.to() != null ? spec.grain().start(spec.to().atStartOfDay())
                        : local(counts.lastKey());
                checkSpan(plan, spec, g.getKey(), counts, first, last, source);
                for (LocalDateTime p = first; !p.isAfter(last); p = spec.grain().next(p)) {
                    long[] c = counts.get(p.toEpochSecond(ZoneOffset.UTC));
                    long rows = c == null ? 0 : c[0];
                    a.periodsChecked++;
                    if (rows >= spec.minRows()) {
                        a.periodsOk++;
                    } else {
                        findings.add(new Finding(spec.rule(), g.getKey(), p, rows, spec.minRows(),
                                spec.spine() && spec.fill()));
                    }
                }
            }
            a.periodFindings.add(findings);
            a.detail(spec.rule(), spec.spine() ? "missingPeriods" : "shortPeriods", findings.size());
        }
    }

    /** Refuses a group whose periods from first to last are more than the rules allow. */
    private static void checkSpan(Plan plan, Plan.PeriodSpec spec, List<String> group, NavigableMap<Long, long[]> counts,
            LocalDateTime first, LocalDateTime last, String source) {
        int max = plan.rules.maxPeriods();
        long n = 0;
        for (LocalDateTime p = first; !p.isAfter(last); p = spec.grain().next(p)) {
            if (++n > max) {
                String rule = plan.ruleIds.get(spec.rule());
                String where = "rule '" + rule + "'" + (group.isEmpty() ? "" : " (group " + group + ")")
                        + ": the periods from " + first + " to " + last + " are more than the limit of "
                        + String.format(java.util.Locale.ROOT, "%,d", max) + " (maxPeriods in the rules)";
                String why = spec.from() != null && spec.to() != null ? "; choose a shorter from..to"
                        : ": " + stretch(counts) + "; correct those dates, or give the rule from/to";
                throw new io.kpiengine.quality.CleaningException(source, where + why);
            }
        }
    }

    /**
     * The rows that stretch a run of periods: the side with fewer rows of the widest gap between two periods with
     * rows, e.g. {@code 3 rows in 0205-02-03T00:00 are 664,740 days before the other 28 rows (2025-02-01T00:00 to
     * 2025-02-28T00:00)}.
     */
    private static String stretch(NavigableMap<Long, long[]> counts) {
        Long[] keys = counts.keySet().toArray(new Long[0]);
        if (keys.length < 2) {
            return "the rows span " + local(keys[0]);
        }
        int gap = 0;
        for (int i = 1; i + 1 < keys.length; i++) {
            if (keys[i + 1] - keys[i] > keys[gap + 1] - keys[gap]) {
                gap = i;
            }
        }
        long left = 0;
        long right = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i <= gap) {
                left += counts.get(keys[i])[0];
            } else {
                right += counts.get(keys[i])[0];
            }
        }
        long days = (keys[gap + 1] - keys[gap]) / 86_400;
        boolean before = left <= right;
        String few = before ? span(keys, 0, gap) : span(keys, gap + 1, keys.length - 1);
        String rest = before ? span(keys, gap + 1, keys.length - 1) : span(keys, 0, gap);
        long n = before ? left : right;
        long others = before ? right : left;
        return String.format(java.util.Locale.ROOT, "%,d row%s in %s %s %,d days %s the other %,d row%s (%s)", n,
                n == 1 ? "" : "s", few, n == 1 ? "is" : "are", days, before ? "before" : "after", others,
                others == 1 ? "" : "s", rest);
    }

    private static String span(Long[] keys, int from, int to) {
        return from == to ? local(keys[from]).toString() : local(keys[from]) + " to " + local(keys[to]);
    }

    /** The rows that filling date spines insert, with constant fills applied; null if none. */
    static Table insert(Plan plan, Account a) {
        List<Finding> rows = new ArrayList<>();
        List<Plan.PeriodSpec> specs = new ArrayList<>();
        for (int i = 0; i < plan.periods.size(); i++) {
            for (Finding f : a.periodFindings.get(i)) {
                if (f.inserted()) {
                    rows.add(f);
                    specs.add(plan.periods.get(i));
                }
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        Schema schema = plan.output;
        Table t = Table.empty(schema, rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Finding f = rows.get(r);
            Plan.PeriodSpec spec = specs.get(r);
            Col time = t.cols[spec.column()];
            time.clearNull(r);
            time.longs[r] = spec.date() ? f.period().toLocalDate().toEpochDay()
                    : micros(ZonedDateTime.ofLocal(f.period(), spec.zone(), null).toInstant());
            for (int g = 0; g < spec.groupBy().length; g++) {
                set(t.cols[spec.groupBy()[g]], schema.column(spec.groupBy()[g]), r, f.group().get(g));
            }
            for (MissingStep.Fill fill : plan.insertFills) {
                Col c = t.cols[fill.column()];
                if (c.isNull(r)) {
                    fill.write(c, r);
                }
            }
            a.detail(spec.rule(), "inserted", 1);
        }
        a.inserted += rows.size();
        return t;
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    /** Writes a value given as report text back into a loaded column. */
    private static void set(Col c, Column column, int r, String text) {
        if (text == null) {
            c.setNull(r);
            return;
        }
        c.clearNull(r);
        ColumnType t = column.type();
        switch (t) {
            case TEXT:
                c.texts[r] = text;
                break;
            case CATEGORY:
                c.codes[r] = c.dict.encode(text);
                break;
            case DECIMAL:
                if (column.isExactDecimal()) {
                    c.longs[r] = new BigDecimal(text).setScale(column.scale(), RoundingMode.UNNECESSARY)
                            .unscaledValue().longValueExact();
                } else {
                    c.doubles[r] = Double.parseDouble(text);
                }
                break;
            case BOOLEAN:
                c.longs[r] = Boolean.parseBoolean(text) ? 1 : 0;
                break;
            case TIMESTAMP:
                c.longs[r] = micros(Instant.parse(text));
                break;
            case DATE:
                c.longs[r] = LocalDate.parse(text).toEpochDay();
                break;
            default:
                c.longs[r] = Long.parseLong(text);
                break;
        }
    }
}
