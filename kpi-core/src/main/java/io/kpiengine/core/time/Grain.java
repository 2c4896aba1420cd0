package io.kpiengine.core.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The size of a time bucket: the unit in which KPIs are reported.
 *
 * <p>All grains are measured in the business time zone of a {@link BusinessCalendar}. Calendar grains follow the
 * ISO calendar; {@link #WEEK} is the ISO-8601 week (Monday to Sunday, week 1 holds the year's first Thursday);
 * the fiscal grains start at the calendar's fiscal start month.
 *
 * <pre>{@code
 * Grain g = Grain.parse("fiscal-quarter");   // FISCAL_QUARTER
 * g.id();                                     // "fiscal_quarter"
 * }</pre>
 */
public enum Grain {
    /** One clock hour in the business zone; DST days have 23 or 25 of them. Text: {@code 2025-03-14T09}. */
    HOUR("2025-03-14T09"),
    /** One calendar day in the business zone, from its first valid instant. Text: {@code 2025-03-14}. */
    DAY("2025-03-14"),
    /** One ISO-8601 week, Monday to Sunday, named by its week-based year. Text: {@code 2025-W09}. */
    WEEK("2025-W09"),
    /** One calendar month. Text: {@code 2025-03}. */
    MONTH("2025-03"),
    /** One calendar quarter (January, April, July, October). Text: {@code 2025-Q1}. */
    QUARTER("2025-Q1"),
    /** One calendar year. Text: {@code 2025}. */
    YEAR("2025"),
    /** One quarter of the fiscal year. Text: {@code FY2025-Q2}. */
    FISCAL_QUARTER("FY2025-Q2"),
    /** One fiscal year, starting at the calendar's fiscal start month. Text: {@code FY2025}. */
    FISCAL_YEAR("FY2025"),
    /**
     * The whole range of an evaluation as one period: from the first to the last day with data, or the range fixed
     * with {@code --from}/{@code --to}. Text: the first and last date as an ISO-8601 interval,
     * {@code 2025-01-01/2025-12-31}. Every grain nests in it; its periods have no neighbours, so {@code lag},
     * {@code last_year}, {@code trailing} and {@code to_date} do not apply. An engine computes it from a state kept
     * at a finer grain (day by default).
     */
    WHOLE_RANGE("2025-01-01/2025-12-31");

    private final String example;

    Grain(String example) {
        this.example = example;
    }

    /**
     * The grain's name in documents: lower case with underscores, e.g. {@code fiscal_quarter}.
     *
     * @return the identifier
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * An example of the canonical text of a period of this grain, e.g. {@code 2025-W09}.
     *
     * @return the example text
     */
    public String example() {
        return example;
    }

    /**
     * Whether this grain depends on the fiscal start month.
     *
     * @return true for {@link #FISCAL_QUARTER} and {@link #FISCAL_YEAR}
     */
    public boolean isFiscal() {
        return this == FISCAL_QUARTER || this == FISCAL_YEAR;
    }

    /**
     * Whether periods of this grain are whole local days (every grain except {@link #HOUR}).
     *
     * @return true unless this is HOUR
     */
    public boolean isDateBased() {
        return this != HOUR;
    }

    /**
     * The grain named by a text, case-insensitively, with {@code -} and spaces read as {@code _}.
     *
     * @param text e.g. {@code "day"}, {@code "Fiscal-Year"}
     * @return the grain, or empty if the text names none
     * @throws NullPointerException if text is null
     */
    public static Optional<Grain> find(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Grain g : values()) {
            if (g.name().equals(key)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /**
     * The grain named by a text, as {@link #find(String)}, or an exception naming the allowed names.
     *
     * @param text e.g. {@code "month"}
     * @return the grain
     * @throws NullPointerException if text is null
     * @throws IllegalArgumentException if the text names no grain; the message lists the grains
     */
    public static Grain parse(String text) {
        return find(text).orElseThrow(() -> new IllegalArgumentException(
                "grain must be one of " + ids() + ", but was '" + text + "'"));
    }

    /**
     * The identifiers of all grains, finest first.
     *
     * @return e.g. {@code [hour, day, week, ...]}
     */
    public static List<String> ids() {
        List<String> out = new ArrayList<>();
        for (Grain g : values()) {
            out.add(g.id());
        }
        return List.copyOf(out);
    }
}
