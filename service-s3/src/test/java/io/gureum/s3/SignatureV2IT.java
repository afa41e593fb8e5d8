package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.testing.AwsCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * With {@code --verify-signatures}, S3's Signature Version 2 is verified: CLI v1's {@code aws s3 presign} and
 * boto3 with {@code signature_version='s3'} (header and query forms), tampering answered
 * {@code SignatureDoesNotMatch} 403 with {@code StringToSign} and {@code SignatureProvided}.
 */
class SignatureV2IT {
    static final String KEY_ID = "AKIASIGV2TEST0000001";
    static final String SECRET = "sigv2-secret";
    Gureum g;
    S3Client s3;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A server per test: one test moves its clock. */
    @BeforeEach
    void start() {
        g = Gureum.start(GureumConfig.builder().port(0).verifySignatures(true).build());
        g.context().accounts().addResolver(id -> id.equals(KEY_ID)
                ? Optional.of(new Accounts.AccessKey(KEY_ID, SECRET, "000000000000", "arn:aws:iam::000000000000:root"))
                : Optional.empty());
        s3 = S3Client.builder().forcePathStyle(true).endpointOverride(g.endpoint()).region(Region.US_EAST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .build();
    }

    @AfterEach
    void stop() {
        s3.close();
        g.close();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sign(String secret, String toSign) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void cliV1PresignedUrlIsVerifiedAndExpiresOnTheClock() throws Exception {
        s3.createBucket(b -> b.bucket("cli-v2"));
        s3.putObject(b -> b.bucket("cli-v2").key("report.txt"), RequestBody.fromString("from the CLI"));
        // CLI v1 presigns S3 URLs with SigV2 in the Regions that accept it, unless configured otherwise.
        AwsCli cli = AwsCli.withEnvironment(g.endpoint(), Map.of("AWS_ACCESS_KEY_ID", KEY_ID,
                "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_DEFAULT_REGION", "us-east-1", "AWS_CONFIG_FILE",
                "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        AwsCli.Result presigned = cli.run("s3", "presign", "s3://cli-v2/report.txt", "--expires-in", "300");
        assertEquals(0, presigned.exitCode(), presigned.all());
        String url = presigned.stdout().trim();
        assertTrue(url.contains("AWSAccessKeyId=" + KEY_ID) && url.contains("Signature="), url);

        HttpResponse<String> ok = get(url);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("from the CLI", ok.body());

        // A later Expires (a tampered URL) no longer matches its signature.
        String expires = url.replaceAll(".*[?&]Expires=(\\d+).*", "$1");
        String later = String.valueOf(Long.parseLong(expires) + 3600);
        HttpResponse<String> tampered = get(url.replace("Expires=" + expires, "Expires=" + later));
        assertEquals(403, tampered.statusCode());
        assertTrue(tampered.body().contains("<Code>SignatureDoesNotMatch</Code>"), tampered.body());
        assertTrue(tampered.body().contains("<StringToSign>GET\n\n\n" + later + "\n/cli-v2/report.txt</StringToSign>"),
                tampered.body());
        assertTrue(tampered.body().contains("<SignatureProvided>"), tampered.body());
        assertTrue(tampered.body().contains("<AWSAccessKeyId>" + KEY_ID + "</AWSAccessKeyId>"), tampered.body());

        g.context().clock().advance(Duration.ofMinutes(6));
        HttpResponse<String> late = get(url);
        assertEquals(403, late.statusCode());
        assertTrue(late.body().contains("<Code>AccessDenied</Code><Message>Request has expired</Message>"),
                late.body());
    }

    @Test
    void boto3WithSignatureVersionS3(@TempDir Path tmp) throws Exception {
        s3.createBucket(b -> b.bucket("boto-v2"));
        Path script = Files.writeString(tmp.resolve("v2.py"), String.join("\n",
                "import sys, boto3, botocore",
                "from botocore.config import Config",
                "def client(secret):",
                "    return boto3.client('s3', endpoint_url=sys.argv[1], aws_access_key_id=sys.argv[2],",
                "        aws_secret_access_key=secret, region_name='us-east-1', config=Config(signature_version='s3',",
                "        s3={'addressing_style': 'path'}, retries={'max_attempts': 1}))",
                "c = client(sys.argv[3])",
                "c.put_object(Bucket='boto-v2', Key='dir/a b+c.txt', Body=b'from boto3', Metadata={'color': 'red'},",
                "    ContentType='text/plain')",
                "o = c.get_object(Bucket='boto-v2', Key='dir/a b+c.txt', ResponseContentType='text/csv')",
                "print(o['Body'].read().decode(), o['Metadata']['color'], o['ContentType'])",
                "c.put_object_tagging(Bucket='boto-v2', Key='dir/a b+c.txt', Tagging={'TagSet': [{'Key': 't', 'Value': 'v'}]})",
                "print(c.get_object_tagging(Bucket='boto-v2', Key='dir/a b+c.txt')['TagSet'][0]['Value'])",
                "print(len(c.list_objects(Bucket='boto-v2', Prefix='dir/')['Contents']))",
                "url = c.generate_presigned_url('get_object', Params={'Bucket': 'boto-v2', 'Key': 'dir/a b+c.txt'},",
                "    ExpiresIn=120)",
                "print(url)",
                "try:",
                "    client('wrong').get_object(Bucket='boto-v2', Key='dir/a b+c.txt')",
                "except botocore.exceptions.ClientError as e:",
                "    print(e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])",
                ""));
        Process p = new ProcessBuilder("python3", script.toString(), g.endpoint().toString(), KEY_ID, SECRET)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals("from boto3 red text/csv", lines.get(0), out);
        assertEquals("v", lines.get(1), out);
        assertEquals("1", lines.get(2), out);
        assertEquals("SignatureDoesNotMatch 403", lines.get(4), out);
        HttpResponse<String> presigned = get(lines.get(3));
        assertEquals(200, presigned.statusCode(), presigned.body());
        assertEquals("from boto3", presigned.body());
        assertEquals("red", s3.headObject(b -> b.bucket("boto-v2").key("dir/a b+c.txt")).metadata().get("color"));
    }

    /** A header-signed request must be dated within 15 minutes of the server's clock. */
    @Test
    void headerSignedRequestsAreCheckedAgainstTheClock() throws Exception {
        s3.createBucket(b -> b.bucket("dated-v2"));
        s3.putObject(b -> b.bucket("dated-v2").key("k"), RequestBody.fromString("dated"));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(g.context().clock().now().atOffset(ZoneOffset.UTC));
        String signature = sign(SECRET, "GET\n\n\n" + date + "\n/dated-v2/k?versioning");
        HttpResponse<String> versioning = HTTP.send(HttpRequest.newBuilder(URI.create(g.endpoint() + "/dated-v2/k?versioning"))
                .header("Date", date).header("Authorization", "AWS " + KEY_ID + ":" + signature).build(),
                HttpResponse.BodyHandlers.ofString());
        // Signed right: the request reaches S3, which has no object-level ?versioning (the signature passed).
        assertTrue(versioning.statusCode() != 403, versioning.body());

        String objectSig = sign(SECRET, "GET\n\n\n" + date + "\n/dated-v2/k");
        HttpRequest signed = HttpRequest.newBuilder(URI.create(g.endpoint() + "/dated-v2/k")).header("Date", date)
                .header("Authorization", "AWS " + KEY_ID + ":" + objectSig).build();
        HttpResponse<String> ok = HTTP.send(signed, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("dated", ok.body());

        HttpResponse<String> wrongKey = HTTP.send(HttpRequest.newBuilder(URI.create(g.endpoint() + "/dated-v2/k"))
                .header("Date", date).header("Authorization", "AWS " + KEY_ID + ":" + sign("other", "x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, wrongKey.statusCode());
        assertTrue(wrongKey.body().contains("<StringToSign>GET\n\n\n" + date + "\n/dated-v2/k</StringToSign>"),
                wrongKey.body());

        // Virtual-hosted style: the resource still names the bucket.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", g.endpoint().getPort())) {
            socket.getOutputStream().write(("GET /k HTTP/1.1\r\nHost: dated-v2.s3.localhost:" + g.endpoint().getPort()
                    + "\r\nDate: " + date + "\r\nAuthorization: AWS " + KEY_ID + ":" + objectSig
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("dated"), answer);
        }

        g.context().clock().advance(Duration.ofMinutes(20));
        HttpResponse<String> skewed = HTTP.send(signed, HttpResponse.BodyHandlers.ofString());
        assertEquals(403, skewed.statusCode());
        assertTrue(skewed.body().contains("<Code>RequestTimeTooSkewed</Code>"), skewed.body());
    }
}
