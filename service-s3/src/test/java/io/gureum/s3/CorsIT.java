package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Browsers' view of S3: preflight OPTIONS answers and Access-Control-* headers, from the bucket's rules. */
class CorsIT extends S3Fixture {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder preflight(String bucket, String origin, String method) {
        return HttpRequest.newBuilder(gureum.endpoint().resolve("/" + bucket + "/photo.jpg"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
    }

    @Test
    void aPreflightARuleAllowsIsAnsweredWithItsHeaders() throws Exception {
        String bucket = newBucket();
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(r -> r
                .allowedOrigins("https://app.example").allowedMethods("GET", "PUT")
                .allowedHeaders("content-type").exposeHeaders("ETag").maxAgeSeconds(600))));

        HttpResponse<String> ok = send(preflight(bucket, "https://app.example", "PUT")
                .header("Access-Control-Request-Headers", "Content-Type"));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("https://app.example", ok.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("GET, PUT", ok.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
        assertEquals("600", ok.headers().firstValue("Access-Control-Max-Age").orElse(null));

        HttpResponse<String> wrongOrigin = send(preflight(bucket, "https://evil.example", "PUT"));
        assertEquals(403, wrongOrigin.statusCode());
        assertTrue(wrongOrigin.body().contains("<Code>AccessForbidden</Code>"), wrongOrigin.body());

        HttpResponse<String> wrongMethod = send(preflight(bucket, "https://app.example", "DELETE"));
        assertEquals(403, wrongMethod.statusCode());
    }

    @Test
    void aBucketWithoutRulesRefusesPreflightsAndAddsNoHeaders() throws Exception {
        String bucket = newBucket();
        HttpResponse<String> r = send(preflight(bucket, "https://app.example", "GET"));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("CORS is not enabled for this bucket"), r.body());

        HttpResponse<String> noOrigin = send(HttpRequest.newBuilder(gureum.endpoint().resolve("/" + bucket + "/x"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(400, noOrigin.statusCode());
    }

    @Test
    void ordinaryCrossOriginResponsesCarryTheAllowHeaders() throws Exception {
        String bucket = newBucket();
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(r -> r
                .allowedOrigins("*").allowedMethods("GET"))));
        s3.putObject(b -> b.bucket(bucket).key("hello.txt"), RequestBody.fromString("hi"));

        HttpResponse<String> get = send(HttpRequest.newBuilder(gureum.endpoint().resolve("/" + bucket + "/hello.txt"))
                .header("Origin", "https://anywhere.example"));
        assertEquals(200, get.statusCode());
        assertEquals("hi", get.body());
        assertEquals("*", get.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

        HttpResponse<String> sameOrigin = send(HttpRequest.newBuilder(gureum.endpoint().resolve("/" + bucket + "/hello.txt")));
        assertTrue(sameOrigin.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }
}
