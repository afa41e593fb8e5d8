package io.gureum.secretsmanager;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import software.amazon.awssdk.core.SdkBytes;

/** A secret's protected value in plain text: a {@code SecretString} or a {@code SecretBinary}, never both. */
record SecretValue(String text, byte[] binary) {

    static SecretValue of(String text, SdkBytes binary) {
        return new SecretValue(text, binary == null ? null : binary.asByteArray());
    }

    /** The bytes to encrypt: a leading 'S' or 'B' keeps the kind, so one blob restores either. */
    byte[] serialize() {
        byte[] body = text != null ? text.getBytes(StandardCharsets.UTF_8) : binary;
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) (text != null ? 'S' : 'B');
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    static SecretValue deserialize(byte[] bytes) {
        byte[] body = Arrays.copyOfRange(bytes, 1, bytes.length);
        return bytes[0] == 'S' ? new SecretValue(new String(body, StandardCharsets.UTF_8), null)
                : new SecretValue(null, body);
    }

    SdkBytes binaryBytes() {
        return binary == null ? null : SdkBytes.fromByteArray(binary);
    }

    /** Same kind and same content (the idempotency check of ClientRequestToken). */
    boolean sameAs(SecretValue other) {
        return other != null && java.util.Objects.equals(text, other.text) && Arrays.equals(binary, other.binary);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue v && sameAs(v);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(text) + Arrays.hashCode(binary);
    }

    @Override
    public String toString() {
        return "SecretValue[hidden]";
    }
}
