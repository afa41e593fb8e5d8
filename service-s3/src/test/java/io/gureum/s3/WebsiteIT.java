package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.RoutingRule;

/** A bucket's website endpoint ({@code <bucket>.s3-website-<region>.localhost}), reached with curl. */
class WebsiteIT extends S3Fixture {

    record Answer(int status, String headers, String body) {
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    static Answer curl(String bucket, String method, String path) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-D", "-", "-X", method, "-H",
                "Host: " + bucket + ".s3-website-us-east-1.localhost"));
        if (method.equals("HEAD")) {
            cmd.add("-I");
        }
        cmd.add(gureum.endpoint() + path);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        int end = out.indexOf("\r\n\r\n");
        String headers = out.substring(0, end);
        int status = Integer.parseInt(headers.split(" ")[1]);
        return new Answer(status, headers, out.substring(end + 4));
    }

    static void put(String bucket, String key, String body, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromString(body));
    }

    @Test
    void servesIndexAndErrorDocumentsAndRoutingRules() throws Exception {
        String bucket = newBucket();
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                .errorDocument(e -> e.key("error.html")).routingRules(RoutingRule.builder()
                        .condition(c -> c.keyPrefixEquals("old/")).redirect(r -> r.replaceKeyPrefixWith("new/")).build())));
        put(bucket, "index.html", "<h1>home</h1>", "text/html");
        put(bucket, "docs/index.html", "docs home", "text/html");
        put(bucket, "error.html", "custom error", "text/html");
        s3.putObject(b -> b.bucket(bucket).key("moved").websiteRedirectLocation("/docs/"), RequestBody.fromString(""));

        Answer home = curl(bucket, "GET", "/");
        assertEquals(200, home.status());
        assertEquals("<h1>home</h1>", home.body());
        assertEquals("text/html", home.header("Content-Type"));
        Answer folder = curl(bucket, "GET", "/docs");
        assertEquals(302, folder.status());
        assertEquals("/docs/", folder.header("Location"));
        assertEquals("docs home", curl(bucket, "GET", "/docs/").body());
        Answer missing = curl(bucket, "GET", "/nothing.html");
        assertEquals(404, missing.status());
        assertEquals("custom error", missing.body());
        Answer rule = curl(bucket, "GET", "/old/page.html");
        assertEquals(301, rule.status());
        assertEquals("http://" + bucket + ".s3-website-us-east-1.localhost/new/page.html", rule.header("Location"));
        Answer moved = curl(bucket, "GET", "/moved");
        assertEquals(301, moved.status());
        assertEquals("/docs/", moved.header("Location"));
        assertEquals(200, curl(bucket, "HEAD", "/index.html").status());
        assertEquals(405, curl(bucket, "POST", "/index.html").status());
    }

    @Test
    void withoutConfigurationOrWithRedirectAll() throws Exception {
        String bucket = newBucket();
        Answer none = curl(bucket, "GET", "/");
        assertEquals(404, none.status());
        assertTrue(none.body().contains("<li>Code: NoSuchWebsiteConfiguration</li>"), none.body());
        assertTrue(none.body().contains("<li>BucketName: " + bucket + "</li>"), none.body());
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.redirectAllRequestsTo(r -> r
                .hostName("example.com").protocol("https"))));
        Answer all = curl(bucket, "GET", "/a/b.html");
        assertEquals(301, all.status());
        assertEquals("https://example.com/a/b.html", all.header("Location"));
        String plain = newBucket();
        s3.putBucketWebsite(b -> b.bucket(plain).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
        Answer noKey = curl(plain, "GET", "/absent");
        assertEquals(404, noKey.status());
        assertTrue(noKey.body().contains("<li>Code: NoSuchKey</li>"), noKey.body());
    }
}
