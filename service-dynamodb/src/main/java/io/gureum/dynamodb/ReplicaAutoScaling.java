package io.gureum.dynamodb;

import io.gureum.core.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AutoScalingPolicyDescription;
import software.amazon.awssdk.services.dynamodb.model.AutoScalingPolicyUpdate;
import software.amazon.awssdk.services.dynamodb.model.AutoScalingSettingsDescription;
import software.amazon.awssdk.services.dynamodb.model.AutoScalingSettingsUpdate;
import software.amazon.awssdk.services.dynamodb.model.AutoScalingTargetTrackingScalingPolicyConfigurationDescription;
import software.amazon.awssdk.services.dynamodb.model.AutoScalingTargetTrackingScalingPolicyConfigurationUpdate;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableReplicaAutoScalingRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableReplicaAutoScalingResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexAutoScalingUpdate;
import software.amazon.awssdk.services.dynamodb.model.ReplicaAutoScalingDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaAutoScalingUpdate;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndexAutoScalingDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndexAutoScalingUpdate;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.TableAutoScalingDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableReplicaAutoScalingRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableReplicaAutoScalingResponse;

/**
 * Auto scaling settings of a table's replicas (global tables version 2019.11.21; a table without replicas is
 * its own one replica), kept as settings: Gureum serves no Application Auto Scaling, so nothing ever scales.
 * Write capacity settings are the same in every replica, read capacity settings are per replica
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTableReplicaAutoScaling.html).
 * Every replica's table holds the whole map, so DescribeTableReplicaAutoScaling reads only its own region.
 */
final class ReplicaAutoScaling {
    /** Stored settings of one scalable dimension. */
    record Setting(Long minimumUnits, Long maximumUnits, boolean disabled, String roleArn, String policyName,
            Double targetValue, Boolean disableScaleIn, Integer scaleInCooldown, Integer scaleOutCooldown) {
    }

    private static final String WRITE = "write";

    private final DynamoDbState state;
    private final Tables tables;

