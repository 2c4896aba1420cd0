package io.kpiengine.core.metric.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits filter and formula text into tokens with their 1-based columns: identifiers (plain, or in double quotes
 * for column names with other characters), numbers, single-quoted strings ({@code ''} escapes a quote), and the
 * symbols {@code ( ) , = == != <> < <= > >= + - * / ^ %}.
 */
public final class Lexer {

    /** The kind of a token. */
    public enum Kind {
        /** A name. */
        IDENT,
        /** A numeric literal. */
        NUMBER,
        /** A single-quoted text literal, unquoted. */
        STRING,
        /** An operator or punctuation. */
        SYMBOL,
        /** The end of the text. */
        END
    }

    /**
     * One token.
     *
     * @param kind the kind
     * @param text the text (unquoted for strings and quoted identifiers)
     * @param column the 1-based column of its first character
     */
    public record Token(Kind kind, String text, int column) {

        /**
         * Whether this is a given symbol.
         *
         * @param symbol the symbol
         * @return true if it is
         */
        public boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        /**
         * Whether this is an identifier equal to a keyword, ignoring case.
         *
         * @param keyword the keyword
         * @return true if it is
         */
        public boolean isKeyword(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }
    }

    private Lexer() {
    }

    /**
     * Tokenizes a text.
     *
     * @param text the text
     * @return the tokens, ending with an END token
     * @throws IllegalArgumentException if a string or quoted name is unterminated or a character is not allowed;
     *     the message names the column
     */
    public static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int col = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(Kind.IDENT, text.substring(i, j), col));
                i = j;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
                int j = number(text, i);
                out.add(new Token(Kind.NUMBER, text.substring(i, j), col));
                i = j;
            } else if (c == '\'' || c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        throw new IllegalArgumentException((c == '\'' ? "text" : "quoted name") + " starting at column "
                                + col + " is not closed by " + c);
                    }
                    char d = text.charAt(j);
                    if (d == c) {
                        if (j + 1 < n && text.charAt(j + 1) == c) {
                            sb.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.append(d);
                    j++;
                }
                out.add(new Token(c == '\'' ? Kind.STRING : Kind.IDENT, sb.toString(), col));
                i = j + 1;
            } else {
                String two = i + 1 < n ? text.substring(i, i + 2) : "";
                if (two.equals("==") || two.equals("!=") || two.equals("<>") || two.equals("<=")
                        || two.equals(">=")) {
                    out.add(new Token(Kind.SYMBOL, two, col));
                    i += 2;
                } else if ("(),=<>+-*/^%".indexOf(c) >= 0) {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c), col));
                    i++;
                } else {
                    throw new IllegalArgumentException("unexpected character '" + c + "' at column " + col);
                }
            }
        }
        out.add(new Token(Kind.END, "", n + 1));
        return out;
    }

    private static int number(String text, int start) {
        int n = text.length();
        int j = start;
        while (j < n && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
            j++;
        }
        if (j < n && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
                k++;
            }
            if (k < n && Character.isDigit(text.charAt(k))) {
                j = k;
                while (j < n && Character.isDigit(text.charAt(j))) {
                    j++;
                }
            }
        }
        return j;
    }
}
