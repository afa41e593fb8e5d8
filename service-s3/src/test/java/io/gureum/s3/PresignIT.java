package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.testing.AwsClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Presigned GET and PUT URLs used with curl: expiry by the emulated clock, and signature checks. */
class PresignIT {
    static final String KEY_ID = "AKIAPRESIGNTEST00001";
    static final String SECRET = "presign-secret";

    record Curl(int status, String body) {
    }

    static Curl curl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-o", "-", "-w", "\n%{http_code}"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        int nl = out.lastIndexOf('\n');
        return new Curl(Integer.parseInt(out.substring(nl + 1).trim()), out.substring(0, nl));
    }

    static S3Presigner presigner(Gureum g, String key, String secret) {
        return S3Presigner.builder().endpointOverride(g.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    @Test
    void presignedGetAndPutWorkWithCurlAndExpire(@TempDir Path tmp) throws Exception {
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).build());
                S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), g);
                S3Presigner presigner = presigner(g, "test", "test")) {
            s3.createBucket(b -> b.bucket("presign-bucket"));
            String put = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(p -> p.bucket("presign-bucket").key("up load.txt"))).url().toString();
            Path file = Files.writeString(tmp.resolve("f.txt"), "uploaded by curl");
            assertEquals(200, curl("-T", file.toString(), put).status());
            String get = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(o -> o.bucket("presign-bucket").key("up load.txt"))).url().toString();
            Curl got = curl(get);
            assertEquals(200, got.status());
            assertEquals("uploaded by curl", got.body());

            g.context().clock().advance(Duration.ofMinutes(6));
            Curl expired = curl(get);
            assertEquals(403, expired.status());
            assertTrue(expired.body().contains("<Code>AccessDenied</Code>") && expired.body().contains("expired"),
                    expired.body());
        }
    }

    @Test
    void signaturesAreVerifiedWhenVerificationIsOn() throws Exception {
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).verifySignatures(true).build())) {
            g.context().accounts().addResolver(id -> id.equals(KEY_ID)
                    ? Optional.of(new Accounts.AccessKey(KEY_ID, SECRET, "000000000000", "arn:aws:iam::000000000000:root"))
                    : Optional.empty());
            S3Client s3 = S3Client.builder().forcePathStyle(true).endpointOverride(g.endpoint())
                    .region(Region.US_EAST_1).httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                    .build();
            s3.createBucket(b -> b.bucket("verified-bucket"));
            s3.putObject(b -> b.bucket("verified-bucket").key("k"), RequestBody.fromString("signed"));
            try (S3Presigner presigner = presigner(g, KEY_ID, SECRET)) {
                String get = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(o -> o.bucket("verified-bucket").key("k"))).url().toString();
                assertEquals("signed", curl(get).body());
                String tampered = get.replaceFirst("X-Amz-Signature=[0-9a-f]", "X-Amz-Signature=z");
                Curl bad = curl(tampered);
                assertEquals(403, bad.status());
                assertTrue(bad.body().contains("SignatureDoesNotMatch"), bad.body());
            }
            try (S3Presigner wrongSecret = presigner(g, KEY_ID, "not-the-secret")) {
                String get = wrongSecret.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(o -> o.bucket("verified-bucket").key("k"))).url().toString();
                assertEquals(403, curl(get).status());
            }
            s3.close();
        }
    }
}
