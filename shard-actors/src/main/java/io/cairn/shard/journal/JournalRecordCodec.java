package io.cairn.shard.journal;

import io.cairn.shard.journal.JournalRecord.DeletedTo;
import io.cairn.shard.journal.JournalRecord.Events;
import io.cairn.shard.journal.JournalRecord.StoredEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Frames of a journal segment (docs/format/journal.md), little-endian:
 *
 * <pre>
 *  0                   4                   8
 * +-------------------+-------------------+---------------------------+
 * | bodyLength int32  | crc32c int32      | body (bodyLength bytes)   |
 * +-------------------+-------------------+---------------------------+
 * crc32c covers the 4 length bytes and the body.
 * body = type byte, then
 *   type 1 EVENTS:     firstSeqNr int64, count int32, timestampMs int64, writerUuid str16,
 *                      count x (adapterManifest str16, serializerId int32,
 *                               serializerManifest str16, payloadLength int32, payload)
 *   type 2 DELETED_TO: toSeqNr int64
 * str16 = uint16 byte length + UTF-8 bytes
 * </pre>
 *
 * <p>Stateless and thread safe.
 */
public final class JournalRecordCodec {

    /** Bytes before the body: length and checksum. */
    public static final int FRAME_HEADER_LENGTH = 8;
    static final byte TYPE_EVENTS = 1;
    static final byte TYPE_DELETED_TO = 2;
    /** Longest string field in bytes (uint16 length prefix). */
    static final int MAX_STRING_BYTES = 0xFFFF;

    private JournalRecordCodec() {
    }

