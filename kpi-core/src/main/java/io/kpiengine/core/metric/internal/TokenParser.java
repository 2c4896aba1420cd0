package io.kpiengine.core.metric.internal;

import io.kpiengine.core.metric.internal.Lexer.Kind;
import io.kpiengine.core.metric.internal.Lexer.Token;
import java.util.List;

/**
 * The token cursor that the filter and formula parsers share, with their error messages: every message quotes
 * the whole text and names the column, e.g. {@code filter "channel = ": expected a value ... at column 11, but
 * found the end}.
 */
abstract class TokenParser {

    final String text;
    private final String what;
    private final List<Token> tokens;
    private int pos;

    /**
     * Tokenizes the text.
     *
     * @param what "filter" or "formula", for messages
     * @param text the text
     * @throws IllegalArgumentException if the text cannot be tokenized
     */
    TokenParser(String what, String text) {
        this.what = what;
        this.text = text;
        try {
            this.tokens = Lexer.tokens(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " \"" + text + "\": " + e.getMessage(), e);
        }
    }

    final Token peek() {
        return tokens.get(pos);
    }

    final Token next() {
        return tokens.get(pos++);
    }

    final void back() {
        pos--;
    }

    final boolean atEnd() {
        return peek().kind() == Kind.END;
    }

    final IllegalArgumentException error(String expected) {
        Token t = peek();
        String found = t.kind() == Kind.END ? "the end" : "'" + t.text() + "'";
        return failure(expected + " at column " + t.column() + ", but found " + found);
    }

    final IllegalArgumentException failure(String message) {
        return new IllegalArgumentException(what + " \"" + text + "\": " + message);
    }

    final void expect(String symbol) {
        if (!peek().is(symbol)) {
            throw error("expected '" + symbol + "'");
        }
        next();
    }
}
