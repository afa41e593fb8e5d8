package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.RequestContext;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.ContentHeaders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.gureum.s3.store.StoredObject;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Tag;

/** Wire helpers the handlers share: bucket lookup, presign expiry, tags, URL encoding, checksums. */
abstract class WireSupport {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    protected final S3Backend s3;

    WireSupport(S3Backend s3) {
        this.s3 = s3;
    }

    /** The bucket of a request, after checking a presigned URL has not expired. */
    protected Bucket bucket(String name) {
        checkPresignExpiry();
        Bucket b = s3.buckets.get(name);
        // x-amz-expected-bucket-owner guards against writing to a bucket someone else now owns.
        String expected = header("x-amz-expected-bucket-owner");
        if (expected != null && !expected.equals(b.owner)) {
            throw S3Errors.accessDenied("Access Denied");
        }
        return b;
    }

    /**
     * A presigned URL is valid for X-Amz-Expires seconds from X-Amz-Date, judged by the emulated clock,
     * whether or not signatures are verified.
     */
    protected void checkPresignExpiry() {
        RequestContext ctx = RequestContext.currentOrNull();
        AwsHttpRequest http = ctx == null ? null : ctx.httpRequest();
        if (http == null) {
            return;
        }
        String date = http.queryParameter("X-Amz-Date");
        String expires = http.queryParameter("X-Amz-Expires");
        if (date == null || expires == null) {
            return;
        }
        try {
            Instant start = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
            if (s3.context.clock().now().isAfter(start.plusSeconds(Long.parseLong(expires)))) {
                throw S3Errors.accessDenied("Request has expired");
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new io.gureum.core.error.AwsException("AuthorizationQueryParametersError",
                    "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", 400);
        }
    }

    protected static String account() {
        return RequestContext.current().accountId();
    }

    protected static String region() {
        return RequestContext.current().region();
    }

    protected static Owner owner(String account) {
        return Owner.builder().id(Owners.canonicalId(account)).build();
    }

    protected static String header(String name) {
        RequestContext ctx = RequestContext.currentOrNull();
        return ctx == null || ctx.httpRequest() == null ? null : ctx.httpRequest().header(name);
    }

    /** The {@code x-amz-tagging} header ({@code k1=v1&k2=v2}) as a map, validated. */
    protected static Map<String, String> parseTagging(String tagging) {
        if (tagging == null || tagging.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        AwsHttpRequest.parseForm(tagging, true).forEach((k, v) -> out.put(k, v.get(0)));
        validateTags(out, 10);
        return out;
    }

    protected static Map<String, String> tagMap(List<Tag> tags, int max) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : tags) {
            if (out.put(t.key(), t.value()) != null) {
                throw S3Errors.invalidTag("Cannot provide multiple Tags with the same key");
            }
        }
        validateTags(out, max);
        return out;
    }

    private static void validateTags(Map<String, String> tags, int max) {
        if (tags.size() > max) {
            throw new io.gureum.core.error.AwsException("BadRequest",
                    "Object tags cannot be greater than " + max, 400);
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > 128) {
                throw S3Errors.invalidTag("The TagKey you have provided is invalid");
            }
            if (e.getValue() != null && e.getValue().length() > 256) {
                throw S3Errors.invalidTag("The TagValue you have provided is invalid");
            }
        }
    }

    protected static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** S3's {@code encoding-type=url}: keys and prefixes form-encoded (space as '+'); clients decode them. */
    protected static String enc(String s, boolean url) {
        return s == null || !url ? s : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    protected static int maxKeys(Integer requested, int cap) {
        if (requested == null) {
            return cap;
        }
        if (requested < 0) {
            throw S3Errors.invalidArgument("Argument maxKeys must be an integer between 0 and 2147483647");
        }
        return Math.min(requested, cap);
    }

    protected static ContentHeaders contentHeaders(String type, String cache, String disposition, String encoding,
            String language, Instant expires, String redirect) {
        return new ContentHeaders(type == null ? "binary/octet-stream" : type, cache, disposition, encoding, language,
                expires, redirect);
    }

    /** Checksums a request carries, by S3 algorithm name. */
    protected static Map<String, String> checksums(String crc32, String crc32c, String sha1, String sha256,
            String crc64) {
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

    protected static boolean bypassGovernance(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }

    protected static String storageClass(String requested) {
        return requested == null || requested.isEmpty() ? "STANDARD" : requested;
    }


    protected static String sse(Bucket b, String requested) {
        if (requested != null) {
            return requested;
        }
        if (b.encryption != null && !b.encryption.rules().isEmpty()
                && b.encryption.rules().get(0).applyServerSideEncryptionByDefault() != null) {
            return b.encryption.rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithmAsString();
        }
        return "AES256";
    }


    protected static void putChecksums(SdkPojo builder, StoredObject o, boolean withType) {
        Map<String, Object> values = new LinkedHashMap<>();
        o.checksums.forEach((alg, v) -> values.put("Checksum" + alg, v));
        if (withType && o.checksumType != null && !o.checksums.isEmpty()) {
            values.put("ChecksumType", o.checksumType);
        }
        for (SdkField<?> f : builder.sdkFields()) {
            Object v = values.get(f.memberName());
            if (v != null) {
                f.set(builder, v);
            }
        }
    }


    protected static void setChecksums(SdkPojo builder, Map<String, String> sums) {
        for (SdkField<?> f : builder.sdkFields()) {
            if (f.memberName().startsWith("Checksum")) {
                String v = sums.get(f.memberName().substring("Checksum".length()));
                if (v != null) {
                    f.set(builder, v);
                }
            }
        }
    }

    /**
     * Keys are at most 1,024 bytes of UTF-8 and user metadata at most 2 KB (names and values)
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).
     */
    protected static void checkNewObject(String key, Map<String, String> metadata) {
        if (key == null || key.isEmpty() || key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
            throw S3Errors.keyTooLong();
        }
        int size = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            size += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + (e.getValue() == null ? 0 : e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        if (size > 2048) {
            throw S3Errors.metadataTooLarge();
        }
    }
}
