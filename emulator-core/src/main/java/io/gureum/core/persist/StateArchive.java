package io.gureum.core.persist;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;

/**
 * The shared snapshot file of {@code /_gureum/state/export}, {@code /_gureum/state/import} and
 * {@code --init-state}: one stream a team hands around, independent of any data directory.
 *
 * <pre>
 * "GUREUM-STATE" (12 bytes ASCII)  int version
 * entries, each a tag byte:
 *   'S' UTF service                           a service's section starts (present even when empty)
 *   'R' int length, int CRC32C, payload       a record, encoded as a journal PUT ({@link Change})
 *   'F' UTF name, long size, bytes, int CRC32C the bytes of a file the section's records name
 *   'E' long records, long files              the end: a file without it was cut short
 * </pre>
 * Big endian, as {@link DataOutputStream} writes. File bytes are not framed in memory: a 5 GB object
 * streams through. A gzip-compressed file is read as well (detected by its magic number).
 */
public final class StateArchive {
    /** The version this build writes and reads. */
    public static final int VERSION = 1;
    static final byte[] MAGIC = "GUREUM-STATE".getBytes(StandardCharsets.US_ASCII);
    private static final int SECTION = 'S';
    private static final int RECORD = 'R';
    private static final int FILE = 'F';
    private static final int END = 'E';

    private StateArchive() {
    }

    /** A file that is not a state file of a version this build reads: the client's fault (400). */
    public static final class UnreadableException extends IOException {
        public UnreadableException(String message) {
            super(message);
        }
    }

    /** Writes a state file to a stream. */
    public static final class Writer implements AutoCloseable {
        private final DataOutputStream out;
        private long records;
        private long files;
        private final byte[] buffer = new byte[64 * 1024];

        public Writer(OutputStream target) throws IOException {
            this.out = new DataOutputStream(new BufferedOutputStream(target, 64 * 1024));
            out.write(MAGIC);
            out.writeInt(VERSION);
        }

        public void section(String service) throws IOException {
            out.writeByte(SECTION);
            out.writeUTF(service);
        }

        public void record(StateRecord r) throws IOException {
            byte[] payload = Change.put(r).encode();
            out.writeByte(RECORD);
            out.writeInt(payload.length);
            out.writeInt(Frames.crc(payload));
            out.write(payload);
            records++;
        }

        public void file(String name, long size, InputStream bytes) throws IOException {
            out.writeByte(FILE);
            out.writeUTF(name);
            out.writeLong(size);
            CRC32C crc = new CRC32C();
            long left = size;
            try (bytes) {
                while (left > 0) {
                    int n = bytes.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new EOFException("The file " + name + " ended " + left + " bytes early");
                    }
                    out.write(buffer, 0, n);
                    crc.update(buffer, 0, n);
                    left -= n;
                }
            }
            out.writeInt((int) crc.getValue());
            files++;
        }

        public long records() {
            return records;
        }

        public long files() {
            return files;
        }

        /** Writes the end marker and flushes (the target stays open). */
        public void finish() throws IOException {
            out.writeByte(END);
            out.writeLong(records);
            out.writeLong(files);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** What a reader passes on, in file order. */
    public interface Visitor {
        void section(String service) throws IOException;

        void record(StateRecord record) throws IOException;

        /** {@code bytes} yields exactly the file's bytes; what the visitor leaves unread is skipped. */
        void file(String name, long size, InputStream bytes) throws IOException;
    }

    /**
     * Reads a whole state file, passing every entry to {@code visitor}.
     *
     * @throws UnreadableException for something that is not a state file, a version this build does not
     *     read, a checksum mismatch or a file cut short
     */
    public static void read(InputStream raw, Visitor visitor) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(raw, 2);
        int b1 = peek.read();
        int b2 = peek.read();
        if (b2 >= 0) {
            peek.unread(b2);
        }
        if (b1 >= 0) {
            peek.unread(b1);
        }
        InputStream plain = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(peek, 64 * 1024) : peek;
        DataInputStream in = new DataInputStream(new BufferedInputStream(plain, 64 * 1024));
        try {
            byte[] magic = new byte[MAGIC.length];
            if (in.readNBytes(magic, 0, magic.length) < magic.length || !java.util.Arrays.equals(magic, MAGIC)) {
                throw new UnreadableException("This is not a Gureum state file (it does not start with GUREUM-STATE)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new UnreadableException("The state file has format version " + version
                        + ", and this Gureum reads version " + VERSION + (version > VERSION
                                ? ": it was exported by a newer Gureum" : ""));
            }
            long records = 0;
            long files = 0;
            while (true) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case SECTION -> visitor.section(in.readUTF());
                    case RECORD -> {
                        int length = in.readInt();
                        int crc = in.readInt();
                        if (length <= 0 || length > Frames.MAX_PAYLOAD) {
                            throw new UnreadableException("The state file is damaged: a record of " + length + " bytes");
                        }
                        byte[] payload = new byte[length];
                        in.readFully(payload);
                        if (Frames.crc(payload) != crc) {
                            throw new UnreadableException("The state file is damaged: a record's checksum does not match");
                        }
                        Change change = Change.decode(payload);
                        if (change.type() != Change.Type.PUT) {
                            throw new UnreadableException("The state file is damaged: an entry that is no record");
                        }
                        visitor.record(change.record());
                        records++;
                    }
                    case FILE -> {
                        String name = in.readUTF();
                        long size = in.readLong();
                        if (size < 0) {
                            throw new UnreadableException("The state file is damaged: a file of " + size + " bytes");
                        }
                        Checked bytes = new Checked(in, size);
                        visitor.file(name, size, bytes);
                        bytes.skipRest();
                        if ((int) bytes.crc.getValue() != in.readInt()) {
                            throw new UnreadableException("The state file is damaged: the bytes of " + name
                                    + " do not match their checksum");
                        }
                        files++;
                    }
                    case END -> {
                        if (in.readLong() != records || in.readLong() != files) {
                            throw new UnreadableException("The state file is damaged: its entry counts do not match");
                        }
                        return;
                    }
                    default -> throw new UnreadableException("The state file is damaged: unknown entry " + tag);
                }
            }
        } catch (EOFException e) {
            throw new UnreadableException("The state file is cut short (no end marker): nothing was imported");
        } catch (java.util.zip.ZipException e) {
            throw new UnreadableException("The state file's gzip compression is damaged: " + e.getMessage());
        }
    }

    /** {@code size} bytes of the underlying stream, summed as they pass; close does not close the file. */
    private static final class Checked extends FilterInputStream {
        private final CRC32C crc = new CRC32C();
        private long left;

        Checked(InputStream in, long size) {
            super(in);
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException();
            }
            crc.update(b, off, n);
            left -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(64 * 1024, Math.max(1, n))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        void skipRest() throws IOException {
            skip(left);
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public void close() {
            // the state file goes on
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
