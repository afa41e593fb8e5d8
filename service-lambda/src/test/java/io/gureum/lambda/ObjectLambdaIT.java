package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.ObjectLambdaConfiguration;
import software.amazon.awssdk.services.s3control.model.ObjectLambdaTransformationConfiguration;

/**
 * S3 Object Lambda end to end: one real Python function, run by Gureum's Lambda, answers GetObject through
 * WriteGetObjectResponse (boto3 at {@code AWS_ENDPOINT_URL}, without host prefix injection: {@code
 * <route>.localhost} does not resolve for Python here), HeadObject and ListObjects(V2) through its return value, and
 * reads the original through the event's presigned {@code inputS3Url}. Each Object Lambda access point gives the
 * function a mode in its FunctionPayload.
 */
class ObjectLambdaIT extends LambdaTestSupport {
    static final String ACCOUNT = "000000000000";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FUNCTION = """
            import json, re, time, urllib.request
            import boto3
            from botocore.config import Config

            s3 = boto3.client('s3', config=Config(inject_host_prefix=False, s3={'addressing_style': 'path'}))

            def handler(event, context):
                options = json.loads(event['configuration']['payload'] or '{}')
                mode = options.get('mode')
                if 'getObjectContext' in event:
                    route = event['getObjectContext']['outputRoute']
                    token = event['getObjectContext']['outputToken']
                    if mode == 'raise':
                        raise ValueError('transformation failed')
                    if mode == 'silent':
                        return {'status_code': 200}
                    if mode == 'deny':
                        s3.write_get_object_response(RequestRoute=route, RequestToken=token, StatusCode=403,
                                                     ErrorCode='RequestDenied', ErrorMessage='Not for you')
                        return {'status_code': 200}
                    if mode == 'wait':
                        s3.put_object(Bucket=options['bucket'], Key='started', Body=b'1')
                        for _ in range(400):
                            try:
                                s3.head_object(Bucket=options['bucket'], Key='release')
                                break
                            except Exception:
                                time.sleep(0.05)
                        s3.put_object(Bucket=options['bucket'], Key='finished', Body=b'1')
                        return {'status_code': 200}
                    if mode == 'event':
                        body = json.dumps(event)
                    else:
                        with urllib.request.urlopen(event['getObjectContext']['inputS3Url']) as r:
                            body = r.read().decode().upper()
                    s3.write_get_object_response(RequestRoute=route, RequestToken=token, Body=body,
                                                 ContentType='text/plain', Metadata={'transformed': 'true'})
                    return {'status_code': 200}
                if 'headObjectContext' in event:
                    request = urllib.request.Request(event['headObjectContext']['inputS3Url'], method='HEAD')
                    with urllib.request.urlopen(request) as r:
                        etag = r.headers['ETag']
                    return {'statusCode': 200, 'headers': {'Content-Type': 'text/x-transformed', 'ETag': etag},
                            'metadata': {'transformed': 'head'}}
                if 'listObjectsV2Context' in event:
                    with urllib.request.urlopen(event['listObjectsV2Context']['inputS3Url']) as r:
                        xml = r.read().decode()
                    return {'statusCode': 200, 'listResultXml':
                            re.sub(r'<Key>([^<]*)</Key>', lambda m: '<Key>' + m.group(1).upper() + '</Key>', xml)}
                return {'statusCode': 200, 'listBucketResult': {'name': 'listed', 'prefix': '', 'marker': '',
                        'maxKeys': 1000, 'isTruncated': False, 'contents': [{'key': 'ONLY', 'size': 3,
                        'eTag': '"e"', 'lastModified': '2026-01-01T00:00:00.000Z', 'storageClass': 'STANDARD'}]}}
            """;

    static S3ControlClient control;
    static S3Client s3;
    static S3Client hosted;
    static String function;
    static String bucket;
    static String supporting;

    @BeforeAll
    static void setUp() {
        URI local = URI.create("http://localhost:" + gureum.endpoint().getPort());
        control = S3ControlClient.builder().endpointOverride(local).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(ApacheHttpClient.builder().dnsResolver(ObjectLambdaIT::loopback).build()).build();
        hosted = S3Client.builder().endpointOverride(local).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(ApacheHttpClient.builder().dnsResolver(ObjectLambdaIT::loopback)
                        .socketTimeout(Duration.ofMinutes(2)).build()).build();
        s3 = io.gureum.core.testing.AwsClients.client(S3Client.builder().forcePathStyle(true), gureum);
        function = lambda.createFunction(b -> b.functionName(unique("transform")).runtime("python3.12").role(ROLE)
                .handler("app.handler").timeout(300)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", FUNCTION))))).functionArn();
        bucket = "ol-" + UUID.randomUUID().toString().substring(0, 12);
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("docs/hello.txt").contentType("text/plain")
                .metadata(java.util.Map.of("origin", "s3")), RequestBody.fromString("hello world"));
        supporting = control.createAccessPoint(r -> r.accountId(ACCOUNT).name(unique("sup")).bucket(bucket))
                .accessPointArn();
    }

