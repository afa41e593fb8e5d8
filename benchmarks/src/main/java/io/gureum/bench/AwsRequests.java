package io.gureum.bench;

import java.nio.charset.StandardCharsets;

/** Pre-built, signed-looking query-protocol requests (signature verification is off by default). */
final class AwsRequests {
    static final String STS_VERSION = "2011-06-15";
    static final String IAM_VERSION = "2010-05-08";

    private AwsRequests() {
    }

    static byte[] getCallerIdentity(int port) {
        return query(port, "sts", "Action=GetCallerIdentity&Version=" + STS_VERSION);
    }

    /** A keep-alive HTTP/1.1 POST of a form body, signed (in name) for {@code signingName}. */
    static byte[] query(int port, String signingName, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
                + "X-Amz-Date: 20260101T000000Z\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/" + signingName
                + "/aws4_request, SignedHeaders=host, Signature=00\r\n"
                + "Content-Length: " + b.length + "\r\n"
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + b.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(b, 0, out, h.length, b.length);
        return out;
    }
}
