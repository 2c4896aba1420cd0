package io.kpiengine.benchmarks;

import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.PeriodIndexer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-row cost of mapping a timestamp (epoch micros) to its period index: {@link PeriodIndexer} against the
 * same mapping through java.time ({@code Instant -> ZonedDateTime -> LocalDate}), over 4,096 random timestamps of
 * 2025, reported per row.
 *
 * <pre>
 * java -jar kpi-benchmarks/target/benchmarks.jar PeriodIndexerBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PeriodIndexerBenchmark {

    private static final int ROWS = 4096;

    /** The business zone. */
    @Param({"Asia/Seoul", "Europe/Berlin", "America/New_York"})
    public String zone;

    /** The grain. */
    @Param({"HOUR", "DAY", "MONTH"})
    public String grain;

    private PeriodIndexer indexer;
    private ZoneId zoneId;
    private Grain g;
    private final long[] micros = new long[ROWS];

    /** Builds the indexer and the timestamps. */
    @Setup
    public void setUp() {
        zoneId = ZoneId.of(zone);
        g = Grain.valueOf(grain);
        indexer = BusinessCalendar.of(zoneId).indexer(g);
        SplittableRandom r = new SplittableRandom(2025);
        long from = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
        for (int i = 0; i < ROWS; i++) {
            micros[i] = from + r.nextLong(365L * 86_400 * 1_000_000L);
        }
    }

    /**
     * The fast path.
     *
     * @return a checksum
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long indexer() {
        long sum = 0;
        for (long t : micros) {
            sum += indexer.index(t);
        }
        return sum;
    }

    /**
     * The same buckets through java.time (hour: epoch hours of the local time, a simplification that ignores the
     * repeated hour of DST).
     *
     * @return a checksum
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long javaTime() {
        long sum = 0;
        for (long t : micros) {
            ZonedDateTime z = Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000L)).atZone(zoneId);
            switch (g) {
                case HOUR:
                    sum += z.toLocalDate().toEpochDay() * 24 + z.getHour();
                    break;
                case DAY:
                    sum += z.toLocalDate().toEpochDay();
                    break;
                default:
                    sum += z.getYear() * 12L + z.getMonthValue() - 1;
            }
        }
        return sum;
    }
}
