package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Browser-based uploads (HTML form POST with a POST policy), sent with curl -F. */
class PostUploadIT extends S3Fixture {
    @TempDir
    static Path tmp;

    record Answer(int status, String headers, String body) {
    }

    static Answer post(String bucket, String file, String... fields) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-D", "-"));
        for (String f : fields) {
            cmd.add("--form-string");
            cmd.add(f);
        }
        cmd.add("-F");
        cmd.add("file=@" + file);
        cmd.add(gureum.endpoint() + "/" + bucket);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        int end = out.indexOf("\r\n\r\n");
        String headers = out.substring(0, end);
        return new Answer(Integer.parseInt(headers.split(" ")[1]), headers, out.substring(end + 4));
    }

    static String policy(Instant expires, String conditions) {
        String json = "{\"expiration\":\"" + expires + "\",\"conditions\":[" + conditions + "]}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String file(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content).toString();
    }

    @Test
    void uploadUnderAPolicyAnswers201WithPostResponse() throws Exception {
        String bucket = newBucket();
        Instant soon = gureum.context().clock().now().plus(Duration.ofMinutes(10));
        String policy = policy(soon, "{\"bucket\":\"" + bucket + "\"},[\"starts-with\",\"$key\",\"user/\"],"
                + "{\"success_action_status\":\"201\"},[\"content-length-range\",1,100],"
                + "[\"starts-with\",\"$Content-Type\",\"text/\"],{\"x-amz-meta-color\":\"blue\"}");
        Answer a = post(bucket, file("photo.txt", "form body"), "key=user/${filename}", "policy=" + policy,
                "success_action_status=201", "Content-Type=text/plain", "x-amz-meta-color=blue");
        assertEquals(201, a.status(), a.body());
        assertTrue(a.body().contains("<Bucket>" + bucket + "</Bucket><Key>user/photo.txt</Key>"), a.body());
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("user/photo.txt"));
        assertEquals("form body", got.asUtf8String());
        assertEquals("text/plain", got.response().contentType());
        assertEquals("blue", got.response().metadata().get("color"));

        Answer tooBig = post(bucket, file("big.txt", "x".repeat(101)), "key=user/big", "policy=" + policy,
                "success_action_status=201", "Content-Type=text/plain", "x-amz-meta-color=blue");
        assertEquals(400, tooBig.status());
        assertTrue(tooBig.body().contains("<Code>EntityTooLarge</Code>"), tooBig.body());
        Answer wrongKey = post(bucket, file("a.txt", "a"), "key=other/a", "policy=" + policy,
                "success_action_status=201", "Content-Type=text/plain", "x-amz-meta-color=blue");
        assertEquals(403, wrongKey.status());
        assertTrue(wrongKey.body().contains("Policy Condition failed"), wrongKey.body());
        Answer extra = post(bucket, file("a.txt", "a"), "key=user/a", "policy=" + policy, "success_action_status=201",
                "Content-Type=text/plain", "x-amz-meta-color=blue", "x-amz-meta-size=9");
        assertEquals(403, extra.status());
        assertTrue(extra.body().contains("Extra input fields: x-amz-meta-size"), extra.body());

        gureum.context().clock().advance(Duration.ofMinutes(11));
        Answer late = post(bucket, file("a.txt", "a"), "key=user/a", "policy=" + policy, "success_action_status=201",
                "Content-Type=text/plain", "x-amz-meta-color=blue");
        assertEquals(403, late.status());
        assertTrue(late.body().contains("Invalid according to Policy: Policy expired."), late.body());
    }

    @Test
    void redirectAndDefaultStatus() throws Exception {
        String bucket = newBucket();
        Answer plain = post(bucket, file("n.txt", "no policy"), "key=n.txt");
        assertEquals(204, plain.status());
        assertEquals("no policy", s3.getObjectAsBytes(b -> b.bucket(bucket).key("n.txt")).asUtf8String());
        Answer redirected = post(bucket, file("r.txt", "r"), "key=r.txt",
                "success_action_redirect=https://example.com/done");
        assertEquals(303, redirected.status());
        String etag = s3.headObject(b -> b.bucket(bucket).key("r.txt")).eTag();
        assertTrue(redirected.headers().contains("Location: https://example.com/done?bucket=" + bucket
                + "&key=r.txt&etag=" + java.net.URLEncoder.encode(etag, StandardCharsets.UTF_8)), redirected.headers());
    }
}