    ReplicaAutoScaling(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    private static String read(String region) {
        return "read@" + region;
    }

    private static String index(String dimension, String index) {
        return dimension + ":" + index;
    }

    static List<String> regions(Table t) {
        return t.replicaRegions.isEmpty() ? List.of(t.arn.split(":")[3]) : List.copyOf(t.replicaRegions);
    }

    public DescribeTableReplicaAutoScalingResponse describeTableReplicaAutoScaling(DescribeTableReplicaAutoScalingRequest r) {
        Database db = state.database();
        Table t = tables.require(db, r.tableName());
        return DescribeTableReplicaAutoScalingResponse.builder().tableAutoScalingDescription(describe(t)).build();
    }

    public UpdateTableReplicaAutoScalingResponse updateTableReplicaAutoScaling(UpdateTableReplicaAutoScalingRequest r) {
        Database here = state.database();
        Map<String, Setting> merged = here.write(() -> {
            Table t = tables.require(here, r.tableName());
            if ("PAY_PER_REQUEST".equals(t.billingMode)) {
                throw DynamoErrors.validation("Auto scaling is not supported for tables in PAY_PER_REQUEST billing mode: "
                        + t.name);
            }
            List<String> regions = regions(t);
            Map<String, Setting> out = new LinkedHashMap<>(t.autoScaling);
            apply(out, WRITE, r.provisionedWriteCapacityAutoScalingUpdate());
            if (r.hasGlobalSecondaryIndexUpdates()) {
                for (GlobalSecondaryIndexAutoScalingUpdate g : r.globalSecondaryIndexUpdates()) {
                    requireIndex(t, g.indexName());
                    apply(out, index(WRITE, g.indexName()), g.provisionedWriteCapacityAutoScalingUpdate());
                }
            }
            if (r.hasReplicaUpdates()) {
                for (ReplicaAutoScalingUpdate u : r.replicaUpdates()) {
                    if (!regions.contains(u.regionName())) {
                        throw DynamoErrors.validation("Table " + t.name + " has no replica in region " + u.regionName());
                    }
                    apply(out, read(u.regionName()), u.replicaProvisionedReadCapacityAutoScalingUpdate());
                    if (u.hasReplicaGlobalSecondaryIndexUpdates()) {
                        for (ReplicaGlobalSecondaryIndexAutoScalingUpdate g : u.replicaGlobalSecondaryIndexUpdates()) {
                            requireIndex(t, g.indexName());
                            apply(out, index(read(u.regionName()), g.indexName()),
                                    g.provisionedReadCapacityAutoScalingUpdate());
                        }
                    }
                }
            }
            t.autoScaling.clear();
            t.autoScaling.putAll(out);
            state.records.syncTables(here);
            return out;
        });
        String account = RequestContext.current().accountId();
        String own = RequestContext.current().region();
        Table mine = here.read(() -> tables.require(here, r.tableName()));
        for (String region : regions(mine)) {
            if (region.equals(own)) {
                continue;
            }
            Database db = state.database(account, region);
            db.write(() -> {
                Table t = db.tables.get(r.tableName());
                if (t != null) {
                    t.autoScaling.clear();
                    t.autoScaling.putAll(merged);
                    state.records.syncTables(db);
                }
                return null;
            });
        }
        return UpdateTableReplicaAutoScalingResponse.builder()
                .tableAutoScalingDescription(here.read(() -> describe(tables.require(here, r.tableName())))).build();
    }

    private static void requireIndex(Table t, String name) {
        Index ix = t.indexes.get(name);
        if (ix == null || !ix.global) {
            throw DynamoErrors.validation("The table does not have the specified index: " + name);
        }
    }

    /** Merges an update into the stored setting, with Application Auto Scaling's checks. */
    private static void apply(Map<String, Setting> all, String key, AutoScalingSettingsUpdate u) {
        if (u == null) {
            return;
        }
        Setting old = all.get(key);
        Long min = u.minimumUnits() != null ? u.minimumUnits() : old == null ? null : old.minimumUnits();
        Long max = u.maximumUnits() != null ? u.maximumUnits() : old == null ? null : old.maximumUnits();
        if (min == null || max == null) {
            throw DynamoErrors.validation("MinimumUnits and MaximumUnits are required to register auto scaling settings");
        }
        if (min > max) {
            throw DynamoErrors.validation("Minimum capacity cannot be greater than maximum capacity");
        }
        boolean disabled = u.autoScalingDisabled() != null ? u.autoScalingDisabled() : old != null && old.disabled();
        String role = u.autoScalingRoleArn() != null ? u.autoScalingRoleArn() : old != null ? old.roleArn()
                : serviceLinkedRole();
        String policyName = old == null ? null : old.policyName();
        Double target = old == null ? null : old.targetValue();
        Boolean disableScaleIn = old == null ? null : old.disableScaleIn();
        Integer scaleIn = old == null ? null : old.scaleInCooldown();
        Integer scaleOut = old == null ? null : old.scaleOutCooldown();
        AutoScalingPolicyUpdate p = u.scalingPolicyUpdate();
        if (p != null) {
            AutoScalingTargetTrackingScalingPolicyConfigurationUpdate c = p.targetTrackingScalingPolicyConfiguration();
            // DynamoDB's target utilization is a percentage from 20 to 90
            // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html).
            if (c.targetValue() == null || c.targetValue() < 20 || c.targetValue() > 90) {
                throw DynamoErrors.validation("TargetValue must be between 20 and 90");
            }
            if ((c.scaleInCooldown() != null && c.scaleInCooldown() < 0)
                    || (c.scaleOutCooldown() != null && c.scaleOutCooldown() < 0)) {
                throw DynamoErrors.validation("Cooldown must not be negative");
            }
            policyName = p.policyName() != null ? p.policyName() : policyName != null ? policyName
                    : "DynamoDBReadWriteCapacityUtilization:" + key;
            target = c.targetValue();
            disableScaleIn = c.disableScaleIn();
            scaleIn = c.scaleInCooldown();
            scaleOut = c.scaleOutCooldown();
        }
        all.put(key, new Setting(min, max, disabled, role, policyName, target, disableScaleIn, scaleIn, scaleOut));
    }

    /** The role Application Auto Scaling uses for DynamoDB when none is given. */
    private static String serviceLinkedRole() {
        return io.gureum.core.ids.Arn.of("iam", "", RequestContext.current().accountId(),
                "role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/"
                        + "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable").toString();
    }

    private static TableAutoScalingDescription describe(Table t) {
        List<ReplicaAutoScalingDescription> replicas = new ArrayList<>();
        for (String region : regions(t)) {
            List<ReplicaGlobalSecondaryIndexAutoScalingDescription> gsis = new ArrayList<>();
            t.indexes.values().stream().filter(ix -> ix.global).forEach(ix -> gsis.add(
                    ReplicaGlobalSecondaryIndexAutoScalingDescription.builder().indexName(ix.name).indexStatus(ix.status)
                            .provisionedReadCapacityAutoScalingSettings(
                                    settings(t.autoScaling.get(index(read(region), ix.name))))
                            .provisionedWriteCapacityAutoScalingSettings(settings(t.autoScaling.get(index(WRITE, ix.name))))
                            .build()));
            replicas.add(ReplicaAutoScalingDescription.builder().regionName(region).replicaStatus(ReplicaStatus.ACTIVE)
                    .globalSecondaryIndexes(gsis)
                    .replicaProvisionedReadCapacityAutoScalingSettings(settings(t.autoScaling.get(read(region))))
                    .replicaProvisionedWriteCapacityAutoScalingSettings(settings(t.autoScaling.get(WRITE))).build());
        }
        return TableAutoScalingDescription.builder().tableName(t.name).tableStatus(t.status).replicas(replicas).build();
    }

    private static AutoScalingSettingsDescription settings(Setting s) {
        if (s == null) {
            return null;
        }
        AutoScalingSettingsDescription.Builder b = AutoScalingSettingsDescription.builder().minimumUnits(s.minimumUnits())
                .maximumUnits(s.maximumUnits()).autoScalingDisabled(s.disabled()).autoScalingRoleArn(s.roleArn());
        if (s.targetValue() != null) {
            b.scalingPolicies(AutoScalingPolicyDescription.builder().policyName(s.policyName())
                    .targetTrackingScalingPolicyConfiguration(
                            AutoScalingTargetTrackingScalingPolicyConfigurationDescription.builder()
                                    .targetValue(s.targetValue()).disableScaleIn(s.disableScaleIn())
                                    .scaleInCooldown(s.scaleInCooldown()).scaleOutCooldown(s.scaleOutCooldown()).build())
                    .build());
        }
        return b.build();
    }
}
