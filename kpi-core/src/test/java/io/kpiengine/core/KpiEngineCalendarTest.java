package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.FiscalYearNaming;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The engine buckets rows by the business calendar: hourly rows around Europe/Berlin's DST changes land in the
 * local day java.time gives them (the 23-hour 2025-03-30 and the 25-hour 2025-10-26), and ISO weeks follow
 * ISO-8601 (2021-01-01 belongs to 2020-W53).
 */
class KpiEngineCalendarTest {

    static final Schema SCHEMA = Schema.of(Column.of("ts", ColumnType.TIMESTAMP), Column.of("n", ColumnType.INTEGER));

    static KpiEngine engine(ZoneId zone, Grain grain) {
        DataSource source = DataSource.builder("e").schema(SCHEMA).timeColumn("ts").build();
        Catalog catalog = Catalog.builder().zone(zone).grain(grain).source(source)
                .metric(Metric.measure("rows").source("e").count().unit("count").build()).build();
        return KpiEngine.builder().catalog(catalog).parallelism(2)
                .clock(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
    }

    static MemorySource hourly(Instant from, Instant to) {
        MemorySource.Builder b = MemorySource.builder(SCHEMA).name("e").batchSize(7);
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(30))) {
            b.row(t, 1L);
        }
        return b.build();
    }

    @Test
    void days_aroundBerlinDaylightSavingChanges_haveTheirLocalLength() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        for (String[] window : new String[][] {{"2025-03-28T00:00:00Z", "2025-04-02T00:00:00Z"},
            {"2025-10-24T00:00:00Z", "2025-10-29T00:00:00Z"}}) {
            Instant from = Instant.parse(window[0]);
            Instant to = Instant.parse(window[1]);
            KpiResults r = engine(berlin, Grain.DAY).evaluate(Map.of("e", hourly(from, to)));
            Map<String, Long> expected = new TreeMap<>();
            for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(30))) {
                expected.merge(t.atZone(berlin).toLocalDate().toString(), 1L, Long::sum);
            }
            Map<String, Long> ours = new TreeMap<>();
            r.series("rows").forEach(x -> ours.put(x.period().toString(), (long) x.value().value()));
            assertThat(ours).isEqualTo(expected);
        }
        KpiResults spring = engine(berlin, Grain.DAY).evaluate(Map.of("e", hourly(
                Instant.parse("2025-03-29T23:00:00Z"), Instant.parse("2025-03-30T22:00:00Z"))));
        assertThat(spring.series("rows")).singleElement().satisfies(x -> {
            assertThat(x.period().toString()).isEqualTo("2025-03-30");
            assertThat(x.period().duration()).isEqualTo(Duration.ofHours(23));
            assertThat(x.value().value()).isEqualTo(46);
        });
        KpiResults autumn = engine(berlin, Grain.DAY).evaluate(Map.of("e", hourly(
                Instant.parse("2025-10-25T22:00:00Z"), Instant.parse("2025-10-26T23:00:00Z"))));
        assertThat(autumn.series("rows")).singleElement().satisfies(x -> {
            assertThat(x.period().duration()).isEqualTo(Duration.ofHours(25));
            assertThat(x.value().value()).isEqualTo(50);
        });
    }

    @Test
    void isoWeeks_followIso8601() {
        KpiResults r = engine(ZoneOffset.UTC, Grain.WEEK).evaluate(Map.of("e", hourly(
                Instant.parse("2020-12-28T00:00:00Z"), Instant.parse("2021-01-11T00:00:00Z"))));
        assertThat(r.series("rows")).extracting(x -> x.period().toString() + "=" + x.value().text())
                .containsExactly("2020-W53=336", "2021-W01=336");
        LocalDate newYear = LocalDate.of(2021, 1, 1);
        assertThat(newYear.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)).isEqualTo(53);
    }

    @Test
    void zone_keepsTheCatalogsFiscalYear_andACalendarWithAnotherFiscalYearFails() {
        DataSource source = DataSource.builder("e").schema(SCHEMA).timeColumn("ts").build();
        BusinessCalendar april = BusinessCalendar.builder().zone(ZoneOffset.UTC).fiscalYearStart(Month.APRIL)
                .fiscalYearNaming(FiscalYearNaming.START_YEAR).build();
        Catalog catalog = Catalog.builder().calendar(april).grain(Grain.FISCAL_QUARTER).source(source)
                .metric(Metric.measure("rows").source("e").count().unit("count").build()).build();
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        KpiEngine engine = KpiEngine.builder().catalog(catalog).zone(tokyo)
                .clock(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        assertThat(engine.calendar()).isEqualTo(april.withZone(tokyo));
        assertThat(engine.calendar().fiscalYearStart()).isEqualTo(Month.APRIL);
        // 2025-03-31T16:00Z is 1 April 01:00 in Tokyo: the first quarter of the fiscal year starting in April 2025
        KpiResults r = engine.evaluate(Map.of("e", MemorySource.builder(SCHEMA).name("e")
                .row(Instant.parse("2025-03-31T16:00:00Z"), 1L).build()));
        assertThat(r.series("rows")).extracting(x -> x.period().toString()).containsExactly("FY2025-Q1");

        KpiEngine.Builder plain = KpiEngine.builder().catalog(catalog).calendar(BusinessCalendar.of(tokyo));
        assertThatThrownBy(plain::build).isInstanceOf(IllegalArgumentException.class).hasMessage("calendar must have"
                + " the catalog's fiscal year (starting in APRIL, named by START_YEAR), but it starts in JANUARY, named"
                + " by END_YEAR; set zone(...) to change only the time zone, or change the catalog's fiscalYear");
        assertThat(KpiEngine.builder().catalog(catalog).calendar(april.withZone(tokyo)).build().calendar())
                .isEqualTo(april.withZone(tokyo));
    }
}
