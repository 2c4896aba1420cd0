package io.kpiengine.core;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.data.RecordSource;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The public Superstore orders (test resource {@code datasets/superstore_orders.csv}, see its SOURCE.md) as a
 * catalog, an engine input and a DuckDB table, for golden tests on real data.
 */
final class Superstore {

    /** The source and the metrics the golden tests compare; {@code %s} is replaced by extra top-level fields. */
    static final String CATALOG = """
            zone: UTC
            grain: month
            fiscalYear: {startMonth: 4, naming: end-year}
            %s
            sources:
              orders:
                time: order_date
                columns: {row_id: integer, order_id: text, order_date: date, ship_date: date, customer_id: text,
                          segment: category, region: category, category: category, sales: decimal(4),
                          quantity: integer, profit: decimal}
                csv:
                  headerNames: {row_id: Row ID, order_id: Order ID, order_date: Order Date, ship_date: Ship Date,
                                customer_id: Customer ID, segment: Segment, region: Region, category: Category,
                                sales: Sales, quantity: Quantity, profit: Profit}
                  formats: {order_date: {datePatterns: [M/d/yyyy]}, ship_date: {datePatterns: [M/d/yyyy]}}
            metrics:
              - {id: sales, aggregate: sum, column: sales, unit: USD, sliceBy: [region, category, segment]}
              - {id: orders, aggregate: count-distinct, column: order_id, sliceBy: [region, category, segment]}
              - {id: customers, aggregate: count-distinct, column: customer_id, sliceBy: [region, category, segment]}
              - {id: lines, aggregate: count, sliceBy: [region, category, segment]}
              - {id: profit, aggregate: sum, column: profit, unit: USD, sliceBy: [region, category, segment]}
              - {id: margin, numerator: profit, denominator: sales, scale: 100, unit: percent}
              - {id: avg_quantity, aggregate: average, column: quantity, sliceBy: [region, category, segment]}
              - {id: sales_std, aggregate: stddev, column: sales, unit: USD, sliceBy: [region, category, segment]}
              - {id: sales_per_order, formula: "sales / orders"}
              - {id: median_sales, aggregate: median, column: sales, unit: USD, sliceBy: [region, category, segment]}
              - {id: first_ship, aggregate: min, column: ship_date, sliceBy: [region, category, segment]}
              - {id: last_ship, aggregate: max, column: ship_date, sliceBy: [region, category, segment]}
              - {id: opening_sale, aggregate: first, column: sales, unit: USD, sliceBy: [region, category, segment]}
              - {id: closing_sale, aggregate: last, column: sales, unit: USD, sliceBy: [region, category, segment]}
            """;

    /**
     * The same rows in DuckDB, typed as the catalog types them ({@code Sales} exact, {@code Profit} a double), with
     * a first/last order key: the order date, then the row's position in the file, as the engine breaks ties
     * ({@code Row ID} does not follow the file: it repeats 2018 to 2021). One thread reads the file in order, so
     * {@code row_number() OVER ()} is the position.
     */
    static final String TABLE = "CREATE TABLE t AS SELECT *, (\"Order Date\" - DATE '1970-01-01') * 100000"
            + " + row_number() OVER () AS ord FROM read_csv('%s', header=true, dateformat='%%m/%%d/%%Y',"
            + " types={'Order Date':'DATE','Ship Date':'DATE','Sales':'DECIMAL(18,4)','Profit':'DOUBLE',"
            + "'Quantity':'BIGINT','Row ID':'BIGINT'})";

    private Superstore() {
    }

    static Path file() {
        try {
            return Path.of(Superstore.class.getResource("/datasets/superstore_orders.csv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Catalog catalog(String extra) {
        return Catalog.read(String.format(CATALOG, extra), "superstore.yaml");
    }

    static Map<String, RecordSource> input(Catalog catalog) {
        return Map.of("orders", catalog.source("orders").orElseThrow().csvReader(file()).build());
    }

    static void load(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET threads = 1");
            st.execute(String.format(TABLE, file()));
        }
    }
}
