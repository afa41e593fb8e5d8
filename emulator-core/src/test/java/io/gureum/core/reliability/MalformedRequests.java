package io.gureum.core.reliability;

import io.gureum.core.testing.Requests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of malformed requests for every wire protocol the test services speak (JSON,
 * query, EC2 query, REST-JSON, REST-XML) and Gureum's own endpoints: a valid request, then one to
 * three mutations of its method, path, query, headers, framing or body. The same seed gives the same
 * requests. Left out on purpose: HTTP versions other than 1.x (a 505 by design, tested on its own),
 * Content-Length longer than the body (a stall, tested on its own) and deep nesting.
 */
final class MalformedRequests {
    /** One request's bytes, and whether the connection should be dropped after its answer. */
    record Generated(byte[] bytes, boolean head, boolean reconnect, String description) {
    }

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "FROB"};
    private static final String[] CONTENT_TYPES = {"application/x-amz-json-1.0", "application/x-amz-json-1.1",
        "application/json", "application/xml", "text/plain", "application/x-www-form-urlencoded",
        "application/cbor", "multipart/form-data; boundary=x", "", "\u00ff\u00fe", "application/x-amz-json-9.9"};
    private static final String[] HEADERS = {"X-Amz-Target", "Content-Type", "Authorization", "X-Amz-Date",
        "x-amz-content-sha256", "Content-MD5", "Content-Encoding", "x-amz-security-token", "Range",
        "If-Match", "x-amz-copy-source", "x-amz-meta-a", "Transfer-Encoding", "Expect", "Accept-Encoding",
        "Smithy-Protocol", "X-Amz-Invocation-Type", "x-amz-checksum-crc32", "x-amz-decoded-content-length"};

    private final Random random;
    private final int port;

    MalformedRequests(long seed, int port) {
        this.random = new Random(seed);
        this.port = port;
    }

    Generated next() {
        while (true) {
            Generated g = generate();
            String text = new String(g.bytes(), StandardCharsets.ISO_8859_1);
            // The test services' own fault switches: a handler that throws on purpose, a slow table.
            if (!text.contains("boom") && !text.contains("slow")) {
                return g;
            }
        }
    }

    private Generated generate() {
        Base base = base();
        int mutations = 1 + random.nextInt(3);
        List<String> applied = new ArrayList<>();
        boolean reconnect = false;
        for (int i = 0; i < mutations; i++) {
            int kind = random.nextInt(14);
            applied.add(String.valueOf(kind));
            switch (kind) {
                case 0 -> base.body = flipBytes(base.body);
                case 1 -> base.body = truncate(base.body);
                case 2 -> base.body = randomBody();
                case 3 -> base.path = mutateTarget(base.path, false);
                case 4 -> base.query = mutateTarget(base.query, true);
                case 5 -> base.headers.put(pick(HEADERS), randomHeaderValue());
                case 6 -> base.headers.remove(pick(HEADERS));
                case 7 -> base.method = pick(METHODS);
                case 8 -> base.headers.put("Content-Type", pick(CONTENT_TYPES));
                case 9 -> {
                    String target = base.headers.get("X-Amz-Target");
                    base.headers.put("X-Amz-Target", target == null ? randomToken() : target + junk());
                }
                case 10 -> {
                    base.shortLength = true; // fewer bytes declared than sent: the rest is garbage
                    reconnect = true;
                }
                case 11 -> {
                    base.chunked = true;
                    base.badChunks = random.nextBoolean();
                    reconnect |= base.badChunks;
                }
                case 12 -> {
                    if (random.nextBoolean()) {
                        base.headers.remove("Host");
                    } else {
                        base.headers.put("Host", random.nextBoolean() ? "localhost, other" : randomToken() + ".localhost");
                    }
                    reconnect = true;
                }
                default -> {
                    base.version = random.nextBoolean() ? "HTTP/1.0" : "HTTP/1.1";
                    reconnect |= base.version.equals("HTTP/1.0");
                }
            }
        }
        return new Generated(base.toBytes(), base.method.equals("HEAD"), reconnect,
                base.method + " " + base.path + " mutations " + applied);
    }

    /** A valid request of one of the protocols, with headers in a map for mutation. */
    private Base base() {
        int which = random.nextInt(12);
        Base b = new Base();
        b.headers.put("Host", "localhost:" + port);
        b.headers.put("X-Amz-Date", Requests.AMZ_DATE);
        switch (which) {
            case 0, 1 -> json(b, "dynamodb", "DynamoDB_20120810." + (which == 0 ? "DescribeTable" : "ListTables"),
                    which == 0 ? "{\"TableName\":\"t1\"}" : "{\"Limit\":5,\"ExclusiveStartTableName\":\"a\"}",
                    "application/x-amz-json-1.0");
            case 2 -> json(b, "sqs", "AmazonSQS.GetQueueUrl", "{\"QueueName\":\"q1\"}", "application/x-amz-json-1.0");
            case 3 -> form(b, "sqs", "Action=GetQueueUrl&QueueName=q1&Version=2012-11-05");
            case 4 -> form(b, "ec2", "Action=DescribeVpcs&Version=2016-11-15&VpcId.1=vpc-1&Filter.1.Name=cidr"
                    + "&Filter.1.Value.1=10.0.0.0/16");
            case 5 -> rest(b, "lambda", "GET", "/2015-03-31/functions/f1", "");
            case 6 -> rest(b, "lambda", "GET", "/2015-03-31/functions/", "MaxItems=5&Marker=x");
            case 7 -> rest(b, "s3", "GET", "/bucket1", "list-type=2&prefix=a%2Fb&max-keys=7");
            case 8 -> rest(b, "s3", "HEAD", "/bucket1", "");
            case 9 -> {
                rest(b, "s3", "PUT", "/bucket1", "tagging");
                b.body = "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>"
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 10 -> {
                b.method = "GET";
                b.path = random.nextBoolean() ? "/_gureum/health" : "/_gureum/clock";
            }
            default -> {
                b.method = "POST";
                b.path = "/_gureum/clock";
                b.headers.put("Content-Type", "application/json");
                b.body = "{\"advanceSeconds\":0}".getBytes(StandardCharsets.UTF_8);
            }
        }
        return b;
    }

    private static void json(Base b, String signingName, String target, String body, String type) {
        b.method = "POST";
        b.path = "/";
        b.headers.put("Content-Type", type);
        b.headers.put("X-Amz-Target", target);
        b.headers.put("Authorization", Requests.authorization(signingName));
        b.body = body.getBytes(StandardCharsets.UTF_8);
    }

    private static void form(Base b, String signingName, String body) {
        b.method = "POST";
        b.path = "/";
        b.headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        b.headers.put("Authorization", Requests.authorization(signingName));
        b.body = body.getBytes(StandardCharsets.UTF_8);
    }

    private static void rest(Base b, String signingName, String method, String path, String query) {
        b.method = method;
        b.path = path;
        b.query = query;
        b.headers.put("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        b.headers.put("Authorization", Requests.authorization(signingName));
    }

    private byte[] flipBytes(byte[] body) {
        if (body.length == 0) {
            return randomBody();
        }
        byte[] out = body.clone();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    private byte[] truncate(byte[] body) {
        return body.length == 0 ? body : java.util.Arrays.copyOf(body, random.nextInt(body.length));
    }

    private byte[] randomBody() {
        String[] shapes = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\"\\u0000\"",
            "\"\\ud800\"", "<a>", "</a>", "<?xml version=\"1.0\"?>", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "&e;",
            "Action=", "&", "=", "%", "%ZZ", "+", "\u00ff", "\u0000", "{\"TableName\":", "{\"Limit\":", "99999999999999999999",
            "{\"a\":{\"b\":[1,2,{\"c\":\"d\"}]}}", "\"TableName\"", "\"QueueName\""};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int parts = random.nextInt(20);
        for (int i = 0; i < parts; i++) {
            if (random.nextInt(4) == 0) {
                out.write(random.nextInt(256));
            } else {
                byte[] s = pick(shapes).getBytes(StandardCharsets.ISO_8859_1);
                out.write(s, 0, s.length);
            }
        }
        return out.toByteArray();
    }

    private String mutateTarget(String s, boolean query) {
        String[] bits = query
                ? new String[] {"&", "=", "%ZZ", "%", "%00", "%C3%28", "a=b&a=c", "max-keys=-1", "max-keys=abc",
                    "Attribute.99999999=x", "Filter.0.Name=", "VpcId.2147483648=v", "list-type=9", "prefix=%FF"}
                : new String[] {"/", "//", "..", "%2F", "%ZZ", "%", "%00", "%C3%28", "~", ";", "a".repeat(300), "%E2%82%AC"};
        StringBuilder sb = new StringBuilder(s == null ? "" : s);
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
            sb.insert(at, pick(bits));
        }
        return sb.toString();
    }

    private String randomHeaderValue() {
        String[] values = {"", " ", "garbage", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=",
            "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=, Signature=", "bytes=5-1", "bytes=-", "chunked",
            "100-continue", "gzip", "aws-chunked", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "-1", "99999999999999999999",
            "\u00ff\u00fe", "=?utf-8?q?x?=", "a".repeat(2000), "20240101T000000Z", "not-a-date", "/", "%ZZ"};
        return pick(values);
    }

    private String randomToken() {
        String alphabet = "acdefghijklmnpqrtuvwxyzACDEFGHIJKLMNPQRTUVWXYZ0123456789._-";
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private String junk() {
        return pick(new String[] {"#", "$", "!", " ", "..", "%", "\u00e9", "X#"});
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A request being built. */
    private final class Base {
        String method = "GET";
        String path = "/";
        String query = "";
        String version = "HTTP/1.1";
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
        boolean shortLength;
        boolean chunked;
        boolean badChunks;

        byte[] toBytes() {
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(path.isEmpty() ? "/" : path);
            if (!query.isEmpty()) {
                head.append('?').append(query);
            }
            head.append(' ').append(version).append("\r\n");
            headers.forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Transfer-Encoding") && !k.equalsIgnoreCase("Content-Length")) {
                    head.append(k).append(": ").append(v).append("\r\n");
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n\r\n");
                write(out, head.toString());
                if (badChunks) {
                    write(out, pick(new String[] {"zz\r\n", "5\r\nab\r\n0\r\n\r\n", "-1\r\n", "ffffffffffff\r\n"}));
                } else {
                    if (body.length > 0) {
                        write(out, Integer.toHexString(body.length) + "\r\n");
                        out.write(body, 0, body.length);
                        write(out, "\r\n");
                    }
                    write(out, "0\r\n\r\n");
                }
                return out.toByteArray();
            }
            int declared = shortLength && body.length > 0 ? random.nextInt(body.length) : body.length;
            head.append("Content-Length: ").append(declared).append("\r\n\r\n");
            write(out, head.toString());
            out.write(body, 0, body.length);
            return out.toByteArray();
        }

        private void write(ByteArrayOutputStream out, String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            out.write(b, 0, b.length);
        }
    }
}
