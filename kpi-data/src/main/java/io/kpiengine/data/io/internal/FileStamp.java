package io.kpiengine.data.io.internal;

import io.kpiengine.data.io.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Objects;

/**
 * What a file was when reading started: its size, modification time and file key (the inode on POSIX). A reader
 * compares the file with its stamp when it reaches its end; a file that was appended to, truncated, rewritten or
 * replaced while it was read fails the source, because the records read may mix two versions of it or miss some.
 *
 * @param path the file
 * @param size its size in bytes
 * @param modified its modification time
 * @param fileKey its file key, or null where the file system has none
 */
public record FileStamp(Path path, long size, FileTime modified, Object fileKey) {

    /**
     * The stamp of a file now.
     *
     * @param path the file
     * @return the stamp
     * @throws IOException if its attributes cannot be read
     */
    public static FileStamp of(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return new FileStamp(path, a.size(), a.lastModifiedTime(), a.fileKey());
    }

    /**
     * Fails if the file is no longer what this stamp says.
     *
     * @param name the source name for the message
     * @param line the line the reader has reached
     * @throws SourceException if the file changed, was replaced or is gone
     */
    public void check(String name, long line) {
        String change = changeSince();
        if (change != null) {
            throw new SourceException(name, line, "the file changed while it was read (" + change + "): the records"
                    + " read may mix two versions of it or miss some, so the source fails; read it again once"
                    + " nothing writes to it", null);
        }
    }

    /**
     * How the file differs from this stamp now.
     *
     * @return a phrase such as {@code its size went from 1,234 to 567 bytes}, or null when it is unchanged
     */
    public String changeSince() {
        FileStamp now;
        try {
            now = of(path);
        } catch (NoSuchFileException e) {
            return "it was deleted or moved";
        } catch (IOException e) {
            return "its attributes cannot be read: " + e.getMessage();
        }
        if (now.size != size) {
            return String.format(Locale.ROOT, "its size went from %,d to %,d bytes", size, now.size);
        }
        if (!Objects.equals(now.fileKey, fileKey)) {
            return "it was replaced by another file of the same name";
        }
        if (!now.modified.equals(modified)) {
            return "it was modified at " + now.modified + ", after " + modified;
        }
        return null;
    }
}
