package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.DecimalVector;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The spread statistics on real data against pandas: the monthly standard deviation of {@code Sales} in the public
 * Superstore orders (test resource {@code datasets/superstore_orders.csv}, see its SOURCE.md).
 *
 * <p>Reference: pandas 1.5.3,
 * <pre>
 * df = pd.read_csv("superstore_orders.csv")
 * df["month"] = pd.to_datetime(df["Order Date"], format="%m/%d/%Y").dt.strftime("%Y-%m")
 * df.groupby("month")["Sales"].std(ddof=1)     # and .std(ddof=0)
 * </pre>
 * pandas' definition ({@code Series.std}, {@code nanops.nanvar}): with n non-missing values and their mean m,
 * {@code var = sum((x - m)^2) / (n - ddof)} and {@code std = sqrt(var)}; ddof 1 (the default) is the sample, ddof 0
 * the population statistic; NaN when {@code n - ddof <= 0}. The numbers below are pandas' output, printed with
 * {@code repr}. Beside them, {@link #twoPass} is that definition computed independently in {@link BigDecimal}
 * (exact mean, exact squared deviations) from the same parsed values.
 */
class SpreadStatisticsPandasTest {

    /** month, pandas {@code std(ddof=1)}, pandas {@code std(ddof=0)}. */
    static final String[] PANDAS = {
            "2018-01 369.2522439175516 366.90776152258246",
            "2018-02 199.68651429519772 197.50408249008308",
            "2018-03 1837.5365822593646 1831.6752066170004",
            "2018-04 450.16217366834985 448.4918073378905",
            "2018-05 371.36350608865735 369.8383928437216",
            "2018-06 471.5469321617702 469.7972158044499",
            "2018-07 733.437018326339 730.8680541518709",
            "2018-08 305.58724276238394 304.58695450486186",
            "2018-09 902.7310646041847 901.0452908369584",
            "2018-10 381.7979841700697 380.59546784714325",
            "2018-11 524.2855487184568 523.4605512778261",
            "2018-12 588.2587181351026 587.1997456865876",
            "2019-01 726.1332977075742 719.8463109947745",
            "2019-02 377.9335719837372 374.96934133923617",
            "2019-03 709.8448443393169 707.2682665291878",
            "2019-04 412.8607126021677 411.56850062936655",
            "2019-05 443.7615666396818 442.23922401704704",
            "2019-06 364.0112739441273 362.6899945426348",
            "2019-07 339.32851784379625 338.11445843158106",
            "2019-08 436.4834129224259 435.10865860079997",
            "2019-09 439.85468776503564 439.10344095237815",
            "2019-10 333.08798158363277 332.0831890029626",
            "2019-11 488.31037842236856 487.5562306697442",
            "2019-12 497.45810526696033 496.67036430517504",
            "2020-01 363.19887566201623 361.1526685307027",
            "2020-02 972.0127100357588 966.1394676854898",
            "2020-03 758.8531102981017 756.5217588275959",
            "2020-04 752.1153055825894 749.8999390455134",
            "2020-05 740.877577583561 739.2293495628574",
            "2020-06 449.8487800210434 448.71708318411856",
            "2020-07 365.98888292878183 365.07732763306336",
            "2020-08 345.0809225355873 344.099182502068",
            "2020-09 432.40328467763055 431.80727711016317",
            "2020-10 1358.8490929267482 1355.378208349057",
            "2020-11 461.46843480333615 460.8444068845952",
            "2020-12 664.8585339627981 663.9134609421177",
            "2021-01 730.0682864178978 727.7094166444127",
            "2021-02 298.0243894812125 296.62848302745095",
            "2021-03 961.1532644967149 959.1319094423111",
            "2021-04 481.08814452226267 479.90173545475426",
            "2021-05 366.198181348546 365.4407902971017",
            "2021-06 409.52501578502176 408.68839588000594",
            "2021-07 363.81031532645835 363.0045329078729",
            "2021-08 638.1577723659195 636.6924253750573",
            "2021-09 412.4747222196273 412.02515835610313",
            "2021-10 842.4053487618846 840.9907292100118",
            "2021-11 723.3802573956089 722.591831812674",
            "2021-12 336.62799727530836 336.2634839065959"
    };

    static final String CATALOG = """
            zone: UTC
            grain: month
            sources:
              orders:
                time: order_date
                columns: {order_date: date, region: category, sales: decimal(4)}
                csv:
                  headerNames: {order_date: Order Date, region: Region, sales: Sales}
                  formats: {order_date: {datePatterns: [M/d/yyyy]}}
            metrics:
              - {id: sales_std, aggregate: stddev, column: sales, unit: USD}
              - {id: sales_std_pop, aggregate: stddev-pop, column: sales, unit: USD}
              - {id: sales_var, aggregate: variance, column: sales}
              - {id: sales_var_pop, aggregate: variance-pop, column: sales}
              - {id: sales_cv, aggregate: cv, column: sales, unit: "1"}
              - {id: sales_cv_pop, aggregate: cv-pop, column: sales, unit: "1"}
            """;

    static Path superstore() {
        try {
            return Path.of(SpreadStatisticsPandasTest.class.getResource("/datasets/superstore_orders.csv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static KpiResults evaluate(Catalog catalog, int threads) {
        KpiEngine engine = KpiEngine.builder().catalog(catalog).parallelism(threads).build();
        RecordSource source = catalog.source("orders").orElseThrow().csvReader(superstore()).build();
        return engine.evaluate(Map.of("orders", source));
    }

    @Test
    void monthlySalesStd_equalsPandas_toOneInABillion() {
        Catalog catalog = Catalog.read(CATALOG, "superstore.yaml");
        for (int threads : new int[] {1, 3}) {
            KpiResults r = evaluate(catalog, threads);
            assertThat(r.metric("sales_std")).hasSize(PANDAS.length);
            for (String line : PANDAS) {
                String[] f = line.split(" ");
                Period month = catalog.calendar().parse(f[0]);
                double std = r.number("sales_std", month).orElseThrow();
                double pop = r.number("sales_std_pop", month).orElseThrow();
                assertThat(relative(std, Double.parseDouble(f[1]))).as("std(ddof=1) " + f[0] + ", threads " + threads)
                        .isLessThan(1e-9);
                assertThat(relative(pop, Double.parseDouble(f[2]))).as("std(ddof=0) " + f[0]).isLessThan(1e-9);
            }
        }
    }

    @Test
    void everySpreadStatistic_equalsTheTwoPassDefinition() {
        Catalog catalog = Catalog.read(CATALOG, "superstore.yaml");
        KpiResults r = evaluate(catalog, 2);
        Map<String, List<BigDecimal>> byMonth = salesByMonth(catalog);
        assertThat(byMonth).hasSize(PANDAS.length);
        for (Map.Entry<String, List<BigDecimal>> e : byMonth.entrySet()) {
            Period month = catalog.calendar().parse(e.getKey());
            List<BigDecimal> x = e.getValue();
            double sample = twoPass(x, 1);
            double population = twoPass(x, 0);
            double mean = mean(x).doubleValue();
            String at = e.getKey();
            assertThat(relative(r.number("sales_var", month).orElseThrow(), sample)).as("var " + at).isLessThan(1e-12);
            assertThat(relative(r.number("sales_var_pop", month).orElseThrow(), population)).as("var_pop " + at)
                    .isLessThan(1e-12);
            assertThat(relative(r.number("sales_std", month).orElseThrow(), Math.sqrt(sample))).as("std " + at)
                    .isLessThan(1e-12);
            assertThat(relative(r.number("sales_cv", month).orElseThrow(), Math.sqrt(sample) / mean)).as("cv " + at)
                    .isLessThan(1e-12);
            assertThat(relative(r.number("sales_cv_pop", month).orElseThrow(), Math.sqrt(population) / mean))
                    .as("cv_pop " + at).isLessThan(1e-12);
        }
    }

    /** pandas' definition: {@code sum((x - mean)^2) / (n - ddof)}, in exact decimal arithmetic, then rounded. */
    static double twoPass(List<BigDecimal> x, int ddof) {
        BigDecimal mean = mean(x);
        BigDecimal squares = BigDecimal.ZERO;
        for (BigDecimal v : x) {
            BigDecimal d = v.subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        return squares.divide(BigDecimal.valueOf(x.size() - ddof), MathContext.DECIMAL128).doubleValue();
    }

    static BigDecimal mean(List<BigDecimal> x) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal v : x) {
            sum = sum.add(v);
        }
        return sum.divide(BigDecimal.valueOf(x.size()), MathContext.DECIMAL128);
    }

    /** Every Sales value by its order month, read with the catalog's CSV settings. */
    static Map<String, List<BigDecimal>> salesByMonth(Catalog catalog) {
        Map<String, List<BigDecimal>> out = new TreeMap<>();
        try (RecordSource in = catalog.source("orders").orElseThrow().csvReader(superstore()).build()) {
            int day = in.schema().indexOf("order_date");
            int sales = in.schema().indexOf("sales");
            for (RecordBatch b = in.next(); b != null; b = in.next()) {
                LongVector days = (LongVector) b.column(day);
                DecimalVector amounts = (DecimalVector) b.column(sales);
                for (int i = 0; i < b.size(); i++) {
                    String month = LocalDate.ofEpochDay(days.get(i)).toString().substring(0, 7);
                    out.computeIfAbsent(month, k -> new ArrayList<>())
                            .add(BigDecimal.valueOf(amounts.unscaled(i), amounts.scale()));
                }
            }
        }
        return out;
    }

    static double relative(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }
}
