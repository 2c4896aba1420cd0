package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.data.io.MemorySource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link KpiEngine.Builder#executor}: the host's executor runs the partitions, and the results do not change. */
class KpiEngineExecutorTest {

    static final Catalog CATALOG = KpiEngineWindowsTest.catalog(3, 1);

    static MemorySource events() {
        List<KpiEngineWindowsTest.Row> rows = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            for (int k = 0; k < 5; k++) {
                rows.add(new KpiEngineWindowsTest.Row(LocalDate.of(2025, 1, 1).plusDays(d), k % 2 == 0 ? "web" : "app",
                        d * 10 + k, "o" + (d * 7 + k) % 90));
            }
        }
        return KpiEngineWindowsTest.source(rows);   // batches of 7 rows: splits into as many partitions as asked
    }

    static List<String> cells(KpiResults r) {
        return r.rows().stream().map(x -> x.metric() + " " + x.period() + " " + x.dimensions() + " " + x.value())
                .toList();
    }

    @Test
    void executor_runsEveryPartition_andGivesTheSameResults() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AtomicInteger tasks = new AtomicInteger();
            KpiEngine counted = KpiEngine.builder().catalog(CATALOG).parallelism(3).clock(KpiEngineWindowsTest.CLOCK)
                    .executor(task -> {
                        tasks.incrementAndGet();
                        pool.execute(task);
                    }).build();
            KpiResults withPool = counted.evaluate(Map.of("events", events()));
            assertThat(tasks.get()).isEqualTo(3);
            KpiEngine plain = KpiEngine.builder().catalog(CATALOG).parallelism(1).clock(KpiEngineWindowsTest.CLOCK)
                    .build();
            assertThat(cells(withPool)).isEqualTo(cells(plain.evaluate(Map.of("events", events()))));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void executor_oneThreadForFourPartitions_runsThemOneAfterAnother() {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            KpiEngine engine = KpiEngine.builder().catalog(CATALOG).parallelism(4).clock(KpiEngineWindowsTest.CLOCK)
                    .executor(single).build();
            KpiEngine plain = KpiEngine.builder().catalog(CATALOG).parallelism(1).clock(KpiEngineWindowsTest.CLOCK)
                    .build();
            assertThat(cells(engine.evaluate(Map.of("events", events()))))
                    .isEqualTo(cells(plain.evaluate(Map.of("events", events()))));
        } finally {
            single.shutdown();
        }
    }

    @Test
    void executor_thatRefusesTasks_failsTheEvaluation() {
        KpiEngine engine = KpiEngine.builder().catalog(CATALOG).parallelism(2).executor(task -> {
            throw new RejectedExecutionException("full");
        }).build();
        assertThatThrownBy(() -> engine.evaluate(Map.of("events", events())))
                .isInstanceOf(RejectedExecutionException.class).hasMessage("full");
    }

    @Test
    void build_shutDownExecutorService_isRefused() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.shutdown();
        assertThatThrownBy(() -> KpiEngine.builder().catalog(CATALOG).executor(pool).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("executor must accept tasks, but it is an ExecutorService that is shut down");
    }

    @Test
    void executor_setTwice_isRefused() {
        KpiEngine.Builder b = KpiEngine.builder().executor(Runnable::run);
        assertThatThrownBy(() -> b.executor(Runnable::run)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("executor was already set to ");
    }
}
