package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.testing.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

class ReplicaAutoScalingIT extends DynamoDbTestSupport {

    private static String provisionedGlobalTable() {
        String t = unique("scaling");
        ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("g").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName("byG").keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        ddb.updateTable(b -> b.tableName(t).replicaUpdates(r -> r.create(c -> c.regionName("eu-west-1"))));
        return t;
    }

    private static AutoScalingSettingsUpdate settings(long min, long max, double target) {
        return AutoScalingSettingsUpdate.builder().minimumUnits(min).maximumUnits(max).scalingPolicyUpdate(p -> p
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(target))).build();
    }

    @Test
    void settingsAreStoredPerReplicaForReadsAndForAllReplicasForWrites() {
        String t = provisionedGlobalTable();
        TableAutoScalingDescription before = ddb.describeTableReplicaAutoScaling(b -> b.tableName(t))
                .tableAutoScalingDescription();
        assertEquals(2, before.replicas().size());
        assertNull(before.replicas().get(0).replicaProvisionedReadCapacityAutoScalingSettings());

        TableAutoScalingDescription d = ddb.updateTableReplicaAutoScaling(b -> b.tableName(t)
                .provisionedWriteCapacityAutoScalingUpdate(settings(5, 50, 70))
                .globalSecondaryIndexUpdates(g -> g.indexName("byG").provisionedWriteCapacityAutoScalingUpdate(
                        settings(2, 20, 60)))
                .replicaUpdates(r -> r.regionName("eu-west-1").replicaProvisionedReadCapacityAutoScalingUpdate(
                        settings(1, 10, 50)).replicaGlobalSecondaryIndexUpdates(g -> g.indexName("byG")
                                .provisionedReadCapacityAutoScalingUpdate(settings(3, 30, 40)))))
                .tableAutoScalingDescription();
        assertEquals(t, d.tableName());
        ReplicaAutoScalingDescription eu = d.replicas().stream().filter(r -> r.regionName().equals("eu-west-1"))
                .findFirst().orElseThrow();
        ReplicaAutoScalingDescription us = d.replicas().stream().filter(r -> r.regionName().equals("us-east-1"))
                .findFirst().orElseThrow();
        assertEquals(1L, eu.replicaProvisionedReadCapacityAutoScalingSettings().minimumUnits());
        assertEquals(10L, eu.replicaProvisionedReadCapacityAutoScalingSettings().maximumUnits());
        assertEquals(50.0, eu.replicaProvisionedReadCapacityAutoScalingSettings().scalingPolicies().get(0)
                .targetTrackingScalingPolicyConfiguration().targetValue());
        assertNull(us.replicaProvisionedReadCapacityAutoScalingSettings());
        assertEquals(50L, us.replicaProvisionedWriteCapacityAutoScalingSettings().maximumUnits());
        assertEquals(50L, eu.replicaProvisionedWriteCapacityAutoScalingSettings().maximumUnits());
        assertEquals(false, eu.replicaProvisionedWriteCapacityAutoScalingSettings().autoScalingDisabled());
        assertEquals("arn:aws:iam::000000000000:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/"
                + "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
                eu.replicaProvisionedWriteCapacityAutoScalingSettings().autoScalingRoleArn());
        assertEquals(30L, eu.globalSecondaryIndexes().get(0).provisionedReadCapacityAutoScalingSettings().maximumUnits());
        assertEquals(20L, us.globalSecondaryIndexes().get(0).provisionedWriteCapacityAutoScalingSettings().maximumUnits());

        // A later update changes only what it names; the replica's region sees the same settings.
        ddb.updateTableReplicaAutoScaling(b -> b.tableName(t).provisionedWriteCapacityAutoScalingUpdate(u -> u
                .maximumUnits(80L).autoScalingDisabled(true)));
        try (DynamoDbClient euClient = AwsClients.client(DynamoDbClient.builder(), gureum.endpoint(), "test", "eu-west-1")) {
            ReplicaAutoScalingDescription seen = euClient.describeTableReplicaAutoScaling(b -> b.tableName(t))
                    .tableAutoScalingDescription().replicas().stream().filter(r -> r.regionName().equals("eu-west-1"))
                    .findFirst().orElseThrow();
            AutoScalingSettingsDescription w = seen.replicaProvisionedWriteCapacityAutoScalingSettings();
            assertEquals(5L, w.minimumUnits());
            assertEquals(80L, w.maximumUnits());
            assertEquals(true, w.autoScalingDisabled());
            assertEquals(70.0, w.scalingPolicies().get(0).targetTrackingScalingPolicyConfiguration().targetValue());
            assertEquals(10L, seen.replicaProvisionedReadCapacityAutoScalingSettings().maximumUnits());
        }
    }

    @Test
    void invalidUpdatesAreRefused() {
        String t = provisionedGlobalTable();
        assertValidation("Minimum capacity cannot be greater than maximum capacity", () -> ddb.updateTableReplicaAutoScaling(
                b -> b.tableName(t).provisionedWriteCapacityAutoScalingUpdate(settings(10, 5, 70))));
        assertValidation("TargetValue must be between 20 and 90", () -> ddb.updateTableReplicaAutoScaling(
                b -> b.tableName(t).provisionedWriteCapacityAutoScalingUpdate(settings(1, 5, 95))));
        assertValidation("MinimumUnits and MaximumUnits are required to register auto scaling settings",
                () -> ddb.updateTableReplicaAutoScaling(b -> b.tableName(t).provisionedWriteCapacityAutoScalingUpdate(
                        u -> u.maximumUnits(5L))));
        assertValidation("Table " + t + " has no replica in region ap-south-1", () -> ddb.updateTableReplicaAutoScaling(
                b -> b.tableName(t).replicaUpdates(r -> r.regionName("ap-south-1")
                        .replicaProvisionedReadCapacityAutoScalingUpdate(settings(1, 5, 70)))));
        assertValidation("The table does not have the specified index: nope", () -> ddb.updateTableReplicaAutoScaling(
                b -> b.tableName(t).globalSecondaryIndexUpdates(g -> g.indexName("nope")
                        .provisionedWriteCapacityAutoScalingUpdate(settings(1, 5, 70)))));
        String onDemand = table(null, null);
        assertValidation("Auto scaling is not supported for tables in PAY_PER_REQUEST billing mode: " + onDemand,
                () -> ddb.updateTableReplicaAutoScaling(b -> b.tableName(onDemand)
                        .provisionedWriteCapacityAutoScalingUpdate(settings(1, 5, 70))));
        ResourceNotFoundException nf = assertThrows(ResourceNotFoundException.class, () -> ddb.updateTableReplicaAutoScaling(
                b -> b.tableName("no-such-table").provisionedWriteCapacityAutoScalingUpdate(settings(1, 5, 70))));
        assertEquals(400, nf.statusCode());
        // Nothing of a refused update was kept.
        assertNull(ddb.describeTableReplicaAutoScaling(b -> b.tableName(t)).tableAutoScalingDescription().replicas().get(0)
                .replicaProvisionedWriteCapacityAutoScalingSettings());
    }
}
