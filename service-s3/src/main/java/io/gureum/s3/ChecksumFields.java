package io.gureum.s3;

import io.gureum.s3.store.StoredObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Checksums between S3 algorithm names ({@code CRC32C}) and the {@code ChecksumCRC32C}-style members
 * every request and response shape repeats, set by member name so one method serves them all.
 */
final class ChecksumFields {
    private ChecksumFields() {
    }

    /** Checksums a request carries, by S3 algorithm name. */
    static Map<String, String> of(String crc32, String crc32c, String sha1, String sha256, String crc64) {
        Map<String, String> out = new LinkedHashMap<>();
        if (crc32 != null) {
            out.put("CRC32", crc32);
        }
        if (crc32c != null) {
            out.put("CRC32C", crc32c);
        }
        if (sha1 != null) {
            out.put("SHA1", sha1);
        }
        if (sha256 != null) {
            out.put("SHA256", sha256);
        }
        if (crc64 != null) {
            out.put("CRC64NVME", crc64);
        }
        return out;
    }

    /** Sets an object's checksums (and, {@code withType}, its ChecksumType) on a response builder. */
    static void put(SdkPojo builder, StoredObject o, boolean withType) {
        if (o.checksums.isEmpty()) {
            return;
        }
        Map<String, SdkField<?>> fields = FIELDS.computeIfAbsent(builder.getClass(), c -> checksumFields(builder));
        o.checksums.forEach((alg, v) -> {
            SdkField<?> f = fields.get("Checksum" + alg);
            if (f != null && v != null) {
                f.set(builder, v);
            }
        });
        SdkField<?> type = fields.get("ChecksumType");
        if (withType && o.checksumType != null && type != null) {
            type.set(builder, o.checksumType);
        }
    }

    /** Each builder class's Checksum* members by name, found once rather than on every response. */
    private static final Map<Class<?>, Map<String, SdkField<?>>> FIELDS = new ConcurrentHashMap<>();

    private static Map<String, SdkField<?>> checksumFields(SdkPojo builder) {
        Map<String, SdkField<?>> out = new HashMap<>();
        for (SdkField<?> f : builder.sdkFields()) {
            if (f.memberName().startsWith("Checksum")) {
                out.putIfAbsent(f.memberName(), f);
            }
        }
        return out;
    }

    /** Sets checksums by S3 algorithm name on a builder. */
    static void set(SdkPojo builder, Map<String, String> sums) {
        for (SdkField<?> f : builder.sdkFields()) {
            if (f.memberName().startsWith("Checksum")) {
                String v = sums.get(f.memberName().substring("Checksum".length()));
                if (v != null) {
                    f.set(builder, v);
                }
            }
        }
    }
}