    /**
     * The whole frame (header and body) of {@code record}.
     *
     * @throws IllegalArgumentException when a string field is longer than 65535 UTF-8 bytes or
     *     the body would be longer than {@code maxBodyLength}
     */
    public static byte[] encode(JournalRecord record, int maxBodyLength) {
        int bodyLength;
        byte[][] strings;
        if (record instanceof Events e) {
            strings = new byte[1 + 2 * e.events().size()][];
            strings[0] = utf8(e.writerUuid(), "writerUuid");
            long len = 1 + 8 + 4 + 8 + 2 + strings[0].length;
            for (int i = 0; i < e.events().size(); i++) {
                StoredEvent ev = e.events().get(i);
                strings[1 + 2 * i] = utf8(ev.adapterManifest(), "event adapter manifest");
                strings[2 + 2 * i] = utf8(ev.serializerManifest(), "serializer manifest");
                len += 2 + strings[1 + 2 * i].length + 4 + 2 + strings[2 + 2 * i].length + 4 + ev.payload().length;
            }
            if (len > maxBodyLength) {
                throw new IllegalArgumentException("journal record of " + len + " bytes exceeds max-record-size "
                        + maxBodyLength);
            }
            bodyLength = (int) len;
        } else {
            strings = null;
            bodyLength = 1 + 8;
        }
        ByteBuffer buf = ByteBuffer.allocate(FRAME_HEADER_LENGTH + bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(bodyLength).putInt(0);
        if (record instanceof Events e) {
            buf.put(TYPE_EVENTS).putLong(e.firstSeqNr()).putInt(e.events().size()).putLong(e.timestampMs());
            putString(buf, strings[0]);
            for (int i = 0; i < e.events().size(); i++) {
                StoredEvent ev = e.events().get(i);
                putString(buf, strings[1 + 2 * i]);
                buf.putInt(ev.serializerId());
                putString(buf, strings[2 + 2 * i]);
                buf.putInt(ev.payload().length).put(ev.payload());
            }
        } else {
            buf.put(TYPE_DELETED_TO).putLong(((DeletedTo) record).toSeqNr());
        }
        byte[] frame = buf.array();
        buf.putInt(4, crc(frame, 0, bodyLength));
        return frame;
    }

    /** CRC32C of the length field at {@code frameStart} and the {@code bodyLength} bytes after the header. */
    static int crc(byte[] bytes, int frameStart, int bodyLength) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, frameStart, 4);
        crc.update(bytes, frameStart + FRAME_HEADER_LENGTH, bodyLength);
        return (int) crc.getValue();
    }

    private static byte[] utf8(String s, String what) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(what + " longer than " + MAX_STRING_BYTES + " bytes");
        }
        return b;
    }

    private static void putString(ByteBuffer buf, byte[] utf8) {
        buf.putShort((short) utf8.length).put(utf8);
    }

    /** Why no valid frame starts at an offset. */
    public enum Problem {
        /** The header or body runs past the end of the data: typical of a torn write. */
        INCOMPLETE,
        /** The length field is below the smallest body or above max-record-size. */
        BAD_LENGTH,
        /** The frame is complete but its checksum does not match. */
        BAD_CHECKSUM,
        /** The checksum matches but the body does not parse: written by a different format. */
        MALFORMED
    }

    /**
     * Outcome of reading one frame: the record and the offset after it, or the problem (with
     * {@code detail}) of the frame at {@code offset}.
     */
    public record Frame(JournalRecord record, int offset, int nextOffset, Problem problem, String detail) {
        public boolean valid() {
            return record != null;
        }

        static Frame bad(int offset, Problem problem, String detail) {
            return new Frame(null, offset, offset, problem, detail);
        }
    }

    /**
     * Reads the frame at {@code offset} of {@code bytes[0, limit)}. Never throws for bad input:
     * a short, oversized, checksum-failing or malformed frame yields a {@link Problem}.
     */
    public static Frame read(byte[] bytes, int offset, int limit, int maxBodyLength) {
        if (limit - offset < FRAME_HEADER_LENGTH) {
            return Frame.bad(offset, Problem.INCOMPLETE, "incomplete frame header (" + (limit - offset) + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, 0, limit).order(ByteOrder.LITTLE_ENDIAN);
        int bodyLength = buf.getInt(offset);
        if (bodyLength < 9 || bodyLength > maxBodyLength) {
            return Frame.bad(offset, Problem.BAD_LENGTH, "implausible body length " + bodyLength);
        }
        if (limit - offset - FRAME_HEADER_LENGTH < bodyLength) {
            return Frame.bad(offset, Problem.INCOMPLETE, "incomplete frame: body of " + bodyLength + " bytes, "
                    + (limit - offset - FRAME_HEADER_LENGTH) + " present");
        }
        if (buf.getInt(offset + 4) != crc(bytes, offset, bodyLength)) {
            return Frame.bad(offset, Problem.BAD_CHECKSUM, "checksum mismatch");
        }
        int end = offset + FRAME_HEADER_LENGTH + bodyLength;
        try {
            JournalRecord record = decodeBody(buf.slice(offset + FRAME_HEADER_LENGTH, bodyLength)
                    .order(ByteOrder.LITTLE_ENDIAN));
            return new Frame(record, offset, end, null, null);
        } catch (RuntimeException | CharacterCodingException e) {
            // The checksum matched, so this is not a torn write: the writer produced it.
            return Frame.bad(offset, Problem.MALFORMED, "malformed body with valid checksum: " + e);
        }
    }

    private static JournalRecord decodeBody(ByteBuffer body) throws CharacterCodingException {
        byte type = body.get();
        if (type == TYPE_DELETED_TO) {
            JournalRecord r = new DeletedTo(body.getLong());
            requireEnd(body);
            return r;
        }
        if (type != TYPE_EVENTS) {
            throw new IllegalArgumentException("unknown record type " + type);
        }
        long firstSeqNr = body.getLong();
        int count = body.getInt();
        if (count < 1 || count > body.remaining()) {
            throw new IllegalArgumentException("implausible event count " + count);
        }
        long timestamp = body.getLong();
        String writerUuid = getString(body);
        List<StoredEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String adapterManifest = getString(body);
            int serializerId = body.getInt();
            String serializerManifest = getString(body);
            int payloadLength = body.getInt();
            if (payloadLength < 0 || payloadLength > body.remaining()) {
                throw new IllegalArgumentException("implausible payload length " + payloadLength);
            }
            byte[] payload = new byte[payloadLength];
            body.get(payload);
            events.add(new StoredEvent(adapterManifest, serializerId, serializerManifest, payload));
        }
        requireEnd(body);
        return new Events(firstSeqNr, timestamp, writerUuid, events);
    }

    private static void requireEnd(ByteBuffer body) {
        if (body.hasRemaining()) {
            throw new IllegalArgumentException(body.remaining() + " trailing bytes");
        }
    }

    private static String getString(ByteBuffer body) throws CharacterCodingException {
        int len = Short.toUnsignedInt(body.getShort());
        if (len > body.remaining()) {
            throw new IllegalArgumentException("string of " + len + " bytes overruns the record");
        }
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(body.slice(body.position(), len));
        body.position(body.position() + len);
        return chars.toString();
    }
}
