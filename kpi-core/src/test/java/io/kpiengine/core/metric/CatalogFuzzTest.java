package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.data.doc.DocumentException;
import io.kpiengine.data.doc.Problem;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Any text read as a catalog either gives a valid catalog, which lints and builds an engine, or fails with a
 * {@link DocumentException} or {@link CatalogException} whose every problem has a line and column and a short
 * message; never another throwable, never more memory than a small multiple of the document.
 *
 * <p>Regression mode in {@code mvn verify} over the committed inputs under
 * {@code src/test/resources/io/kpiengine/core/metric/CatalogFuzzTestInputs/read_anyDocument_catalogOrPositionedProblems}
 * (the malformed catalogs of the trust issue: {@code 1e2147483647} in scale, percentile, startMonth and filters,
 * {@code 1e-400}, delimiter equal to quote, {@code yes} and {@code 0x64}, complex keys, NUL). The first byte chooses
 * JSON (odd) or YAML (even). To fuzz: {@code JAZZER_FUZZ=1 mvn -pl kpi-core -am test -Dtest=CatalogFuzzTest
 * -Djazzer.hooks=true}.
 */
class CatalogFuzzTest {

    static final long BASE_BYTES = 32L << 20;

    @FuzzTest(maxDuration = "5m")
    void read_anyDocument_catalogOrPositionedProblems(byte[] input) {
        boolean json = input.length > 0 && (input[0] & 1) == 1;
        String text = input.length == 0 ? "" : new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        String name = json ? "c.json" : "c.yaml";
        check(text, name);
        // measured on the second read, so that loading classes does not count
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        check(text, name);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated for a document of %d bytes", input.length)
                .isLessThan(BASE_BYTES + 4_000L * input.length);
    }

    private static void check(String text, String name) {
        try {
            Catalog c = Catalog.read(text, name);
            c.lint();
            KpiEngine.builder().catalog(c).build();
        } catch (DocumentException e) {
            positioned(e.problems());
        } catch (CatalogException e) {
            positioned(e.problems());
        }
    }

    private static void positioned(List<Problem> problems) {
        assertThat(problems).isNotEmpty();
        for (Problem p : problems) {
            assertThat(p.message()).isNotBlank();
            assertThat(p.location().line()).as(p.toString()).isPositive();
            assertThat(p.toString().length()).as("message length of %s", p).isLessThan(2_000);
        }
    }
}
