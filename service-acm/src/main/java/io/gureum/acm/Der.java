package io.gureum.acm;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The few DER (ITU-T X.690) encodings ACM needs beyond what the JDK parses: reading the top-level elements
 * of a key's structure (PKCS#1 RSA keys and SEC 1 EC keys, to re-wrap them as the PKCS#8 the JDK's
 * {@code KeyFactory} reads) and writing sequences, integers, object identifiers and octet strings.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** One element: its tag and content octets. */
    record Element(int tag, byte[] content) {
        List<Element> children() {
            return Der.read(content);
        }
    }

    private Der() {
    }

    /** The consecutive elements of {@code der}; an {@link IllegalArgumentException} when it is not DER. */
    static List<Element> read(byte[] der) {
        List<Element> out = new ArrayList<>();
        int i = 0;
        while (i < der.length) {
            if (i + 2 > der.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            int tag = der[i++] & 0xff;
            int len = der[i++] & 0xff;
            if (len > 0x80) {
                int n = len & 0x7f;
                if (n > 4 || i + n > der.length) {
                    throw new IllegalArgumentException("bad DER length");
                }
                len = 0;
                for (int k = 0; k < n; k++) {
                    len = (len << 8) | (der[i++] & 0xff);
                }
            } else if (len == 0x80) {
                throw new IllegalArgumentException("indefinite DER length");
            }
            if (len < 0 || i + len > der.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            byte[] content = new byte[len];
            System.arraycopy(der, i, content, 0, len);
            out.add(new Element(tag, content));
            i += len;
        }
        return out;
    }

    /** The single element {@code der} holds. */
    static Element single(byte[] der) {
        List<Element> all = read(der);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one DER element");
        }
        return all.get(0);
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            byte[] l = BigInteger.valueOf(len).toByteArray();
            int start = l[0] == 0 ? 1 : 0;
            out.write(0x80 | (l.length - start));
            out.write(l, start, l.length - start);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] seq(byte[]... parts) {
        return tlv(SEQUENCE, concat(parts));
    }

    static byte[] integer(BigInteger v) {
        return tlv(INTEGER, v.toByteArray());
    }

    static byte[] octets(byte[] v) {
        return tlv(OCTET_STRING, v);
    }

    static byte[] nul() {
        return new byte[] {NULL, 0};
    }

    /** An object identifier from its dotted form. */
    static byte[] oid(String dotted) {
        String[] p = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(p[0]) * 40 + Integer.parseInt(p[1]));
        for (int i = 2; i < p.length; i++) {
            long v = Long.parseLong(p[i]);
            byte[] tmp = new byte[10];
            int n = 0;
            do {
                tmp[n++] = (byte) (v & 0x7f);
                v >>>= 7;
            } while (v != 0);
            for (int k = n - 1; k >= 0; k--) {
                out.write(tmp[k] | (k > 0 ? 0x80 : 0));
            }
        }
        return tlv(OID, out.toByteArray());
    }

    /** The dotted form of an OID element's content. */
    static String oidText(byte[] content) {
        StringBuilder s = new StringBuilder();
        int first = content[0] & 0xff;
        s.append(Math.min(first / 40, 2)).append('.').append(first - 40 * Math.min(first / 40, 2));
        long v = 0;
        for (int i = 1; i < content.length; i++) {
            v = (v << 7) | (content[i] & 0x7f);
            if ((content[i] & 0x80) == 0) {
                s.append('.').append(v);
                v = 0;
            }
        }
        return s.toString();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
