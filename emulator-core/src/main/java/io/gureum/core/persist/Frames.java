package io.gureum.core.persist;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The framing of journal and snapshot files: {@code [int length][int CRC32C of payload][payload]}, big
 * endian. A frame whose length runs past the end of the file or whose checksum does not match ends the
 * readable part: what a crash in the middle of a write leaves.
 */
final class Frames {
    /** Larger frames are treated as corruption rather than allocated (an S3 object's bytes are files, not records). */
    static final int MAX_PAYLOAD = 256 * 1024 * 1024;

    private Frames() {
    }

    static ByteBuffer frame(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putInt(payload.length);
        b.putInt(crc(payload));
        b.put(payload);
        b.flip();
        return b;
    }

    static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** What reading a file found: the bytes of whole, valid frames, and why reading stopped early (or null). */
    record Read(long validLength, String damage) {
    }

    /** Passes each valid frame's payload to {@code sink}, in order, and stops at the first damaged one. */
    static Read read(Path file, Consumer<byte[]> sink) throws IOException {
        long fileLength = Files.size(file);
        long position = 0;
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            while (position < fileLength) {
                if (fileLength - position < 8) {
                    return new Read(position, "a frame header cut short at byte " + position);
                }
                int length = in.readInt();
                int crc = in.readInt();
                if (length == 0) {
                    // No change is empty: zeros are a tail the file system extended but never wrote.
                    return new Read(position, "zeros at byte " + position);
                }
                if (length < 0 || length > MAX_PAYLOAD || length > fileLength - position - 8) {
                    return new Read(position, "a frame of " + length + " bytes cut short at byte " + position);
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (crc(payload) != crc) {
                    return new Read(position, "a checksum mismatch at byte " + position);
                }
                sink.accept(payload);
                position += 8 + length;
            }
        } catch (EOFException e) {
            return new Read(position, "an early end of file at byte " + position);
        }
        return new Read(position, null);
    }
}
