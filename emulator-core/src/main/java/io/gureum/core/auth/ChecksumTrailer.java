package io.gureum.core.auth;

import io.gureum.core.error.AwsException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * A flexible checksum ({@code x-amz-checksum-*}) computed over a body as it streams by and compared with the
 * value a client sent: https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
final class ChecksumTrailer {
    static final String PREFIX = "x-amz-checksum-";

    private final String headerName;
    private final String algorithmName;
    private final Checksum crc;
    private final MessageDigest digest;

    private ChecksumTrailer(String headerName, String algorithmName, Checksum crc, MessageDigest digest) {
        this.headerName = headerName;
        this.algorithmName = algorithmName;
        this.crc = crc;
        this.digest = digest;
    }

    /** The checksum a header names, or null when it is not an {@code x-amz-checksum-*} algorithm we know. */
    static ChecksumTrailer forHeader(String headerName) {
        String name = headerName.trim().toLowerCase(Locale.ROOT);
        if (!name.startsWith(PREFIX)) {
            return null;
        }
        try {
            return switch (name.substring(PREFIX.length())) {
                case "crc32" -> new ChecksumTrailer(name, "CRC32", new CRC32(), null);
                case "crc32c" -> new ChecksumTrailer(name, "CRC32C", new CRC32C(), null);
                case "crc64nvme" -> new ChecksumTrailer(name, "CRC64NVME", new Crc64Nvme(), null);
                case "sha1" -> new ChecksumTrailer(name, "SHA1", null, MessageDigest.getInstance("SHA-1"));
                case "sha256" -> new ChecksumTrailer(name, "SHA256", null, MessageDigest.getInstance("SHA-256"));
                default -> null;
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String headerName() {
        return headerName;
    }

    void update(byte[] b, int off, int len) {
        if (crc != null) {
            crc.update(b, off, len);
        } else {
            digest.update(b, off, len);
        }
    }

    /** The base64 value of the bytes seen so far (big-endian for CRCs); call once, at the end. */
    String value() {
        byte[] raw;
        if (crc == null) {
            raw = digest.digest();
        } else if (crc instanceof Crc64Nvme) {
            raw = ByteBuffer.allocate(8).putLong(crc.getValue()).array();
        } else {
            raw = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
        }
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Compares the computed value with the one the client sent; S3's errors when they differ. */
    void verify(String sent) {
        if (sent == null || sent.isBlank()) {
            throw new AwsException("MalformedTrailerError", "The request contained trailing data that was not "
                    + "well-formed or did not conform to our published schema.", 400);
        }
        String value = sent.trim();
        try {
            Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new AwsException("InvalidRequest", "Value for " + headerName + " trailing header is invalid.", 400);
        }
        if (!value.equals(value())) {
            throw new AwsException("BadDigest",
                    "The " + algorithmName + " you specified did not match the calculated checksum.", 400);
        }
    }
}
