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
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

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
        return of(file, option, () -> false);
    }

    /**
     * Digests a file unless told to stop.
     *
     * @param file the file
     * @param option the option that named it, for messages
     * @param stop asked between blocks: true ends the digest with a {@link CancellationException}
     * @return the digest
     */
    static InputDigest of(Path file, String option, BooleanSupplier stop) {
        try {
            FileStamp before = FileStamp.of(file);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            long bytes = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (stop.getAsBoolean()) {
                        throw new CancellationException("the digest of " + option + " was stopped");
                    }
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

    /**
     * The digests of a command's data files, taken in order on one background thread from the moment the files
     * are known: the command reads its catalog and builds its engine meanwhile, so a short run does not wait for
     * the digests (about a tenth of a small run's start, see BENCHMARKS.md, cold start). {@link #get} waits for
     * one and throws what digesting it threw; {@link #close} stops the thread (a command that failed early does
     * not read its inputs to the end).
     */
    static final class Background implements AutoCloseable {
        private final List<CompletableFuture<InputDigest>> digests;
        private volatile boolean closed;

        private Background(List<EngineOptions.DataFile> files) {
            digests = files.stream().map(f -> new CompletableFuture<InputDigest>()).toList();
            if (files.isEmpty()) {
                return;
            }
            Thread t = new Thread(() -> {
                for (int i = 0; i < files.size(); i++) {
                    EngineOptions.DataFile f = files.get(i);
                    try {
                        digests.get(i).complete(of(f.file(), f.option(), () -> closed));
                    } catch (RuntimeException | Error e) {
                        digests.get(i).completeExceptionally(e);
                    }
                }
            }, "kpi-input-digest");
            t.setDaemon(true);
            t.start();
        }

        /** Starts digesting the files, in order. */
        static Background start(List<EngineOptions.DataFile> files) {
            return new Background(files);
        }

        /**
         * The digest of the file at an index of the list given to {@link #start}.
         *
         * @throws IllegalArgumentException if the file changed while it was digested
         * @throws UncheckedIOException if it cannot be read
         */
        InputDigest get(int index) {
            try {
                return digests.get(index).join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
