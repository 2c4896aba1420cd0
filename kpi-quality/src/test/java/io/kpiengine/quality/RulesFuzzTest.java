package io.kpiengine.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kpiengine.data.doc.DocumentException;
import io.kpiengine.data.doc.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes read as a rules file either give a rule set or fail with a {@link DocumentException} whose every problem
 * has a line and column (or {@link RulesException} for inconsistent rules); never another throwable, never more
 * memory than a small multiple of the document.
 *
 * <p>Regression mode in {@code mvn verify} over the committed inputs under
 * {@code src/test/resources/io/kpiengine/quality/RulesFuzzTestInputs/read_anyDocument_rulesOrPositionedProblems}
 * (huge exponents, YAML 1.1 booleans, hexadecimal numbers, complex keys, deep nesting, NUL, invalid UTF-8, durations
 * past {@code java.time.Duration}, mistyped dates). The first byte chooses JSON (odd) or YAML (even). To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl kpi-quality -am test -Dtest=RulesFuzzTest -Djazzer.hooks=true}.
 */
class RulesFuzzTest {

    static final long BASE_BYTES = 32L << 20;

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("rules-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void read_anyDocument_rulesOrPositionedProblems(byte[] input) throws IOException {
        boolean json = input.length > 0 && (input[0] & 1) == 1;
        Path file = DIR.resolve(json ? "r.json" : "r.yaml");
        Files.write(file, input.length == 0 ? input : java.util.Arrays.copyOfRange(input, 1, input.length));
        check(file);
        // measured on the second read, so that loading classes does not count
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        check(file);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated for a document of %d bytes", input.length)
                .isLessThan(BASE_BYTES + 2_000L * input.length);
    }

    private static void check(Path file) {
        try {
            QualityRules rules = QualityRules.read(file);
            assertThat(rules).isEqualTo(QualityRules.read(file));
            assertThat(rules.maxPeriods()).isPositive();
        } catch (DocumentException e) {
            assertThat(e.problems()).isNotEmpty();
            for (Problem p : e.problems()) {
                assertThat(p.message()).isNotBlank();
                assertThat(p.location().line()).as(p.toString()).isPositive();
                assertThat(p.toString().length()).as("message length").isLessThan(2_000);
            }
        } catch (RulesException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
