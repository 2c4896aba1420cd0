package io.kpiengine.cli;

import io.kpiengine.core.InputId;
import io.kpiengine.data.io.internal.FileStamp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a data file for the state's record of absorbed inputs: {@code sha256:} and the SHA-256 of its
 * bytes, with its name and size, and the file's stamp (size, modification time, file key) when it was digested,
 * so that a file that changes between the digest and the end of the run is caught.
 *
 * <p>Why the content and not the name: a daily job that re-runs yesterday's file under today's name, or the same
 * file twice, is what doubles numbers; a corrected file under the same name is a new input. Cost: one sequential
 * read of the file before the run (about 1 s per GB; the run's own read then finds it in the page cache).
 *
 * @param id the input id for the engine
 * @param stamp the file's stamp when it was digested
 */
record InputDigest(InputId id, FileStamp stamp) {

    /**
     * Digests a file.
     *
     * @param file the file
     * @param option the option that named it, for messages
     * @return the digest
     * @throws IllegalArgumentException if the file changed while it was digested
     * @throws UncheckedIOException if it cannot be read
     */
    static InputDigest of(Path file, String option) {
        try {
            FileStamp before = FileStamp.of(file);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            long bytes = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    sha.update(buf, 0, n);
                    bytes += n;
                }
            }
            String change = before.changeSince();
            if (change != null || bytes != before.size()) {
                throw new IllegalArgumentException(option + ": the file changed while it was read ("
                        + (change != null ? change : "read " + bytes + " of " + before.size() + " bytes")
                        + "); run again once nothing writes to it");
            }
            String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            if (name.length() > InputId.MAX_LENGTH) {
                name = name.substring(0, InputId.MAX_LENGTH);
            }
            return new InputDigest(new InputId("sha256:" + HexFormat.of().formatHex(sha.digest()),
                    name.replace('\n', ' ').replace('\r', ' '), bytes), before);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + option + ": " + OutputFiles.reason(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
