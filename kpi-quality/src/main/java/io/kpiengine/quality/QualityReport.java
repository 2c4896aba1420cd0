package io.kpiengine.quality;

import io.kpiengine.quality.internal.ReportJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The exact account of one cleaning run: what happened to every row, per-rule counts, the changes, the
 * quarantined rows with their reasons, the merged duplicates with the rows they merged into, scores per
 * {@link Dimension} and the {@link GateStatus} those scores give under the rules' {@link Threshold}s.
 *
 * <pre>{@code
 * QualityReport report = clean.report();
 * if (report.status() == GateStatus.FAIL) { ... }
 * Files.writeString(Path.of("report.json"), report.toJson());
 * }</pre>
 *
 * <p><b>Invariant</b> (checked when the report is made): {@code inputRows + insertedRows = cleanRows +
 * quarantinedRows + mergedRows}, where input rows include the records the reader could not read (counted as
 * quarantined, rule {@code "read"}).
 *
 * <p><b>Bounded memory.</b> Counts are always exact. Each detail list keeps at most
 * {@link QualityRules#reportLimit()} entries, those with the smallest row numbers (so the kept entries do not
 * depend on batch size or on how the input was split), and {@link Details#total()} tells how many there were.
 *
 * <p><b>Scores</b>, each in 0..1 and only for dimensions that something measured:
 * <ul>
 *   <li>completeness = the smaller of (1 - missing cells / cells, over every column of every read row, before any
 *       fill) and (periods meeting expected rows and date spines / periods checked);</li>
 *   <li>uniqueness = 1 - merged duplicates / rows that reached duplicate detection (needs a duplicates rule);</li>
 *   <li>validity = 1 - (unreadable records + rows with a range, allowed-value, pattern or outlier finding) /
 *       input rows;</li>
 *   <li>consistency = 1 - rows with a condition, currency, unit or time-zone finding, or merged as a
 *       conflicting duplicate / input rows (needs such a rule);</li>
 *   <li>timeliness = the smallest over freshness rules of (1 if fresh, else maxAge / age; 0 without data).</li>
 * </ul>
 *
 * <p>The JSON form ({@link #toJson()}) is documented in {@code docs/quality-rules.md}. Instances are immutable
 * and thread-safe.
 */
public final class QualityReport {

    /**
     * One changed value.
     *
     * @param row the source row (0 for a row inserted by a date spine)
     * @param column the column
     * @param oldValue the value before, as text, or null when missing
     * @param newValue the value after, as text, or null when missing
     * @param rule the id of the rule that changed it
     */
    public record Change(long row, String column, @Nullable String oldValue, @Nullable String newValue,
            String rule) {
    }

    /**
     * One quarantined row.
     *
     * @param row the source row
     * @param rule the id of the rule that removed it, or {@code "read"} for records the reader could not read
     * @param reason why, naming the column, the value and the rule
     */
    public record Quarantined(long row, String rule, String reason) {
    }

    /**
     * One row removed as a duplicate.
     *
     * @param row the removed row
     * @param into the row it was merged into (the kept row)
     * @param rule the id of the duplicates rule
     * @param conflict whether the two rows differ outside the key
     */
    public record Merge(long row, long into, String rule, boolean conflict) {
    }

    /**
     * Two rows with the same key and different values: both versions, column by column.
     *
     * @param rule the id of the duplicates rule
     * @param keptRow the row that was kept
     * @param otherRow the row that was merged into it
     * @param kept the kept row's values as text (null = missing)
     * @param other the merged row's values as text
     */
    public record Conflict(String rule, long keptRow, long otherRow, Map<String, String> kept,
            Map<String, String> other) {

        /**
         * Copies the maps.
         *
         * @param rule the id of the duplicates rule
         * @param keptRow the row that was kept
         * @param otherRow the row that was merged into it
         * @param kept the kept row's values as text (null = missing)
         * @param other the merged row's values as text
         */
        public Conflict {
            kept = Collections.unmodifiableMap(new LinkedHashMap<>(kept));
            other = Collections.unmodifiableMap(new LinkedHashMap<>(other));
        }
    }

    /**
     * One finding that kept its row: a flagged invalid value or outlier.
     *
     * @param row the source row
     * @param column the column, or null for a condition over several columns
     * @param value the value as text
     * @param rule the rule id
     * @param reason what is wrong
     */
    public record Flag(long row, @Nullable String column, String value, String rule, String reason) {
    }

    /**
     * One period with fewer rows than expected, or missing from a date spine.
     *
     * @param rule the rule id
     * @param group the group's values by column (empty without groups)
     * @param period the period's start, ISO-8601 local date or date-time
     * @param rows the rows the period has
     * @param expected the rows it should have at least
     * @param inserted whether a date spine inserted a row for it
     */
    public record Period(String rule, Map<String, String> group, String period, long rows, long expected,
            boolean inserted) {

        /**
         * Copies the map.
         *
         * @param rule the rule id
         * @param group the group's values by column (empty without groups)
         * @param period the period's start, ISO-8601 local date or date-time
         * @param rows the rows the period has
         * @param expected the rows it should have at least
         * @param inserted whether a date spine inserted a row for it
         */
        public Period {
            group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
        }
    }

    /**
     * The result of a freshness rule.
     *
     * @param rule the rule id
     * @param newest the newest value among clean rows, or null without any
     * @param checkedAt the clock's time of the check
     * @param age the age of the newest value, or null without any
     * @param maxAge the largest acceptable age
     * @param fresh whether the data is fresh
     */
    public record Freshness(String rule, @Nullable Instant newest, Instant checkedAt, @Nullable Duration age,
            Duration maxAge,
            boolean fresh) {
    }

    /**
     * The counts of one rule.
     *
     * @param rule the rule id
     * @param kind the rule type, such as {@code "range"}
     * @param dimension the dimension it feeds
     * @param changed values changed
     * @param quarantined rows quarantined
     * @param flagged findings that kept their row
     * @param merged rows merged into another
     * @param details further counts by name (DST gaps and overlaps, conflicts, unfilled values, missing periods,
     *     inserted rows, ...), only the non-zero ones
     */
    public record RuleResult(String rule, String kind, Dimension dimension, long changed, long quarantined,
            long flagged, long merged, Map<String, Long> details) {

        /**
         * Copies the map.
         *
         * @param rule the rule id
         * @param kind the rule type, such as {@code "range"}
         * @param dimension the dimension it feeds
         * @param changed values changed
         * @param quarantined rows quarantined
         * @param flagged findings that kept their row
         * @param merged rows merged into another
         * @param details further counts by name (DST gaps and overlaps, conflicts, unfilled values, missing periods,
         *     inserted rows, ...), only the non-zero ones
         */
        public RuleResult {
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    /**
     * The score of one dimension and its verdict.
     *
     * @param dimension the dimension
     * @param measured whether any rule or count measured it; unmeasured dimensions pass
     * @param value the score in 0..1 (1 when unmeasured)
     * @param threshold the thresholds applied
     * @param status the verdict of this dimension
     */
    public record Score(Dimension dimension, boolean measured, double value, Threshold threshold, GateStatus status) {
    }

    /**
     * A capped list of entries and the exact number there were.
     *
     * @param items at most the report limit of entries, by ascending row
     * @param total how many entries there were in all
     * @param <T> the entry type
     */
    public record Details<T>(List<T> items, long total) {

        /**
         * Copies the list.
         *
         * @param items at most the report limit of entries, by ascending row
         * @param total how many entries there were in all
         */
        public Details {
            items = List.copyOf(items);
        }

        /**
         * How many entries were left out of {@link #items()}.
         *
         * @return total minus the kept entries
         */
        public long omitted() {
            return total - items.size();
        }
    }

    /**
     * The row counts of a run.
     *
     * @param input rows and unreadable records that came from the source
     * @param readerRejects records the reader could not read (part of quarantined)
     * @param clean rows in the clean output
     * @param quarantined rows removed to the quarantine, with reader rejects
     * @param merged rows removed as duplicates
     * @param inserted rows a date spine added
     */
    public record Counts(long input, long readerRejects, long clean, long quarantined, long merged, long inserted) {

        /**
         * Checks the invariant.
         *
         * @param input rows and unreadable records that came from the source
         * @param readerRejects records the reader could not read (part of quarantined)
         * @param clean rows in the clean output
         * @param quarantined rows removed to the quarantine, with reader rejects
         * @param merged rows removed as duplicates
         * @param inserted rows a date spine added
         * @throws IllegalStateException if {@code input + inserted != clean + quarantined + merged}
         */
        public Counts {
            if (input + inserted != clean + quarantined + merged) {
                throw new IllegalStateException("account does not balance: input " + input + " + inserted " + inserted
                        + " != clean " + clean + " + quarantined " + quarantined + " + merged " + merged);
            }
        }
    }

    private final String source;
    private final Instant checkedAt;
    private final Counts counts;
    private final Map<Dimension, Score> scores;
    private final GateStatus status;
    private final List<RuleResult> rules;
    private final Details<Change> changes;
    private final Details<Quarantined> quarantined;
    private final Details<Merge> merges;
    private final Details<Conflict> conflicts;
    private final Details<Flag> flags;
    private final Details<Period> periods;
    private final List<Freshness> freshness;

    /**
     * Assembles a report; used by the cleaner.
     *
     * @param source the source name
     * @param checkedAt when the run ended, by the cleaner's clock
     * @param counts the row counts (balanced)
     * @param scores the score of every dimension
     * @param rules the counts of every rule, in rule order
     * @param changes changed values
     * @param quarantined quarantined rows
     * @param merges merged duplicates
     * @param conflicts conflicting duplicates
     * @param flags flagged findings
     * @param periods short or missing periods
     * @param freshness freshness results
     */
    public QualityReport(String source, Instant checkedAt, Counts counts, Map<Dimension, Score> scores,
            List<RuleResult> rules, Details<Change> changes, Details<Quarantined> quarantined, Details<Merge> merges,
            Details<Conflict> conflicts, Details<Flag> flags, Details<Period> periods, List<Freshness> freshness) {
        this.source = Objects.requireNonNull(source, "source");
        this.checkedAt = Objects.requireNonNull(checkedAt, "checkedAt");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        this.rules = List.copyOf(rules);
        this.changes = Objects.requireNonNull(changes, "changes");
        this.quarantined = Objects.requireNonNull(quarantined, "quarantined");
        this.merges = Objects.requireNonNull(merges, "merges");
        this.conflicts = Objects.requireNonNull(conflicts, "conflicts");
        this.flags = Objects.requireNonNull(flags, "flags");
        this.periods = Objects.requireNonNull(periods, "periods");
        this.freshness = List.copyOf(freshness);
        GateStatus worst = GateStatus.PASS;
        for (Score s : this.scores.values()) {
            if (s.status().compareTo(worst) > 0) {
                worst = s.status();
            }
        }
        this.status = worst;
    }

    /**
     * The source name.
     *
     * @return the name of the cleaned source
     */
    public String source() {
        return source;
    }

    /**
     * When the run ended, by the cleaner's clock.
     *
     * @return the instant
     */
    public Instant checkedAt() {
        return checkedAt;
    }

    /**
     * The verdict: the worst status of any dimension.
     *
     * @return PASS, WARN or FAIL
     */
    public GateStatus status() {
        return status;
    }

    /**
     * The row counts.
     *
     * @return the balanced counts
     */
    public Counts counts() {
        return counts;
    }

    /**
     * The score of every dimension, in {@link Dimension} order.
     *
     * @return an unmodifiable map
     */
    public Map<Dimension, Score> scores() {
        return scores;
    }

    /**
     * The counts of every rule, in rule order.
     *
     * @return an immutable list
     */
    public List<RuleResult> rules() {
        return rules;
    }

    /**
     * The counts of one rule.
     *
     * @param id the rule id
     * @return the counts
     * @throws IllegalArgumentException if there is no such rule
     */
    public RuleResult rule(String id) {
        for (RuleResult r : rules) {
            if (r.rule().equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no rule '" + id + "' in report; rules are " + rules.stream()
                .map(RuleResult::rule).toList());
    }

    /**
     * Changed values.
     *
     * @return the capped list
     */
    public Details<Change> changes() {
        return changes;
    }

    /**
     * Quarantined rows, with reader rejects.
     *
     * @return the capped list
     */
    public Details<Quarantined> quarantined() {
        return quarantined;
    }

    /**
     * Rows merged into another as duplicates.
     *
     * @return the capped list
     */
    public Details<Merge> merges() {
        return merges;
    }

    /**
     * Duplicates by key whose other values differ.
     *
     * @return the capped list
     */
    public Details<Conflict> conflicts() {
        return conflicts;
    }

    /**
     * Findings that kept their rows (FLAG actions, outliers).
     *
     * @return the capped list
     */
    public Details<Flag> flags() {
        return flags;
    }

    /**
     * Periods with fewer rows than expected or missing from a date spine.
     *
     * @return the capped list
     */
    public Details<Period> periods() {
        return periods;
    }

    /**
     * The results of freshness rules.
     *
     * @return an immutable list
     */
    public List<Freshness> freshness() {
        return freshness;
    }

    /**
     * The report as JSON (schema in {@code docs/quality-rules.md}), pretty-printed, fields in a fixed order.
     *
     * @return the JSON text
     */
    public String toJson() {
        return ReportJson.write(this);
    }

    @Override
    public String toString() {
        return "QualityReport[" + source + ", " + status + ", " + counts + "]";
    }
}
