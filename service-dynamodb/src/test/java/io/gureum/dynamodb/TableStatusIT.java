package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

/** With a status delay, a table stays CREATING until the core clock passes it. */
class TableStatusIT {
    @Test
    void creatingBecomesActiveWhenTheClockMoves() throws Exception {
        System.setProperty("gureum.dynamodb.statusDelaySeconds", "30");
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).build());
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            ddb.createTable(b -> b.tableName("slow").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            assertEquals(TableStatus.CREATING, ddb.describeTable(b -> b.tableName("slow")).table().tableStatus());
            assertThrows(ResourceNotFoundException.class, () -> ddb.putItem(b -> b.tableName("slow")
                    .item(Map.of("pk", AttributeValue.builder().s("a").build()))));
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(g.endpoint() + "/_gureum/clock"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\": 31}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(TableStatus.ACTIVE, ddb.describeTable(b -> b.tableName("slow")).table().tableStatus());
            ddb.putItem(b -> b.tableName("slow").item(Map.of("pk", AttributeValue.builder().s("a").build())));
        } finally {
            System.clearProperty("gureum.dynamodb.statusDelaySeconds");
        }
    }
}
