package io.gureum.core.persist;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the journal: a record put, a record deleted, every record of a service cleared (a reset
 * of one API), every record of the server cleared (a full reset), or a group of such changes made as one
 * ({@link StateStore#atomically}): the payload a journal frame carries. A group is one frame, checksummed
 * as a whole, so a crash that tears it leaves none of its changes (ADR 0013, amendment "atomic groups").
 */
record Change(Type type, StateRecord record, String service, List<Change> parts) {

    /** The ordinals are the journal's format: new types go at the end. */
    enum Type {
        PUT, DELETE, CLEAR_SERVICE, CLEAR_ALL, GROUP
    }

    Change(Type type, StateRecord record, String service) {
        this(type, record, service, List.of());
    }

    /** Several changes applied in order, all or none at a restore; never a group inside a group. */
    static Change group(List<Change> parts) {
        for (Change c : parts) {
            if (c.type == Type.GROUP) {
                throw new IllegalArgumentException("A group of changes cannot hold another group");
            }
        }
        return new Change(Type.GROUP, null, "", List.copyOf(parts));
    }

    /** The bytes of values this change carries, to size its buffer. */
    private int valueBytes() {
        if (type == Type.GROUP) {
            int sum = 0;
            for (Change c : parts) {
                sum += c.valueBytes() + 64;
            }
            return sum;
        }
        return record != null && record.value() != null ? record.value().length : 0;
    }

    static Change put(StateRecord r) {
        return new Change(Type.PUT, r, r.service());
    }

    static Change delete(StateRecord.Id id) {
        return new Change(Type.DELETE, new StateRecord(id.service(), id.account(), id.region(), id.kind(), id.key(),
                null), id.service());
    }

    static Change clear(String service) {
        return new Change(Type.CLEAR_SERVICE, null, service);
    }

    static Change clearAll() {
        return new Change(Type.CLEAR_ALL, null, "");
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(valueBytes() + 64);
        write(bytes);
        return bytes.toByteArray();
    }

    /**
     * The change as a whole journal frame ({@link Frames}), encoded in place behind room for the header: one
     * copy of the value rather than three (encode, copy out, copy into the frame).
     */
    ByteBuffer frame() {
        FrameBuffer bytes = new FrameBuffer(valueBytes() + 128);
        write(bytes);
        return bytes.toFrame();
    }

    /** A byte array stream that starts with 8 bytes for the frame header and hands its array out uncopied. */
    private static final class FrameBuffer extends ByteArrayOutputStream {
        FrameBuffer(int size) {
            super(size);
            count = 8;
        }

        ByteBuffer toFrame() {
            int length = count - 8;
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(buf, 8, length);
            ByteBuffer b = ByteBuffer.wrap(buf, 0, count);
            b.putInt(0, length);
            b.putInt(4, (int) crc.getValue());
            return b;
        }
    }

    private void write(java.io.OutputStream bytes) {
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeTo(DataOutputStream out) throws IOException {
        out.writeByte(type.ordinal());
        switch (type) {
            case PUT, DELETE -> {
                out.writeUTF(record.service());
                out.writeUTF(record.account());
                out.writeUTF(record.region());
                out.writeUTF(record.kind());
                writeLongString(out, record.key());
                if (type == Type.PUT) {
                    out.writeInt(record.value().length);
                    out.write(record.value());
                }
            }
            case CLEAR_SERVICE -> out.writeUTF(service);
            case CLEAR_ALL -> {
            }
            case GROUP -> {
                out.writeInt(parts.size());
                for (Change c : parts) {
                    c.writeTo(out);
                }
            }
        }
    }

    static Change decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        return decode(in, true);
    }

    private static Change decode(DataInputStream in, boolean groupAllowed) throws IOException {
        int ordinal = in.readUnsignedByte();
        if (ordinal >= Type.values().length) {
            throw new IOException("Unknown change type " + ordinal);
        }
        Type type = Type.values()[ordinal];
        return switch (type) {
            case PUT, DELETE -> {
                // A handful of distinct values across a million records: one copy each, not one per record.
                String service = in.readUTF().intern();
                String account = in.readUTF().intern();
                String region = in.readUTF().intern();
                String kind = in.readUTF().intern();
                String key = readLongString(in);
                byte[] value = null;
                if (type == Type.PUT) {
                    value = new byte[in.readInt()];
                    in.readFully(value);
                }
                yield new Change(type, new StateRecord(service, account, region, kind, key, value), service);
            }
            case CLEAR_SERVICE -> clear(in.readUTF());
            case CLEAR_ALL -> clearAll();
            case GROUP -> {
                if (!groupAllowed) {
                    throw new IOException("A group of changes inside a group");
                }
                int n = in.readInt();
                if (n < 0) {
                    throw new IOException("A group of " + n + " changes");
                }
                List<Change> parts = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    parts.add(decode(in, false));
                }
                yield new Change(Type.GROUP, null, "", List.copyOf(parts));
            }
        };
    }

    /** Keys may pass writeUTF's 64 KiB (S3 keys are 1 KiB, but DynamoDB composite keys can be long). */
    private static void writeLongString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLongString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
