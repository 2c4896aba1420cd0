package io.kpiengine.cli;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The output files of one command, written so that each is either its previous complete version or the new
 * complete one, never a part: every file is written to a temporary file in its own directory
 * ({@code .<name>.<random>.kpi-tmp}), forced to disk, and renamed over its target only when the whole command
 * succeeded ({@link #commit()}); otherwise ({@link #close()} without a commit, a failed write, a full disk, a
 * SIGTERM) the temporary files are deleted and the targets are untouched.
 *
 * <p><b>All or nothing.</b> The renames of one command happen under one lock, which the JVM's shutdown hook also
 * takes before it deletes uncommitted temporary files: a SIGTERM during the commit waits for the last rename, and a
 * SIGTERM before it leaves every target as it was. (SIGKILL and power loss can still stop a commit between two
 * renames; each file is then still complete, old or new. Commands commit their aggregation state last.)
 *
 * <p>A target that exists and is not a regular file (a device such as {@code /dev/null}, a pipe) is written
 * directly; a directory is refused. A symbolic link is followed: the file it points to is replaced.
 *
 * <p>Also {@link #checkDistinct}: no output may be the same file as an input or as another output (compared by
 * real path and by file key, so symbolic and hard links are seen through).
 *
 * <p>Not thread-safe, except that the writers it hands out may be used by one thread each.
 */
final class OutputFiles implements AutoCloseable {

    /** The live instances, whose temporary files the shutdown hook deletes. */
    private static final Set<OutputFiles> LIVE = Collections.newSetFromMap(new IdentityHashMap<>());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OutputFiles::abortAll, "kpi-output-cleanup"));
    }

    private final List<Pending> pending = new ArrayList<>();
    private boolean finished;

    /** One output: its target and the temporary file it is written to (null when written directly). */
    private record Pending(Path target, @Nullable Path temp, String label) {
    }

    OutputFiles() {
        synchronized (LIVE) {
            LIVE.add(this);
        }
    }

    /**
     * A path of a command line option, for the same-file check.
     *
     * @param option the option, e.g. {@code --out} or {@code --data events=}
     * @param path the path
     */
    record Named(String option, Path path) {
        @Override
        public String toString() {
            return option + (option.endsWith("=") ? "" : " ") + path;
        }
    }

    /**
     * Refuses an output that is the same file as an input or as another output.
     *
     * @param inputs the files a command reads
     * @param outputs the files it writes
     * @param allowed pairs (input option, output option) that may name the same file, e.g. {@code --state-in} and
     *     {@code --state-out}: the input is read whole before the output replaces it
     * @throws IllegalArgumentException naming both options and the file
     */
    static void checkDistinct(List<Named> inputs, List<Named> outputs, List<List<String>> allowed) {
        List<Object[]> in = new ArrayList<>();
        for (Named n : inputs) {
            in.add(new Object[] {n, identity(n.path())});
        }
        List<Object[]> seen = new ArrayList<>();
        for (Named o : outputs) {
            Identity id = identity(o.path());
            if (id.directory) {
                throw new IllegalArgumentException(o + ": is a directory; give a file name");
            }
            for (Object[] i : in) {
                Named input = (Named) i[0];
                if (id.same((Identity) i[1]) && !allowed.contains(List.of(input.option(), o.option()))) {
                    throw new IllegalArgumentException(o + " is the same file as " + input + ": writing it would"
                            + " destroy the input; write the output to another file");
                }
            }
            for (Object[] s : seen) {
                if (id.same((Identity) s[1]) && !id.device) {
                    Named other = (Named) s[0];
                    throw new IllegalArgumentException(o + " is the same file as " + other + ": each output needs a"
                            + " file of its own");
                }
            }
            seen.add(new Object[] {o, id});
        }
    }

    /** What identifies a file: its real path (the real directory and the name for a new file) and file key. */
    private record Identity(Path real, @Nullable Object key, boolean directory, boolean device) {
        boolean same(Identity o) {
            return real.equals(o.real) || key != null && key.equals(o.key);
        }
    }

    private static Identity identity(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new Identity(p.toRealPath(), a.fileKey(), a.isDirectory(), a.isOther());
        } catch (NoSuchFileException e) {
            Path parent = abs.getParent();
            try {
                Path real = parent == null ? abs : parent.toRealPath().resolve(abs.getFileName());
                return new Identity(real, null, false, false);
            } catch (IOException x) {
                return new Identity(abs, null, false, false);
            }
        } catch (IOException e) {
            return new Identity(abs, null, false, false);
        }
    }

    /**
     * A stream to write an output to; its bytes reach the target at {@link #commit()}.
     *
     * @param target the output file
     * @return the stream; closing it does not commit
     * @throws UncheckedIOException if the temporary file cannot be created, naming the target
     */
    synchronized OutputStream stream(Path target) {
        if (finished) {
            throw new IllegalStateException("the outputs were already committed or aborted");
        }
        Objects.requireNonNull(target, "target");
        String label = target.toString();
        try {
            Path real = target;
            if (Files.exists(target)) {
                real = target.toRealPath();
                if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.isDirectory(real)) {
                        throw new IOException("is a directory");
                    }
                    pending.add(new Pending(real, null, label));
                    return guard(Files.newOutputStream(real), label, null);
                }
            }
            Path dir = Objects.requireNonNull(real.toAbsolutePath().getParent(), "parent");   // a file has one
            // created with the permissions a new file of the directory gets (not the 0600 of a temp file)
            Path temp = Files.createFile(dir.resolve("." + real.getFileName() + "."
                    + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".kpi-tmp"));
            pending.add(new Pending(real.toAbsolutePath(), temp, label));
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return guard(new SyncingStream(channel), label, temp);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot write " + label + ": its directory "
                    + target.toAbsolutePath().getParent() + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + label + ": " + reason(e), e);
        }
    }

    /**
     * A UTF-8 writer to an output (see {@link #stream}).
     *
     * @param target the output file
     * @return the buffered writer; closing it does not commit
     */
    Writer writer(Path target) {
        return new BufferedWriter(new OutputStreamWriter(stream(target), StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * Writes a whole output at once.
     *
     * @param target the output file
     * @param bytes its content
     */
    void write(Path target, byte[] bytes) {
        try (OutputStream out = stream(target)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /**
     * Renames every temporary file over its target, in the order they were opened; the streams must be closed.
     *
     * @throws UncheckedIOException if a rename fails (the targets renamed before it stay renamed)
     */
    void commit() {
        synchronized (LIVE) {
            synchronized (this) {
                if (finished) {
                    throw new IllegalStateException("the outputs were already committed or aborted");
                }
                try {
                    for (Pending p : pending) {
                        if (p.temp() == null) {
                            continue;
                        }
                        try {
                            move(p.temp(), p.target());
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot write " + p.label() + ": " + reason(e), e);
                        }
                    }
                    syncDirectories();
                } finally {
                    finished = true;
                    deleteTemps();
                    LIVE.remove(this);
                }
            }
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same directory, so this cannot happen on a POSIX file system; keep the previous file intact anyway
            throw new IOException("the file system cannot rename atomically in " + target.getParent(), e);
        }
    }

    /** Forces the renames of the directories to disk (best effort: not every platform can open a directory). */
    private void syncDirectories() {
        for (Pending p : pending) {
            if (p.temp() != null) {
                try (FileChannel dir = FileChannel.open(p.target().getParent(), StandardOpenOption.READ)) {
                    dir.force(true);
                } catch (IOException | UnsupportedOperationException e) {
                    // the rename is done; only its durability across a power loss is not forced
                }
            }
        }
    }

    /** Deletes the temporary files of every uncommitted output; the targets stay as they were. */
    @Override
    public void close() {
        synchronized (LIVE) {
            synchronized (this) {
                finished = true;
                deleteTemps();
                LIVE.remove(this);
            }
        }
    }

    private void deleteTemps() {
        for (Pending p : pending) {
            if (p.temp() != null) {
                try {
                    Files.deleteIfExists(p.temp());
                } catch (IOException e) {
                    // left for the user: a hidden .kpi-tmp file, never the target
                }
            }
        }
    }

    private static void abortAll() {
        synchronized (LIVE) {
            for (OutputFiles o : new ArrayList<>(LIVE)) {
                synchronized (o) {
                    o.finished = true;
                    o.deleteTemps();
                }
            }
            LIVE.clear();
        }
    }

    /** The message of an I/O failure without the class name; "File too large" and the like, with its file. */
    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException) {
            return "no such file or directory" + (m == null ? "" : ": " + m);
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied" + (m == null ? "" : ": " + m);
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** Whether a file's name ends in an extension, in any case ({@code .json}, {@code .JSON}). */
    static boolean hasExtension(Path file, String extension) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(extension);
    }

    /**
     * Why an output's name does not fit its format, or null when it ends in one of the extensions:
     * {@code --out must end in .json or .csv, but was 'r.txt'}.
     */
    static @Nullable String extensionProblem(String option, Path file, String... extensions) {
        for (String e : extensions) {
            if (hasExtension(file, e)) {
                return null;
            }
        }
        return option + " must end in " + String.join(" or ", extensions) + ", but was '" + file + "'";
    }

    /** A write failure of an output, named once ("cannot write X: File too large"). */
    static UncheckedIOException failure(Path path, IOException e) {
        String m = e.getMessage();
        return new UncheckedIOException(m != null && m.startsWith("cannot write ") ? m
                : "cannot write " + path + ": " + reason(e), e);
    }

    /** Names the target in every write failure ("File too large" alone names no file). */
    private static OutputStream guard(OutputStream out, String label, @Nullable Path temp) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new IOException(describe(e), e);
                }
            }

            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw new IOException(describe(e), e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new IOException(describe(e), e);
                }
            }

            private String describe(IOException e) {
                return "cannot write " + label + ": " + reason(e) + (temp == null ? ""
                        : " (" + label + " is left as it was)");
            }
        };
    }

    /** A channel's stream that forces its bytes to disk when closed. */
    private static final class SyncingStream extends OutputStream {
        private final FileChannel channel;
        private final OutputStream out;

        SyncingStream(FileChannel channel) {
            this.channel = channel;
            this.out = Channels.newOutputStream(channel);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            try (FileChannel c = channel) {
                if (c.isOpen()) {
                    c.force(true);
                }
            }
        }
    }
}
