package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.data.io.ErrorBudget;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Runs that could lose data or count it twice: the default gate of sources without rules, the record of absorbed
 * inputs and replays, several inputs of one source, the checksum of the state, the cap on the date spine.
 */
class KpiEngineTrustTest {

    static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE), Column.of("channel", ColumnType.CATEGORY),
            Column.decimal("amount", 2));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

    static Catalog catalog() {
        return Catalog.builder().zone(ZoneOffset.UTC)
                .source(DataSource.builder("events").schema(SCHEMA).timeColumn("day").build())
                .metric(Metric.measure("sales").sum("amount").dimensions("channel").unit("USD").build())
                .metric(Metric.measure("orders").count().unit("count").build())
                .build();
    }

    static KpiEngine engine() {
        return KpiEngine.builder().catalog(catalog()).clock(CLOCK).parallelism(1).build();
    }

    static RecordSource csv(String name, String body) {
        return CsvSource.builder(new StringReader("day,channel,amount\n" + body), name).schema(SCHEMA).build();
    }

    /** {@code good} readable rows, then {@code bad} rows whose amount has three places. */
    static String rows(int good, int bad) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < good; i++) {
            sb.append("2025-01-0").append(1 + i % 2).append(",email,1.50\n");
        }
        for (int i = 0; i < bad; i++) {
            sb.append("2025-01-01,email,1.505\n");
        }
        return sb.toString();
    }

    static final String DAY1 = "2025-01-01,email,10.00\n2025-01-01,web,5.25\n";
    static final String DAY2 = "2025-01-02,email,7.00\n";

    @Test
    void gate_withoutRules_moreUnreadableThanBudget_fails() {
        KpiResults r = engine().evaluate(Map.of("events", csv("e.csv", rows(1315, 852))));

        SourceAccount a = r.quality().sources().get(0);
        assertThat(r.quality().verdict()).isEqualTo(QualityVerdict.FAIL);
        assertThat(a.rowsRejected()).isEqualTo(852);
        assertThat(a.findings()).containsExactly("validity: 852 of 2,167 records (39.32%) could not be read, more than"
                + " the error budget of 1% of records");
    }

    @Test
    void gate_withoutRules_unreadableWithinBudget_warns() {
        KpiResults r = engine().evaluate(Map.of("events", csv("e.csv", rows(999, 1))));

        assertThat(r.quality().verdict()).isEqualTo(QualityVerdict.WARN);
        assertThat(r.quality().sources().get(0).findings()).containsExactly("validity: 1 of 1,000 records (0.10%)"
                + " could not be read, within the error budget of 1% of records");
    }

    @Test
    void gate_withoutRules_everyRecordRead_passes() {
        assertThat(engine().evaluate(Map.of("events", csv("e.csv", rows(10, 0)))).quality().verdict())
                .isEqualTo(QualityVerdict.PASS);
    }

    @Test
    void gate_errorBudget_isConfigurable() {
        KpiEngine lenient = KpiEngine.builder().catalog(catalog()).clock(CLOCK)
                .errorBudget(ErrorBudget.maxFraction(0.5, 0)).build();

        assertThat(lenient.evaluate(Map.of("events", csv("e.csv", rows(1315, 852)))).quality().verdict())
                .isEqualTo(QualityVerdict.WARN);
        assertThatThrownBy(() -> KpiEngine.builder().errorBudget(ErrorBudget.UNLIMITED)
                .errorBudget(ErrorBudget.UNLIMITED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void replay_sameInputOnItsOwnState_isRefusedNamingTheEarlierRun() {
        KpiEngine engine = engine();
        KpiResults day1 = engine.evaluate(KpiInputs.builder()
                .add("events", csv("day1.csv", DAY1), new InputId("sha256:aa", "day1.csv", 44)).build());
        KpiResults day2 = engine.evaluate(engine.restore(day1.state().toBytes()), KpiInputs.builder()
                .add("events", csv("day2.csv", DAY2), new InputId("sha256:bb", "day2.csv", 22)).build());
        AggregationState saved = engine.restore(day2.state().toBytes());

        assertThat(saved.runs()).isEqualTo(2);
        assertThat(saved.absorbed()).extracting(a -> a.input().name() + "@" + a.run())
                .containsExactly("day1.csv@1", "day2.csv@2");
        assertThatThrownBy(() -> engine.evaluate(saved, KpiInputs.builder()
                .add("events", csv("again.csv", DAY2), new InputId("sha256:bb", "again.csv", 22)).build()))
                .isInstanceOf(StateException.class)
                .hasMessage("input 'again.csv' (22 bytes, sha256:bb) of data source 'events' was already absorbed"
                        + " into this state by run 2 (2025-06-01T00:00:00Z, as 'day2.csv' (22 bytes, sha256:bb));"
                        + " absorbing it again would count its records twice. To count it again on purpose, allow"
                        + " replays (the kpi command's --allow-replay, KpiInputs.Builder.allowReplay)");
    }

    @Test
    void replay_allowed_countsTwiceAndRecordsBoth() {
        KpiEngine engine = engine();
        KpiResults day1 = engine.evaluate(KpiInputs.builder()
                .add("events", csv("day1.csv", DAY1), InputId.of("day1")).build());
        KpiResults again = engine.evaluate(day1.state(), KpiInputs.builder()
                .add("events", csv("day1.csv", DAY1), InputId.of("day1")).allowReplay(true).build());

        assertThat(again.number("orders", engine.calendar().parse("2025-01-01"))).hasValue(4);
        assertThat(again.state().absorbed()).extracting(AbsorbedInput::run).containsExactly(1L, 2L);
    }

    @Test
    void replay_sameInputTwiceInOneRun_isRefused() {
        assertThatThrownBy(() -> engine().evaluate(KpiInputs.builder()
                .add("events", csv("a.csv", DAY1), InputId.of("x"))
                .add("events", csv("b.csv", DAY1), InputId.of("x")).build()))
                .isInstanceOf(StateException.class)
                .hasMessageStartingWith("input 'x' of data source 'events' is given twice in this run (also as 'x')");
    }

    @Test
    void merge_statesThatAbsorbedTheSameInput_isRefused() {
        KpiEngine engine = engine();
        AggregationState a = engine.evaluate(KpiInputs.builder()
                .add("events", csv("a.csv", DAY1), InputId.of("x")).build()).state();
        AggregationState b = engine.evaluate(KpiInputs.builder()
                .add("events", csv("a.csv", DAY1), InputId.of("x")).build()).state();

        assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("merging would count it twice");
    }

    @Test
    void severalInputsOfOneSource_equalConsecutiveResumedRuns() {
        KpiEngine engine = engine();
        KpiResults both = engine.evaluate(KpiInputs.builder()
                .add("events", csv("day1.csv", DAY1 + "2025-01-01,web,x\n"), InputId.of("day1"))
                .add("events", csv("day2.csv", DAY2), InputId.of("day2")).build());
        KpiResults first = engine.evaluate(Map.of("events", csv("day1.csv", DAY1 + "2025-01-01,web,x\n")));
        KpiResults resumed = engine.evaluate(first.state(), Map.of("events", csv("day2.csv", DAY2)));

        assertThat(both.rows()).isEqualTo(resumed.rows());
        SourceAccount a = both.quality().sources().get(0);
        assertThat(a.rowsAggregated()).isEqualTo(3);
        assertThat(a.rowsRejected()).isEqualTo(1);
        // day1 has 1 of 3 unreadable: its own gate fails, and the finding names it
        assertThat(a.verdict()).isEqualTo(QualityVerdict.FAIL);
        assertThat(a.findings()).containsExactly("input 'day1': validity: 1 of 3 records (33.33%) could not be read,"
                + " more than the error budget of 1% of records");
        assertThat(both.state().absorbed()).extracting(x -> x.input().id()).containsExactly("day1", "day2");
    }

    @Test
    void state_everySingleBitFlip_isRefused() {
        KpiEngine engine = engine();
        byte[] saved = engine.evaluate(KpiInputs.builder()
                .add("events", csv("day1.csv", DAY1), InputId.of("day1")).build()).state().toBytes();
        for (int bit = 0; bit < saved.length * 8; bit++) {
            byte[] flipped = saved.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> engine.restore(flipped)).as("bit %d", bit).isInstanceOf(StateException.class);
        }
    }

    @Test
    void state_flipInContent_isReportedAsChecksumMismatch() {
        KpiEngine engine = engine();
        byte[] saved = engine.evaluate(Map.of("events", csv("day1.csv", DAY1))).state().toBytes();
        saved[saved.length - 9] ^= 4;

        assertThatThrownBy(() -> engine.restore(saved)).isInstanceOf(StateException.class)
                .hasMessageStartingWith("cannot restore the aggregation state: the state is corrupt: its checksum"
                        + " (CRC32C) is ");
    }

    @Test
    void state_everyTruncation_isRefused() {
        KpiEngine engine = engine();
        byte[] saved = engine.evaluate(Map.of("events", csv("day1.csv", DAY1))).state().toBytes();
        for (int n = 0; n < saved.length; n++) {
            byte[] cut = Arrays.copyOf(saved, n);
            assertThatThrownBy(() -> engine.restore(cut)).as("%d bytes", n).isInstanceOf(StateException.class);
        }
    }

    @Test
    void state_version2WithoutChecksum_isStillRead() {
        KpiEngine engine = engine();
        KpiResults r = engine.evaluate(Map.of("events", csv("day1.csv", DAY1)));
        byte[] v3 = r.state().toBytes();
        // version 2: magic, version, then the payload without runs (long) and absorbed inputs (int 0) after the
        // fingerprint, and no length or checksum
        ByteBuffer b = ByteBuffer.wrap(v3);
        int fingerprint = 4 + b.getInt(20);
        byte[] v2 = new byte[v3.length - 12 - 12];
        ByteBuffer out = ByteBuffer.wrap(v2);
        out.putInt(0x4B504953).putInt(2);
        out.put(v3, 20, fingerprint);
        out.put(v3, 20 + fingerprint + 12, v3.length - 20 - fingerprint - 12);

        AggregationState restored = engine.restore(v2);
        assertThat(restored.rows("events")).isEqualTo(2);
        assertThat(restored.absorbed()).isEmpty();
        assertThat(engine.evaluate(restored, Map.of("events", csv("day2.csv", DAY2))).state().runs()).isEqualTo(1);
    }

    @Test
    void spine_mistypedYear_isRefusedNamingTheRows() {
        StringBuilder body = new StringBuilder();
        for (int d = 1; d <= 28; d++) {
            body.append(String.format("2025-02-%02d,email,1.00%n", d));
        }
        body.append("0205-02-03,email,1.00\n0205-02-03,web,1.00\n0205-02-03,web,2.00\n");
        // 2025-02-28 - 0205-02-03 + 1 = 664,768 days (Python: (date(2025,2,28) - date(205,2,3)).days + 1); the gap
        // from 0205-02-03 to 2025-02-01 is 664,740 days = 1,820.0 years of 365.2425 days

        assertThatThrownBy(() -> engine().evaluate(Map.of("events", csv("e.csv", body.toString()))))
                .isInstanceOf(KpiEvaluationException.class)
                .hasMessage("the date spine from 0205-02-03 to 2025-02-28 would have 664,768 day periods, more than"
                        + " the limit of 50,000 (KpiEngine.Builder.maxPeriods, kpi run --max-periods): 3 rows dated"
                        + " 0205-02-03 are 1,820 years before the other 28 rows (2025-02-01 to 2025-02-28); correct"
                        + " those dates, or fix the spine with --from/--to (KpiEngine.Builder.periods)");
    }

    @Test
    void spine_wideFixedRange_isRefused() {
        Catalog c = catalog();
        KpiEngine wide = KpiEngine.builder().catalog(c).clock(CLOCK)
                .periods(c.calendar().parse("1900-01-01"), c.calendar().parse("2100-01-01")).build();

        assertThatThrownBy(() -> wide.evaluate(Map.of("events", csv("e.csv", DAY1))))
                .isInstanceOf(KpiEvaluationException.class)
                .hasMessage("the date spine from 1900-01-01 to 2100-01-01 would have 73,050 day periods, more than the"
                        + " limit of 50,000 (KpiEngine.Builder.maxPeriods, kpi run --max-periods); choose a shorter"
                        + " --from/--to range");
        KpiEngine allowed = KpiEngine.builder().catalog(c).clock(CLOCK).maxPeriods(80_000)
                .periods(c.calendar().parse("1900-01-01"), c.calendar().parse("2100-01-01")).build();
        assertThat(allowed.evaluate(Map.of("events", csv("e.csv", DAY1))).series("orders")).hasSize(73_050);
    }

    @Test
    void state_randomCorruption_isRefusedOrEqual() {
        KpiEngine engine = engine();
        byte[] saved = engine.evaluate(Map.of("events", csv("day1.csv", DAY1))).state().toBytes();
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            byte[] bad = saved.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            if (Arrays.equals(bad, saved)) {
                continue;
            }
            assertThatThrownBy(() -> engine.restore(bad)).as("seed 11, case %d", i).isInstanceOf(StateException.class);
        }
    }

    static final String DOC = """
            zone: UTC
            sources:
              events:
                time: day
                columns: {day: date, channel: category, amount: decimal(2), n: integer}
            metrics:
              - id: sales
                aggregate: sum
                column: amount
                unit: USD
            """;

    @Test
    @org.junit.jupiter.api.Timeout(120) // a guard against a hang, not a measure of speed
    void catalog_hugeNumbers_areProblemsWithShortMessages_neverCrashes() {
        assertThatThrownBy(() -> Catalog.read(DOC + "  - id: p\n    aggregate: percentile\n    column: amount\n"
                + "    percentile: 1e300\n    unit: USD\n", "c.yaml"))
                .isInstanceOf(io.kpiengine.core.metric.CatalogException.class)
                .hasMessageContaining("c.yaml:14:17: 'percentile' in metric must be between 0 and 1 (0.95 for the 95th),"
                        + " but was 1E+300");
        for (String n : new String[] {"1e2147483647", "1e-400", "1E-2147483648"}) {
            assertThatThrownBy(() -> Catalog.read(DOC + "  - id: r\n    numerator: sales\n    denominator: sales\n"
                    + "    scale: " + n + "\n", "c.yaml")).as(n)
                    .hasMessageContaining("c.yaml:14:12: number '" + n + "' is out of range");
            assertThatThrownBy(() -> Catalog.read("fiscalYear: {startMonth: " + n + "}\n" + DOC, "c.yaml")).as(n)
                    .hasMessageContaining("c.yaml:1:26: number '" + n + "' is out of range");
        }
        // a literal inside a filter is text to the document reader: the filter reads it, and nothing overflows or
        // computes 10^217483647 (found by CatalogFuzzTest: it ran for hours)
        Catalog c = Catalog.read(DOC + "  - id: big\n    aggregate: count\n    filter: \"amount >= 1e2147483647\"\n"
                + "    unit: count\n  - id: slow\n    aggregate: count\n    filter: \"amount >= 1e217483647 or amount"
                + " <= -1e-217483647\"\n    unit: count\n", "c.yaml");
        KpiResults r = KpiEngine.builder().catalog(c).clock(CLOCK).build().evaluate(Map.of("events",
                CsvSource.builder(new StringReader("day,channel,amount,n\n2025-01-01,a,1.00,1\n"), "e.csv")
                        .schema(c.source("events").orElseThrow().schema()).build()));
        assertThat(r.number("big", c.calendar().parse("2025-01-01"))).hasValue(0);
        assertThat(r.number("slow", c.calendar().parse("2025-01-01"))).hasValue(0);
    }

    @Test
    void catalog_delimiterEqualToQuote_isAPositionedProblem() {
        assertThatThrownBy(() -> Catalog.read(DOC.replace("    time: day\n", "    time: day\n    csv: {delimiter: '\"'}\n"),
                "c.yaml")).hasMessageContaining("c.yaml:5:22: 'delimiter' and 'quote' in csv of source 'events'"
                        + " must differ");
    }
}
