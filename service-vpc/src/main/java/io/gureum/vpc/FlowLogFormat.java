package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flow log's LogFormat: {@code ${field}} tokens separated by spaces, each one of the fields AWS lists
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html, and for transit gateways
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-flow-logs.html). Without one, the default format: every
 * version 2 field, in the table's order.
 */
final class FlowLogFormat {
    static final String DEFAULT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} "
            + "${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";

    static final String TRANSIT_GATEWAY_DEFAULT = "${version} ${resource-type} ${account-id} ${tgw-id} "
            + "${tgw-attachment-id} ${tgw-src-vpc-account-id} ${tgw-dst-vpc-account-id} ${tgw-src-vpc-id} "
            + "${tgw-dst-vpc-id} ${tgw-src-subnet-id} ${tgw-dst-subnet-id} ${tgw-src-eni} ${tgw-dst-eni} "
            + "${tgw-src-az-id} ${tgw-dst-az-id} ${tgw-pair-attachment-id} ${srcaddr} ${dstaddr} ${srcport} "
            + "${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${log-status} ${type} "
            + "${packets-lost-no-route} ${packets-lost-blackhole} ${packets-lost-mtu-exceeded} "
            + "${packets-lost-ttl-expired} ${tcp-flags} ${region} ${flow-direction} ${pkt-src-aws-service} "
            + "${pkt-dst-aws-service}";

    private static final Set<String> VPC_FIELDS = Set.of("version", "account-id", "interface-id", "srcaddr",
            "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status",
            "vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr", "region",
            "az-id", "sublocation-type", "sublocation-id", "pkt-src-aws-service", "pkt-dst-aws-service",
            "flow-direction", "traffic-path", "ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn",
            "ecs-container-instance-id", "ecs-container-id", "ecs-second-container-id", "ecs-service-name",
            "ecs-task-definition-arn", "ecs-task-arn", "ecs-task-id", "reject-reason", "resource-id",
            "encryption-status");

    private static final Set<String> TRANSIT_GATEWAY_FIELDS = Set.of("version", "resource-type", "account-id",
            "tgw-id", "tgw-attachment-id", "tgw-src-vpc-account-id", "tgw-dst-vpc-account-id", "tgw-src-vpc-id",
            "tgw-dst-vpc-id", "tgw-src-subnet-id", "tgw-dst-subnet-id", "tgw-src-eni", "tgw-dst-eni",
            "tgw-src-az-id", "tgw-dst-az-id", "tgw-pair-attachment-id", "srcaddr", "dstaddr", "srcport", "dstport",
            "protocol", "packets", "bytes", "start", "end", "log-status", "type", "packets-lost-no-route",
            "packets-lost-blackhole", "packets-lost-mtu-exceeded", "packets-lost-ttl-expired", "tcp-flags",
            "region", "flow-direction", "pkt-src-aws-service", "pkt-dst-aws-service");

    private static final Pattern TOKEN = Pattern.compile("\\$\\{([^}]*)}");

    private FlowLogFormat() {
    }

    /** The format to store: the default when none is given, else the given one once every field is known. */
    static String resolve(String format, boolean transitGateway) {
        if (format == null) {
            return transitGateway ? TRANSIT_GATEWAY_DEFAULT : DEFAULT;
        }
        Set<String> known = transitGateway ? TRANSIT_GATEWAY_FIELDS : VPC_FIELDS;
        List<String> unknown = new ArrayList<>();
        int fields = 0;
        for (String token : format.trim().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            Matcher m = TOKEN.matcher(token);
            if (!m.matches() || !known.contains(m.group(1))) {
                unknown.add(token);
            }
            fields++;
        }
        if (fields == 0) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("LogFormat must contain at least one field");
        }
        if (!unknown.isEmpty()) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("Unknown fields provided: " + String.join(", ", unknown));
        }
        return format;
    }
}
