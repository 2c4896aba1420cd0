package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background digests equal the digests taken in place, fail as they do, and stop when asked. */
class InputDigestTest {

    @TempDir
    Path dir;

    @Test
    void background_equalsInPlace_inOrder_andFailsAsInPlace() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "ts,x\n2025-01-01,1\n");
        Path b = Files.write(dir.resolve("b.csv"), new byte[300_000]);
        Path gone = dir.resolve("gone.csv");
        List<EngineOptions.DataFile> files = List.of(new EngineOptions.DataFile("s", a, "--data s=" + a),
                new EngineOptions.DataFile("s", gone, "--data s=" + gone),
                new EngineOptions.DataFile("t", b, "--data t=" + b), new EngineOptions.DataFile("s", a, "--data s=" + a));
        try (InputDigest.Background digests = InputDigest.Background.start(files)) {
            assertThat(digests.get(0).id()).isEqualTo(InputDigest.of(a, "--data s=" + a).id());
            assertThatThrownBy(() -> digests.get(1)).isInstanceOf(UncheckedIOException.class)
                    .hasMessage(catchMessage(() -> InputDigest.of(gone, "--data s=" + gone)));
            assertThat(digests.get(2).id()).isEqualTo(InputDigest.of(b, "--data t=" + b).id());
            assertThat(digests.get(3).id()).isEqualTo(digests.get(0).id());
            assertThat(digests.get(2).id().id()).startsWith("sha256:").hasSize("sha256:".length() + 64);
        }
    }

    @Test
    void aStoppedDigest_endsWithCancellation() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "ts,x\n");
        assertThatThrownBy(() -> InputDigest.of(a, "--data s=" + a, () -> true))
                .isInstanceOf(CancellationException.class).hasMessageContaining("--data s=" + a);
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
        throw new AssertionError("no exception");
    }
}
