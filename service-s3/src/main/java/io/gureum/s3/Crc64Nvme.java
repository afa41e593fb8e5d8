package io.gureum.s3;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final XOR all ones), the
 * checksum S3 computes for every new object, with a slice-by-8 table for speed.
 */
final class Crc64Nvme implements Checksum {
    private static final long POLY = 0x9A6C9329AC4BC9B5L;
    private static final long[][] TABLE = new long[8][256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
            }
            TABLE[0][i] = crc;
        }
        for (int i = 0; i < 256; i++) {
            for (int t = 1; t < 8; t++) {
                long prev = TABLE[t - 1][i];
                TABLE[t][i] = (prev >>> 8) ^ TABLE[0][(int) (prev & 0xFF)];
            }
        }
    }

    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = (crc >>> 8) ^ TABLE[0][(int) ((crc ^ b) & 0xFF)];
    }

    @Override
    public void update(byte[] b, int off, int len) {
        long c = crc;
        int end = off + len;
        while (end - off >= 8) {
            long word = (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16
                    | (b[off + 3] & 0xFFL) << 24 | (b[off + 4] & 0xFFL) << 32 | (b[off + 5] & 0xFFL) << 40
                    | (b[off + 6] & 0xFFL) << 48 | (b[off + 7] & 0xFFL) << 56;
            c ^= word;
            c = TABLE[7][(int) (c & 0xFF)] ^ TABLE[6][(int) ((c >>> 8) & 0xFF)]
                    ^ TABLE[5][(int) ((c >>> 16) & 0xFF)] ^ TABLE[4][(int) ((c >>> 24) & 0xFF)]
                    ^ TABLE[3][(int) ((c >>> 32) & 0xFF)] ^ TABLE[2][(int) ((c >>> 40) & 0xFF)]
                    ^ TABLE[1][(int) ((c >>> 48) & 0xFF)] ^ TABLE[0][(int) ((c >>> 56) & 0xFF)];
            off += 8;
        }
        while (off < end) {
            c = (c >>> 8) ^ TABLE[0][(int) ((c ^ b[off++]) & 0xFF)];
        }
        crc = c;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }
}
