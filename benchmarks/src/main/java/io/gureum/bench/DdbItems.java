package io.gureum.bench;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** DynamoDB PutItem and GetItem on one small table (Gureum only: the issue compares them with its trivial call). */
final class DdbItems {
    static final String TABLE = "peers-bench";

    private DdbItems() {
    }

    static SdkLoad.Op put(DynamoDbClient ddb) throws InterruptedException {
        table(ddb);
        return thread -> ddb.putItem(b -> b.tableName(TABLE).item(item("k" + thread)));
    }

    static SdkLoad.Op get(DynamoDbClient ddb) throws InterruptedException {
        table(ddb);
        ddb.putItem(b -> b.tableName(TABLE).item(item("k")));
        return thread -> ddb.getItem(b -> b.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("k"))));
    }

    private static Map<String, AttributeValue> item(String key) {
        return Map.of("pk", AttributeValue.fromS(key), "v", AttributeValue.fromS("value"));
    }

    private static void table(DynamoDbClient ddb) throws InterruptedException {
        try {
            ddb.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        } catch (ResourceInUseException e) {
            // made by an earlier workload
        }
        for (int i = 0; i < 100; i++) {
            if (ddb.describeTable(b -> b.tableName(TABLE)).table().tableStatus() == TableStatus.ACTIVE) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("table " + TABLE + " never became ACTIVE");
    }
}