    @AfterAll
    static void tearDown() {
        control.close();
        s3.close();
        hosted.close();
    }

    private static InetAddress[] loopback(String host) throws UnknownHostException {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }
        throw new UnknownHostException(host + " (tests resolve only *.localhost)");
    }

    /** An Object Lambda access point whose function runs in {@code mode}: its alias and ARN. */
    static String[] accessPoint(String functionArn, String payload, List<String> features, String... actions) {
        ObjectLambdaConfiguration c = ObjectLambdaConfiguration.builder().supportingAccessPoint(supporting)
                .allowedFeaturesWithStrings(features)
                .transformationConfigurations(ObjectLambdaTransformationConfiguration.builder()
                        .actionsWithStrings(actions).contentTransformation(t -> t.awsLambda(l -> l
                                .functionArn(functionArn).functionPayload(payload))).build())
                .build();
        var created = control.createAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name(unique("ol"))
                .configuration(c));
        return new String[] {created.alias().value(), created.objectLambdaAccessPointArn()};
    }

    static String[] accessPoint(String mode, String... actions) {
        return accessPoint(function, "{\"mode\":\"" + mode + "\",\"bucket\":\"" + bucket + "\"}",
                List.of("GetObject-Range"), actions);
    }

    static void assertError(String code, int status, org.junit.jupiter.api.function.Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(status, e.statusCode(), e.getMessage());
        if (code != null) {
            assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        }
    }

    @Test
    void getObjectIsAnsweredByTheFunctionsWriteGetObjectResponse() {
        String[] ap = accessPoint("upper", "GetObject");
        ResponseBytes<GetObjectResponse> byAlias = s3.getObjectAsBytes(b -> b.bucket(ap[0]).key("docs/hello.txt"));
        assertEquals("HELLO WORLD", byAlias.asUtf8String());
        assertEquals("text/plain", byAlias.response().contentType());
        assertEquals("true", byAlias.response().metadata().get("transformed"));
        ResponseBytes<GetObjectResponse> byArn = hosted.getObjectAsBytes(b -> b.bucket(ap[1]).key("docs/hello.txt"));
        assertEquals("HELLO WORLD", byArn.asUtf8String());
        // Untransformed operations pass through to the supporting access point.
        assertEquals("hello world", s3.getObjectAsBytes(b -> b.bucket(bucket).key("docs/hello.txt")).asUtf8String());
        assertEquals(11L, s3.headObject(b -> b.bucket(ap[0]).key("docs/hello.txt")).contentLength());
    }

    @Test
    void theEventCarriesTheDocumentedContext() throws Exception {
        String[] ap = accessPoint("event", "GetObject");
        JsonNode event = JSON.readTree(hosted.getObjectAsBytes(b -> b.bucket(ap[1]).key("docs/hello.txt"))
                .asUtf8String());
        assertEquals("1.00", event.path("protocolVersion").asText());
        assertTrue(event.path("xAmzRequestId").asText().length() > 0, event.toString());
        JsonNode get = event.path("getObjectContext");
        assertTrue(get.path("outputRoute").asText().startsWith("io-"), get.toString());
        assertTrue(get.path("outputToken").asText().length() > 0, get.toString());
        assertEquals(ap[1], event.path("configuration").path("accessPointArn").asText());
        assertEquals(supporting, event.path("configuration").path("supportingAccessPointArn").asText());
        assertEquals("event", JSON.readTree(event.path("configuration").path("payload").asText()).path("mode")
                .asText());
        assertTrue(event.path("userRequest").path("url").asText().endsWith("/docs/hello.txt"), event.toString());
        assertTrue(event.path("userRequest").path("headers").has("Host"), event.toString());
        assertTrue(!event.path("userRequest").path("headers").has("Authorization"), event.toString());
        assertEquals(ACCOUNT, event.path("userIdentity").path("accountId").asText());
        assertEquals("test", event.path("userIdentity").path("accessKeyId").asText());
        // inputS3Url is presigned for the supporting access point: it reads the original object, unsigned.
        String url = get.path("inputS3Url").asText();
        assertTrue(url.contains("X-Amz-Signature="), url);
        HttpResponse<String> original = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, original.statusCode(), original.body());
        assertEquals("hello world", original.body());
    }

    @Test
    void theFunctionsFailuresAreTheDocumentedErrors() {
        String[] deny = accessPoint("deny", "GetObject");
        S3Exception denied = assertThrows(S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket(deny[0]).key("docs/hello.txt")));
        assertEquals(403, denied.statusCode());
        assertEquals("RequestDenied", denied.awsErrorDetails().errorCode());
        assertEquals("Not for you", denied.awsErrorDetails().errorMessage());
        String[] raise = accessPoint("raise", "GetObject");
        assertError("LambdaRuntimeError", 500, () -> s3.getObjectAsBytes(b -> b.bucket(raise[0]).key("docs/hello.txt")));
        String[] silent = accessPoint("silent", "GetObject");
        assertError("LambdaResponseNotReceived", 500,
                () -> s3.getObjectAsBytes(b -> b.bucket(silent[0]).key("docs/hello.txt")));
        String[] missing = accessPoint("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + unique("absent"), "{}",
                List.of(), "GetObject");
        assertError("LambdaNotFound", 404, () -> s3.getObjectAsBytes(b -> b.bucket(missing[0]).key("docs/hello.txt")));
        // A Range request needs GetObject-Range in AllowedFeatures.
        String[] noRange = accessPoint(function, "{}", List.of(), "GetObject");
        assertError("InvalidRequest", 400,
                () -> s3.getObjectAsBytes(b -> b.bucket(noRange[0]).key("docs/hello.txt").range("bytes=0-1")));
        // WriteGetObjectResponse with a token no request waits for (the SDK's host prefix: <route>.localhost).
        assertError("ValidationError", 400, () -> hosted.writeGetObjectResponse(b -> b.requestRoute("io-none")
                .requestToken("no-such-token").statusCode(200), RequestBody.fromString("x")));
    }

    /** A function that never writes: the GetObject fails with LambdaTimeout once 60 s pass on the core clock. */
    @Test
    void aFunctionThatNeverWritesTimesOutOnTheCoreClock() throws Exception {
        String[] ap = accessPoint("wait", "GetObject");
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                s3.getObjectAsBytes(b -> b.bucket(ap[0]).key("docs/hello.txt"));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!exists("started")) {
            assertTrue(System.nanoTime() < deadline, "the function did not start");
            Thread.sleep(50);
        }
        try {
            gureum.context().clock().advance(Duration.ofSeconds(61));
            Throwable e = outcome.get(60, TimeUnit.SECONDS);
            assertTrue(e instanceof S3Exception, String.valueOf(e));
            assertEquals(500, ((S3Exception) e).statusCode());
            assertEquals("LambdaTimeout", ((S3Exception) e).awsErrorDetails().errorCode());
        } finally {
            s3.putObject(b -> b.bucket(bucket).key("release"), RequestBody.fromString("1"));
            // The instance is free again before the next test invokes the function (no second cold start).
            while (!exists("finished") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    private static boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            return false;
        }
    }

    @Test
    void headAndListingsAreAnsweredByTheFunctionsReturnValue() {
        String[] ap = accessPoint("list", "HeadObject", "ListObjectsV2", "ListObjects");
        var head = s3.headObject(b -> b.bucket(ap[0]).key("docs/hello.txt"));
        assertEquals("text/x-transformed", head.contentType());
        assertEquals("head", head.metadata().get("transformed"));
        assertEquals(s3.headObject(b -> b.bucket(bucket).key("docs/hello.txt")).eTag(), head.eTag());
        List<String> v2 = s3.listObjectsV2(b -> b.bucket(ap[0]).prefix("docs/")).contents().stream()
                .map(o -> o.key()).toList();
        assertEquals(List.of("DOCS/HELLO.TXT"), v2);
        var v1 = s3.listObjects(b -> b.bucket(ap[0]));
        assertEquals(List.of("ONLY"), v1.contents().stream().map(o -> o.key()).toList());
        assertEquals("listed", v1.name());
        // GetObject is not transformed by this access point: the original.
        assertEquals("hello world", s3.getObjectAsBytes(b -> b.bucket(ap[0]).key("docs/hello.txt")).asUtf8String());
    }
}
