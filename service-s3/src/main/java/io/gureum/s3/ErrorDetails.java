package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The detail elements S3 writes into an error body after {@code Message} ({@code BucketName}, {@code Key},
 * {@code UploadId}, {@code Condition}, {@code ArgumentName}/{@code ArgumentValue}, {@code RangeRequested}/
 * {@code ActualObjectSize}, {@code Method}/{@code ResourceType} …;
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). What only the thrower knows travels
 * with the exception in an internal header; what the request says (the bucket, the key, the upload ID, the
 * method) is filled in here; {@link #write} puts both into the body before {@code RequestId} and drops the
 * internal header, so it never reaches the wire.
 */
final class ErrorDetails {
    static final String CARRIER = "x-gureum-s3-error-details";

    /** Codes whose body names the request's bucket. */
    private static final Set<String> BUCKET_CODES = Set.of("NoSuchBucket", "BucketAlreadyExists",
            "BucketAlreadyOwnedByYou", "BucketNotEmpty", "InvalidBucketName", "NoSuchTagSet", "NoSuchCORSConfiguration",
            "NoSuchLifecycleConfiguration", "NoSuchBucketPolicy", "NoSuchWebsiteConfiguration",
            "ReplicationConfigurationNotFoundError", "ObjectLockConfigurationNotFoundError",
            "OwnershipControlsNotFoundError", "NoSuchPublicAccessBlockConfiguration",
            "ServerSideEncryptionConfigurationNotFoundError", "NoSuchConfiguration");

    private ErrorDetails() {
    }

    /** {@code e} with detail elements, given as name, value, name, value …, written in that order. */
    static AwsException add(AwsException e, String... namesAndValues) {
        return e.withHeader(CARRIER, join(e.headers().get(CARRIER), namesAndValues));
    }

    /** A modeled exception with detail elements (carried in its {@code sdkHttpResponse}, like other headers). */
    @SuppressWarnings("unchecked")
    static <T extends AwsServiceException> T add(T e, String... namesAndValues) {
        SdkHttpResponse prior = e.awsErrorDetails().sdkHttpResponse();
        SdkHttpResponse.Builder http = prior == null ? SdkHttpResponse.builder().statusCode(e.statusCode())
                : prior.toBuilder();
        String before = prior == null ? null : prior.firstMatchingHeader(CARRIER).orElse(null);
        http.putHeader(CARRIER, join(before, namesAndValues));
        return (T) e.toBuilder().awsErrorDetails(e.awsErrorDetails().toBuilder().sdkHttpResponse(http.build()).build())
                .build();
    }

    private static String join(String before, String... namesAndValues) {
        StringBuilder s = new StringBuilder(before == null ? "" : before);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                continue;
            }
            if (!s.isEmpty()) {
                s.append('&');
            }
            s.append(enc(namesAndValues[i])).append('=').append(enc(namesAndValues[i + 1]));
        }
        return s.toString();
    }

    /** Moves the carried details, and those the request implies, into an error response's XML body. */
    static void write(AwsHttpRequest request, AwsHttpResponse response) {
        String carried = response.header(CARRIER);
        if (carried != null) {
            response.headers().keySet().removeIf(k -> k.equalsIgnoreCase(CARRIER));
        }
        if (response.status() < 300 || response.status() == 304 || response.bodyStream() != null) {
            return;
        }
        String body = response.bodyAsString();
        int requestId = body.indexOf("<RequestId>");
        String code = between(body, "<Code>", "</Code>");
        if (requestId < 0 || code == null || !body.contains("<Error>")) {
            return;
        }
        Map<String, String> details = parse(carried);
        implied(request, code, details, response);
        StringBuilder xml = new StringBuilder();
        details.forEach((name, value) -> {
            if (!body.contains("<" + name + ">")) {
                xml.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
            }
        });
        if (!xml.isEmpty()) {
            response.body((body.substring(0, requestId) + xml + body.substring(requestId))
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void implied(AwsHttpRequest request, String code, Map<String, String> details,
            AwsHttpResponse response) {
        S3Addressing.Target target = S3Addressing.target(request);
        String bucket = target.bucket();
        String key = key(target.keySegments());
        if (BUCKET_CODES.contains(code) && bucket != null) {
            details.putIfAbsent("BucketName", bucket);
        }
        switch (code) {
            case "NoSuchKey" -> {
                if (key != null) {
                    details.putIfAbsent("Key", key);
                }
            }
            case "NoSuchVersion" -> {
                if (key != null) {
                    details.putIfAbsent("Key", key);
                }
                if (request.queryParameter("versionId") != null) {
                    details.putIfAbsent("VersionId", request.queryParameter("versionId"));
                }
            }
            case "NoSuchUpload" -> {
                if (request.queryParameter("uploadId") != null) {
                    details.putIfAbsent("UploadId", request.queryParameter("uploadId"));
                }
            }
            case "InvalidRange" -> {
                if (request.header("Range") != null) {
                    details.putIfAbsent("RangeRequested", request.header("Range"));
                }
            }
            case "MethodNotAllowed" -> {
                details.putIfAbsent("Method", request.method());
                String type = bucket == null ? "SERVICE" : key == null ? "BUCKET" : "OBJECT";
                details.putIfAbsent("ResourceType", type);
                if (response.header("Allow") == null && type.equals("SERVICE")) {
                    response.header("Allow", "GET"); // the service endpoint answers only ListBuckets
                }
            }
            default -> {
            }
        }
    }

    private static String key(List<String> segments) {
        if (segments.isEmpty()) {
            return null;
        }
        StringBuilder k = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                k.append('/');
            }
            k.append(AwsHttpRequest.decode(segments.get(i), false));
        }
        return k.isEmpty() ? null : k.toString();
    }

    private static Map<String, String> parse(String carried) {
        Map<String, String> details = new LinkedHashMap<>();
        if (carried == null || carried.isEmpty()) {
            return details;
        }
        for (String pair : carried.split("&")) {
            int eq = pair.indexOf('=');
            details.putIfAbsent(dec(pair.substring(0, eq)), dec(pair.substring(eq + 1)));
        }
        return details;
    }

    private static String between(String s, String open, String close) {
        int a = s.indexOf(open);
        int b = a < 0 ? -1 : s.indexOf(close, a);
        return b < 0 ? null : s.substring(a + open.length(), b);
    }

    private static String escape(String v) {
        StringBuilder s = new StringBuilder(v.length());
        for (char c : v.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&apos;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
