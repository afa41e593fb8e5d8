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
 * A carrier gateway with a route to it, a network interface permission and a security group shared with a
 * second VPC, made and torn down with the real AWS CLI; the local gateway calls answer as without Outposts.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class EdgeAndSharingCliIT {
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

    static void advanceClock(int seconds) {
        gureum.context().clock().advance(Duration.ofSeconds(seconds));
    }

    static String tags(String type, String name) {
        return "ResourceType=" + type + ",Tags=[{Key=Name,Value=" + name + "}]";
    }

    static String filter(String name, String value) {
        return "Name=" + name + ",Values=" + value;
    }

    @Test
    void edgeAndSharingScenario() throws Exception {
        String home = ec2("create-vpc", "--cidr-block", "10.60.0.0/16").at("/Vpc/VpcId").asText();
        String other = ec2("create-vpc", "--cidr-block", "10.61.0.0/16").at("/Vpc/VpcId").asText();
        String cagw = ec2("create-carrier-gateway", "--vpc-id", other, "--tag-specifications",
                tags("carrier-gateway", "edge")).at("/CarrierGateway/CarrierGatewayId").asText();
        assertTrue(cagw.startsWith("cagw-"), cagw);
        advanceClock(5);
        JsonNode described = ec2("describe-carrier-gateways", "--filters", filter("tag:Name", "edge"));
        assertEquals("available", described.at("/CarrierGateways/0/State").asText());
        String rtb = ec2("create-route-table", "--vpc-id", other).at("/RouteTable/RouteTableId").asText();
        ec2("create-route", "--route-table-id", rtb, "--destination-cidr-block", "0.0.0.0/0",
                "--carrier-gateway-id", cagw);
        assertEquals(cagw, ec2("describe-route-tables", "--route-table-ids", rtb)
                .at("/RouteTables/0/Routes/1/CarrierGatewayId").asText());

        String subnet = ec2("create-subnet", "--vpc-id", other, "--cidr-block", "10.61.1.0/24")
                .at("/Subnet/SubnetId").asText();
        String sg = ec2("create-security-group", "--vpc-id", home, "--group-name", "shared", "--description",
                "shared").at("/GroupId").asText();
        assertEquals("associating", ec2("associate-security-group-vpc", "--group-id", sg, "--vpc-id", other)
                .at("/State").asText());
        advanceClock(5);
        assertEquals("associated", ec2("describe-security-group-vpc-associations", "--filters",
                filter("vpc-id", other)).at("/SecurityGroupVpcAssociations/0/State").asText());
        String eni = ec2("create-network-interface", "--subnet-id", subnet, "--groups", sg)
                .at("/NetworkInterface/NetworkInterfaceId").asText();
        String perm = ec2("create-network-interface-permission", "--network-interface-id", eni,
                "--aws-account-id", "210987654321", "--permission", "INSTANCE-ATTACH")
                .at("/InterfacePermission/NetworkInterfacePermissionId").asText();
        advanceClock(5);
        assertEquals("granted", ec2("describe-network-interface-permissions", "--network-interface-permission-ids",
                perm).at("/NetworkInterfacePermissions/0/PermissionState/State").asText());
        refused("DependencyViolation", "disassociate-security-group-vpc", "--group-id", sg, "--vpc-id", other);

        assertEquals(0, ec2("describe-local-gateways").at("/LocalGateways").size());
        refused("InvalidLocalGatewayID.NotFound", "create-local-gateway-route-table", "--local-gateway-id",
                "lgw-0123456789abcdef0");

        ec2("delete-network-interface-permission", "--network-interface-permission-id", perm);
        ec2("delete-network-interface", "--network-interface-id", eni);
        ec2("disassociate-security-group-vpc", "--group-id", sg, "--vpc-id", other);
        ec2("delete-carrier-gateway", "--carrier-gateway-id", cagw);
        refused("DependencyViolation", "delete-vpc", "--vpc-id", other);
        advanceClock(5);
        ec2("delete-route-table", "--route-table-id", rtb);
        ec2("delete-subnet", "--subnet-id", subnet);
        ec2("delete-security-group", "--group-id", sg);
        ec2("delete-vpc", "--vpc-id", other);
        ec2("delete-vpc", "--vpc-id", home);
    }
}
