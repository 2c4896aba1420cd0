package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The engine on a catalog declared in code, against a plain Java oracle over the same rows: monthly revenue in a
 * business zone, year-to-date windows that merge states (distinct customers year to date is not a sum of monthly
 * distinct counts), same month last year, filtered measures and a ratio of them.
 */
class KpiEngineCatalogTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Schema SCHEMA = Schema.of(Column.of("ts", ColumnType.TIMESTAMP),
            Column.of("channel", ColumnType.CATEGORY), Column.decimal("amount", 2), Column.of("customer", ColumnType.TEXT));

    record Sale(Instant ts, String channel, BigDecimal amount, String customer) {
        LocalDate localDate() {
            return ts.atZone(ZONE).toLocalDate();
        }
    }

    static List<Sale> sales(long seed, int n) {
        Random r = new Random(seed);
        List<Sale> out = new ArrayList<>();
        Instant start = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZONE).toInstant();
        long span = ZonedDateTime.of(2025, 4, 1, 0, 0, 0, 0, ZONE).toInstant().getEpochSecond() - start.getEpochSecond();
        for (int i = 0; i < n; i++) {
            out.add(new Sale(start.plusSeconds((long) (r.nextDouble() * span)), r.nextBoolean() ? "email" : "social",
                    BigDecimal.valueOf(r.nextInt(100_000), 2), "C" + r.nextInt(300)));
        }
        return out;
    }

    static Catalog catalog() {
        DataSource source = DataSource.builder("sales").schema(SCHEMA).timeColumn("ts").build();
        return Catalog.builder().zone(ZONE).grain(Grain.MONTH).source(source)
                .metric(Metric.measure("revenue").source("sales").sum("amount").unit("EUR").build())
                .metric(Metric.measure("customers").source("sales").countDistinct("customer").unit("count").build())
                .metric(Metric.measure("email_revenue").source("sales").sum("amount").filter("channel = 'email'")
                        .unit("EUR").build())
                .metric(Metric.ratio("email_share").numerator("email_revenue").denominator("revenue").scale(100)
                        .unit("percent").build())
                .metric(Metric.derived("revenue_ytd").formula("to_date(revenue, year)").unit("EUR").build())
                .metric(Metric.derived("customers_ytd").formula("to_date(customers, year)").unit("count").build())
                .metric(Metric.derived("yoy").formula("revenue / last_year(revenue) - 1").unit("1").build())
                .build();
    }

    static KpiEngine engine(int threads) {
        return KpiEngine.builder().catalog(catalog()).parallelism(threads)
                .clock(Clock.fixed(Instant.parse("2025-03-15T00:00:00Z"), ZoneOffset.UTC)).build();
    }

    static MemorySource source(List<Sale> sales) {
        MemorySource.Builder b = MemorySource.builder(SCHEMA).name("sales").batchSize(97);
        for (Sale s : sales) {
            b.row(s.ts(), s.channel(), s.amount(), s.customer());
        }
        return b.build();
    }

    @Test
    void catalogMetrics_matchAPlainJavaOracle() {
        List<Sale> sales = sales(5, 3000);
        KpiResults r = engine(2).evaluate(Map.of("sales", source(sales)));
        Map<String, BigDecimal> revenue = new HashMap<>();
        Map<String, BigDecimal> email = new HashMap<>();
        Map<String, Set<String>> customersYtd = new HashMap<>();
        for (Sale s : sales) {
            String month = s.localDate().toString().substring(0, 7);
            revenue.merge(month, s.amount(), BigDecimal::add);
            if (s.channel().equals("email")) {
                email.merge(month, s.amount(), BigDecimal::add);
            }
            for (int m = s.localDate().getMonthValue(); m <= 12; m++) {
                customersYtd.computeIfAbsent(String.format("%d-%02d", s.localDate().getYear(), m), k -> new HashSet<>())
                        .add(s.customer());
            }
        }
        List<KpiResult> months = r.series("revenue");
        assertThat(months).hasSize(15);
        assertThat(months.get(0).period().toString()).isEqualTo("2024-01");
        assertThat(months.get(14).isPartial()).isTrue();
        for (KpiResult m : months) {
            String month = m.period().toString();
            assertThat(m.value().exact()).contains(revenue.get(month));
            assertThat(r.value("email_share", m.period(), Map.of()).orElseThrow().value().value())
                    .isCloseTo(email.get(month).doubleValue() / revenue.get(month).doubleValue() * 100, within(1e-9));
            BigDecimal ytd = BigDecimal.ZERO;
            for (int k = 1; k <= m.period().firstDate().getMonthValue(); k++) {
                ytd = ytd.add(revenue.get(String.format("%d-%02d", m.period().firstDate().getYear(), k)));
            }
            assertThat(r.value("revenue_ytd", m.period(), Map.of()).orElseThrow().value().value())
                    .isCloseTo(ytd.doubleValue(), within(1e-6));
            assertThat(r.value("customers_ytd", m.period(), Map.of()).orElseThrow().value().value())
                    .isEqualTo(customersYtd.get(month).size());
            KpiValue yoy = r.value("yoy", m.period(), Map.of()).orElseThrow().value();
            if (m.period().firstDate().getYear() == 2024) {
                assertThat(yoy.reason()).contains(NoValueReason.NO_HISTORY);
            } else {
                String ly = m.period().plusYears(-1).toString();
                assertThat(yoy.value()).isCloseTo(revenue.get(month).doubleValue() / revenue.get(ly).doubleValue() - 1,
                        within(1e-12));
            }
        }
        // rows behind a cell are the input rows, also for a distinct count (customers repeat within a month)
        Map<String, Long> rowsPerMonth = new HashMap<>();
        for (Sale s : sales) {
            rowsPerMonth.merge(s.localDate().toString().substring(0, 7), 1L, Long::sum);
        }
        for (KpiResult c : r.series("customers")) {
            long rows = rowsPerMonth.get(c.period().toString());
            assertThat(c.rows()).as(c.period().toString()).isEqualTo(rows);
            assertThat(c.value().value()).isLessThan(rows);
        }
        // year to date of distinct customers merges sets: it is not the sum of the months
        Period dec = months.get(11).period();
        assertThat(r.value("customers_ytd", dec, Map.of()).orElseThrow().value().value()).isLessThan(
                r.series("customers").subList(0, 12).stream().mapToDouble(x -> x.value().value()).sum());
    }

    @Test
    void oneEngine_evaluatesConcurrently_withTheSameResultsAsSequentially() throws Exception {
        KpiEngine engine = engine(2);
        List<List<Sale>> inputs = new ArrayList<>();
        List<KpiResults> sequential = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            inputs.add(sales(100 + i, 1500));
            sequential.add(engine.evaluate(Map.of("sales", source(inputs.get(i)))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<KpiResults>> futures = new ArrayList<>();
            for (List<Sale> in : inputs) {
                futures.add(pool.submit(() -> engine.evaluate(Map.of("sales", source(in)))));
            }
            for (int i = 0; i < inputs.size(); i++) {
                assertThat(futures.get(i).get().rows()).isEqualTo(sequential.get(i).rows());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void build_withGrainFinerThanTheCatalogAllows_orMissingColumn_failsClearly() {
        assertThatThrownBy(() -> KpiEngine.builder().catalog(catalog()).catalog(catalog()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("catalog was already set to");
        Schema other = Schema.of(Column.of("ts", ColumnType.TIMESTAMP), Column.of("channel", ColumnType.CATEGORY));
        MemorySource wrong = MemorySource.builder(other).name("sales").row(Instant.EPOCH, "email").build();
        assertThatThrownBy(() -> engine(1).evaluate(Map.of("sales", wrong)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data source 'sales': ")
                .hasMessageContaining("'amount' is not in the schema [ts, channel]");
    }
}
