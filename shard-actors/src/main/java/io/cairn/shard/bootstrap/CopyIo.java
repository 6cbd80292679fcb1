package io.cairn.shard.bootstrap;

import io.cairn.shard.manifest.PartRef;
import io.cairn.storage.part.PartInfo;
import io.cairn.storage.part.PartReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Blocking file work of a peer bootstrap, run on the storage IO dispatcher: reading and writing
 * chunks, whole-file checksums and the validation of a copied part. Stateless; thread-safe.
 */
final class CopyIo {
    private static final int CRC_BUFFER = 1 << 20;

    private CopyIo() {}

    /** CRC32C of {@code data[0, length)}. */
    static int crc32c(byte[] data, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, 0, length);
        return (int) crc.getValue();
    }

    /** Reads {@code min(maxBytes, size - offset)} bytes of the file at {@code offset}. */
    static byte[] readChunk(Path file, long offset, int maxBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (offset < 0 || offset > size) {
                throw new IllegalArgumentException("offset " + offset + " outside " + file
                        + " of " + size + " bytes");
            }
            byte[] data = new byte[(int) Math.min(maxBytes, size - offset)];
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    throw new EOFException(file + " ended at " + (offset + buf.position())
                            + " while reading a chunk");
                }
            }
            return data;
        }
    }

    /** Writes all of {@code data} at {@code offset}; positional, so concurrent calls are safe. */
    static void writeAt(FileChannel ch, long offset, byte[] data) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
            ch.write(buf, offset + buf.position());
        }
    }

    /** CRC32C of the whole file. */
    static int crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(CRC_BUFFER);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = 0;
            int n;
            while ((n = ch.read(buf, pos)) > 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
                pos += n;
            }
        }
        return (int) crc.getValue();
    }

    /**
     * Checks a complete copy of {@code part}: its CRC32C equals the source's, and it opens as a
     * valid part (magic, version, index and footer checksums) whose summary matches the
     * source's manifest entry.
     *
     * @throws IOException naming the copy and what differs
     */
    static void verifyCopy(Path copy, PartRef part, int expectedCrc) throws IOException {
        int crc = crc32c(copy);
        if (crc != expectedCrc) {
            throw new IOException("copy " + copy + " of part " + part.fileName()
                    + " has CRC32C " + Integer.toHexString(crc) + ", the source's file "
                    + Integer.toHexString(expectedCrc));
        }
        PartInfo info;
        try (PartReader reader = PartReader.open(copy)) {
            info = reader.info();
        } catch (RuntimeException e) {
            throw new IOException("copy " + copy + " of part " + part.fileName()
                    + " is not a valid part: " + e.getMessage(), e);
        }
        if (info.rowCount() != part.rowCount() || info.sizeBytes() != part.sizeBytes()
                || (info.rowCount() > 0 && (info.minTimeMs() != part.minTimeMs()
                        || info.maxTimeMs() != part.maxTimeMs()))) {
            throw new IOException("copy " + copy + " of part " + part.fileName()
                    + " holds " + info + ", the source's manifest lists " + part);
        }
    }
}
