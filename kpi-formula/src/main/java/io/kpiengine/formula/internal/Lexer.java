package io.kpiengine.formula.internal;

/**
 * Splits a formula into tokens on demand, with exact 1-based columns. It enforces the identifier length limit and
 * rejects what exp4j would misread: implicit multiplication ({@code 2x}), malformed or out-of-range numbers and
 * characters that are no part of the language.
 */
final class Lexer {

    enum Kind { NUMBER, IDENT, OP, LPAREN, RPAREN, COMMA, END }

    record Tok(Kind kind, String text, int column, double number) {
    }

    private final String source;
    private final int maxIdentifierLength;
    private int pos;

    Lexer(String source, int maxIdentifierLength) {
        this.source = source;
        this.maxIdentifierLength = maxIdentifierLength;
    }

    Tok next() {
        int n = source.length();
        while (pos < n && isSpace(source.charAt(pos))) {
            pos++;
        }
        int start = pos;
        int column = start + 1;
        if (pos >= n) {
            return new Tok(Kind.END, "", column, 0);
        }
        char c = source.charAt(pos);
        if (isDigit(c) || c == '.' && pos + 1 < n && isDigit(source.charAt(pos + 1))) {
            return number(start);
        }
        if (isIdentStart(c)) {
            pos++;
            while (pos < n && isIdentPart(source.charAt(pos))) {
                pos++;
            }
            String text = source.substring(start, pos);
            if (text.length() > maxIdentifierLength) {
                throw Errors.limit("Identifier '" + Errors.shorten(text) + "' is " + text.length()
                        + " characters long, over the limit of " + maxIdentifierLength + ",", source, column, text);
            }
            return new Tok(Kind.IDENT, text, column, 0);
        }
        pos++;
        char d = pos < n ? source.charAt(pos) : '\0';
        switch (c) {
            case '(':
                return new Tok(Kind.LPAREN, "(", column, 0);
            case ')':
                return new Tok(Kind.RPAREN, ")", column, 0);
            case ',':
                return new Tok(Kind.COMMA, ",", column, 0);
            case '+': case '-': case '*': case '/': case '^': case '%':
                return new Tok(Kind.OP, String.valueOf(c), column, 0);
            case '<':
                if (d == '>') {
                    throw Errors.syntax("Unexpected operator '<>'", source, column, "<>", "; use '!=' for 'not equal'");
                }
                return d == '=' ? op("<=", column) : new Tok(Kind.OP, "<", column, 0);
            case '>':
                return d == '=' ? op(">=", column) : new Tok(Kind.OP, ">", column, 0);
            case '=':
                if (d == '=') {
                    return op("==", column);
                }
                throw Errors.unexpectedCharacter(source, column, "=", "; use '==' to compare");
            case '!':
                if (d == '=') {
                    return op("!=", column);
                }
                throw Errors.unexpectedCharacter(source, column, "!", "; use 'not' for negation or '!=' to compare");
            case '&':
                throw Errors.unexpectedCharacter(source, column, "&", "; use 'and'");
            case '|':
                throw Errors.unexpectedCharacter(source, column, "|", "; use 'or'");
            default:
                String ch = Character.isHighSurrogate(c) && pos < n
                        ? source.substring(start, pos + 1) : String.valueOf(c);
                throw Errors.unexpectedCharacter(source, column, ch, nameHint(start, c));
        }
    }

    /**
     * The hint for a character that exp4j accepted in a name: a dot ({@code a.b}) or a letter outside ASCII
     * ({@code größe}); names here are {@code [A-Za-z_][A-Za-z0-9_]*}.
     */
    private String nameHint(int at, char c) {
        String special = asciiHint(c);
        if (!special.isEmpty()) {
            return special;
        }
        if (c == '.' && at > 0 && isIdentPart(source.charAt(at - 1))) {
            int from = at;
            while (from > 0 && (isIdentPart(source.charAt(from - 1)) || source.charAt(from - 1) == '.')) {
                from--;
            }
            int to = at + 1;
            while (to < source.length() && (isIdentPart(source.charAt(to)) || source.charAt(to) == '.')) {
                to++;
            }
            String dotted = source.substring(from, to);
            return "; names cannot contain '.' (exp4j allowed it): write '" + Errors.shorten(dotted.replace('.', '_'))
                    + "'";
        }
        if (Character.isLetter(c)) {
            return "; names are ASCII letters, digits and '_' (exp4j allowed any letter)";
        }
        return "";
    }

    /** What to write instead of a character that exp4j or a word processor accepts but the language does not. */
    private static String asciiHint(char c) {
        return switch (c) {
            case '\u03C0' -> "; write 'pi'";
            case '\u03C6', '\u03D5' -> "; the golden ratio has no name here: write '(1 + sqrt(5)) / 2'";
            case '\u00D7', '\u22C5', '\u00B7' -> "; write '*' to multiply";
            case '\u00F7' -> "; write '/' to divide";
            case '\u2212' -> "; write '-' (the ASCII minus sign)";
            default -> "";
        };
    }

    private Tok op(String text, int column) {
        pos++;
        return new Tok(Kind.OP, text, column, 0);
    }

    private Tok number(int start) {
        int n = source.length();
        while (pos < n && isDigit(source.charAt(pos))) {
            pos++;
        }
        if (pos < n && source.charAt(pos) == '.') {
            pos++;
            while (pos < n && isDigit(source.charAt(pos))) {
                pos++;
            }
        }
        if (pos < n && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            int e = pos + 1;
            if (e < n && (source.charAt(e) == '+' || source.charAt(e) == '-')) {
                e++;
            }
            if (e < n && isDigit(source.charAt(e))) {
                pos = e;
                while (pos < n && isDigit(source.charAt(pos))) {
                    pos++;
                }
            }
        }
        String text = source.substring(start, pos);
        int column = start + 1;
        if (pos < n && (source.charAt(pos) == '.' || isDigit(source.charAt(pos)))) {
            int end = pos;
            while (end < n && (isIdentPart(source.charAt(end)) || source.charAt(end) == '.')) {
                end++;
            }
            String bad = source.substring(start, end);
            throw Errors.syntax("Malformed number '" + Errors.shorten(bad) + "'", source, column, bad, "");
        }
        if (pos < n && isIdentStart(source.charAt(pos))) {
            int end = pos;
            while (end < n && isIdentPart(source.charAt(end))) {
                end++;
            }
            String name = source.substring(pos, end);
            throw Errors.syntax("Missing operator between '" + text + "' and '" + Errors.shorten(name) + "'", source,
                    pos + 1, name, ": implicit multiplication is not supported; write '" + text + " * "
                            + Errors.shorten(name) + "'");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw Errors.syntax("Number '" + Errors.shorten(text) + "' is too large for a double", source, column, text,
                    "");
        }
        return new Tok(Kind.NUMBER, text, column, value);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }
}
