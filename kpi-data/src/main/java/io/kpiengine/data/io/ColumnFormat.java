package io.kpiengine.data.io;

import java.math.RoundingMode;
import java.text.DecimalFormatSymbols;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the text of one column is turned into a typed value: date and time patterns, number separators, boolean
 * words, tokens that mean "missing", trimming.
 *
 * <p>The defaults read what a machine writes: ISO-8601 dates ({@code 2025-03-01}) and timestamps with an offset
 * ({@code 2025-03-01T12:00:00+09:00}), numbers with a {@code '.'} decimal point and no thousands separator,
 * booleans {@code true/false, t/f, yes/no, y/n, 1/0} (any case), and an empty cell as a missing value. Blanks
 * (space, tab) around a number, date, timestamp or boolean are always ignored; text and category values are kept
 * as they are unless {@link Builder#trim(boolean)} is set.
 *
 * <pre>{@code
 * ColumnFormat usDates = ColumnFormat.builder().datePatterns("M/d/yyyy", "MM-dd-yyyy").build();
 * ColumnFormat counts = ColumnFormat.builder().thousandsSeparator(',').build();      // "2,146"
 * ColumnFormat german = ColumnFormat.builder().locale(Locale.GERMANY).build();      // "1.234,5"
 * ColumnFormat month = ColumnFormat.builder().datePatterns("yyyy-MM").build();      // "1960-01" -> 1960-01-01
 * ColumnFormat year = ColumnFormat.builder().datePatterns("yyyy").build();          // "1930" -> 1930-01-01
 * ColumnFormat local = ColumnFormat.builder().zone(ZoneId.of("Europe/Berlin")).build();
 * }</pre>
 *
 * <p><b>Patterns.</b> Patterns follow {@link DateTimeFormatter} letters and are tried in order; the first that
 * reads the whole text wins, so list the most specific first. A date pattern without a day ({@code yyyy-MM})
 * reads the first day of the month. Patterns made only of {@code yyyy}/{@code uuuu}, {@code M}, {@code MM},
 * {@code d}, {@code dd}, {@code H}, {@code HH}, {@code mm}, {@code ss} and literal punctuation are read
 * directly from bytes ({@code M} and {@code d} take one or two digits, doubled letters exactly two); others go
 * through {@code DateTimeFormatter} with strict resolving (no 30 February). A timestamp whose text has no offset
 * is read in the {@link Builder#zone(ZoneId) zone} of the column (a local time in a daylight-saving gap moves
 * forward by the length of the gap, one in an overlap takes the earlier offset, as
 * {@link java.time.ZonedDateTime#ofLocal} does); without a zone such a value is rejected. Fractions of a second
 * beyond microseconds are truncated.
 *
 * <p><b>Numbers.</b> Thousands separators must separate groups of three digits ({@code 2,146} and
 * {@code 1,234,567}, not {@code 21,46}). An exact decimal column (one with a scale) refuses a value with more
 * significant decimal places than its scale instead of rounding it, unless a {@link Builder#rounding rounding
 * mode} is set.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ColumnFormat {

    private static final List<String> DEFAULT_TRUE = List.of("true", "t", "yes", "y", "1");
    private static final List<String> DEFAULT_FALSE = List.of("false", "f", "no", "n", "0");

    /** The format every column has unless told otherwise. */
    public static final ColumnFormat DEFAULT = builder().build();

    private final List<String> datePatterns;
    private final char decimalSeparator;
    private final @Nullable String thousandsSeparator;
    private final Locale locale;
    private final @Nullable ZoneId zone;
    private final List<String> trueWords;
    private final List<String> falseWords;
    private final List<String> nullTokens;
    private final boolean emptyAsMissing;
    private final boolean trim;
    private final @Nullable RoundingMode rounding;

    private ColumnFormat(Builder b) {
        this.datePatterns = List.copyOf(b.datePatterns);
        this.locale = b.locale == null ? Locale.ROOT : b.locale;
        if (b.locale != null) {
            DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(b.locale);
            this.decimalSeparator = symbols.getDecimalSeparator();
            this.thousandsSeparator = String.valueOf(symbols.getGroupingSeparator());
        } else {
            this.decimalSeparator = b.decimalSeparator == null ? '.' : b.decimalSeparator;
            this.thousandsSeparator = b.thousandsSeparator == null ? null : String.valueOf(b.thousandsSeparator);
        }
        this.zone = b.zone;
        this.trueWords = b.trueWords == null ? DEFAULT_TRUE : List.copyOf(b.trueWords);
        this.falseWords = b.falseWords == null ? DEFAULT_FALSE : List.copyOf(b.falseWords);
        this.nullTokens = List.copyOf(b.nullTokens);
        this.emptyAsMissing = b.emptyAsMissing == null || b.emptyAsMissing;
        this.trim = b.trim != null && b.trim;
        this.rounding = b.rounding;
    }

    /**
     * A new builder with every option at its default.
     *
     * <pre>{@code
     * ColumnFormat counts = ColumnFormat.builder().thousandsSeparator(',').build();   // "2,146"
     * }</pre>
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The date or timestamp patterns, tried in order; empty means ISO-8601.
     *
     * @return an immutable list
     */
    public List<String> datePatterns() {
        return datePatterns;
    }

    /**
     * The decimal separator: {@code '.'} unless set or taken from a locale.
     *
     * @return the separator
     */
    public char decimalSeparator() {
        return decimalSeparator;
    }

    /**
     * The thousands separator, if numbers may use one.
     *
     * @return the separator (one character, as text), empty when numbers have none
     */
    public Optional<String> thousandsSeparator() {
        return Optional.ofNullable(thousandsSeparator);
    }

    /**
     * The locale for month and day names in patterns; {@link Locale#ROOT} unless set.
     *
     * @return the locale
     */
    public Locale locale() {
        return locale;
    }

    /**
     * The zone of timestamps written without an offset.
     *
     * @return the zone, empty when such timestamps are refused
     */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    /**
     * The words read as {@code true}, compared ignoring ASCII case.
     *
     * @return an immutable list
     */
    public List<String> trueWords() {
        return trueWords;
    }

    /**
     * The words read as {@code false}, compared ignoring ASCII case.
     *
     * @return an immutable list
     */
    public List<String> falseWords() {
        return falseWords;
    }

    /**
     * Cell texts that mean "missing", besides the empty cell; compared exactly (after trimming blanks).
     *
     * @return an immutable list
     */
    public List<String> nullTokens() {
        return nullTokens;
    }

    /**
     * Whether an empty cell is a missing value; when false, an empty text cell is the empty string (an empty
     * cell of any other type is still missing).
     *
     * @return true by default
     */
    public boolean emptyAsMissing() {
        return emptyAsMissing;
    }

    /**
     * Whether blanks around text and category values are removed.
     *
     * @return false by default
     */
    public boolean trim() {
        return trim;
    }

    /**
     * How an exact decimal column rounds a value with more decimal places than its scale.
     *
     * @return the rounding mode, empty when such values are rejected (the default)
     */
    public Optional<RoundingMode> rounding() {
        return Optional.ofNullable(rounding);
    }

    /**
     * A short description of the expected number format, for messages: {@code "decimal separator '.'"} plus the
     * thousands separator when there is one.
     *
     * @return the description
     */
    String describeNumbers() {
        return "decimal separator '" + decimalSeparator + "'"
                + (thousandsSeparator == null ? "" : ", thousands separator '" + thousandsSeparator + "'");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnFormat f && f.datePatterns.equals(datePatterns)
                && f.decimalSeparator == decimalSeparator && Objects.equals(f.thousandsSeparator, thousandsSeparator)
                && f.locale.equals(locale) && Objects.equals(f.zone, zone) && f.trueWords.equals(trueWords)
                && f.falseWords.equals(falseWords) && f.nullTokens.equals(nullTokens)
                && f.emptyAsMissing == emptyAsMissing && f.trim == trim && f.rounding == rounding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(datePatterns, decimalSeparator, thousandsSeparator, locale, zone, trueWords, falseWords,
                nullTokens, emptyAsMissing, trim, rounding);
    }

    @Override
    public String toString() {
        return "ColumnFormat[patterns=" + datePatterns + ", " + describeNumbers() + ", zone=" + zone
                + ", nullTokens=" + nullTokens + ", emptyAsMissing=" + emptyAsMissing + ", trim=" + trim + "]";
    }

    /**
     * Builds a {@link ColumnFormat}. Each option may be set once; {@link #build()} checks the options together
     * and leaves the builder reusable. Not thread-safe.
     */
    public static final class Builder {
        private List<String> datePatterns = List.of();
        private @Nullable Character decimalSeparator;
        private @Nullable Character thousandsSeparator;
        private @Nullable Locale locale;
        private @Nullable ZoneId zone;
        private @Nullable List<String> trueWords;
        private @Nullable List<String> falseWords;
        private List<String> nullTokens = List.of();
        private boolean nullTokensSet;
        private @Nullable Boolean emptyAsMissing;
        private @Nullable Boolean trim;
        private @Nullable RoundingMode rounding;

        private Builder() {
        }

        /**
         * The patterns of a DATE or TIMESTAMP column, tried in order (see the class documentation).
         *
         * <pre>{@code
         * ColumnFormat.builder().datePatterns("M/d/yyyy", "MM-dd-yyyy").build()
         * }</pre>
         *
         * @param patterns one or more {@link DateTimeFormatter} patterns
         * @return this builder
         * @throws IllegalArgumentException if none is given, a pattern is invalid or repeated
         * @throws IllegalStateException if patterns were already set
         */
        public Builder datePatterns(String... patterns) {
            once(!datePatterns.isEmpty(), "datePatterns", datePatterns);
            Objects.requireNonNull(patterns, "patterns");
            if (patterns.length == 0) {
                throw new IllegalArgumentException("datePatterns must be at least one pattern, but was none");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String p : patterns) {
                Objects.requireNonNull(p, "pattern");
                try {
                    DateTimeFormatter unused = DateTimeFormatter.ofPattern(p);   // validates the pattern
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("date pattern must be a valid DateTimeFormatter pattern, but was '"
                            + p + "': " + e.getMessage(), e);
                }
                if (p.isBlank() || !seen.add(p)) {
                    throw new IllegalArgumentException("date patterns must be non-blank and distinct, but was '" + p
                            + "' in " + List.of(patterns));
                }
            }
            datePatterns = List.copyOf(seen);
            return this;
        }

        /**
         * The decimal separator of numbers.
         *
         * @param separator {@code '.'} or {@code ','} (any printable ASCII character that is not a digit, sign or
         *     blank)
         * @return this builder
         * @throws IllegalArgumentException if the character is not allowed
         * @throws IllegalStateException if already set
         */
        public Builder decimalSeparator(char separator) {
            once(decimalSeparator != null, "decimalSeparator", decimalSeparator);
            decimalSeparator = checkSeparator("decimalSeparator", separator, false);
            return this;
        }

        /**
         * Allows a thousands separator in numbers, e.g. {@code ','} for {@code "2,146"}.
         *
         * @param separator a printable character that is not a digit or sign; may be non-ASCII (such as the
         *     no-break space {@code '\u00a0'})
         * @return this builder
         * @throws IllegalArgumentException if the character is not allowed
         * @throws IllegalStateException if already set
         */
        public Builder thousandsSeparator(char separator) {
            once(thousandsSeparator != null, "thousandsSeparator", thousandsSeparator);
            thousandsSeparator = checkSeparator("thousandsSeparator", separator, true);
            return this;
        }

        /**
         * Takes the decimal and thousands separators from a locale ({@code Locale.GERMANY}: {@code "1.234,5"}) and
         * uses it for month and day names in patterns.
         *
         * @param locale the locale; its decimal separator must be an ASCII character
         * @return this builder
         * @throws IllegalArgumentException if the locale's decimal separator is not ASCII
         * @throws IllegalStateException if already set
         */
        public Builder locale(Locale locale) {
            once(this.locale != null, "locale", this.locale);
            Objects.requireNonNull(locale, "locale");
            char d = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
            if (d > 127) {
                throw new IllegalArgumentException("locale must have an ASCII decimal separator, but was " + locale
                        + " with '" + d + "'");
            }
            this.locale = locale;
            return this;
        }

        /**
         * The zone of timestamps written without an offset, such as {@code 2025-03-01 09:30}.
         *
         * @param zone the zone
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder zone(ZoneId zone) {
            once(this.zone != null, "zone", this.zone);
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * The words of a BOOLEAN column, replacing the defaults; compared ignoring ASCII case.
         *
         * @param trueWords words read as true
         * @param falseWords words read as false
         * @return this builder
         * @throws IllegalArgumentException if a list is empty, a word is blank, or a word is in both lists
         * @throws IllegalStateException if already set
         */
        public Builder booleanWords(List<String> trueWords, List<String> falseWords) {
            once(this.trueWords != null, "booleanWords", this.trueWords);
            List<String> t = words("trueWords", trueWords);
            List<String> f = words("falseWords", falseWords);
            for (String w : t) {
                for (String x : f) {
                    if (w.equalsIgnoreCase(x)) {
                        throw new IllegalArgumentException("boolean words must not be both true and false, but was '"
                                + w + "'");
                    }
                }
            }
            this.trueWords = t;
            this.falseWords = f;
            return this;
        }

        /**
         * Cell texts that mean "missing", such as {@code "NA"} or {@code "null"}.
         *
         * @param tokens one or more non-empty tokens without surrounding blanks
         * @return this builder
         * @throws IllegalArgumentException if none is given or a token is empty or has surrounding blanks
         * @throws IllegalStateException if already set
         */
        public Builder nullTokens(String... tokens) {
            once(nullTokensSet, "nullTokens", nullTokens);
            Objects.requireNonNull(tokens, "tokens");
            if (tokens.length == 0) {
                throw new IllegalArgumentException("nullTokens must be at least one token, but was none");
            }
            for (String t : tokens) {
                Objects.requireNonNull(t, "token");
                if (t.isEmpty() || !t.strip().equals(t)) {
                    throw new IllegalArgumentException(
                            "null tokens must be non-empty without surrounding blanks, but was '" + t + "'");
                }
            }
            nullTokens = List.of(tokens);
            nullTokensSet = true;
            return this;
        }

        /**
         * Whether an empty text cell is a missing value (the default) or the empty string.
         *
         * @param missing true for missing
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder emptyAsMissing(boolean missing) {
            once(emptyAsMissing != null, "emptyAsMissing", emptyAsMissing);
            emptyAsMissing = missing;
            return this;
        }

        /**
         * Whether blanks (space, tab) around text and category values are removed (default false).
         *
         * @param trim true to trim
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder trim(boolean trim) {
            once(this.trim != null, "trim", this.trim);
            this.trim = trim;
            return this;
        }

        /**
         * Rounds values with more decimal places than an exact decimal column's scale (by default they are
         * rejected), e.g. {@code RoundingMode.HALF_EVEN} for spreadsheet exports like {@code 85.3091999999998}.
         *
         * @param mode the rounding mode; not {@code UNNECESSARY}
         * @return this builder
         * @throws IllegalArgumentException for {@code UNNECESSARY}
         * @throws IllegalStateException if already set
         */
        public Builder rounding(RoundingMode mode) {
            once(rounding != null, "rounding", rounding);
            if (Objects.requireNonNull(mode, "mode") == RoundingMode.UNNECESSARY) {
                throw new IllegalArgumentException("rounding must be a mode that rounds, but was UNNECESSARY");
            }
            rounding = mode;
            return this;
        }

        /**
         * Builds the format.
         *
         * @return the immutable format
         * @throws IllegalStateException if a locale is combined with explicit separators, or the decimal and
         *     thousands separators are the same
         */
        public ColumnFormat build() {
            if (locale != null && (decimalSeparator != null || thousandsSeparator != null)) {
                throw new IllegalStateException("a locale sets both separators, so it must not be combined with"
                        + " decimalSeparator or thousandsSeparator, but locale was " + locale
                        + (decimalSeparator == null ? "" : " and decimalSeparator '" + decimalSeparator + "'")
                        + (thousandsSeparator == null ? "" : " and thousandsSeparator '" + thousandsSeparator + "'"));
            }
            char d = decimalSeparator == null ? '.' : decimalSeparator;
            if (thousandsSeparator != null && thousandsSeparator == d) {
                throw new IllegalStateException("thousandsSeparator must differ from the decimal separator, but both were '"
                        + d + "'");
            }
            return new ColumnFormat(this);
        }

        private static void once(boolean set, String option, @Nullable Object value) {
            if (set) {
                throw new IllegalStateException(option + " was already set to " + value);
            }
        }

        private static char checkSeparator(String option, char c, boolean nonAscii) {
            boolean ok = c > ' ' && c != 127 && !(c >= '0' && c <= '9') && c != '+' && c != '-'
                    && (c < 128 || nonAscii) || nonAscii && (c == ' ' || c == '\u00a0' || c == '\u202f');
            if (!ok) {
                throw new IllegalArgumentException(option + " must be a printable " + (nonAscii ? "" : "ASCII ")
                        + "character other than a digit or sign, but was '" + c + "' (U+"
                        + String.format("%04X", (int) c) + ")");
            }
            return c;
        }

        private static List<String> words(String name, List<String> words) {
            Objects.requireNonNull(words, name);
            if (words.isEmpty()) {
                throw new IllegalArgumentException(name + " must have at least one word, but was empty");
            }
            List<String> out = new ArrayList<>();
            for (String w : words) {
                if (w == null || w.isBlank()) {
                    throw new IllegalArgumentException(name + " must be non-blank words, but was " + words);
                }
                out.add(w.strip());
            }
            return List.copyOf(out);
        }
    }
}
