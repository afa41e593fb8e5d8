package io.gureum.core.contract;

import io.gureum.core.auth.AwsChunked;
import io.gureum.core.http.AwsHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Whether this build decodes aws-chunked uploads yet (a teammate's work in progress in auth/). */
final class AwsChunkedProbe {
    private static volatile Boolean supported;

    private AwsChunkedProbe() {
    }

    static boolean supported() {
        if (supported == null) {
            try {
                byte[] body = "3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                AwsChunked.decode(probeRequest(body), null, null);
                supported = true;
            } catch (UnsupportedOperationException e) {
                supported = false;
            } catch (RuntimeException e) {
                supported = true; // it decodes, and our probe was not to its taste
            }
        }
        return supported;
    }

    private static AwsHttpRequest probeRequest(byte[] body) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Encoding", List.of("aws-chunked"));
        headers.put("x-amz-content-sha256", List.of("STREAMING-UNSIGNED-PAYLOAD-TRAILER"));
        headers.put("x-amz-decoded-content-length", List.of("3"));
        return new AwsHttpRequest("PUT", "/bkt/key", headers, body);
    }
}
