package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.data.io.CsvSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The results are written a cell at a time: never built as one string (100,000 channels over two days exhausted a
 * 512 MiB heap; a million overflowed a {@code 200 * cells} buffer).
 */
class ResultsFormatTest {

    /** A stream that keeps the bytes and the size of the largest single write. */
    static final class Measuring extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int largest;

        @Override
        public void write(int b) {
            largest = Math.max(largest, 1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            largest = Math.max(largest, len);
            bytes.write(b, off, len);
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    static KpiResults results(Catalog c, int channels) {
        StringBuilder csv = new StringBuilder("day,channel,amount\n");
        for (int i = 0; i < channels; i++) {
            csv.append("2025-01-01,c").append(i).append(",1.00\n2025-01-02,c").append(i).append(",2.00\n");
        }
        return KpiEngine.builder().catalog(c).clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .build().evaluate(Map.of("events", CsvSource.builder(new StringReader(csv.toString()), "e.csv")
                        .schema(c.source("events").orElseThrow().schema()).build()));
    }

    @Test
    void json_andCsv_areWrittenACellAtATime() throws IOException {
        Catalog c = Catalog.read(TrustTest.CATALOG, "c.yaml");
        KpiResults r = results(c, 5_000);
        KpiEngine engine = KpiEngine.builder().catalog(c).build();
        Measuring json = new Measuring();
        try (Utf8Out out = new Utf8Out(json)) {
            ResultsFormat.json(c, engine, r, out);
        }
        Measuring csv = new Measuring();
        try (Utf8Out out = new Utf8Out(csv)) {
            ResultsFormat.csv(r, c, false, false, out);
        }

        assertThat(r.rows()).hasSize(5_000 * 2 + 2);
        assertThat(json.bytes.size()).isGreaterThan(1_000_000);
        assertThat(json.largest).as("largest single write").isLessThanOrEqualTo(Utf8Out.BUFFER);
        assertThat(csv.largest).as("largest single write").isLessThanOrEqualTo(Utf8Out.BUFFER);
        assertThat(new ObjectMapper().readTree(json.text()).get("results")).hasSize(r.rows().size());
        assertThat(csv.text().lines()).hasSize(r.rows().size() + 1);
    }
}
