package io.kpiengine.core.track;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Monthly marketing data for tracking tests: one source {@code m} (day, channel, leads, cost, signups), one row per
 * month and channel on the month's first day, evaluated at month grain in UTC with the clock on 2025-03-15.
 */
final class TrackFixture {

    static final String HEAD = "zone: UTC\ngrain: month\nsources:\n  m:\n    time: day\n"
            + "    columns: {day: date, channel: category, leads: integer, cost: decimal, signups: decimal}\n";

    static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE), Column.of("channel", ColumnType.CATEGORY),
            Column.of("leads", ColumnType.INTEGER), Column.of("cost", ColumnType.DECIMAL),
            Column.of("signups", ColumnType.DECIMAL));

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-15T00:00:00Z"), ZoneOffset.UTC);

    private TrackFixture() {
    }

    static LocalDate month(int i) {
        return LocalDate.of(2023, 1, 1).plusMonths(i);
    }

    static Catalog catalog(String body) {
        return Catalog.read(HEAD + body, "c.yaml");
    }

    /** Results of the catalog over rows added by the consumer (day, channel, leads, cost, signups). */
    static KpiResults results(Catalog catalog, Clock clock, Consumer<MemorySource.Builder> rows) {
        MemorySource.Builder b = MemorySource.builder(SCHEMA);
        rows.accept(b);
        return KpiEngine.builder().catalog(catalog).clock(clock).build().evaluate(Map.of("m", b.build()));
    }

    static Tracker tracker(Catalog catalog, int threads) {
        return Tracker.builder(catalog).clock(CLOCK).parallelism(threads).build();
    }

    /** The values of the rows of one series, by period, as doubles (NaN without value). */
    static double[] values(List<ScorecardRow> rows) {
        return rows.stream().mapToDouble(r -> r.value().orElse(Double.NaN)).toArray();
    }
}
