package io.kpiengine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Single calls allocate nothing per point beyond their output: the bytes a call allocates (HotSpot's per-thread
 * counter) grow with the series length only by the size of the output.
 */
class AllocationTest {

    private static final int SHORT = 10_000;
    private static final int LONG = 40_000;

    @Test
    void crossCorrelationAndGranger_allocateNothingPerPoint() {
        for (Prewhitening p : new Prewhitening[] {Prewhitening.none(), Prewhitening.difference(),
            Prewhitening.autoregressive(2)}) {
            long growth = growth(n -> {
                Series x = series("x", n, 1);
                Series y = series("y", n, 2);
                return () -> LeadLag.of(x, y).maxLag(12).maxOrder(4).prewhitening(p).run();
            });
            assertThat(growth).as("%s", p).isLessThan(2_000);
        }
        assertThat(growth(n -> {
            Series x = series("x", n, 1);
            Series y = series("y", n, 2);
            return () -> Granger.test(x, y, 4);
        })).isLessThan(2_000);
    }

    @Test
    void decomposition_allocatesOnlyItsOutput() {
        // output per point: trend, seasonal, residual, adjusted values (4 x 8 bytes) and two reason arrays (2 x 8)
        long growth = growth(n -> {
            Series x = Series.of("sales", positive(n));
            return () -> Decomposition.of(x, 12, Decomposition.Model.MULTIPLICATIVE);
        });
        assertThat(growth).isLessThan((LONG - SHORT) * 48L + 2_000);
    }

    /** Allocation of the call at LONG points minus at SHORT points; the factory builds the inputs unmeasured. */
    private static long growth(java.util.function.IntFunction<Supplier<Object>> call) {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long[] bytes = new long[2];
        int[] sizes = {SHORT, LONG};
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 2; i++) {
                Supplier<Object> s = call.apply(sizes[i]);
                long before = mx.getThreadAllocatedBytes(id);
                Object result = s.get();
                bytes[i] = mx.getThreadAllocatedBytes(id) - before;
                assertThat(result).isNotNull();
            }
        }
        return bytes[1] - bytes[0];
    }

    private static Series series(String name, int n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        double level = 0;
        for (int t = 0; t < n; t++) {
            level += random.nextGaussian();
            v[t] = level + random.nextGaussian();
        }
        return Series.of(name, v);
    }

    private static double[] positive(int n) {
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = 100 + 10 * Math.sin(t * 2 * Math.PI / 12) + 0.01 * t;
        }
        return v;
    }
}
