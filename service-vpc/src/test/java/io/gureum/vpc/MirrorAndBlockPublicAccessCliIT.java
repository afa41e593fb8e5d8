package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A traffic mirror session from one interface to another through a filter with a rule, and VPC Block Public
 * Access turned on with a subnet excluded, made and torn down with the real AWS CLI.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class MirrorAndBlockPublicAccessCliIT {
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static Gureum gureum;
    static AwsCli aws;

    @BeforeAll
    static void start() {
        gureum = server.gureum();
        aws = new AwsCli(gureum.endpoint(), "123456789012", "ap-northeast-2");
    }

    static JsonNode ec2(String... args) throws Exception {
        return Ec2Cli.ec2(aws, args);
    }

    static void refused(String code, String... args) throws Exception {
        Ec2Cli.refused(aws, code, args);
    }

    @Test
    void mirrorAndBlockScenario() throws Exception {
        String vpc = ec2("create-vpc", "--cidr-block", "10.70.0.0/16").at("/Vpc/VpcId").asText();
        String subnet = ec2("create-subnet", "--vpc-id", vpc, "--cidr-block", "10.70.1.0/24").at("/Subnet/SubnetId")
                .asText();
        String source = ec2("create-network-interface", "--subnet-id", subnet)
                .at("/NetworkInterface/NetworkInterfaceId").asText();
        String sink = ec2("create-network-interface", "--subnet-id", subnet).at("/NetworkInterface/NetworkInterfaceId")
                .asText();
        String target = ec2("create-traffic-mirror-target", "--network-interface-id", sink, "--description", "ids")
                .at("/TrafficMirrorTarget/TrafficMirrorTargetId").asText();
        assertTrue(target.startsWith("tmt-"), target);
        String filter = ec2("create-traffic-mirror-filter", "--description", "web")
                .at("/TrafficMirrorFilter/TrafficMirrorFilterId").asText();
        ec2("create-traffic-mirror-filter-rule", "--traffic-mirror-filter-id", filter, "--traffic-direction", "ingress",
                "--rule-number", "100", "--rule-action", "accept", "--protocol", "6", "--destination-port-range",
                "FromPort=443,ToPort=443", "--source-cidr-block", "0.0.0.0/0", "--destination-cidr-block",
                "10.70.0.0/16");
        refused("TrafficMirrorFilterRuleAlreadyExists", "create-traffic-mirror-filter-rule", "--traffic-mirror-filter-id",
                filter, "--traffic-direction", "ingress", "--rule-number", "100", "--rule-action", "reject",
                "--source-cidr-block", "0.0.0.0/0", "--destination-cidr-block", "0.0.0.0/0");
        String session = ec2("create-traffic-mirror-session", "--network-interface-id", source,
                "--traffic-mirror-target-id", target, "--traffic-mirror-filter-id", filter, "--session-number", "1",
                "--packet-length", "128").at("/TrafficMirrorSession/TrafficMirrorSessionId").asText();
        JsonNode described = ec2("describe-traffic-mirror-sessions", "--traffic-mirror-session-ids", session);
        assertEquals(128, described.at("/TrafficMirrorSessions/0/PacketLength").asInt());
        assertEquals(443, ec2("describe-traffic-mirror-filters", "--traffic-mirror-filter-ids", filter)
                .at("/TrafficMirrorFilters/0/IngressFilterRules/0/DestinationPortRange/FromPort").asInt());
        refused("TrafficMirrorTargetInUseException", "delete-traffic-mirror-target", "--traffic-mirror-target-id",
                target);
        ec2("delete-traffic-mirror-session", "--traffic-mirror-session-id", session);
        ec2("delete-traffic-mirror-target", "--traffic-mirror-target-id", target);
        ec2("delete-traffic-mirror-filter", "--traffic-mirror-filter-id", filter);

        assertEquals("off", ec2("describe-vpc-block-public-access-options")
                .at("/VpcBlockPublicAccessOptions/InternetGatewayBlockMode").asText());
        ec2("modify-vpc-block-public-access-options", "--internet-gateway-block-mode", "block-bidirectional");
        String exclusion = ec2("create-vpc-block-public-access-exclusion", "--subnet-id", subnet,
                "--internet-gateway-exclusion-mode", "allow-egress")
                .at("/VpcBlockPublicAccessExclusion/ExclusionId").asText();
        gureum.context().clock().advance(Duration.ofSeconds(5));
        assertEquals("update-complete", ec2("describe-vpc-block-public-access-options")
                .at("/VpcBlockPublicAccessOptions/State").asText());
        assertEquals("create-complete", ec2("describe-vpc-block-public-access-exclusions", "--exclusion-ids", exclusion)
                .at("/VpcBlockPublicAccessExclusions/0/State").asText());
        ec2("delete-vpc-block-public-access-exclusion", "--exclusion-id", exclusion);
        ec2("modify-vpc-block-public-access-options", "--internet-gateway-block-mode", "off");
    }
}
