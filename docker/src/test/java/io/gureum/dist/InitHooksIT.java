package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Init hooks: the {@code .sh} and {@code .py} scripts of {@code --init-dir} run in name order once the server
 * is ready, with the AWS CLI ({@code aws} and LocalStack's {@code awslocal}) and boto3 pointed at it; a failing
 * script does not stop the next; {@code /_gureum/init} and LocalStack's {@code /_localstack/init} report each
 * script's state.
 */
class InitHooksIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void scriptsSeedTheServerInNameOrderAndTheirStatesAreReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("10-queue.sh"), """
                set -e
                awslocal sqs create-queue --queue-name from-shell
                aws s3 mb s3://from-shell-bucket
                """);
        Files.writeString(dir.resolve("20-broken.sh"), "echo about to fail\nexit 3\n");
        Files.writeString(dir.resolve("30-table.py"), """
                import boto3
                boto3.client('dynamodb').create_table(TableName='from-python',
                    AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}],
                    KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}], BillingMode='PAY_PER_REQUEST')
                """);
        Files.writeString(dir.resolve("notes.txt"), "not a script");

        ChildServer server = ChildServer.start(List.of(), "--init-dir", dir.toString());
        try {
            URI endpoint = server.endpoint;
            JsonNode init = awaitCompleted(endpoint);
            List<String> states = List.of(init.get("scripts").get(0).get("state").asText(),
                    init.get("scripts").get(1).get("state").asText(), init.get("scripts").get(2).get("state").asText());
            assertEquals(3, init.get("scripts").size(), init.toString());
            assertEquals("10-queue.sh", init.get("scripts").get(0).get("name").asText());
            assertEquals(List.of("SUCCESSFUL", "ERROR", "SUCCESSFUL"), states, init.toString());
            assertEquals("READY", init.get("scripts").get(0).get("stage").asText());
            JsonNode localstack = get(endpoint, "/_localstack/init/ready");
            assertTrue(localstack.get("completed").asBoolean(), localstack.toString());

            SqsClient sqs = AwsClients.client(SqsClient.builder(), endpoint, "test", "us-east-1");
            assertTrue(sqs.getQueueUrl(b -> b.queueName("from-shell")).queueUrl().endsWith("/from-shell"));
            AwsClients.client(S3Client.builder().forcePathStyle(true), endpoint, "test", "us-east-1")
                    .headBucket(b -> b.bucket("from-shell-bucket"));
            assertEquals("from-python", AwsClients.client(DynamoDbClient.builder(), endpoint, "test", "us-east-1")
                    .describeTable(b -> b.tableName("from-python")).table().tableName());
        } finally {
            server.stop();
        }
    }

    private static JsonNode get(URI endpoint, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** Polls {@code /_gureum/init} until the READY stage completed: a generous bound, only to catch a hang. */
    private static JsonNode awaitCompleted(URI endpoint) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (true) {
            JsonNode init = get(endpoint, "/_gureum/init");
            if (init.get("completed").get("READY").asBoolean()) {
                return init;
            }
            if (System.nanoTime() > deadline) {
                return fail("the init scripts did not finish in 300 s: " + init);
            }
            Thread.sleep(200);
        }
    }
}
