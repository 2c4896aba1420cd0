package io.kpiengine.data.doc.internal;

import io.kpiengine.data.doc.Location;

/**
 * Where a character of a string scalar's text stands in its document, so that a message about a formula or filter
 * inside a value can point at the spot ({@code catalog.yaml:41:17}) and not only at the value.
 *
 * <p>Method: the text and the document are walked together from the scalar's first character (after an opening
 * quote, or on the line after a block indicator {@code |} or {@code >}), each text character matched to the next
 * document character equal to it, skipping only what YAML or JSON may drop or rewrite between them: spaces, tabs
 * and line breaks (folding, indentation), a quote (doubled quotes in single-quoted scalars) and backslash escapes
 * (an escape that stands for the character is its match). Exact for plain and quoted scalars on one line and for
 * literal blocks, the usual forms of a formula; for folded multi-line text it may land a few characters off,
 * never outside the value's lines.
 */
final class ScalarPositions {

    private ScalarPositions() {
    }

    /**
     * The location of a character of a string scalar.
     *
     * @param document the whole document text
     * @param start where the scalar starts in the document (its quote, block indicator or first character)
     * @param at the scalar's location (line and column of {@code start})
     * @param text the scalar's text
     * @param index a position in {@code text}, 0 to its length
     * @return the location of that character
     */
    static Location locate(String document, int start, Location at, String text, int index) {
        int n = document.length();
        int r = start;
        if (r < n && (document.charAt(r) == '"' || document.charAt(r) == '\'')) {
            r++;
        } else if (r < n && (document.charAt(r) == '|' || document.charAt(r) == '>')) {
            while (r < n && document.charAt(r) != '\n') {
                r++;
            }
            r++;
        }
        int target = r;
        for (int k = 0; k <= index && k < text.length() && r < n; k++) {
            int match = match(document, r, text.charAt(k));
            if (k == index) {
                target = match < 0 ? r : match;
                break;
            }
            if (match >= 0) {
                r = match + (document.charAt(match) == '\\' ? 2 : 1);
            }
            target = r;
        }
        return at(document, start, at, Math.min(target, n));
    }

    /** The document position that stands for character {@code c}, from {@code r} on, or -1. */
    private static int match(String document, int r, char c) {
        int n = document.length();
        while (r < n) {
            char d = document.charAt(r);
            if (d == c) {
                return r;
            }
            if (d == '\\' && r + 1 < n) {
                if (unescape(document.charAt(r + 1)) == c) {
                    return r;
                }
                r += 2;
            } else if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\'') {
                r++;
            } else {
                return -1;
            }
        }
        return -1;
    }

    private static char unescape(char e) {
        return switch (e) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            default -> e;
        };
    }

    /** The line and column of a document position, counted from the scalar's start. */
    private static Location at(String document, int start, Location at, int position) {
        int line = at.line();
        int column = at.column();
        for (int i = start; i < position; i++) {
            if (document.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Location(at.source(), line, column);
    }
}
