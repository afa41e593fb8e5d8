package io.gureum.ec2.keys;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The SSH wire encoding (RFC 4251 §5): uint32, string and mpint, written and read. */
final class SshWire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    SshWire uint32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    SshWire string(byte[] bytes) {
        uint32(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    SshWire string(String s) {
        return string(s.getBytes(StandardCharsets.UTF_8));
    }

    SshWire mpint(BigInteger v) {
        return string(v.toByteArray());
    }

    SshWire raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Reads the wire encoding; malformed input ends in {@link IllegalArgumentException}. */
    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] bytes) {
            this.in = ByteBuffer.wrap(bytes);
        }

        byte[] string() {
            try {
                int n = in.getInt();
                if (n < 0 || n > in.remaining()) {
                    throw new IllegalArgumentException("string length " + n);
                }
                byte[] b = new byte[n];
                in.get(b);
                return b;
            } catch (BufferUnderflowException e) {
                throw new IllegalArgumentException("truncated", e);
            }
        }

        String text() {
            return new String(string(), StandardCharsets.US_ASCII);
        }

        BigInteger mpint() {
            byte[] b = string();
            if (b.length == 0) {
                return BigInteger.ZERO;
            }
            return new BigInteger(b);
        }

        boolean done() {
            return !in.hasRemaining();
        }
    }

    /** Base64 with line breaks every {@code width} characters and no trailing break. */
    static String wrapped(byte[] bytes, int width) {
        String b64 = Base64.getEncoder().encodeToString(bytes);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b64.length(); i += width) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(b64, i, Math.min(b64.length(), i + width));
        }
        return sb.toString();
    }
}
