package io.kpiengine.report.internal;

/**
 * The one escaping function for text placed in HTML: element content and quoted attribute values alike.
 *
 * <p>{@code &}, {@code <}, {@code >}, {@code "} and {@code '} become character references, so user text (metric
 * names, owners, dimension values, descriptions) can neither open a tag nor leave a quoted attribute; control
 * characters other than tab, line feed and carriage return, which HTML forbids, become U+FFFD, and so do lone
 * surrogates. Text is never placed in unquoted attributes, URLs, style or script contexts: the report writes its
 * data for scripts as JSON ({@link Json}), and its own ids and URLs are built from indexes, not from user text.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes text for element content or a double- or single-quoted attribute value.
     *
     * @param text the text; null gives the empty string
     * @return the escaped text
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> replacement(text, i, c);
            };
            if (rep != null && out == null) {
                out = new StringBuilder(n + 16).append(text, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** U+FFFD for characters HTML does not allow in text; null to keep the character. */
    private static String replacement(String text, int i, char c) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
            return "\ufffd";
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? null : "\ufffd";
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1)) ? null : "\ufffd";
        }
        return null;
    }
}
