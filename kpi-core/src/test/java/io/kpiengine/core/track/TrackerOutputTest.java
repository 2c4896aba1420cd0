package io.kpiengine.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON and CSV of a scorecard, with hostile text in dimension values and owners. */
class TrackerOutputTest {

    static final String HOSTILE = "=HYPERLINK(\"http://x\",\"y\"),\n\"quoted\"";

    static Scorecard card() {
        Catalog c = TrackFixture.catalog("metrics:\n"
                + "  - {id: leads, aggregate: sum, column: leads, dimensions: [channel], direction: higher-is-better,"
                + " owner: \"@admins\", targets: {shortTerm: 100}}\n"
                + "alerts:\n  - {id: drop, metric: leads, kind: change, below: -5}\n");
        KpiResults r = TrackFixture.results(c, TrackFixture.CLOCK, b -> {
            for (int i = 0; i < 3; i++) {
                b.row(TrackFixture.month(i), HOSTILE, 100L - 10 * i, 0.0, 0.0);
                b.row(TrackFixture.month(i), "-1+1", 100L, 0.0, 0.0);
            }
        });
        return TrackFixture.tracker(c, 1).track(r);
    }

    @Test
    void json_isWellFormed_andEscapesEveryString() throws Exception {
        String json = card().toJson();
        List<String> channels = new ArrayList<>();
        int rows = 0;
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("channel")) {
                    p.nextToken();
                    channels.add(p.getText());
                }
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("statusRule")) {
                    rows++;
                }
            }
        }
        assertThat(rows).isEqualTo(6);
        assertThat(channels).contains(HOSTILE, "-1+1");
        assertThat(json).contains("\"schemaVersion\" : 1", "\"grain\" : \"month\"", "\"owner\" : \"@admins\"",
                "\"criticalOpen\" : false");
    }

    @Test
    void csv_prefixesFormulaLikeText_quotesWhereNeeded_leavesNumbersAlone() {
        String csv = card().toCsv();
        String[] lines = csv.split("\r\n", -1);
        assertThat(lines[0]).startsWith("metric,period,channel,current,owner,value,reason,baseline,");
        assertThat(csv).contains("leads,2023-01,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\"),\n\"\"quoted\"\"\","
                + "false,'@admins,100,");
        assertThat(csv).contains("leads,2023-01,'-1+1,false,'@admins,100,");
        // the change of -10 is a number: never prefixed, in the number style of the results (no ".0")
        assertThat(csv).contains(",-10,-10,");
        assertThat(CardWriter.plain(1e7)).isEqualTo("10000000");
        assertThat(CardWriter.plain(1.25e-5)).isEqualTo("0.0000125");
        assertThat(CardWriter.plain(-0.0)).isEqualTo("0");
        assertThat(CardWriter.plain(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(csv).contains("drop:new");
    }
}
