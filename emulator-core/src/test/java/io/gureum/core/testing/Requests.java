package io.gureum.core.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Well-formed HTTP requests in each protocol's dialect, sent with {@link HttpClient}, for tests of what
 * the server does with bad AWS input. Requests carry a SigV4-looking Authorization header (signatures
 * are not verified by default) whose credential scope names the service.
 */
public final class Requests {
    public static final String AMZ_DATE = "20240101T000000Z";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HangGuard.TIMEOUT)
            .build();

    private Requests() {
    }

    public static String authorization(String signingName) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/" + signingName
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature="
                + "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    }

    /** A request under construction: method, path and query, headers, body. */
    public static final class Spec {
        public final String method;
        public final String pathAndQuery;
        public final Map<String, String> headers = new LinkedHashMap<>();
        public byte[] body = new byte[0];

        public Spec(String method, String pathAndQuery) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
        }

        public Spec header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Spec body(String text) {
            this.body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Spec body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        /** The request as raw HTTP/1.1 bytes, with Host and Content-Length. */
        public byte[] toBytes(int port) {
            StringBuilder sb = new StringBuilder();
            sb.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
            sb.append("Host: 127.0.0.1:").append(port).append("\r\n");
            headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
            sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] out = new byte[head.length + body.length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(body, 0, out, head.length, body.length);
            return out;
        }
    }

    public static Spec json(String signingName, String target, String body) {
        return new Spec("POST", "/")
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", target)
                .header("X-Amz-Date", AMZ_DATE)
                .header("Authorization", authorization(signingName))
                .body(body);
    }

    public static Spec form(String signingName, String form) {
        return new Spec("POST", "/")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Amz-Date", AMZ_DATE)
                .header("Authorization", authorization(signingName))
                .body(form);
    }

    public static Spec rest(String signingName, String method, String pathAndQuery) {
        return new Spec(method, pathAndQuery)
                .header("X-Amz-Date", AMZ_DATE)
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .header("Authorization", authorization(signingName));
    }

    /** Sends a spec with {@link HttpClient}; gives up after {@link HangGuard#TIMEOUT} rather than hangs. */
    public static Reply send(URI endpoint, Spec spec) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(spec.pathAndQuery))
                .timeout(HangGuard.TIMEOUT)
                .method(spec.method, spec.body.length == 0 && !spec.method.equals("POST") && !spec.method.equals("PUT")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(spec.body));
        spec.headers.forEach(b::header);
        return Reply.of(CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
    }
}
