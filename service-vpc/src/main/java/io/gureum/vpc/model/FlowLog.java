package io.gureum.vpc.model;

import java.time.Instant;

/**
 * The stored state of one VPC flow log: its configuration only, since Gureum moves no packets and so
 * publishes no records (docs/services/ec2.md).
 */
public final class FlowLog extends Resource {
    public String resourceId;
    /** The CreateFlowLogs ResourceType: {@code VPC}, {@code Subnet}, {@code NetworkInterface} … */
    public String monitoredType;
    public String trafficType;
    public String logDestinationType;
    public String logDestination;
    public String logGroupName;
    public String deliverLogsPermissionArn;
    public String deliverCrossAccountRole;
    public String logFormat;
    public int maxAggregationInterval;
    public String fileFormat;
    public Boolean hiveCompatiblePartitions;
    public Boolean perHourPartition;
    public String clientToken;
    /** The create request without DryRun and token, to tell a retry from a mismatched reuse of the token. */
    public String requestFingerprint;

    public FlowLog(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "vpc-flow-log";
    }
}
