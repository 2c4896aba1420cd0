package io.kpiengine.analysis;

import io.kpiengine.base.KpiException;
import java.util.Objects;

/**
 * The failure of a statistic on its input data: a series too short for the lag or period asked, a missing point under
 * {@link MissingPolicy#ERROR}, a value a method cannot take (a zero under LMDI, a negative value under a
 * multiplicative decomposition).
 *
 * <p>The message is {@code "<statistic>: <input> <reason>"}, for instance
 * {@code "ccf: series 'revenue' has 10 points; maxLag 12 needs at least 14"}; the three parts are also available as
 * accessors so that a program can act on them without parsing the text.
 *
 * <p>A statistic that is merely undefined on valid input (the correlation of a constant series) is not an exception:
 * its result carries no value and the reason, see {@link Figure}.
 */
public final class AnalysisException extends KpiException {

    private static final long serialVersionUID = 1L;

    /** The statistic that failed. */
    private final String statistic;
    /** The input it could not use. */
    private final String input;
    /** Why, with the rule. */
    private final String reason;

    AnalysisException(String statistic, String input, String reason) {
        super(statistic + ": " + input + " " + reason);
        this.statistic = Objects.requireNonNull(statistic, "statistic");
        this.input = Objects.requireNonNull(input, "input");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns the statistic that failed, as named in the message.
     *
     * @return the statistic, for instance {@code "ccf"}, {@code "granger"} or {@code "seasonal decomposition"}
     */
    public String statistic() {
        return statistic;
    }

    /**
     * Returns the input the statistic could not use.
     *
     * @return the input, for instance {@code "series 'revenue'"} or {@code "driver 'conversion'"}
     */
    public String input() {
        return input;
    }

    /**
     * Returns why the statistic could not use its input, with the rule that was broken.
     *
     * @return the reason, for instance {@code "has 10 points; maxLag 12 needs at least 14"}
     */
    public String reason() {
        return reason;
    }
}
