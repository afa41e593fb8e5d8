package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Faults on demand: rules posted to {@code /_gureum/faults} make matching requests fail with AWS's errors in
 * each API's protocol (so the SDKs' retry logic treats them as it treats AWS's), or answer late; counted
 * rules run out, and scoped rules leave other accounts, regions and operations alone.
 */
class FaultRulesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder().build();
    static Gureum gureum;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        sqs = AwsClients.client(SqsClient.builder(), gureum);
    }

    @AfterEach
    void clearRules() throws Exception {
        assertEquals(200, http("DELETE", "/_gureum/faults", null).statusCode());
    }

    private static HttpResponse<String> http(String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode addRule(String rule) throws Exception {
        HttpResponse<String> r = http("POST", "/_gureum/faults", rule);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("rules").get(0);
    }

    private static JsonNode rules() throws Exception {
        return JSON.readTree(http("GET", "/_gureum/faults", null).body()).get("rules");
    }

    @Test
    void aThrottlingRuleFailsTheOperationWithTheCodeAndStatusTheSdkRetriesOn() throws Exception {
        addRule("{\"service\":\"sqs\",\"operation\":\"ListQueues\",\"error\":\"ThrottlingException\"}");
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> sqs.listQueues());
        assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertTrue(e.isThrottlingException());
        sqs.createQueue(b -> b.queueName("untouched")); // another operation of the same API
        assertEquals(1, rules().get(0).get("hits").asInt());
    }

    @Test
    void aCountedRuleRunsOutSoTheSdksOwnRetriesSucceed() throws Exception {
        addRule("{\"service\":\"sqs\",\"operation\":\"List*\",\"error\":\"ServiceUnavailable\",\"count\":2}");
        try (SqsClient retrying = SqsClient.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build()) {
            retrying.listQueues(); // two 503s, then the real answer on the third attempt
        }
        assertEquals(0, rules().size(), "a spent rule is no longer listed");
    }

    @Test
    void aModeledErrorTakesItsStatusFromTheApisModel() throws Exception {
        addRule("{\"service\":\"dynamodb\",\"operation\":\"*\",\"error\":\"ProvisionedThroughputExceededException\"}");
        DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), gureum);
        ProvisionedThroughputExceededException e = assertThrows(ProvisionedThroughputExceededException.class,
                () -> ddb.listTables());
        assertEquals(400, e.statusCode());
    }

    @Test
    void s3AndEc2AnswerInTheirOwnProtocols() throws Exception {
        addRule("{\"rules\":[{\"service\":\"s3\",\"error\":\"SlowDown\"},"
                + "{\"service\":\"ec2\",\"operation\":\"DescribeVpcs\",\"error\":\"RequestLimitExceeded\"}]}");
        S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum);
        AwsServiceException slow = assertThrows(AwsServiceException.class, () -> s3.listBuckets());
        assertEquals("SlowDown", slow.awsErrorDetails().errorCode());
        assertEquals(503, slow.statusCode());
        Ec2Client ec2 = AwsClients.client(Ec2Client.builder(), gureum);
        AwsServiceException limit = assertThrows(AwsServiceException.class, () -> ec2.describeVpcs());
        assertEquals("RequestLimitExceeded", limit.awsErrorDetails().errorCode());
        assertEquals(503, limit.statusCode());
        assertTrue(limit.isThrottlingException());
    }

    @Test
    void aScopedRuleLeavesOtherAccountsAndRegionsAlone() throws Exception {
        addRule("{\"service\":\"sqs\",\"error\":\"ThrottlingException\",\"account\":\"111111111111\","
                + "\"region\":\"eu-west-1\"}");
        SqsClient target = AwsClients.client(SqsClient.builder(), gureum.endpoint(), "111111111111", "eu-west-1");
        SqsClient otherRegion = AwsClients.client(SqsClient.builder(), gureum.endpoint(), "111111111111", "us-east-1");
        SqsClient otherAccount = AwsClients.client(SqsClient.builder(), gureum.endpoint(), "222222222222", "eu-west-1");
        assertThrows(AwsServiceException.class, () -> target.listQueues());
        otherRegion.listQueues();
        otherAccount.listQueues();
    }

    @Test
    void aLatencyRuleAnswersNoEarlierThanItsLatencyAndStillAnswersCorrectly() throws Exception {
        addRule("{\"service\":\"sqs\",\"operation\":\"ListQueues\",\"latencyMillis\":400}");
        long start = System.nanoTime();
        sqs.listQueues();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 400, "answered after " + elapsedMillis + " ms");
    }

    @Test
    void malformedRulesAreRefusedWithAReason() throws Exception {
        for (String bad : new String[] {"[]", "{\"service\":\"sqs\"}", "{\"error\":\"X\",\"probability\":0}",
                "{\"error\":\"ThrottlingException\",\"count\":0}", "{\"service\":\"sqs\",\"error\":\"NoSuchThing\"}",
                "{\"latencyMillis\":-1}", "{\"error\":\"ThrottlingException\",\"status\":200}", "not json"}) {
            HttpResponse<String> r = http("POST", "/_gureum/faults", bad);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
            assertEquals("InvalidParameterValue", JSON.readTree(r.body()).get("__type").asText());
        }
        assertEquals(404, http("DELETE", "/_gureum/faults/fault-999", null).statusCode());
    }

    @Test
    void aRuleIsRemovedByIdAndResetClearsThemAll() throws Exception {
        String id = addRule("{\"service\":\"sqs\",\"error\":\"ThrottlingException\"}").get("id").asText();
        assertEquals(200, http("DELETE", "/_gureum/faults/" + id, null).statusCode());
        sqs.listQueues();
        addRule("{\"service\":\"sqs\",\"error\":\"ThrottlingException\"}");
        assertEquals(200, http("POST", "/_gureum/reset", null).statusCode());
        assertEquals(0, rules().size());
        sqs.listQueues();
    }
}
