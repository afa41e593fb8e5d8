package io.gureum.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The checksums S3 validates and returns: CRC32, CRC32C, SHA1, SHA256 and CRC64NVME, as base64 of the
 * big-endian value (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
 */
public final class Checksums {
    public static final List<String> ALGORITHMS = List.of("CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME");

    private Checksums() {
    }

    /** A running checksum. */
    public interface Hasher {
        void update(byte[] b, int off, int len);

        byte[] digest();
    }

    /** Normalises the SDK's enum spellings ({@code CRC32_C}, {@code crc64nvme}) to S3's names, or null. */
    public static String normalize(String algorithm) {
        if (algorithm == null || algorithm.isEmpty()) {
            return null;
        }
        String a = algorithm.toUpperCase(Locale.ROOT).replace("_", "").replace("-", "");
        return ALGORITHMS.contains(a) ? a : null;
    }

    public static Hasher hasher(String algorithm) {
        return switch (algorithm) {
            case "CRC32" -> crc(new CRC32(), 4);
            case "CRC32C" -> crc(new CRC32C(), 4);
            case "CRC64NVME" -> crc(new Crc64Nvme(), 8);
            case "SHA1" -> digest(() -> md("SHA-1"));
            case "SHA256" -> digest(() -> md("SHA-256"));
            case "MD5" -> digest(() -> md("MD5"));
            default -> throw new IllegalArgumentException(algorithm);
        };
    }

    private static Hasher crc(Checksum c, int bytes) {
        return new Hasher() {
            @Override
            public void update(byte[] b, int off, int len) {
                c.update(b, off, len);
            }

            @Override
            public byte[] digest() {
                ByteBuffer buf = ByteBuffer.allocate(8).putLong(c.getValue());
                byte[] out = new byte[bytes];
                System.arraycopy(buf.array(), 8 - bytes, out, 0, bytes);
                return out;
            }
        };
    }

    private static Hasher digest(Supplier<MessageDigest> factory) {
        MessageDigest md = factory.get();
        return new Hasher() {
            @Override
            public void update(byte[] b, int off, int len) {
                md.update(b, off, len);
            }

            @Override
            public byte[] digest() {
                return md.digest();
            }
        };
    }

    static MessageDigest md(String name) {
        MessageDigest prototype = PROTOTYPES.get(name);
        if (prototype != null) {
            try {
                return (MessageDigest) prototype.clone(); // no provider look-up per object written
            } catch (CloneNotSupportedException e) {
                // a provider whose digests cannot be cloned: look it up each time
            }
        }
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Map<String, MessageDigest> PROTOTYPES = prototypes("MD5", "SHA-1", "SHA-256");

    private static Map<String, MessageDigest> prototypes(String... names) {
        Map<String, MessageDigest> out = new HashMap<>();
        for (String n : names) {
            try {
                out.put(n, MessageDigest.getInstance(n));
            } catch (NoSuchAlgorithmException e) {
                // left to the look-up, which reports it
            }
        }
        return Map.copyOf(out);
    }

    public static String base64(byte[] raw) {
        return Base64.getEncoder().encodeToString(raw);
    }

    public static byte[] fromBase64(String value) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The checksum of {@code data} in one call. */
    public static String of(String algorithm, byte[] data) {
        Hasher h = hasher(algorithm);
        h.update(data, 0, data.length);
        return base64(h.digest());
    }

    /**
     * The checksum of a multipart object from its parts' raw checksums: for COMPOSITE, the checksum of
     * their concatenation with {@code -N}.
     */
    public static String composite(String algorithm, List<String> partChecksums) {
        Hasher h = hasher(algorithm);
        for (String p : partChecksums) {
            byte[] raw = fromBase64(p);
            h.update(raw, 0, raw.length);
        }
        return base64(h.digest()) + "-" + partChecksums.size();
    }

    /** Keeps only known algorithms, by S3 name. */
    public static Map<String, String> known(Map<String, String> byName) {
        Map<String, String> out = new LinkedHashMap<>();
        byName.forEach((k, v) -> {
            String n = normalize(k);
            if (n != null && v != null) {
                out.put(n, v);
            }
        });
        return out;
    }
}
