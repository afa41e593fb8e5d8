package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

class ItemCollectionMetricsIT extends DynamoDbTestSupport {

    @Test
    void tablesWithLocalIndexesReportTheItemCollection() {
        String t = unique("lsi");
        ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("l").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .localSecondaryIndexes(l -> l.indexName("byL").keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("l").keyType(KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.ALL))));
        ItemCollectionMetrics m = ddb.putItem(b -> b.tableName(t).returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                .item(Map.of("pk", s("p"), "sk", s("1"), "l", s("x")))).itemCollectionMetrics();
        assertEquals(Map.of("pk", s("p")), m.itemCollectionKey());
        assertEquals(List.of(0.0, 1.0), m.sizeEstimateRangeGB());
        assertNull(ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("p"), "sk", s("2")))).itemCollectionMetrics());
        Map<String, List<ItemCollectionMetrics>> batch = ddb.batchWriteItem(b -> b.returnItemCollectionMetrics(
                ReturnItemCollectionMetrics.SIZE).requestItems(Map.of(t, List.of(WriteRequest.builder().deleteRequest(
                        d -> d.key(Map.of("pk", s("p"), "sk", s("1")))).build())))).itemCollectionMetrics();
        assertEquals(1, batch.get(t).size());
        String plain = table(null, null);
        assertNull(ddb.putItem(b -> b.tableName(plain).returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                .item(Map.of("pk", s("p")))).itemCollectionMetrics());
    }
}
