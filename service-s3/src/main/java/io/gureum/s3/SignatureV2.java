package io.gureum.s3;

import io.gureum.core.auth.Accounts;
import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.spi.ServiceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * With {@code --verify-signatures}, S3's legacy Signature Version 2
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html): {@code Authorization: AWS
 * AKID:signature} or the query string {@code AWSAccessKeyId}, {@code Signature}, {@code Expires}. The signature is
 * Base64(HMAC-SHA1(secret, StringToSign)) over the verb, {@code Content-MD5}, {@code Content-Type}, the date (the
 * {@code Date} header, empty when {@code x-amz-date} is sent, or {@code Expires} for a presigned URL), the
 * canonicalized {@code x-amz-} headers and the canonicalized resource (the bucket, the path as sent, and the
 * sub-resources). Core leaves this to S3 because the resource depends on how the request names its bucket. A
 * presigned URL's expiry is {@link BucketAccess}'s, as without verification.
 */
final class SignatureV2 {
    /** The query parameters that are part of the resource (the sub-resources and response overrides). */
    private static final Set<String> SUB_RESOURCES = Set.of("accelerate", "acl", "analytics", "cors",
            "defaultObjectAcl", "delete", "inventory", "lifecycle", "location", "logging", "metrics", "notification",
            "object-lock", "partNumber", "policy", "replication", "requestPayment", "response-cache-control",
            "response-content-disposition", "response-content-encoding", "response-content-language",
            "response-content-type", "response-expires", "restore", "select", "select-type", "storageClass", "tagging",
            "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website");
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private final ServiceContext context;

    SignatureV2(ServiceContext context) {
        this.context = context;
    }

