package io.cairn.storage.part;

import static io.cairn.storage.part.PartDescriptor.*;

import io.cairn.storage.codec.BlockDecoder;
import io.cairn.storage.codec.BlockDescriptor;
import io.cairn.storage.codec.CorruptBlockException;
import io.cairn.storage.model.SampleBuffer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;

/**
 * Reads one part file through a memory mapping. {@link #open} validates the header, footer,
 * index checksum and the index's structure, and keeps the block index as primitive arrays;
 * every block read verifies the block's CRC32C and its decoded shape against the index.
 * Corruption surfaces as {@link CorruptPartException} naming the file and offset.
 *
 * <p>Thread safety: after open() a reader is immutable; any number of threads may call the
 * read methods concurrently (scratch space is per thread).
 *
 * <p>Lifecycle: the reader starts with one reference, owned by whoever opened it (the store's
 * part list). A query that uses the part outside the owner's thread takes its own reference
 * with {@link #tryRetain()} (false: the part was already dropped, fetch the part list again)
 * and gives it back with {@link #release()}. {@link #close()} gives back the owner's
 * reference. The mapping is removed when the last reference goes, so a part that a merge
 * replaced stays readable until the last query using it is done. Reading without holding a
 * reference is a bug (the JVM crashes on unmapped memory); reads check the count as a guard.
 */
public final class PartReader implements Closeable {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final Path path;
    private final MappedPartFile file;
    private final PartInfo info;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    // Block index, one entry per block, ordered by (series id, time).
    private final long[] blockSeriesIds;
    private final long[] blockMinTimes;
    private final long[] blockMaxTimes;
    private final long[] blockOffsets;
    private final int[] blockLengths;
    private final int[] blockSampleCounts;
    private final int[] blockCrcs;
    private final byte[] blockHeaders;
    // Distinct series: ids ascending and the first block of each; seriesFirstBlock has one
    // extra element (blockCount) so series s owns blocks [first[s], first[s + 1]).
    private final long[] seriesIds;
    private final int[] seriesFirstBlock;

    private PartReader(Path path, MappedPartFile file) {
        this.path = path;
        this.file = file;
        long length = file.length();
        if (length < MIN_FILE_LENGTH) {
            throw corrupt(0, "file has " + length + " bytes, a part has at least " + MIN_FILE_LENGTH);
        }
        checkMagic(0, file.getInt(HEADER_MAGIC_OFFSET), "header");
        int version = file.getUnsignedByte(HEADER_VERSION_OFFSET);
        if (version < OLDEST_READABLE_VERSION || version > VERSION) {
            throw corrupt(HEADER_VERSION_OFFSET, "unsupported format version " + version + " (this build reads "
                    + OLDEST_READABLE_VERSION + " to " + VERSION + ")");
        }
        for (int i = HEADER_VERSION_OFFSET + 1; i < HEADER_LENGTH; i++) {
            if (file.getUnsignedByte(i) != 0) {
                throw corrupt(i, "reserved header byte is not zero");
            }
        }
        long footer = length - FOOTER_LENGTH;
        checkMagic(footer + FOOTER_MAGIC_OFFSET, file.getInt(footer + FOOTER_MAGIC_OFFSET), "footer");
        int footerCrc = crc(footer, FOOTER_CRC_COVERS);
        if (footerCrc != file.getInt(footer + FOOTER_CRC_OFFSET)) {
            throw corrupt(footer, "footer checksum mismatch");
        }
        if (file.getUnsignedByte(footer + FOOTER_VERSION_OFFSET) != version) {
            throw corrupt(footer + FOOTER_VERSION_OFFSET, "footer version differs from header version");
        }
        long indexOffset = file.getLong(footer + FOOTER_INDEX_OFFSET_OFFSET);
        long rowCount = file.getLong(footer + FOOTER_ROW_COUNT_OFFSET);
        long minTime = file.getLong(footer + FOOTER_MIN_TIME_OFFSET);
        long maxTime = file.getLong(footer + FOOTER_MAX_TIME_OFFSET);
        int blockCount = file.getInt(footer + FOOTER_BLOCK_COUNT_OFFSET);
        int seriesCount = file.getInt(footer + FOOTER_SERIES_COUNT_OFFSET);
        if (blockCount < 0 || seriesCount < 0 || seriesCount > blockCount
                || indexOffset != footer - (long) blockCount * INDEX_ENTRY_LENGTH || indexOffset < HEADER_LENGTH) {
            throw corrupt(footer, "footer counts/offsets inconsistent: blocks=" + blockCount + " series="
                    + seriesCount + " indexOffset=" + indexOffset + " footerOffset=" + footer);
        }
        if (crc(indexOffset, footer - indexOffset) != file.getInt(footer + FOOTER_INDEX_CRC_OFFSET)) {
            throw corrupt(indexOffset, "block index checksum mismatch");
        }
        blockSeriesIds = new long[blockCount];
        blockMinTimes = new long[blockCount];
        blockMaxTimes = new long[blockCount];
        blockOffsets = new long[blockCount];
        blockLengths = new int[blockCount];
        blockSampleCounts = new int[blockCount];
        blockCrcs = new int[blockCount];
        blockHeaders = new byte[blockCount];
        seriesIds = new long[seriesCount];
        seriesFirstBlock = new int[seriesCount + 1];
        loadIndex(indexOffset, blockCount, seriesCount, rowCount, minTime, maxTime);
        this.info = new PartInfo(path.getFileName().toString(), minTime, maxTime, rowCount, seriesCount,
                blockCount, length);
    }

