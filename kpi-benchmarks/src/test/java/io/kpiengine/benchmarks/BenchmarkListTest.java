package io.kpiengine.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * JMH's annotation processor ran: the compiled benchmarks come with the list JMH runs them from (the build lists
 * its annotation processors explicitly, so a missing one would otherwise show only when the jar is run).
 */
class BenchmarkListTest {

    @Test
    void benchmarkList_namesTheBenchmarks() throws IOException {
        try (InputStream in = BenchmarkListTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList").isNotNull();
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(list).contains("DuplicateIndexBenchmark", "RoundingBenchmark", "FormulaBenchmark");
        }
    }
}
