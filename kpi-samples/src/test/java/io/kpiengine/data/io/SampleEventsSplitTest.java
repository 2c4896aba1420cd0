package io.kpiengine.data.io;

import static io.kpiengine.data.io.CsvTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.RecordSource;
import io.kpiengine.data.io.CsvTesting.Result;
import io.kpiengine.samples.SampleEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The split CSV reader on the generated reference workload (kept here: the generator is not a kpi-data dependency). */
class SampleEventsSplitTest {

    @TempDir
    Path dir;

    @Test
    void split_sampleEvents_onThreads_sharesDictionariesAndBudget() throws Exception {
        Path p = dir.resolve("events.csv");
        SampleEvents.builder().rows(50_000).seed(7).build().writeCsv(p);
        Result sequential = readAll(CsvSource.builder(p).schema(SampleEvents.schema()).build());
        CsvSource source = CsvSource.builder(p).schema(SampleEvents.schema()).build();
        List<RecordSource> parts = source.split(3);
        assertThat(parts).hasSize(3);
        assertThatThrownBy(() -> source.split(2)).isInstanceOf(IllegalStateException.class);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (RecordSource part : parts) {
                futures.add(pool.submit(() -> readAll(part)));
            }
            List<Long> lines = new ArrayList<>();
            List<java.util.Map<String, Object>> rows = new ArrayList<>();
            for (Future<Result> f : futures) {
                lines.addAll(f.get().lines());
                rows.addAll(f.get().rows());
            }
            assertThat(lines).isEqualTo(sequential.lines());
            assertThat(rows).isEqualTo(sequential.rows());
        } finally {
            pool.shutdownNow();
        }
        assertThat(sequential.rejected()).isEmpty();
        assertThat(sequential.rows()).hasSize(50_000);
    }

}
