package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.FlowLog;
import io.gureum.vpc.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsRequest;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteFlowLogsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFlowLogsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.DestinationOptionsResponse;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItemError;

/**
 * VPC flow logs (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html): the configuration is
 * stored, described, tagged and deleted; no records are ever published, since Gureum moves no packets,
 * and no log group, log stream or S3 object is created.
 */
public final class FlowLogs {
    /** ResourceType → the ID prefix of the family it names. */
    private static final Map<String, String> PREFIXES = Map.of("VPC", "vpc", "Subnet", "subnet",
            "NetworkInterface", "eni", "TransitGateway", "tgw", "TransitGatewayAttachment", "tgw-attach");
    private static final Set<String> TRAFFIC_TYPES = Set.of("ACCEPT", "REJECT", "ALL");
    private static final Set<String> DESTINATION_TYPES = Set.of("cloud-watch-logs", "s3", "kinesis-data-firehose");

    private final Network net;
    private final Filters<FlowLog> filters = new Filters<FlowLog>()
            .on("flow-log-id", f -> f.id)
            .on("resource-id", f -> f.resourceId)
            .on("traffic-type", f -> f.trafficType)
            .on("log-destination-type", f -> f.logDestinationType)
            .on("log-group-name", f -> f.logGroupName)
            .on("deliver-log-status", f -> "SUCCESS");

    FlowLogs(Network net) {
        this.net = net;
    }

