package io.kpiengine.analysis;

import java.util.Locale;
import java.util.Objects;

/**
 * An early-warning statement: the leading series' last move and what the lagged regression expects of the lagging
 * series {@code lead} periods later, with the evidence behind it.
 *
 * <p>{@link #sentence()} renders it, for instance
 * {@code "signups fell 10.0 % in the last week; revenue is expected to fall 4.2 % ± 1.5 % in 2 weeks (lead 2 weeks,
 * R² 0.61, Granger p 0.003)"} on the {@link LaggedRegression.Scale#PERCENT_CHANGES percent-change} scale, or
 * {@code "signups was 1200 in the last week; revenue is expected to be 5400 ± 300 in 2 weeks (...)"} on levels.
 *
 * @param leading the name of the leading series
 * @param lagging the name of the lagging series
 * @param lead the lead in periods
 * @param periodUnit the name of one period, singular ("week"); the sentence adds "s" for more than one
 * @param scale the scale of the regression behind the statement
 * @param leadingValue the leading series' last change (a fraction) or last level
 * @param forecast the expected change or level of the lagging series {@code lead} periods later, with its interval
 * @param rSquared the R² of the lagged regression
 * @param grangerPValue the Granger ssr F p-value at order {@code min(lead, maxOrder)}, absent if not computed
 */
public record EarlyWarning(String leading, String lagging, int lead, String periodUnit,
        LaggedRegression.Scale scale, double leadingValue, Forecast forecast, Figure rSquared,
        Figure grangerPValue) {

    /**
     * Checks the fields.
     *
     * @param leading the name of the leading series
     * @param lagging the name of the lagging series
     * @param lead the lead in periods
     * @param periodUnit the name of one period, singular ("week"); the sentence adds "s" for more than one
     * @param scale the scale of the regression behind the statement
     * @param leadingValue the leading series' last change (a fraction) or last level
     * @param forecast the expected change or level of the lagging series {@code lead} periods later, with its interval
     * @param rSquared the R² of the lagged regression
     * @param grangerPValue the Granger ssr F p-value at order {@code min(lead, maxOrder)}, absent if not computed
     * @throws NullPointerException if a reference is null
     * @throws IllegalArgumentException if {@code lead < 1} or the unit is blank
     */
    public EarlyWarning {
        Objects.requireNonNull(leading, "leading");
        Objects.requireNonNull(lagging, "lagging");
        Objects.requireNonNull(periodUnit, "periodUnit");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(rSquared, "rSquared");
        Objects.requireNonNull(grangerPValue, "grangerPValue");
        if (lead < 1) {
            throw new IllegalArgumentException("lead must be at least 1, but was " + lead);
        }
        if (periodUnit.isBlank()) {
            throw new IllegalArgumentException("periodUnit must not be blank");
        }
    }

    /**
     * Renders the statement as one English sentence, numbers with {@link Locale#ROOT}.
     *
     * @return the sentence
     */
    public String sentence() {
        StringBuilder s = new StringBuilder();
        String in = "in " + lead + " " + periods(lead);
        if (scale == LaggedRegression.Scale.PERCENT_CHANGES) {
            s.append(leading).append(' ').append(verb(leadingValue, "rose", "fell", "was unchanged"));
            if (leadingValue != 0) {
                s.append(' ').append(percent(Math.abs(leadingValue)));
            }
            s.append(" in the last ").append(periodUnit).append("; ").append(lagging).append(" is expected to ")
                    .append(verb(forecast.expected(), "rise", "fall", "stay flat"));
            if (forecast.expected() != 0) {
                s.append(' ').append(percent(Math.abs(forecast.expected())));
            }
            s.append(" ± ").append(percent(forecast.prediction().halfWidth()));
        } else {
            s.append(leading).append(" was ").append(number(leadingValue)).append(" in the last ").append(periodUnit)
                    .append("; ").append(lagging).append(" is expected to be ").append(number(forecast.expected()))
                    .append(" ± ").append(number(forecast.prediction().halfWidth()));
        }
        s.append(' ').append(in).append(" (lead ").append(lead).append(' ').append(periods(lead));
        rSquared.asOptional().ifPresent(r -> s.append(", R² ").append(String.format(Locale.ROOT, "%.2f", r)));
        grangerPValue.asOptional().ifPresent(p -> s.append(", Granger p ").append(pValue(p)));
        return s.append(')').toString();
    }

    private String periods(int count) {
        return count == 1 ? periodUnit : periodUnit + "s";
    }

    private static String verb(double change, String up, String down, String flat) {
        return change > 0 ? up : change < 0 ? down : flat;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v);
    }

    private static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
