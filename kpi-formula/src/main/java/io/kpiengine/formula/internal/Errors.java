package io.kpiengine.formula.internal;

import io.kpiengine.formula.FormulaLimitException;
import io.kpiengine.formula.FormulaSyntaxException;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.formula.UnknownNameException;
import java.util.List;

/**
 * Every compile-time message of the formula module, built in one place. A message states the problem, then
 * {@code at column N in "source"}, then a hint.
 */
public final class Errors {

    /** Sources longer than this are shown as an excerpt around the column. */
    static final int FULL_SOURCE_LIMIT = 100;
    private static final int EXCERPT_RADIUS = 30;
    private static final int TOKEN_LIMIT = 40;

    private Errors() {
    }

    /**
     * {@code at column N in "source"}, with a {@code ...}-excerpt for long sources.
     *
     * @param source the formula text
     * @param column the 1-based column
     * @return the phrase
     */
    public static String at(String source, int column) {
        return "at column " + column + " in " + quote(source, column);
    }

    static String quote(String source, int column) {
        if (source.length() <= FULL_SOURCE_LIMIT) {
            return '"' + source + '"';
        }
        int from = Math.max(0, column - 1 - EXCERPT_RADIUS);
        int to = Math.min(source.length(), column - 1 + EXCERPT_RADIUS);
        return '"' + (from > 0 ? "..." : "") + source.substring(from, to) + (to < source.length() ? "..." : "") + '"';
    }

    /**
     * A token as shown in a message: quoted, shortened when long, or {@code the end of the formula}.
     *
     * @param token the token text, "" for the end
     * @return the description
     */
    static String describe(String token) {
        if (token.isEmpty()) {
            return "the end of the formula";
        }
        return "'" + shorten(token) + "'";
    }

    static String shorten(String token) {
        return token.length() <= TOKEN_LIMIT ? token : token.substring(0, TOKEN_LIMIT) + "...";
    }

    static FormulaSyntaxException syntax(String problem, String source, int column, String token, String hint) {
        return new FormulaSyntaxException(problem + " " + at(source, column) + hint, source, column, token, List.of());
    }

    static FormulaSyntaxException unexpectedCharacter(String source, int column, String ch, String hint) {
        String shown = ch.codePointAt(0) < 0x20 || ch.codePointAt(0) == 0x7f
                ? String.format("U+%04X", ch.codePointAt(0)) : ch;
        return syntax("Unexpected character '" + shown + "'", source, column, ch, hint);
    }

    static FormulaSyntaxException expectedOperand(String source, int column, String token, String hint) {
        return syntax("Expected a number, variable, function call or '(' but found " + describe(token), source,
                column, token, hint);
    }

    /**
     * The hint for a reserved name used where a variable is expected: which kind of name it is, and, for names
     * exp4j accepted as variables, that exp4j did.
     *
     * @param name a reserved name
     * @return {@code ": 'max' is a built-in function, so it cannot name a variable ..."}
     */
    static String reservedHint(String name) {
        String kind = Syntax.isKeyword(name) ? "a keyword" : "a built-in function";
        return ": '" + name + "' is " + kind + ", so it cannot name a variable"
                + (Syntax.wasExp4jVariable(name) ? " (exp4j allowed it as one); rename the variable" : "");
    }

    static FormulaSyntaxException missingOperator(String source, int column, String token, String hint) {
        return syntax("Missing operator before " + describe(token), source, column, token, hint);
    }

    static FormulaSyntaxException arity(String source, int column, String function, int min, int max, int got) {
        String takes;
        if (min == max) {
            takes = min + (min == 1 ? " argument" : " arguments");
        } else if (max == io.kpiengine.formula.FormulaFunction.UNBOUNDED) {
            takes = "at least " + min + " arguments";
        } else if (max == min + 1) {
            takes = min + " or " + max + " arguments";
        } else {
            takes = min + " to " + max + " arguments";
        }
        return syntax("Function '" + function + "' takes " + takes + " but got " + got, source, column, function,
                "");
    }

    static UnknownNameException unknown(String kind, String source, int column, String name, List<String> candidates,
            String hint) {
        return new UnknownNameException("Unknown " + kind + " '" + shorten(name) + "' " + at(source, column)
                + Suggestions.didYouMean(candidates) + hint, source, column, name, candidates);
    }

    /**
     * The hint for an unknown name that reads as known variables and numbers run together, such as {@code x2x}
     * with {@code x} known (exp4j's implicit multiplication): {@code ": implicit multiplication is not supported;
     * write 'x * 2 * x'"}, or "" when the name does not split so.
     *
     * @param name the unknown name
     * @param known the known variable names
     * @return the hint or ""
     */
    static String implicitMultiplicationHint(String name, List<String> known) {
        int n = name.length();
        if (n > TOKEN_LIMIT || known.isEmpty()) {
            return "";
        }
        // next[i]: where the part starting at i ends, in a split of name[i..n) into known names and digit runs
        int[] next = new int[n + 1];
        java.util.Arrays.fill(next, -1);
        next[n] = n;
        for (int i = n - 1; i >= 0; i--) {
            if (Character.isDigit(name.charAt(i))) {
                int j = i;
                while (j < n && Character.isDigit(name.charAt(j))) {
                    j++;
                }
                next[i] = next[j] >= 0 ? j : -1;
                continue;
            }
            int best = -1;
            for (String k : known) {
                int end = i + k.length();
                if (!k.isEmpty() && name.startsWith(k, i) && next[end] >= 0 && end > best) {
                    best = end;
                }
            }
            next[i] = best;
        }
        if (next[0] < 0 || next[0] == n) {
            return "";
        }
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < n; i = next[i]) {
            parts.add(name.substring(i, next[i]));
        }
        return ": implicit multiplication is not supported; write '" + String.join(" * ", parts) + "'";
    }

    static FormulaLimitException limit(String problem, String source, int column, String token) {
        return new FormulaLimitException(problem + " " + at(source, column), source, column, token);
    }
}
