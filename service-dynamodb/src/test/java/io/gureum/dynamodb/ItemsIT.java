package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.*;

class ItemsIT extends DynamoDbTestSupport {

    @Test
    void putGetDeleteWithAllTypes() {
        String t = table(null, null);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("a"));
        item.put("num", n("1.50"));
        item.put("bin", AttributeValue.builder().b(SdkBytes.fromUtf8String("xyz")).build());
        item.put("ss", AttributeValue.builder().ss("x", "y").build());
        item.put("ns", AttributeValue.builder().ns("1", "2").build());
        item.put("bool", AttributeValue.builder().bool(true).build());
        item.put("nul", AttributeValue.builder().nul(true).build());
        item.put("map", AttributeValue.builder().m(Map.of("k", s("v"))).build());
        item.put("list", AttributeValue.builder().l(s("a"), n("2")).build());
        ddb.putItem(b -> b.tableName(t).item(item));
        Map<String, AttributeValue> got = ddb.getItem(b -> b.tableName(t).key(key("a"))).item();
        assertEquals("1.5", got.get("num").n());
        assertEquals("xyz", got.get("bin").b().asUtf8String());
        assertEquals(true, got.get("bool").bool());
        assertEquals("v", got.get("map").m().get("k").s());
        Map<String, AttributeValue> old = ddb.deleteItem(b -> b.tableName(t).key(key("a")).returnValues(ReturnValue.ALL_OLD)).attributes();
        assertEquals("a", old.get("pk").s());
        assertFalse(ddb.getItem(b -> b.tableName(t).key(key("a"))).hasItem());
    }

    @Test
    void conditionsAndReturnValues() {
        String t = table(null, null);
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n("1"))));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"))).conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals("The conditional request failed", e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
        assertEquals("1", e.item().get("v").n());
        PutItemResponse r = ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n("2")))
                .conditionExpression("v = :one").expressionAttributeValues(Map.of(":one", n("1")))
                .returnValues(ReturnValue.ALL_OLD));
        assertEquals("1", r.attributes().get("v").n());
        assertThrows(ConditionalCheckFailedException.class, () -> ddb.deleteItem(b -> b.tableName(t).key(key("a"))
                .conditionExpression("v > :x").expressionAttributeValues(Map.of(":x", n("5")))));
    }

    @Test
    void updateExpressionsAndReturnValues() {
        String t = table(null, null);
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName(t).key(key("c"))
                .updateExpression("SET #n = if_not_exists(#n, :zero) + :one, tags = :tags, m = :m ADD tot :five")
                .expressionAttributeNames(Map.of("#n", "count"))
                .expressionAttributeValues(Map.of(":zero", n("0"), ":one", n("1"), ":five", n("5"),
                        ":tags", AttributeValue.builder().ss("a").build(), ":m", AttributeValue.builder().m(Map.of("x", n("1"))).build()))
                .returnValues(ReturnValue.ALL_NEW));
        assertEquals("1", r.attributes().get("count").n());
        assertEquals("5", r.attributes().get("tot").n());
        UpdateItemResponse r2 = ddb.updateItem(b -> b.tableName(t).key(key("c"))
                .updateExpression("SET m.x = m.x + :one REMOVE tot DELETE tags :a")
                .expressionAttributeValues(Map.of(":one", n("1"), ":a", AttributeValue.builder().ss("a").build()))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertEquals(Map.of("x", n("1")), r2.attributes().get("m").m());
        assertEquals("5", r2.attributes().get("tot").n());
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(t).key(key("c"))).item();
        assertEquals("2", item.get("m").m().get("x").n());
        assertNull(item.get("tags"));
        assertNull(item.get("tot"));
        UpdateItemResponse r3 = ddb.updateItem(b -> b.tableName(t).key(key("c")).updateExpression("SET m.y = :one")
                .expressionAttributeValues(Map.of(":one", n("1"))).returnValues(ReturnValue.UPDATED_NEW));
        assertEquals(Map.of("m", AttributeValue.builder().m(Map.of("y", n("1"))).build()), r3.attributes());
    }

    @Test
    void projectionsAndLegacyParameters() {
        String t = table(null, null);
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("p"), "a", n("1"), "b", AttributeValue.builder()
                .m(Map.of("c", s("x"), "d", s("y"))).build())));
        Map<String, AttributeValue> got = ddb.getItem(b -> b.tableName(t).key(key("p")).projectionExpression("a, b.c")).item();
        assertEquals(2, got.size());
        assertEquals(Map.of("c", s("x")), got.get("b").m());
        assertEquals(Map.of("a", n("1")), ddb.getItem(b -> b.tableName(t).key(key("p")).attributesToGet("a")).item());
        ddb.updateItem(b -> b.tableName(t).key(key("p")).attributeUpdates(Map.of("a",
                AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("4")).build()))
                .expected(Map.of("a", ExpectedAttributeValue.builder().value(n("1")).build())));
        assertEquals("5", ddb.getItem(b -> b.tableName(t).key(key("p"))).item().get("a").n());
        assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(b -> b.tableName(t).item(key("p"))
                .expected(Map.of("a", ExpectedAttributeValue.builder().exists(false).build()))));
        assertValidation("Can not use both expression and non-expression parameters in the same request: Non-expression"
                + " parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
                () -> ddb.getItem(b -> b.tableName(t).key(key("p")).attributesToGet("a").projectionExpression("a")));
    }

    @Test
    void validationErrors() {
        String t = table(null, null);
        assertValidation("One or more parameter values were invalid: Missing the key pk in the item",
                () -> ddb.putItem(b -> b.tableName(t).item(Map.of("x", s("1")))));
        assertValidation("One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
                () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", n("1")))));
        assertValidation("The provided key element does not match the schema",
                () -> ddb.getItem(b -> b.tableName(t).key(Map.of("pk", s("1"), "extra", s("2")))));
        assertValidation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain"
                + " an empty string value. Key: pk", () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("")))));
        assertValidation("One or more parameter values were invalid: An string set  may not be empty",
                () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "ss", AttributeValue.builder().ss(List.of()).build()))));
        assertValidation("Attempting to store more than 38 significant digits in a Number",
                () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "n", n("123456789012345678901234567890123456789")))));
        assertValidation("Item size has exceeded the maximum allowed size",
                () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "big", s("x".repeat(400 * 1024))))));
        assertValidation("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"=\"",
                () -> ddb.updateItem(b -> b.tableName(t).key(key("a")).updateExpression("SET a =")));
        assertValidation("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                () -> ddb.updateItem(b -> b.tableName(t).key(key("a")).updateExpression("SET pk = :v")
                        .expressionAttributeValues(Map.of(":v", s("b")))));
        assertValidation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
                () -> ddb.putItem(b -> b.tableName(t).item(key("a")).conditionExpression("attribute_not_exists(pk)")
                        .expressionAttributeValues(Map.of(":unused", s("x")))));
        assertValidation("ExpressionAttributeValues can only be specified when using expressions",
                () -> ddb.putItem(b -> b.tableName(t).item(key("a")).expressionAttributeValues(Map.of(":v", s("x")))));
        assertValidation("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: size",
                () -> ddb.putItem(b -> b.tableName(t).item(key("a")).conditionExpression("size = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))));
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> ddb.getItem(b -> b.tableName("no-such-table").key(key("a"))));
        assertEquals("Requested resource not found", e.awsErrorDetails().errorMessage());
    }

    @Test
    void consumedCapacity() {
        String t = table(null, null);
        ConsumedCapacity w = ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "big", s("x".repeat(1500))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertEquals(2.0, w.capacityUnits());
        assertEquals(0.5, ddb.getItem(b -> b.tableName(t).key(key("a")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits());
        assertEquals(1.0, ddb.getItem(b -> b.tableName(t).key(key("a")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits());
        AwsServiceException none = assertThrows(AwsServiceException.class, () -> { throw ResourceNotFoundException.builder().build(); });
        assertTrue(none instanceof ResourceNotFoundException);
    }
}
