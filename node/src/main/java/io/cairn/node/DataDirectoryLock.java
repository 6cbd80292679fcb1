package io.cairn.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * One node per data directory: an exclusive OS lock on {@code <data>/node.lock}, held from
 * before the node starts until its actor system has terminated (the OS also drops it with the
 * process, after a crash too, so a stale file never blocks a restart). A second node started on the same directory
 * refuses to start with a clear message instead of running with every replica failing on the
 * locked journal and WAL files. The file holds the owner's pid, for that message.
 */
final class DataDirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "node.lock";

    /**
     * Directories locked by this JVM. Checked before opening the file: on Linux, closing any
     * channel of a file drops every lock this process holds on it, so a refused second attempt
     * must not open (and close) a channel of its own.
     */
    private static final Set<Path> HELD = new HashSet<>();

    /** The lock lives as long as this channel is open. */
    private final FileChannel channel;
    private final Path dir;

    private DataDirectoryLock(FileChannel channel, Path dir) {
        this.channel = channel;
        this.dir = dir;
    }

    /**
     * Takes the lock of {@code dataDir} for this process.
     *
     * @throws IllegalArgumentException when another process holds it
     * @throws IOException when the lock file cannot be created or written
     */
    static synchronized DataDirectoryLock acquire(Path dataDir) throws IOException {
        Path dir = dataDir.toRealPath();
        Path file = dir.resolve(FILE_NAME);
        if (HELD.contains(dir)) {
            throw inUse(dataDir, Long.toString(ProcessHandle.current().pid()));
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // cannot happen past the HELD check, but never take it for success
        }
        if (lock == null) {
            String owner = owner(file);
            channel.close();
            throw inUse(dataDir, owner);
        }
        byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
        channel.force(false);
        HELD.add(dir);
        return new DataDirectoryLock(channel, dir);
    }

    /** Releases the lock; the file stays (its content is only informative). */
    @Override
    public void close() throws IOException {
        synchronized (DataDirectoryLock.class) {
            try {
                channel.close();
            } finally {
                HELD.remove(dir);
            }
        }
    }

    private static IllegalArgumentException inUse(Path dataDir, String owner) {
        return new IllegalArgumentException("data directory " + dataDir + " is in use by another Cairn node"
                + (owner.isEmpty() ? "" : " (pid " + owner + ")") + ": stop it first or choose another -storageDataPath");
    }

    private static String owner(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.matches("[0-9]{1,19}") ? text : "";
        } catch (IOException e) {
            return "";
        }
    }
}
