package io.gureum.s3;

import io.gureum.core.auth.Accounts;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.s3.control.ControlState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The {@code inputS3Url} of an S3 Object Lambda event: a SigV4 query-string presigned URL (core clock). */
final class ObjectLambdaUrls {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ObjectLambdaUrls() {
    }

    /**
     * {@code inputS3Url}: a URL presigned (SigV4, query string) with the caller's own key, so that their
     * permissions apply when the function uses it, for the supporting access point (by its alias, path-style on
     * this server's endpoint) and the request's key and its version or listing parameters.
     */
    static String presign(ServiceContext context, String method, ControlState.AccessPoint supporting, String key,
            AwsHttpRequest request, RequestContext ctx, Accounts.AccessKey signer) {
        URI endpoint = context.endpoint().uri().orElse(URI.create("http://localhost:4566"));
        String host = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
        String path = "/" + encode(supporting.alias(), false) + "/" + (key == null ? "" : encode(key, true));
        Map<String, String> query = new TreeMap<>();
        request.queryParameters().forEach((name, values) -> {
            if (!name.startsWith("X-Amz-") && !name.equals("x-id") && !values.isEmpty()) {
                query.put(name, values.get(0));
            }
        });
        Instant now = context.clock().now();
        String amzDate = AMZ_DATE.format(now);
        String scope = amzDate.substring(0, 8) + "/" + ctx.region() + "/s3/aws4_request";
        String accessKey = ctx.accessKeyId() == null ? "anonymous" : ctx.accessKeyId();
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", accessKey + "/" + scope);
        query.put("X-Amz-Date", amzDate);
        query.put("X-Amz-Expires", String.valueOf(ObjectLambdaRequests.TIMEOUT.toSeconds() + 1));
        query.put("X-Amz-SignedHeaders", "host");
        if (signer != null && signer.sessionToken() != null) {
            query.put("X-Amz-Security-Token", signer.sessionToken());
        }
        TreeMap<String, String> encoded = new TreeMap<>();
        query.forEach((k, v) -> encoded.put(encode(k, false), encode(v, false)));
        StringBuilder canonicalQuery = new StringBuilder();
        encoded.forEach((k, v) -> canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&").append(k).append('=')
                .append(v));
        String canonical = method + "\n" + path + "\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical));
        String secret = signer == null || signer.secretAccessKey() == null ? "unknown" : signer.secretAccessKey();
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        k = hmac(k, ctx.region());
        k = hmac(k, "s3");
        k = hmac(k, "aws4_request");
        String signature = hex(hmac(k, toSign));
        return endpoint.getScheme() + "://" + host + path + "?" + canonicalQuery + "&X-Amz-Signature=" + signature;
    }

    private static String encode(String s, boolean keepSlash) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~' || keepSlash && c == '/') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

}