    /** Throws S3's error unless the request is not SigV2, verification is off, or its signature is right. */
    void check(AwsHttpRequest request) {
        if (!context.config().verifySignatures()) {
            return;
        }
        String auth = request.header("Authorization");
        boolean presigned = auth == null;
        String key;
        String provided;
        if (auth != null) {
            if (!auth.trim().startsWith("AWS ")) {
                return;
            }
            String rest = auth.trim().substring(4).trim();
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                throw new AwsException("InvalidArgument", "AWS authorization header is invalid.  Expected "
                        + "AwsAccessKeyId:signature", 400);
            }
            key = rest.substring(0, colon);
            provided = rest.substring(colon + 1);
        } else {
            key = request.queryParameter("AWSAccessKeyId");
            if (key == null || request.queryParameter("X-Amz-Credential") != null) {
                return;
            }
            provided = request.queryParameter("Signature");
            if (provided == null || request.queryParameter("Expires") == null) {
                throw S3Errors.accessDenied("Query-string authentication requires the Signature, Expires and "
                        + "AWSAccessKeyId parameters");
            }
        }
        // Unknown keys were refused by core (InvalidAccessKeyId) before S3 saw the request.
        String secret = context.accounts().lookup(key).map(Accounts.AccessKey::secretAccessKey).orElse(null);
        if (!presigned) {
            checkSkew(request);
        }
        String stringToSign = stringToSign(request, presigned, true);
        if (secret == null || !matches(secret, stringToSign, provided)
                && !matches(secret, stringToSign(request, presigned, false), provided)) {
            throw ErrorDetails.add(new AwsException("SignatureDoesNotMatch", "The request signature we calculated "
                    + "does not match the signature you provided. Check your key and signing method.", 403),
                    "AWSAccessKeyId", key, "StringToSign", stringToSign, "SignatureProvided", provided,
                    "StringToSignBytes", hex(stringToSign));
        }
    }

    private static boolean matches(String secret, String stringToSign, String provided) {
        return MessageDigest.isEqual(sign(secret, stringToSign).getBytes(StandardCharsets.UTF_8),
                provided.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bucketSlash whether a request to a bucket itself signs {@code /bucket/} (the guide's form for
     *            virtual-hosted requests, and what botocore signs for path-style ones too) rather than the
     *            path-style {@code /bucket}; both are accepted
     */
    static String stringToSign(AwsHttpRequest request, boolean presigned, boolean bucketSlash) {
        Map<String, List<String>> amz = new TreeMap<>();
        request.headers().forEach((name, values) -> {
            String n = name.toLowerCase();
            if (n.startsWith("x-amz-")) {
                amz.computeIfAbsent(n, k -> new ArrayList<>()).addAll(values);
            }
        });
        String contentType = request.header("Content-Type");
        String contentMd5 = request.header("Content-MD5");
        String date;
        if (presigned) {
            // botocore's presigner moves x-amz-* headers, Content-Type and Content-MD5 into the query string.
            for (Map.Entry<String, List<String>> q : request.queryParameters().entrySet()) {
                String n = q.getKey().toLowerCase();
                if (n.startsWith("x-amz-")) {
                    amz.computeIfAbsent(n, k -> new ArrayList<>()).addAll(q.getValue());
                } else if (n.equals("content-type")) {
                    contentType = q.getValue().get(0);
                } else if (n.equals("content-md5")) {
                    contentMd5 = q.getValue().get(0);
                }
            }
            date = request.queryParameter("Expires");
        } else {
            date = request.header("x-amz-date") != null ? "" : request.header("Date");
        }
        StringBuilder s = new StringBuilder(request.method()).append('\n');
        s.append(trim(contentMd5)).append('\n').append(trim(contentType)).append('\n').append(trim(date)).append('\n');
        amz.forEach((name, values) -> s.append(name).append(':')
                .append(String.join(",", values.stream().map(SignatureV2::trim).toList())).append('\n'));
        s.append(resource(request, bucketSlash));
        return s.toString();
    }

    /** The bucket (also when the Host names it), the path as sent, then the sub-resources in name order. */
    private static String resource(AwsHttpRequest request, boolean bucketSlash) {
        StringBuilder r = new StringBuilder();
        String hostBucket = S3Addressing.virtualHostBucket(request.header("Host"));
        if (hostBucket != null) {
            r.append('/').append(hostBucket);
        }
        String path = request.rawPath().isEmpty() ? "/" : request.rawPath();
        r.append(path);
        if (bucketSlash && hostBucket == null && path.length() > 1 && path.indexOf('/', 1) < 0) {
            r.append('/');
        }
        TreeMap<String, List<String>> sub = new TreeMap<>();
        String query = request.rawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = AwsHttpRequest.decode(eq < 0 ? pair : pair.substring(0, eq), false);
                if (SUB_RESOURCES.contains(name)) {
                    sub.computeIfAbsent(name, k -> new ArrayList<>())
                            .add(eq < 0 ? null : AwsHttpRequest.decode(pair.substring(eq + 1), false));
                }
            }
        }
        char sep = '?';
        for (Map.Entry<String, List<String>> e : sub.entrySet()) {
            for (String v : e.getValue()) {
                r.append(sep).append(e.getKey());
                if (v != null) {
                    r.append('=').append(v);
                }
                sep = '&';
            }
        }
        return r.toString();
    }

    /** A header-signed request's date must be within 15 minutes of the server's (emulated) clock. */
    private void checkSkew(AwsHttpRequest request) {
        String text = request.header("x-amz-date") != null ? request.header("x-amz-date") : request.header("Date");
        if (text == null) {
            throw S3Errors.accessDenied("AWS authentication requires a valid Date or x-amz-date header");
        }
        Instant signed;
        try {
            signed = ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            throw S3Errors.accessDenied("AWS authentication requires a valid Date or x-amz-date header");
        }
        Instant now = context.clock().now();
        if (Duration.between(signed, now).abs().compareTo(MAX_SKEW) > 0) {
            throw ErrorDetails.add(new AwsException("RequestTimeTooSkewed", "The difference between the request "
                    + "time and the current time is too large.", 403), "RequestTime", text,
                    "ServerTime", now.toString(), "MaxAllowedSkewMilliseconds", String.valueOf(MAX_SKEW.toMillis()));
        }
    }

    private static String sign(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(String s) {
        StringBuilder h = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            if (!h.isEmpty()) {
                h.append(' ');
            }
            h.append(String.format("%02x", b & 0xff));
        }
        return h.toString();
    }

    private static String trim(String v) {
        return v == null ? "" : v.trim();
    }
}
