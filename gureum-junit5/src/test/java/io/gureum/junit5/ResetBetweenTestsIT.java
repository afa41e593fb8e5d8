package io.gureum.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * With {@code resetBetweenTests()}, what one test creates is gone in the next. The order is fixed on
 * purpose: the second test checks what the first left behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetBetweenTestsIT {
    @RegisterExtension
    static GureumExtension aws = GureumExtension.builder().resetBetweenTests().build();

    @Test
    @Order(1)
    void firstTestCreatesATableAndMovesTheClock() {
        DynamoDbClient dynamo = aws.client(DynamoDbClient.class);
        dynamo.createTable(b -> b.tableName("orders")
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        assertEquals(java.util.List.of("orders"), dynamo.listTables().tableNames());
        aws.gureum().context().clock().advance(Duration.ofHours(2));
        assertEquals(7200, aws.gureum().context().clock().offsetSeconds());
    }

    @Test
    @Order(2)
    void secondTestStartsFromAFreshState() {
        assertTrue(aws.client(DynamoDbClient.class).listTables().tableNames().isEmpty());
        assertEquals(0, aws.gureum().context().clock().offsetSeconds());
    }
}
