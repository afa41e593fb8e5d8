package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.dispatch.InlineRequests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Every operation DynamoDB declares inline (ADR 0018) is answered on the event loop without waiting there: the
 * tests run with {@code -Dgureum.inline.check=true}, which counts an inline answer whose thread parked, slept or
 * blocked on a monitor for a millisecond or more. The table has a stream, so writes also append stream records.
 */
class InlineOperationsIT extends DynamoDbTestSupport {

    @Test
    void declaredOperationsAnswerOnTheEventLoopWithoutWaiting() {
        String t = table("sk", ScalarAttributeType.S);
        ddb.updateTable(b -> b.tableName(t).streamSpecification(s -> s.streamEnabled(true)
                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key = Map.of("pk", s("a"), "sk",
                s("1"));
        InlineRequests.Counts before = gureum.inlineCounts();

        ddb.listTables();
        ddb.describeTable(b -> b.tableName(t));
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "sk", s("1"), "v", n("1"))));
        assertEquals("1", ddb.getItem(b -> b.tableName(t).key(key)).item().get("v").n());
        ddb.updateItem(b -> b.tableName(t).key(key).updateExpression("SET v = v + :one")
                .expressionAttributeValues(Map.of(":one", n("1"))));
        assertEquals(1, ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("a")))).count());
        assertEquals(1, ddb.scan(b -> b.tableName(t)).count());
        ddb.batchWriteItem(b -> b.requestItems(Map.of(t, List.of(WriteRequest.builder()
                .putRequest(p -> p.item(Map.of("pk", s("b"), "sk", s("1")))).build()))));
        assertEquals(2, ddb.batchGetItem(b -> b.requestItems(Map.of(t, KeysAndAttributes.builder()
                .keys(key, Map.of("pk", s("b"), "sk", s("1"))).build()))).responses().get(t).size());
        ddb.transactWriteItems(b -> b.transactItems(i -> i.put(p -> p.tableName(t)
                .item(Map.of("pk", s("c"), "sk", s("1"))))));
        assertEquals(1, ddb.transactGetItems(b -> b.transactItems(i -> i.get(g -> g.tableName(t).key(key))))
                .responses().size());
        ddb.deleteItem(b -> b.tableName(t).key(key));

        InlineRequests.Counts after = gureum.inlineCounts();
        assertEquals(12, after.answered() - before.answered(), "each of the 12 calls answered inline");
        assertEquals(0, after.waited() - before.waited(), "no inline answer waited (see the log's ERROR line)");
        assertTrue(ddb.describeTable(b -> b.tableName(t)).table().latestStreamArn() != null);
    }
}
