package io.gureum.ec2.keys;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER (X.690) to take keys apart: the elements of a SEQUENCE, and writing a SEQUENCE of
 * INTEGERs (PKCS#1 RSAPublicKey). Malformed input ends in {@link IllegalArgumentException}.
 */
final class Der {
    /** One element: its tag and its content bytes. */
    record Element(int tag, byte[] content) {
        BigInteger integer() {
            if (tag != 0x02) {
                throw new IllegalArgumentException("not an INTEGER");
            }
            return new BigInteger(content);
        }
    }

    private Der() {
    }

    /** The elements of the SEQUENCE {@code der} holds (and nothing after it). */
    static List<Element> sequence(byte[] der) {
        List<Element> top = elements(der);
        if (top.size() != 1 || top.get(0).tag() != 0x30) {
            throw new IllegalArgumentException("not one SEQUENCE");
        }
        return elements(top.get(0).content());
    }

    static List<Element> elements(byte[] der) {
        List<Element> out = new ArrayList<>();
        int i = 0;
        while (i < der.length) {
            int tag = der[i++] & 0xff;
            if (i >= der.length) {
                throw new IllegalArgumentException("truncated");
            }
            int len = der[i++] & 0xff;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 3 || i + n > der.length) {
                    throw new IllegalArgumentException("bad length");
                }
                len = 0;
                for (int k = 0; k < n; k++) {
                    len = (len << 8) | (der[i++] & 0xff);
                }
            }
            if (len > der.length - i) {
                throw new IllegalArgumentException("truncated");
            }
            out.add(new Element(tag, Arrays.copyOfRange(der, i, i + len)));
            i += len;
        }
        return out;
    }

    /** {@code SEQUENCE { INTEGER … }}. */
    static byte[] integers(BigInteger... values) {
        List<byte[]> parts = new ArrayList<>();
        for (BigInteger v : values) {
            parts.add(tlv(0x02, v.toByteArray()));
        }
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] body = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, body, at, p.length);
            at += p.length;
        }
        return tlv(0x30, body);
    }

    private static byte[] tlv(int tag, byte[] content) {
        byte[] len;
        int n = content.length;
        if (n < 0x80) {
            len = new byte[] {(byte) n};
        } else if (n < 0x100) {
            len = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            len = new byte[] {(byte) 0x82, (byte) (n >>> 8), (byte) n};
        } else {
            len = new byte[] {(byte) 0x83, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        }
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
    }
}
