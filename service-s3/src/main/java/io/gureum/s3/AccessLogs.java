package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.time.DueTimer;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.ContentHeaders;
import io.gureum.s3.store.Encryption;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.services.s3.model.LoggingEnabled;

/**
 * Server access logging: each HTTP request to a bucket with {@code PutBucketLogging} set becomes a log
 * record in S3's format, and the records gathered are delivered as one object to the target bucket
 * {@link #DELIVERY} after the first of them on Gureum's clock, named by the {@code SimplePrefix} or
 * {@code PartitionedPrefix} key format (https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html#server-log-keyname-format). AWS
 * delivers within hours and does not promise every record; Gureum delivers all, five minutes later.
 */
final class AccessLogs implements AutoCloseable {
    static final Duration DELIVERY = Duration.ofMinutes(5);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("yyyy/MM/dd/").withZone(
            ZoneOffset.UTC);

    private final S3Backend s3;
    private final Map<String, List<String>> pending = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor thread;
    private final DueTimer timer;
    private final SecureRandom random = new SecureRandom();

    AccessLogs(S3Backend s3) {
        this.s3 = s3;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gureum-s3-access-logs");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
        this.timer = new DueTimer(s3.context.clock(), thread, thread);
    }

    /** Records one answered request, if its bucket logs. */
    void record(AwsHttpRequest request, AwsHttpResponse response) {
        String name = S3Addressing.target(request).bucket();
        Bucket b = name == null ? null : s3.store.buckets.get(name);
        if (b == null || b.logging == null) {
            return;
        }
        String line = line(b, request, response);
        boolean first;
        synchronized (pending) {
            List<String> lines = pending.get(b.name);
            first = lines == null;
            if (first) {
                lines = new ArrayList<>();
                pending.put(b.name, lines);
            }
            lines.add(line);
        }
        if (first) {
            timer.after(DELIVERY, () -> deliver(b.name));
        }
    }

    private String line(Bucket b, AwsHttpRequest request, AwsHttpResponse response) {
        RequestContext ctx = RequestContext.currentOrNull();
        S3Addressing.Target target = S3Addressing.target(request);
        String key = target.keySegments().isEmpty() ? "-" : String.join("/", target.keySegments());
        String uri = request.method() + " " + request.rawPath()
                + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()) + " HTTP/1.1";
        String error = response.status() >= 300 ? errorCode(response) : "-";
        long sent = response.bodyStream() != null ? response.streamLength() : response.body().length;
        String requestId = ctx != null ? ctx.requestId() : orDash(response.header("x-amz-request-id"));
        return String.join(" ", Owners.canonicalId(b.owner), b.name, TIME.format(s3.context.clock().now()),
                "127.0.0.1", ctx == null || ctx.principal() == null ? "-" : ctx.principal(), requestId,
                operation(request, !target.keySegments().isEmpty()), key, quote(uri),
                Integer.toString(response.status()), error,
                sent == 0 ? "-" : Long.toString(sent), "-", "1", "1", quote(orDash(request.header("Referer"))),
                quote(orDash(request.header("User-Agent"))), orDash(response.header("x-amz-version-id")), requestId,
                request.header("Authorization") != null || request.queryParameter("X-Amz-Signature") != null
                        ? "SigV4" : request.queryParameter("Signature") != null ? "SigV2" : "-",
                "-", request.header("Authorization") != null ? "AuthHeader"
                        : request.queryParameter("X-Amz-Signature") != null
                                || request.queryParameter("Signature") != null ? "QueryString" : "-",
                orDash(request.header("Host")), "-", "-", "-");
    }

    /** {@code REST.<METHOD>.<resource>}: OBJECT or BUCKET, or the sub-resource the query names (ACL, TAGGING …). */
    static String operation(AwsHttpRequest request, boolean object) {
        String resource = object ? "OBJECT" : "BUCKET";
        for (String sub : List.of("acl", "tagging", "versioning", "policy", "cors", "lifecycle", "website", "logging",
                "notification", "replication", "encryption", "uploads", "versions", "location", "restore",
                "retention", "legal-hold", "object-lock", "attributes")) {
            if (request.queryParameters().containsKey(sub)) {
                resource = sub.toUpperCase(Locale.ROOT).replace("-", "_");
            }
        }
        if (object && request.queryParameter("uploadId") != null) {
            resource = request.queryParameter("partNumber") != null ? "PART" : "UPLOAD";
        }
        return "REST." + request.method() + "." + resource;
    }

    private static String errorCode(AwsHttpResponse response) {
        String body = response.bodyStream() == null ? response.bodyAsString() : "";
        int a = body.indexOf("<Code>");
        int z = body.indexOf("</Code>");
        return a >= 0 && z > a ? body.substring(a + 6, z) : "-";
    }

    private void deliver(String source) {
        List<String> lines;
        synchronized (pending) {
            lines = pending.remove(source);
        }
        Bucket b = s3.store.buckets.get(source);
        LoggingEnabled logging = b == null ? null : b.logging;
        Bucket target = logging == null ? null : s3.store.buckets.get(logging.targetBucket());
        if (lines == null || target == null) {
            return;
        }
        Instant now = s3.context.clock().now();
        String prefix = logging.targetPrefix() == null ? "" : logging.targetPrefix();
        String key;
        if (logging.targetObjectKeyFormat() != null && logging.targetObjectKeyFormat().partitionedPrefix() != null) {
            key = prefix + b.owner + "/" + b.region + "/" + b.name + "/" + PARTITION.format(now) + KEY_TIME.format(now)
                    + "-" + unique();
        } else {
            key = prefix + KEY_TIME.format(now) + "-" + unique();
        }
        byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        Objects.Attributes attrs = new Objects.Attributes(new ContentHeaders("text/plain", null, null, null, null, null,
                null), Map.of(), "STANDARD", Map.of(), null, null, false, Encryption.of("AES256"));
        s3.objects.put(target, key, new ByteArrayInputStream(body), attrs, Map.of(), null, null,
                Objects.WriteCondition.NONE, (long) body.length);
        if (s3.records.enabled()) {
            s3.records.key(target, key);
        }
    }

    private String unique() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        timer.close();
        thread.shutdownNow();
    }
}
