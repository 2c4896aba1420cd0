package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.internal.GroupState;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.GroupingSets;
import io.kpiengine.core.time.Period;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Grouping sets against DuckDB's {@code GROUP BY GROUPING SETS} on the public Superstore orders: every measure,
 * ratio and formula of {@link Superstore#CATALOG} in every set of {@code ROLLUP(region, category)} plus
 * {@code (segment)}, per month.
 *
 * <p>The SQL below is the definition. Exact: sums of the exact {@code Sales}, counts, distinct counts, minimum and
 * maximum ship dates, first and last sale (by order date, then file position). To 1e-9 relative: the double sum of
 * {@code Profit}, the margin {@code sum(Profit) / sum(Sales) * 100} (a ratio of sums in each set, never an average
 * of finer ratios), the mean quantity, {@code stddev_samp}, sales per order and the median. DuckDB only lists the
 * groups that have rows; the engine lays every group over every month, and its groups with rows must be exactly
 * DuckDB's.
 */
class GroupingSetsDuckDbGoldenTest {

    static final String SQL = """
            WITH m AS (SELECT *, strftime("Order Date", '%Y-%m') AS month FROM t)
            SELECT month, "Region" AS region, "Category" AS category, "Segment" AS segment,
                   GROUPING("Region") AS no_region, GROUPING("Category") AS no_category,
                   GROUPING("Segment") AS no_segment,
                   sum("Sales") AS sales, count(DISTINCT "Order ID") AS orders,
                   count(DISTINCT "Customer ID") AS customers, count(*) AS lines, sum("Profit") AS profit,
                   sum("Profit") / CAST(sum("Sales") AS DOUBLE) * 100 AS margin, avg("Quantity") AS avg_quantity,
                   stddev_samp(CAST("Sales" AS DOUBLE)) AS sales_std,
                   CAST(sum("Sales") AS DOUBLE) / count(DISTINCT "Order ID") AS sales_per_order,
                   quantile_cont(CAST("Sales" AS DOUBLE), 0.5) AS median_sales,
                   min("Ship Date") AS first_ship, max("Ship Date") AS last_ship,
                   arg_min("Sales", ord) AS opening_sale, arg_max("Sales", ord) AS closing_sale
            FROM m
            GROUP BY GROUPING SETS ((month, "Region", "Category"), (month, "Region"), (month), (month, "Segment"))
            """;

    static final List<String> EXACT = List.of("sales", "orders", "customers", "lines", "opening_sale",
            "closing_sale");
    static final List<String> APPROX = List.of("profit", "margin", "avg_quantity", "sales_std", "sales_per_order",
            "median_sales");
    static final List<String> DATES = List.of("first_ship", "last_ship");

    @Test
    void rollupAndASegmentSet_matchDuckDbGroupingSets_inOnePass() throws SQLException {
        Catalog catalog = Superstore.catalog("groupingSets: [\"rollup(region, category)\", [segment]]");
        assertThat(catalog.groupingSets()).contains(GroupingSets.rollup("region", "category")
                .and(GroupingSets.by("segment")));
        assertThat(catalog.sliceByOf("margin")).containsExactly("region", "category", "segment");
        for (int threads : new int[] {1, 2}) {
            KpiEngine engine = KpiEngine.builder().catalog(catalog).parallelism(threads).build();
            KpiResults r = engine.evaluate(Superstore.input(catalog));
            compare(catalog, r);
            // one pass: every measure is aggregated once, at the finest grouping its sets need
            for (GroupState g : r.state().sourceStates().get("orders").groups()) {
                assertThat(g.spec().dimensions()).containsExactly("region", "category", "segment");
            }
            assertThat(r.state().sourceStates().get("orders").groups()).hasSize(1);
        }
    }

    private static void compare(Catalog catalog, KpiResults r) throws SQLException {
        int groups = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            Superstore.load(c);
            try (ResultSet rs = st.executeQuery(SQL)) {
                while (rs.next()) {
                    groups++;
                    Map<String, String> dims = RegrainDuckDbGoldenTest.dims(rs);
                    Period month = catalog.calendar().parse(rs.getString("month"));
                    RegrainDuckDbGoldenTest.compareRow(r, month, dims, rs, "month");
                }
            }
        }
        Map<List<String>, Integer> withRows = new HashMap<>();
        for (KpiResult x : r.metric("lines")) {
            if (x.rows() > 0) {
                withRows.merge(x.groupingSet(), 1, Integer::sum);
            }
        }
        assertThat(withRows.keySet()).containsExactlyInAnyOrder(List.of("region", "category"), List.of("region"),
                List.of(), List.of("segment"));
        assertThat(withRows.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(groups);
        List<List<String>> order = new ArrayList<>();
        for (KpiResult x : r.metric("margin")) {
            if (order.isEmpty() || !order.get(order.size() - 1).equals(x.groupingSet())) {
                order.add(x.groupingSet());
            }
        }
        assertThat(order).as("rows by grouping set in request order").containsExactly(
                List.of("region", "category"), List.of("region"), List.of(), List.of("segment"));
    }
}
