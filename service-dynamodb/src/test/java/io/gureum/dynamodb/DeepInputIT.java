package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Hostile depth and size reach no recursion that can overflow: each is a 400, and the server goes on. */
class DeepInputIT extends DynamoDbTestSupport {

    @Test
    void anExpressionOfAThousandNestedParenthesesIsAValidationError() {
        String t = table(null, null);
        String expr = "(".repeat(1000) + "attribute_exists(pk)" + ")".repeat(1000);
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> ddb.putItem(b -> b.tableName(t)
                .item(Map.of("pk", s("a"))).conditionExpression(expr)));
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("nested too deeply"), e.getMessage());
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"))).conditionExpression("((attribute_not_exists(pk)))"));
    }

    @Test
    void anExpressionOverFourKilobytesIsAValidationError() {
        String t = table(null, null);
        String expr = "attribute_not_exists(pk)" + " AND attribute_not_exists(pk)".repeat(200);
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> ddb.putItem(b -> b.tableName(t)
                .item(Map.of("pk", s("a"))).conditionExpression(expr)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("Expression size has exceeded"), e.getMessage());
    }

    @Test
    void aDocumentNestedHundredsOfLevelsIsRefusedAsBadJson() {
        String t = table(null, null);
        AttributeValue deep = s("leaf");
        for (int i = 0; i < 300; i++) {
            deep = AttributeValue.builder().m(Map.of("x", deep)).build();
        }
        AttributeValue item = deep;
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> ddb.putItem(b -> b.tableName(t)
                .item(Map.of("pk", s("a"), "doc", item))));
        assertEquals(400, e.statusCode());
        assertEquals("SerializationException", e.awsErrorDetails().errorCode());
        assertEquals(0, ddb.scan(b -> b.tableName(t)).count());
    }
}
