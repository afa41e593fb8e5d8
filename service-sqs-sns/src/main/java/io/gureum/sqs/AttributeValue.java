package io.gureum.sqs;

/**
 * A message attribute as stored: its data type ({@code String}, {@code Number}, {@code Binary},
 * optionally with a custom suffix such as {@code Number.float}) and exactly one of the values.
 */
record AttributeValue(String dataType, String stringValue, byte[] binaryValue) {

    boolean isBinary() {
        return binaryValue != null;
    }

    /** Bytes counted against the maximum message size: name, data type and value. */
    int size(String name) {
        int n = utf8(name) + utf8(dataType);
        return n + (binaryValue != null ? binaryValue.length : utf8(stringValue));
    }

    static int utf8(String s) {
        return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
