package io.kpiengine.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpiengine.report.ReportSamples;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void text_hostileStrings_cannotEndTheScriptElementAndReadBackUnchanged() throws Exception {
        List<String> hostile = List.of(ReportSamples.HOSTILE, "</SCRIPT >", "<!-- <script>", "a\u2028b\u2029c",
                "x & y > z", "it's \"quoted\"", "\\u003c", "{{constructor.constructor('x')()}}", "\u0000\u001f");
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put(ReportSamples.HOSTILE, hostile);
        String json = Json.text(tree);
        assertThat(json).doesNotContain("<", ">", "&", "'", "\u2028", "\u2029");
        assertThat(json.toLowerCase()).doesNotContain("</script");
        Map<String, Object> back = MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
        assertThat(back).isEqualTo(tree);
    }

    @Test
    void text_numbers_areShortestAndNonFiniteIsNull() throws Exception {
        String json = Json.text(Arrays.asList(1.0, 2.5, Double.NaN, Double.POSITIVE_INFINITY, 3L, 1e20,
                new double[] {0.1, Double.NaN}, null, true));
        assertThat(json).isEqualTo("[1,2.5,null,null,3,1.0E20,[0.1,null],null,true]");
        assertThat(MAPPER.readTree(json).get(5).asDouble()).isEqualTo(1e20);
    }
}
