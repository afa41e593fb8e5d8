package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Tables, their indexes and streams answer their owner (with the table's resource policy, if any). */
class TableResourceAccessTest {
    static final String OWNER = "111111111111";
    final ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
            new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts(OWNER));
    final ServiceInstance dynamodb = new DynamoDbService().create(context);
    final ServiceInstance streams = new DynamoDbStreamsService().create(context);

    @AfterEach
    void close() {
        dynamodb.close();
    }

    @Test
    void aTablesPolicyGovernsItsIndexes() throws Exception {
        Tables tables = dynamodb.providers().stream().filter(Tables.class::isInstance).map(Tables.class::cast)
                .findFirst().orElseThrow();
        RequestContext ctx = new RequestContext("r", OWNER, "us-east-1", "test", "dynamodb", null);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        String arn = ctx.call(() -> tables.createTable(CreateTableRequest.builder().tableName("table2")
                .billingMode(BillingMode.PAY_PER_REQUEST).resourcePolicy(policy)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build(), AttributeDefinition.builder()
                        .attributeName("g").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .build()).tableDescription().tableArn());
        assertEquals(policy, dynamodb.resourceAccess(arn).policyJson());
        assertEquals(policy, dynamodb.resourceAccess(arn + "/index/byG").policyJson());
    }

    @Test
    void tableIndexAndStreamArnsAnswerTheOwner() throws Exception {
        Tables tables = dynamodb.providers().stream().filter(Tables.class::isInstance).map(Tables.class::cast)
                .findFirst().orElseThrow();
        RequestContext ctx = new RequestContext("r", OWNER, "us-east-1", "test", "dynamodb", null);
        String arn = ctx.call(() -> tables.createTable(CreateTableRequest.builder().tableName("table1")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build(), AttributeDefinition.builder()
                        .attributeName("g").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .build()).tableDescription().tableArn());
        assertEquals(OWNER, dynamodb.resourceAccess(arn).ownerAccountId());
        assertNull(dynamodb.resourceAccess(arn).policyJson());
        assertEquals(OWNER, dynamodb.resourceAccess(arn + "/index/byG").ownerAccountId());
        assertNull(dynamodb.resourceAccess(arn + "/index/none"));
        assertEquals(OWNER, streams.resourceAccess(arn + "/stream/2024-01-01T00:00:00.000").ownerAccountId());
        assertNull(dynamodb.resourceAccess("arn:aws:dynamodb:us-east-1:" + OWNER + ":table/none"));
        assertNull(dynamodb.resourceAccess("arn:aws:dynamodb:us-east-1:222222222222:table/table1"));
    }
}
