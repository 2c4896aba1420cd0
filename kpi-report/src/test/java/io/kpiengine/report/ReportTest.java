package io.kpiengine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.report.internal.Assets;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static ReportSamples.Sample sample;
    private static ReportSamples.Sample hostile;

    @BeforeAll
    static void samples() {
        sample = ReportSamples.generate(1, 4, 24, 3, false);
        hostile = ReportSamples.generate(1, 4, 24, 3, true);
    }

    @Test
    void builder_optionSetTwice_fails() {
        assertThatThrownBy(() -> Report.builder().title("a").title("b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("title was already set to a");
        assertThatThrownBy(() -> Report.builder().window(12).window(6))
                .isInstanceOf(IllegalStateException.class).hasMessage("window was already set to 12");
    }

    @Test
    void builder_badArguments_failAtTheEdge() {
        assertThatThrownBy(() -> Report.builder().window(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be 2 to 400 periods, but was 1");
        assertThatThrownBy(() -> Report.builder().views()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Report.builder().views(View.MANAGER, View.MANAGER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("views must be distinct, but was [MANAGER, MANAGER]");
        assertThatThrownBy(() -> Report.builder().core("a", "b", "c", "d", "e", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("core must name 1 to 5 KPIs, but named 6");
        assertThatThrownBy(() -> Report.builder().title(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Report.builder().catalog(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Report.builder().results(sample.results()).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("catalog must be set");
    }

    @Test
    void html_isOneDocumentWithExactlyItsThreeScriptsAllowedByHash() {
        String html = Report.builder().catalog(sample.catalog()).results(sample.results()).build().html();
        List<String> scripts = new ArrayList<>();
        Matcher m = Pattern.compile("<script( type=\"application/json\" id=\"kpi-data\")?>(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        while (m.find()) {
            if (m.group(1) == null) {
                scripts.add(m.group(2));
            }
        }
        assertThat(html.split("(?i)<script", -1)).hasSize(4);
        assertThat(scripts).hasSize(2);
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").matcher(html);
        assertThat(csp.find()).isTrue();
        assertThat(csp.group(1)).isEqualTo("default-src 'none'; script-src " + Assets.hash(scripts.get(0)) + " "
                + Assets.hash(scripts.get(1)) + "; style-src-elem " + Assets.hash(Assets.css())
                + "; style-src-attr 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
        assertThat(scripts.get(0)).isEqualTo(Assets.echarts());
        assertThat(html).contains("<style>" + Assets.css() + "</style>");
        String body = html.substring(0, html.indexOf("<script type=\"application/json\""));
        assertThat(body).doesNotContain("<link", "<iframe", "<object", "<embed", "<img", " src=", "@import", "url(",
                " style=");
        assertThat(body).doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void html_hostileTexts_areEscapedEverywhere() {
        Report r = Report.builder().catalog(hostile.catalog()).results(hostile.results()).title(ReportSamples.HOSTILE)
                .build();
        String html = r.html();
        String body = html.substring(0, html.indexOf("<script type=\"application/json\""));
        assertThat(body).doesNotContain("<img", "</script", "<b>", "<!--");
        assertThat(body).contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &quot;q&quot; &#39;a&#39; &amp; {{7*7}}");
        String data = html.substring(html.indexOf("id=\"kpi-data\">") + 14, html.indexOf("</script>",
                html.indexOf("id=\"kpi-data\">")));
        assertThat(data).doesNotContain("<", ">", "&", "\u2028");
        assertThat(data).contains("\\u003C/script\\u003E\\u003Cimg src=x onerror=alert(1)\\u003E");
        assertThat(html.toLowerCase().split("</script", -1)).hasSize(4);
    }

    @Test
    void echarts_isTheMinifiedBuildWithItsLicenceHeader() {
        assertThat(Assets.echarts()).startsWith("\n/*\n* Licensed to the Apache Software Foundation (ASF)");
        assertThat(Assets.echarts()).contains("version=\"" + Assets.ECHARTS_VERSION + "\"");
        assertThat(Assets.echartsLicence("NOTICE")).startsWith("Apache ECharts");
        for (String inlined : List.of(Assets.echarts(), Assets.script(), Assets.css())) {
            assertThat(inlined.toLowerCase()).doesNotContain("</script", "<!--", "</style");
        }
    }

    @Test
    void write_replacesTheFileAtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        Files.writeString(file, "old");
        Report r = Report.builder().catalog(sample.catalog()).results(sample.results()).build();
        assertThat(r.write(file)).isEqualTo(file);
        assertThat(Files.readString(file)).isEqualTo(r.html());
        assertThat(Files.size(file)).isEqualTo(r.size());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.writeTo(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(r.html());
    }

    @Test
    void write_missingDirectory_failsWithTheFileName(@TempDir Path dir) {
        Report r = Report.builder().catalog(sample.catalog()).results(sample.results()).build();
        assertThatThrownBy(() -> r.write(dir.resolve("missing/report.html")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot write the report to " + dir.resolve("missing/report.html"));
    }

    @Test
    void views_chooseTheTabsAndTheFirstOpened() {
        Report r = Report.builder().catalog(sample.catalog()).results(sample.results())
                .views(View.ANALYST, View.EXECUTIVE).build();
        String html = r.html();
        assertThat(r.views()).containsExactly(View.ANALYST, View.EXECUTIVE);
        assertThat(html).contains("<section class=\"view\" id=\"analyst\" role=\"tabpanel\" aria-labelledby=\"tab-analyst\">");
        assertThat(html).contains("<section class=\"view\" id=\"executive\" role=\"tabpanel\" aria-labelledby=\"tab-executive\" hidden>");
        assertThat(html).doesNotContain("id=\"manager\"");
    }
}