    /**
     * Maps and validates the part at {@code path}.
     *
     * @throws CorruptPartException if the file is not a valid part
     * @throws IOException          if it cannot be opened or mapped
     */
    public static PartReader open(Path path) throws IOException {
        return open(path, MappedPartFile.DEFAULT_SEGMENT_SIZE);
    }

    /** As {@link #open(Path)} with a chosen mapping segment size (tests use small ones). */
    static PartReader open(Path path, long segmentSize) throws IOException {
        MappedPartFile file = new MappedPartFile(path, segmentSize,
                Math.max(BlockDescriptor.MAX_BLOCK_BYTES, FOOTER_LENGTH));
        try {
            return new PartReader(path, file);
        } catch (RuntimeException e) {
            file.unmap();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public PartInfo info() {
        return info;
    }

    public long minTime() {
        return info.minTimeMs();
    }

    public long maxTime() {
        return info.maxTimeMs();
    }

    public long rowCount() {
        return info.rowCount();
    }

    public int seriesCount() {
        return seriesIds.length;
    }

    public int blockCount() {
        return blockSeriesIds.length;
    }

    // ---- series ----

    /** Series id at {@code seriesIndex} in [0, seriesCount()), ascending. */
    public long seriesIdAt(int seriesIndex) {
        return seriesIds[seriesIndex];
    }

    /** Index of the series in [0, seriesCount()), or a negative number if absent. */
    public int seriesIndexOf(long seriesId) {
        return java.util.Arrays.binarySearch(seriesIds, seriesId);
    }

    public boolean contains(long seriesId) {
        return seriesIndexOf(seriesId) >= 0;
    }

    /** Calls {@code action} with every series id, ascending. */
    public void forEachSeriesId(LongConsumer action) {
        for (long id : seriesIds) {
            action.accept(id);
        }
    }

    /** First block of the series at {@code seriesIndex}. */
    public int seriesFirstBlock(int seriesIndex) {
        return seriesFirstBlock[seriesIndex];
    }

    /** One past the last block of the series at {@code seriesIndex}. */
    public int seriesEndBlock(int seriesIndex) {
        return seriesFirstBlock[seriesIndex + 1];
    }

    // ---- blocks ----

    public long blockSeriesId(int block) {
        return blockSeriesIds[block];
    }

    public long blockMinTime(int block) {
        return blockMinTimes[block];
    }

    public long blockMaxTime(int block) {
        return blockMaxTimes[block];
    }

    public int blockSampleCount(int block) {
        return blockSampleCounts[block];
    }

    /** Offset of the block in the file (for diagnostics). */
    public long blockOffset(int block) {
        return blockOffsets[block];
    }

    /**
     * Appends all samples of one block to {@code out} after verifying its checksum.
     *
     * @return number of samples appended
     * @throws CorruptPartException if the block's bytes are damaged
     */
    public int readBlock(int block, SampleBuffer out) {
        checkReadable();
        Scratch scratch = SCRATCH.get();
        long offset = blockOffsets[block];
        int len = blockLengths[block];
        byte[] bytes = scratch.bytes(len);
        file.getBytes(offset, bytes, 0, len);
        CRC32C crc = scratch.crc;
        crc.reset();
        crc.update(bytes, 0, len);
        if ((int) crc.getValue() != blockCrcs[block]) {
            throw corrupt(offset, "block " + block + " checksum mismatch");
        }
        if ((bytes[0] & 0xFF) != (blockHeaders[block] & 0xFF)) {
            throw corrupt(offset, "block " + block + " header differs from index");
        }
        int base = out.count();
        int n;
        try {
            n = scratch.decoder.decode(bytes, 0, len, out);
        } catch (CorruptBlockException e) {
            throw corrupt(offset, "block " + block + ": " + e.getMessage(), e);
        }
        long[] ts = out.timestamps();
        if (n != blockSampleCounts[block] || ts[base] != blockMinTimes[block] || ts[base + n - 1] != blockMaxTimes[block]) {
            out.truncate(base);
            throw corrupt(offset, "block " + block + " contents (" + n + " samples) disagree with its index entry");
        }
        return n;
    }

    /**
     * Appends the samples of {@code seriesId} with {@code minT <= t <= maxT} to {@code out},
     * timestamps ascending.
     *
     * @return number of samples appended (0 if the part lacks the series or range)
     * @throws CorruptPartException if a block touched is damaged
     */
    public int read(long seriesId, long minT, long maxT, SampleBuffer out) {
        checkReadable();
        int s = seriesIndexOf(seriesId);
        if (s < 0 || minT > maxT) {
            return 0;
        }
        int start = out.count();
        for (int b = seriesFirstBlock[s], end = seriesFirstBlock[s + 1]; b < end; b++) {
            if (blockMaxTimes[b] < minT) {
                continue;
            }
            if (blockMinTimes[b] > maxT) {
                break;
            }
            int base = out.count();
            int n = readBlock(b, out);
            if (blockMinTimes[b] < minT || blockMaxTimes[b] > maxT) {
                keepRange(out, base, n, minT, maxT);
            }
        }
        return out.count() - start;
    }

    // ---- lifecycle ----

    /** Takes a reference; false if the part is already fully released (unmapped). */
    public boolean tryRetain() {
        while (true) {
            int n = refs.get();
            if (n <= 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Takes a reference; the caller must already hold one (so the part cannot vanish). */
    public PartReader retain() {
        if (!tryRetain()) {
            throw new IllegalStateException("part " + path + " is already released");
        }
        return this;
    }

    /** Gives back a reference; the last one unmaps the file. */
    public void release() {
        int n = refs.decrementAndGet();
        if (n == 0) {
            file.unmap();
        } else if (n < 0) {
            throw new IllegalStateException("BUG: part " + path + " released more often than retained");
        }
    }

    /** Current number of references (for tests and diagnostics). */
    public int referenceCount() {
        return Math.max(0, refs.get());
    }

    /** Gives back the owner's reference (once; further calls do nothing). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    @Override
    public String toString() {
        return "PartReader[" + path + ", " + info.rowCount() + " rows, " + seriesIds.length + " series]";
    }

    // ---- internals ----

    private void loadIndex(long indexOffset, int blockCount, int seriesCount, long rowCount, long minTime, long maxTime) {
        long expectedOffset = HEADER_LENGTH;
        long rows = 0;
        long min = EMPTY_MIN_TIME;
        long max = EMPTY_MAX_TIME;
        int series = 0;
        for (int b = 0; b < blockCount; b++) {
            long e = indexOffset + (long) b * INDEX_ENTRY_LENGTH;
            long id = file.getLong(e + ENTRY_SERIES_ID_OFFSET);
            long lo = file.getLong(e + ENTRY_MIN_TIME_OFFSET);
            long hi = file.getLong(e + ENTRY_MAX_TIME_OFFSET);
            long offset = file.getLong(e + ENTRY_BLOCK_OFFSET_OFFSET);
            int len = file.getInt(e + ENTRY_BLOCK_LENGTH_OFFSET);
            int count = file.getInt(e + ENTRY_SAMPLE_COUNT_OFFSET);
            if (offset != expectedOffset || len < 2 || len > BlockDescriptor.MAX_BLOCK_BYTES
                    || offset + len > indexOffset) {
                throw corrupt(e, "index entry " + b + ": block at " + offset + " (+" + len + ") not where expected ("
                        + expectedOffset + ")");
            }
            if (count < 1 || count > BlockDescriptor.MAX_SAMPLES || lo > hi || (count == 1) != (lo == hi)) {
                throw corrupt(e, "index entry " + b + ": bad count/time range " + count + " [" + lo + ", " + hi + "]");
            }
            boolean newSeries = b == 0 || id != blockSeriesIds[b - 1];
            if (b > 0 && (id < blockSeriesIds[b - 1] || (!newSeries && lo <= blockMaxTimes[b - 1]))) {
                throw corrupt(e, "index entry " + b + " out of order");
            }
            if (newSeries) {
                if (series == seriesCount) {
                    throw corrupt(e, "more distinct series than the footer's " + seriesCount);
                }
                seriesIds[series] = id;
                seriesFirstBlock[series] = b;
                series++;
            }
            blockSeriesIds[b] = id;
            blockMinTimes[b] = lo;
            blockMaxTimes[b] = hi;
            blockOffsets[b] = offset;
            blockLengths[b] = len;
            blockSampleCounts[b] = count;
            blockCrcs[b] = file.getInt(e + ENTRY_CRC_OFFSET);
            blockHeaders[b] = (byte) file.getUnsignedByte(e + ENTRY_BLOCK_HEADER_OFFSET);
            expectedOffset = offset + len;
            rows += count;
            min = Math.min(min, lo);
            max = Math.max(max, hi);
        }
        if (expectedOffset != indexOffset || series != seriesCount || rows != rowCount || min != minTime
                || max != maxTime) {
            throw corrupt(indexOffset, "block index disagrees with footer (rows " + rows + "/" + rowCount
                    + ", series " + series + "/" + seriesCount + ", time [" + min + ", " + max + "]/[" + minTime
                    + ", " + maxTime + "], blocks end at " + expectedOffset + ")");
        }
        seriesFirstBlock[seriesCount] = blockCount;
    }

    /** Keeps only samples in [minT, maxT] of the n samples appended at {@code base}. */
    private static void keepRange(SampleBuffer out, int base, int n, long minT, long maxT) {
        long[] ts = out.timestamps();
        double[] vs = out.values();
        int lo = base;
        int end = base + n;
        while (lo < end && ts[lo] < minT) {
            lo++;
        }
        int hi = lo;
        while (hi < end && ts[hi] <= maxT) {
            hi++;
        }
        int kept = hi - lo;
        if (lo != base && kept > 0) {
            System.arraycopy(ts, lo, ts, base, kept);
            System.arraycopy(vs, lo, vs, base, kept);
        }
        out.truncate(base + kept);
    }

    private int crc(long offset, long length) {
        Scratch scratch = SCRATCH.get();
        CRC32C crc = scratch.crc;
        crc.reset();
        int chunk = Math.min(file.maxAccess(), 64 * 1024);
        byte[] bytes = scratch.bytes(chunk);
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(chunk, length - done);
            file.getBytes(offset + done, bytes, 0, n);
            crc.update(bytes, 0, n);
            done += n;
        }
        return (int) crc.getValue();
    }

    private void checkMagic(long offset, int magic, String where) {
        if (magic != MAGIC) {
            throw corrupt(offset, "bad " + where + " magic 0x" + Integer.toHexString(magic));
        }
    }

    private void checkReadable() {
        if (refs.get() <= 0) {
            throw new IllegalStateException("BUG: read from released part " + path);
        }
    }

    private CorruptPartException corrupt(long offset, String detail) {
        return new CorruptPartException(path, offset, detail);
    }

    private CorruptPartException corrupt(long offset, String detail, Throwable cause) {
        return new CorruptPartException(path, offset, detail, cause);
    }

    /** Per-thread scratch: block bytes, checksum and decoder state. Heap only. */
    private static final class Scratch {
        final CRC32C crc = new CRC32C();
        final BlockDecoder decoder = new BlockDecoder();
        private byte[] bytes = new byte[64 * 1024];

        byte[] bytes(int len) {
            if (bytes.length < len) {
                bytes = new byte[Math.max(len, bytes.length * 2)];
            }
            return bytes;
        }
    }
}
