package io.cairn.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Bytes on disk of a data directory: the sum of the sizes of its regular files (hard links to
 * one file counted once per link; symbolic links not followed). Files that vanish while the
 * walk runs (a server merging parts) are skipped, so call it once the server has settled.
 */
public final class DirectorySize {
    private DirectorySize() {}

    /** Total size in bytes of the regular files under {@code dir}; 0 if it does not exist. */
    public static long bytes(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        long[] total = new long[1];
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + dir, e);
        }
        return total[0];
    }
}
