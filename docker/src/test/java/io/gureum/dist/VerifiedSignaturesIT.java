package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.auth.Accounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * With {@code --verify-signatures}, a request cannot skip verification by not signing, and a streamed S3
 * upload's signed {@code x-amz-content-sha256} is checked like a small one's.
 */
class VerifiedSignaturesIT {
    private static final String KEY = "AKIAGUREUMVERIFY0001";
    private static final String SECRET = "verify/secret+key0123456789abcdefGHIJKLMN";
    private static final String ACCOUNT = "135792468013";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder().config(c -> c.verifySignatures(true)).build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        gureum.context().accounts().addResolver(key -> KEY.equals(key)
                ? Optional.of(new Accounts.AccessKey(KEY, SECRET, ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":root"))
                : Optional.empty());
    }

    @AfterAll
    static void stop() {
    }

    private static HttpResponse<String> post(String contentType, String target, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gureum.endpoint()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            b.header("X-Amz-Target", target);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unsignedQueryAndJsonRequestsAreMissingAuthenticationToken() throws Exception {
        HttpResponse<String> iam = post("application/x-www-form-urlencoded",
                null, "Action=CreateUser&Version=2010-05-08&UserName=mallory");
        assertEquals(403, iam.statusCode(), iam.body());
        assertTrue(iam.body().contains("<Code>MissingAuthenticationToken</Code>"), iam.body());

        HttpResponse<String> ddb = post("application/x-amz-json-1.0", "DynamoDB_20120810.ListTables", "{}");
        assertEquals(403, ddb.statusCode(), ddb.body());
        assertTrue(ddb.body().contains("MissingAuthenticationTokenException"), ddb.body());
    }

    @Test
    void operationsTheModelCallsUnsignedStayReachable() throws Exception {
        HttpResponse<String> r = post("application/x-www-form-urlencoded", null,
                "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn:aws:iam::" + ACCOUNT
                        + ":role/r&RoleSessionName=s&WebIdentityToken=t");
        assertTrue(r.statusCode() != 403, r.body());
    }

    @Test
    void anonymousS3RequestsAreAccessDenied() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(gureum.endpoint().resolve("/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("<Code>AccessDenied</Code>"), r.body());
    }

    @Test
    void aStreamedUploadWhoseBodyDiffersFromItsSignedHashIsRefused() throws Exception {
        try (S3Client s3 = S3Client.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(KEY, SECRET))).build()) {
            s3.createBucket(b -> b.bucket("verified"));
            s3.putObject(b -> b.bucket("verified").key("small"), RequestBody.fromString("fine"));
        }
        byte[] signedBody = new byte[2 * 1024 * 1024];
        byte[] sentBody = Arrays.copyOf(signedBody, signedBody.length);
        sentBody[sentBody.length - 1] = 1; // one byte differs from what was signed
        URI uri = gureum.endpoint().resolve("/verified/big");
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(KEY, SECRET))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(uri)
                        .putHeader("Content-Length", Integer.toString(signedBody.length)).build())
                .payload(ContentStreamProvider.fromByteArray(signedBody))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.now(), ZoneOffset.UTC)));
        HttpRequest.Builder put = HttpRequest.newBuilder(uri)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(sentBody)); // over 1 MiB: the server streams it
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> put.header(name, v));
            }
        });
        HttpResponse<String> r = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("XAmzContentSHA256Mismatch"), r.body());
    }
}
