package io.cairn.storage.part;

/**
 * Byte layout of a part file (docs/format/part.md is the authoritative description). All
 * integers are little-endian; checksums are CRC32C.
 *
 * <pre>
 *  offset 0
 *  +------------------------------------------------------------------+
 *  | header (8): magic "CRNP" u32 | version u8 | reserved u8[3] = 0     |
 *  +------------------------------------------------------------------+
 *  | block 0 | block 1 | ... | block N-1     (docs/format/block.md)     |
 *  |   blocks ordered by (series id, time), contiguous, no gaps         |
 *  +------------------------------------------------------------------+
 *  | index: N entries of 48 bytes, same order as the blocks             |
 *  |  0 series id i64 |  8 min time ms i64 | 16 max time ms i64         |
 *  | 24 offset i64    | 32 length i32      | 36 sample count i32        |
 *  | 40 crc32c of the block bytes i32      | 44 block header u8         |
 *  | 45 reserved u8[3] = 0                                              |
 *  +------------------------------------------------------------------+
 *  | footer (56)                                                        |
 *  |  0 index offset i64 |  8 row count i64  | 16 min time ms i64       |
 *  | 24 max time ms i64  | 32 block count i32 | 36 series count i32      |
 *  | 40 index crc32c i32 | 44 version u8      | 45 reserved u8[3] = 0    |
 *  | 48 footer crc32c i32 (of footer bytes 0..47) | 52 magic "CRNP" u32  |
 *  +------------------------------------------------------------------+
 * </pre>
 */
public final class PartDescriptor {
    /** "CRNP" read as a little-endian u32. */
    public static final int MAGIC = 0x504E5243;
    /**
     * The version this build writes. 2 added the PACKED stream scheme to blocks
     * (docs/format/block.md); the part layout itself is unchanged since 1.
     */
    public static final int VERSION = 2;
    /**
     * The oldest version this build reads: version 1 parts hold only the varint stream schemes,
     * which version 2 readers still decode. An older build refuses a version 2 part at open
     * ("unsupported format version") rather than failing on its first PACKED block.
     */
    public static final int OLDEST_READABLE_VERSION = 1;

    public static final int HEADER_LENGTH = 8;
    public static final int HEADER_MAGIC_OFFSET = 0;
    public static final int HEADER_VERSION_OFFSET = 4;

    public static final int INDEX_ENTRY_LENGTH = 48;
    public static final int ENTRY_SERIES_ID_OFFSET = 0;
    public static final int ENTRY_MIN_TIME_OFFSET = 8;
    public static final int ENTRY_MAX_TIME_OFFSET = 16;
    public static final int ENTRY_BLOCK_OFFSET_OFFSET = 24;
    public static final int ENTRY_BLOCK_LENGTH_OFFSET = 32;
    public static final int ENTRY_SAMPLE_COUNT_OFFSET = 36;
    public static final int ENTRY_CRC_OFFSET = 40;
    public static final int ENTRY_BLOCK_HEADER_OFFSET = 44;

    public static final int FOOTER_LENGTH = 56;
    public static final int FOOTER_INDEX_OFFSET_OFFSET = 0;
    public static final int FOOTER_ROW_COUNT_OFFSET = 8;
    public static final int FOOTER_MIN_TIME_OFFSET = 16;
    public static final int FOOTER_MAX_TIME_OFFSET = 24;
    public static final int FOOTER_BLOCK_COUNT_OFFSET = 32;
    public static final int FOOTER_SERIES_COUNT_OFFSET = 36;
    public static final int FOOTER_INDEX_CRC_OFFSET = 40;
    public static final int FOOTER_VERSION_OFFSET = 44;
    public static final int FOOTER_CRC_OFFSET = 48;
    public static final int FOOTER_CRC_COVERS = 48;
    public static final int FOOTER_MAGIC_OFFSET = 52;

    /** Smallest valid file: header and footer of a part without blocks. */
    public static final int MIN_FILE_LENGTH = HEADER_LENGTH + FOOTER_LENGTH;

    /** Min/max time recorded for a part without samples. */
    public static final long EMPTY_MIN_TIME = Long.MAX_VALUE;
    public static final long EMPTY_MAX_TIME = Long.MIN_VALUE;

    /** Suffix of the file a part is written to before its atomic rename. */
    public static final String TEMP_SUFFIX = ".tmp";

    private PartDescriptor() {}
}
