package io.gureum.ecr;

import java.util.ArrayList;
import java.util.List;

/**
 * A layer upload in progress: the parts received so far, in order. Each part is kept as it came, so that
 * {@code --data-dir} journals each once ({@link EcrRecords}).
 */
final class Upload {
    final String id;
    final List<byte[]> parts = new ArrayList<>();
    /** The bytes received so far. */
    long size;

    Upload(String id) {
        this.id = id;
    }

    void add(byte[] part) {
        parts.add(part);
        size += part.length;
    }

    /** The parts joined. */
    byte[] bytes() {
        byte[] out = new byte[Math.toIntExact(size)];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
