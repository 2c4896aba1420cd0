package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Any bytes restored as an aggregation state either give a state that writes the same bytes again, or fail with
 * a {@link StateException}; never another throwable, never more memory than a small multiple of the input.
 *
 * <p>The first byte chooses how the rest is used: even, as the file itself (almost always refused by the checksum,
 * the length or the header); odd, as the content of a version-3 state, wrapped in a header with the right length
 * and CRC32C, so that the fuzzer reaches the decoding of the content itself (counts, strings, slots, measures).
 * Regression mode in {@code mvn verify} over the committed inputs under
 * {@code src/test/resources/io/kpiengine/core/StateFuzzTestInputs/restore_anyBytes_stateOrStateException} (a real
 * state, truncated and bit-flipped ones, counts of 2^28). To fuzz: {@code JAZZER_FUZZ=1 mvn -pl kpi-core -am test
 * -Dtest=StateFuzzTest -Djazzer.hooks=true}.
 */
class StateFuzzTest {

    static final long BASE_BYTES = 32L << 20;

    private static final KpiEngine ENGINE = KpiEngineTrustTest.engine();

    @FuzzTest(maxDuration = "5m")
    void restore_anyBytes_stateOrStateException(byte[] input) {
        byte[] bytes = input.length > 0 && (input[0] & 1) == 1 ? wrap(input) : input;
        check(bytes);
        // measured on the second restore, so that loading classes does not count
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        check(bytes);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated for a state of %d bytes", bytes.length)
                .isLessThan(BASE_BYTES + 2_000L * bytes.length);
    }

    private static void check(byte[] bytes) {
        try {
            AggregationState s = ENGINE.restore(bytes);
            byte[] again = s.toBytes();
            assertThat(ENGINE.restore(again).toBytes()).isEqualTo(again);
        } catch (StateException e) {
            assertThat(e.getMessage()).startsWith("cannot restore the aggregation state: ");
            assertThat(e.getMessage().length()).isLessThan(4_000);
        }
    }

    /** A version-3 header with the right length and checksum around {@code input[1..]}. */
    static byte[] wrap(byte[] input) {
        int n = input.length - 1;
        ByteBuffer b = ByteBuffer.allocate(20 + n);
        CRC32C crc = new CRC32C();
        crc.update(input, 1, n);
        b.putInt(0x4B504953).putInt(3).putLong(n).putInt((int) crc.getValue()).put(input, 1, n);
        return b.array();
    }
}
