package io.gureum.sqs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An SDK HTTP client over {@link java.net.http.HttpClient} (HTTP/1.1, a shared connection pool, one
 * write per request), for load tests: the URL-connection client keeps only a few connections and
 * sends headers and body in separate writes. The JDK sets Host and Content-Length itself, to the same
 * values the SDK signed.
 */
public final class JdkSdkHttpClient implements SdkHttpClient {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                SdkHttpRequest r = request.httpRequest();
                byte[] body;
                Optional<software.amazon.awssdk.http.ContentStreamProvider> content = request.contentStreamProvider();
                try (InputStream in = content.isPresent() ? content.get().newStream() : InputStream.nullInputStream()) {
                    body = in.readAllBytes();
                }
                HttpRequest.Builder b = HttpRequest.newBuilder(r.getUri()).timeout(Duration.ofMinutes(5))
                        .method(r.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
                    if (!RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                        h.getValue().forEach(v -> b.header(h.getKey(), v));
                    }
                }
                HttpResponse<byte[]> resp;
                try {
                    resp = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                SdkHttpFullResponse.Builder out = SdkHttpFullResponse.builder().statusCode(resp.statusCode());
                resp.headers().map().forEach(out::putHeader);
                AbortableInputStream stream = AbortableInputStream.create(new ByteArrayInputStream(resp.body()));
                return HttpExecuteResponse.builder().response(out.content(stream).build()).responseBody(stream).build();
            }

            @Override
            public void abort() {
                // requests are short; nothing to abort
            }
        };
    }

    @Override
    public String clientName() {
        return "JdkHttpClient";
    }

    @Override
    public void close() {
        // the JDK client has no close in Java 17
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
