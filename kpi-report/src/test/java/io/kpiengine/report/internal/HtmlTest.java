package io.kpiengine.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.report.ReportSamples;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escape_markupAndQuotes_becomeReferences() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    }

    @Test
    void escape_hostileName_keepsNoMarkupCharacter() {
        String e = Html.escape(ReportSamples.HOSTILE);
        assertThat(e).doesNotContain("<", ">", "\"", "'").contains("{{7*7}}").contains("&lt;/script&gt;");
    }

    @Test
    void escape_plainText_isReturnedAsIs() {
        String s = "Revenue (USD) \u00b7 \uc11c\uc6b8 \ud83d\udcc8";
        assertThat(Html.escape(s)).isSameAs(s);
    }

    @Test
    void escape_controlsAndLoneSurrogates_becomeReplacementCharacter() {
        assertThat(Html.escape("a\u0000b\u0007c\td\ne\u007f")).isEqualTo("a\ufffdb\ufffdc\td\ne\ufffd");
        assertThat(Html.escape("x\ud800y\udc00")).isEqualTo("x\ufffdy\ufffd");
        assertThat(Html.escape(null)).isEmpty();
    }
}
