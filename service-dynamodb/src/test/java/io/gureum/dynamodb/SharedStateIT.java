package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Streams reads the tables of its own server's DynamoDB, and sees them go on reset. */
class SharedStateIT {

    static String streamedTable(DynamoDbClient ddb, String name) {
        return ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                .tableDescription().latestStreamArn();
    }

    @Test
    void twoServersInOneJvmShareNoTables() {
        try (Gureum a = Gureum.start(GureumConfig.builder().port(0).build());
                Gureum b = Gureum.start(GureumConfig.builder().port(0).build());
                DynamoDbClient ddbA = AwsClients.client(DynamoDbClient.builder(), a);
                DynamoDbStreamsClient streamsA = AwsClients.client(DynamoDbStreamsClient.builder(), a);
                DynamoDbStreamsClient streamsB = AwsClients.client(DynamoDbStreamsClient.builder(), b)) {
            String arn = streamedTable(ddbA, "only-on-a");
            assertEquals(List.of(arn), streamsA.listStreams(r -> { }).streams().stream().map(Stream::streamArn).toList());
            assertTrue(streamsB.listStreams(r -> { }).streams().isEmpty());
        }
    }

    @Test
    void resettingDynamoDbDropsItsStreamsAtOnce() throws Exception {
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).build());
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g);
                DynamoDbStreamsClient streams = AwsClients.client(DynamoDbStreamsClient.builder(), g)) {
            streamedTable(ddb, "before-reset");
            assertEquals(1, streams.listStreams(r -> { }).streams().size());
            HttpResponse<String> reset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(g.endpoint() + "/_gureum/reset?service=dynamodb"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reset.statusCode(), reset.body());
            // Streams is asked before DynamoDB is used again: the dropped table's stream is gone already.
            assertTrue(streams.listStreams(r -> { }).streams().isEmpty());
            String arn = streamedTable(ddb, "after-reset");
            assertEquals(List.of(arn), streams.listStreams(r -> { }).streams().stream().map(Stream::streamArn).toList());
        }
    }
}