    public CreateFlowLogsResponse createFlowLogs(CreateFlowLogsRequest r) {
        VpcStore s = net.store();
        if (r.resourceTypeAsString() == null) {
            throw Ec2Errors.missing("ResourceType");
        }
        if (!r.hasResourceIds() || r.resourceIds().isEmpty()) {
            throw Ec2Errors.missing("ResourceId");
        }
        String type = r.resourceTypeAsString();
        String prefix = PREFIXES.get(type);
        if (prefix == null) {
            throw Ec2Errors.invalidValue(type, "ResourceType", "Valid values: " + String.join(", ", PREFIXES.keySet()));
        }
        boolean tgw = type.startsWith("TransitGateway");
        int limit = tgw ? 25 : 1000;
        if (r.resourceIds().size() > limit) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("A maximum of " + limit + " resource IDs can be given for "
                    + "resource-type " + type);
        }
        for (String id : r.resourceIds()) {
            if (id == null || !id.startsWith(prefix + "-") || (prefix.equals("tgw") && id.startsWith("tgw-attach-"))) {
                throw Ec2Error.INVALID_PARAMETER.withMessage("Invalid Resource id " + id + " for resource-type " + type);
            }
        }
        String traffic = r.trafficTypeAsString();
        if (tgw && traffic != null) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("TrafficType is not supported for transit gateway resource types");
        }
        if (!tgw && traffic == null) {
            throw Ec2Errors.missing("TrafficType");
        }
        if (traffic != null && !TRAFFIC_TYPES.contains(traffic)) {
            throw Ec2Errors.invalidValue(traffic, "TrafficType", "Valid values: ACCEPT, REJECT, ALL");
        }
        int interval = r.maxAggregationInterval() == null ? (tgw ? 60 : 600) : r.maxAggregationInterval();
        if (interval != 60 && interval != 600) {
            throw Ec2Errors.invalidValue(String.valueOf(interval), "MaxAggregationInterval", "Valid values: 60, 600");
        }
        if (tgw && interval != 60) {
            throw Ec2Error.INVALID_PARAMETER.withMessage(
                    "MaxAggregationInterval must be 60 seconds for transit gateway resource types");
        }
        FlowLog template = new FlowLog(null, s.account, null);
        destination(s, r, template);
        template.logFormat = FlowLogFormat.resolve(r.logFormat(), tgw);
        Tags.validate(r.tagSpecifications(), "vpc-flow-log");
        Ec2Errors.checkDryRun(r.dryRun());
        String fingerprint = r.toBuilder().dryRun(null).clientToken(null).build().toString();
        if (r.clientToken() != null) {
            List<String> earlier = new ArrayList<>();
            for (FlowLog f : s.flowLogs.values()) {
                if (r.clientToken().equals(f.clientToken)) {
                    if (!fingerprint.equals(f.requestFingerprint)) {
                        throw Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage(
                                "Arguments on this idempotent request are inconsistent with arguments used in "
                                        + "previous request(s).");
                    }
                    earlier.add(f.id);
                }
            }
            if (!earlier.isEmpty()) {
                return CreateFlowLogsResponse.builder().clientToken(r.clientToken()).flowLogIds(earlier)
                        .unsuccessful(List.of()).build();
            }
        }
        List<String> created = new ArrayList<>();
        List<UnsuccessfulItem> failed = new ArrayList<>();
        for (String id : new LinkedHashSet<>(r.resourceIds())) {
            if (!family(s, prefix).containsKey(id)) {
                AwsException e = Ids.notFound(prefix, id);
                failed.add(unsuccessful(id, e.code(), e.getMessage()));
                continue;
            }
            if (exists(s, id, template, traffic)) {
                failed.add(unsuccessful(id, "FlowLogAlreadyExists",
                        "Error. There is an existing Flow Log with the same configuration and log destination."));
                continue;
            }
            FlowLog f = new FlowLog(net.id("fl"), s.account, net.now());
            f.resourceId = id;
            f.monitoredType = type;
            f.trafficType = traffic;
            f.maxAggregationInterval = interval;
            f.logDestinationType = template.logDestinationType;
            f.logDestination = template.logDestination;
            f.logGroupName = template.logGroupName;
            f.deliverLogsPermissionArn = template.deliverLogsPermissionArn;
            f.deliverCrossAccountRole = template.deliverCrossAccountRole;
            f.logFormat = template.logFormat;
            f.fileFormat = template.fileFormat;
            f.hiveCompatiblePartitions = template.hiveCompatiblePartitions;
            f.perHourPartition = template.perHourPartition;
            f.clientToken = r.clientToken();
            f.requestFingerprint = fingerprint;
            Tags.apply(r.tagSpecifications(), f);
            s.put(s.flowLogs, f);
            created.add(f.id);
        }
        return CreateFlowLogsResponse.builder().clientToken(r.clientToken()).flowLogIds(created)
                .unsuccessful(failed).build();
    }

    public DescribeFlowLogsResponse describeFlowLogs(DescribeFlowLogsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<FlowLog> found = new ArrayList<>();
        if (r.hasFlowLogIds() && !r.flowLogIds().isEmpty()) {
            // IDs that name no flow log are left out, not an error.
            for (String id : new LinkedHashSet<>(r.flowLogIds())) {
                FlowLog f = s.flowLogs.get(id);
                if (f != null) {
                    found.add(f);
                }
            }
        } else {
            found.addAll(s.flowLogs.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filter())).toList(), r.maxResults(),
                r.nextToken(), 1, 1000);
        return DescribeFlowLogsResponse.builder().flowLogs(page.items().stream().map(f -> toSdk(s, f)).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteFlowLogsResponse deleteFlowLogs(DeleteFlowLogsRequest r) {
        VpcStore s = net.store();
        if (!r.hasFlowLogIds() || r.flowLogIds().isEmpty()) {
            throw Ec2Errors.missing("FlowLogId");
        }
        if (r.flowLogIds().size() > 1000) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("A maximum of 1000 flow log IDs can be given");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<UnsuccessfulItem> failed = new ArrayList<>();
        for (String id : new LinkedHashSet<>(r.flowLogIds())) {
            if (s.flowLogs.containsKey(id)) {
                s.remove(s.flowLogs, id);
            } else {
                failed.add(unsuccessful(id, "InvalidFlowLogId.NotFound",
                        "These flow log ids in the input list are not found: [TotalCount: 1] " + id));
            }
        }
        return DeleteFlowLogsResponse.builder().unsuccessful(failed).build();
    }

    /** Checks and stores the destination of a create call on {@code f}. */
    private static void destination(VpcStore s, CreateFlowLogsRequest r, FlowLog f) {
        String type = r.logDestinationTypeAsString() == null ? "cloud-watch-logs" : r.logDestinationTypeAsString();
        if (!DESTINATION_TYPES.contains(type)) {
            throw Ec2Errors.invalidValue(type, "LogDestinationType",
                    "Valid values: cloud-watch-logs, s3, kinesis-data-firehose");
        }
        f.logDestinationType = type;
        f.deliverLogsPermissionArn = r.deliverLogsPermissionArn();
        f.deliverCrossAccountRole = r.deliverCrossAccountRole();
        if (!type.equals("cloud-watch-logs") && r.logGroupName() != null) {
            throw Ec2Errors.combination("LogGroupName can only be specified for the cloud-watch-logs destination type");
        }
        if (!type.equals("s3") && r.destinationOptions() != null) {
            throw Ec2Errors.combination("DestinationOptions can only be specified for the s3 destination type");
        }
        switch (type) {
            case "cloud-watch-logs" -> {
                if (r.logGroupName() != null && r.logDestination() != null) {
                    throw Ec2Errors.combination("Please only provide LogGroupName or only provide LogDestination.");
                }
                if (r.logGroupName() == null && r.logDestination() == null) {
                    throw Ec2Errors.missing("LogGroupName or LogDestination");
                }
                if (r.deliverLogsPermissionArn() == null) {
                    throw Ec2Errors.missing("DeliverLogsPermissionArn");
                }
                if (r.logGroupName() != null) {
                    if (r.logGroupName().isEmpty() || r.logGroupName().length() > 512) {
                        throw Ec2Errors.invalidValue(r.logGroupName(), "LogGroupName", "");
                    }
                    f.logGroupName = r.logGroupName();
                    f.logDestination = "arn:aws:logs:" + s.region + ":" + s.account + ":log-group:" + r.logGroupName();
                } else {
                    String prefix = "arn:aws:logs:";
                    int at = r.logDestination().indexOf(":log-group:");
                    if (!r.logDestination().startsWith(prefix) || at < 0
                            || at + ":log-group:".length() == r.logDestination().length()) {
                        throw Ec2Errors.invalidValue(r.logDestination(), "LogDestination",
                                "It must be the ARN of a CloudWatch Logs log group.");
                    }
                    String name = r.logDestination().substring(at + ":log-group:".length());
                    if (name.endsWith(":*")) {
                        name = name.substring(0, name.length() - 2);
                    }
                    f.logGroupName = name;
                    f.logDestination = r.logDestination();
                }
            }
            case "s3" -> {
                if (r.logDestination() == null) {
                    throw Ec2Errors.missing("LogDestination");
                }
                String arn = r.logDestination();
                if (!arn.startsWith("arn:aws:s3:::") || arn.length() == "arn:aws:s3:::".length()
                        || arn.startsWith("arn:aws:s3:::/")) {
                    throw Ec2Errors.invalidValue(arn, "LogDestination", "It must be the ARN of an S3 bucket.");
                }
                String path = arn.substring("arn:aws:s3:::".length());
                int slash = path.indexOf('/');
                // "You can't use AWSLogs as a subfolder name" (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-create-flow-log.html).
                if (slash >= 0 && path.substring(slash + 1).equals("AWSLogs")) {
                    throw Ec2Errors.invalidValue(arn, "LogDestination", "AWSLogs is a reserved prefix.");
                }
                f.logDestination = arn;
                var o = r.destinationOptions();
                String format = o == null || o.fileFormatAsString() == null ? "plain-text" : o.fileFormatAsString();
                if (!format.equals("plain-text") && !format.equals("parquet")) {
                    throw Ec2Errors.invalidValue(format, "DestinationOptions.FileFormat", "Valid values: plain-text, parquet");
                }
                f.fileFormat = format;
                f.hiveCompatiblePartitions = o != null && Boolean.TRUE.equals(o.hiveCompatiblePartitions());
                f.perHourPartition = o != null && Boolean.TRUE.equals(o.perHourPartition());
            }
            default -> {
                String arn = r.logDestination();
                if (arn == null) {
                    throw Ec2Errors.missing("LogDestination");
                }
                if (!arn.startsWith("arn:aws:firehose:") || !arn.contains(":deliverystream/")) {
                    throw Ec2Errors.invalidValue(arn, "LogDestination",
                            "It must be the ARN of a Kinesis Data Firehose delivery stream.");
                }
                f.logDestination = arn;
            }
        }
    }

    /** Whether the resource already has a flow log of this traffic type to this destination. */
    private static boolean exists(VpcStore s, String resourceId, FlowLog wanted, String traffic) {
        for (FlowLog f : s.flowLogs.values()) {
            if (f.resourceId.equals(resourceId) && f.logDestinationType.equals(wanted.logDestinationType)
                    && f.logDestination.equals(wanted.logDestination)
                    && java.util.Objects.equals(f.trafficType, traffic)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, ? extends Resource> family(VpcStore s, String prefix) {
        return switch (prefix) {
            case "vpc" -> s.vpcs;
            case "subnet" -> s.subnets;
            case "eni" -> s.networkInterfaces;
            case "tgw" -> s.transitGateways;
            default -> s.tgwAttachments;
        };
    }

    private static UnsuccessfulItem unsuccessful(String id, String code, String message) {
        return UnsuccessfulItem.builder().resourceId(id)
                .error(UnsuccessfulItemError.builder().code(code).message(message).build()).build();
    }

    private software.amazon.awssdk.services.ec2.model.FlowLog toSdk(VpcStore s, FlowLog f) {
        var b = software.amazon.awssdk.services.ec2.model.FlowLog.builder().flowLogId(f.id).creationTime(f.created)
                .resourceId(f.resourceId).trafficType(f.trafficType).logDestinationType(f.logDestinationType)
                .logDestination(f.logDestination).logGroupName(f.logGroupName)
                .deliverLogsPermissionArn(f.deliverLogsPermissionArn).deliverCrossAccountRole(f.deliverCrossAccountRole)
                .deliverLogsStatus("SUCCESS").flowLogStatus("ACTIVE").logFormat(f.logFormat)
                .maxAggregationInterval(f.maxAggregationInterval).tags(Tags.toSdk(s.tagsOf(f)));
        if (f.fileFormat != null) {
            b.destinationOptions(DestinationOptionsResponse.builder().fileFormat(f.fileFormat)
                    .hiveCompatiblePartitions(f.hiveCompatiblePartitions).perHourPartition(f.perHourPartition).build());
        }
        return b.build();
    }
}
