package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The course's 3-tier VPC built with the real AWS CLI in ap-northeast-2: VPC 10.0.0.0/16, a public
 * and a private subnet in each of two AZs, an internet gateway, a NAT gateway with an Elastic IP per
 * AZ, public and private route tables, web → app → data security groups (443, 80 from web, 3306 from
 * app), a custom network ACL and an S3 gateway endpoint. Every Describe must show exactly that;
 * tearing it down in the wrong order must meet AWS's DependencyViolation refusals.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class ThreeTierVpcCliIT {
    private static final String ACCOUNT = "123456789012";
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static Gureum gureum;
    static AwsCli aws;

    @BeforeAll
    static void start() {
        gureum = server.gureum();
        aws = new AwsCli(gureum.endpoint(), ACCOUNT, "ap-northeast-2");
    }

    static JsonNode ec2(String... args) throws Exception {
        return Ec2Cli.ec2(aws, args);
    }

    /** Runs a call that AWS refuses and checks the error code the CLI reports. */
    static void refused(String code, String... args) throws Exception {
        Ec2Cli.refused(aws, code, args);
    }

    static void advanceClock(int seconds) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gureum.endpoint() + "/_gureum/clock"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\": " + seconds + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    static String tags(String type, String name) {
        return "ResourceType=" + type + ",Tags=[{Key=Name,Value=" + name + "}]";
    }

    static String filter(String name, String value) {
        return "Name=" + name + ",Values=" + value;
    }

    static Set<String> texts(JsonNode array, String field) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void buildDescribeAndTearDownTheCourseVpc() throws Exception {
        // Build.
        String vpc = ec2("create-vpc", "--cidr-block", "10.0.0.0/16", "--tag-specifications", tags("vpc", "course"))
                .at("/Vpc/VpcId").asText();
        ec2("modify-vpc-attribute", "--vpc-id", vpc, "--enable-dns-hostnames", "{\"Value\":true}");
        String pubA = subnet(vpc, "10.0.1.0/24", "ap-northeast-2a", "public-a");
        String pubC = subnet(vpc, "10.0.2.0/24", "ap-northeast-2c", "public-c");
        String privA = subnet(vpc, "10.0.11.0/24", "ap-northeast-2a", "private-a");
        String privC = subnet(vpc, "10.0.12.0/24", "ap-northeast-2c", "private-c");
        ec2("modify-subnet-attribute", "--subnet-id", pubA, "--map-public-ip-on-launch");
        ec2("modify-subnet-attribute", "--subnet-id", pubC, "--map-public-ip-on-launch");

        String igw = ec2("create-internet-gateway", "--tag-specifications", tags("internet-gateway", "course-igw"))
                .at("/InternetGateway/InternetGatewayId").asText();
        ec2("attach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", vpc);

        JsonNode eipA = ec2("allocate-address", "--domain", "vpc");
        JsonNode eipC = ec2("allocate-address", "--domain", "vpc");
        String natA = ec2("create-nat-gateway", "--subnet-id", pubA, "--allocation-id", eipA.get("AllocationId").asText(),
                "--tag-specifications", tags("natgateway", "nat-a")).at("/NatGateway/NatGatewayId").asText();
        String natC = ec2("create-nat-gateway", "--subnet-id", pubC, "--allocation-id", eipC.get("AllocationId").asText(),
                "--tag-specifications", tags("natgateway", "nat-c")).at("/NatGateway/NatGatewayId").asText();
        assertEquals(Set.of("pending"), texts(ec2("describe-nat-gateways", "--filter", filter("vpc-id", vpc))
                .get("NatGateways"), "State"));
        advanceClock(120);

        String publicRt = routeTable(vpc, "public-rt");
        ec2("create-route", "--route-table-id", publicRt, "--destination-cidr-block", "0.0.0.0/0", "--gateway-id", igw);
        ec2("associate-route-table", "--route-table-id", publicRt, "--subnet-id", pubA);
        ec2("associate-route-table", "--route-table-id", publicRt, "--subnet-id", pubC);
        String privateRtA = routeTable(vpc, "private-rt-a");
        String privateRtC = routeTable(vpc, "private-rt-c");
        ec2("create-route", "--route-table-id", privateRtA, "--destination-cidr-block", "0.0.0.0/0",
                "--nat-gateway-id", natA);
        ec2("create-route", "--route-table-id", privateRtC, "--destination-cidr-block", "0.0.0.0/0",
                "--nat-gateway-id", natC);
        ec2("associate-route-table", "--route-table-id", privateRtA, "--subnet-id", privA);
        ec2("associate-route-table", "--route-table-id", privateRtC, "--subnet-id", privC);

        String web = group(vpc, "web");
        String app = group(vpc, "app");
        String data = group(vpc, "data");
        ec2("authorize-security-group-ingress", "--group-id", web, "--protocol", "tcp", "--port", "443",
                "--cidr", "0.0.0.0/0");
        ec2("authorize-security-group-ingress", "--group-id", app, "--ip-permissions",
                "[{\"IpProtocol\":\"tcp\",\"FromPort\":80,\"ToPort\":80,\"UserIdGroupPairs\":[{\"GroupId\":\"" + web + "\"}]}]");
        ec2("authorize-security-group-ingress", "--group-id", data, "--protocol", "tcp", "--port", "3306",
                "--source-group", app);
        refused("InvalidPermission.Duplicate", "authorize-security-group-ingress", "--group-id", web, "--protocol",
                "tcp", "--port", "443", "--cidr", "0.0.0.0/0");

        String acl = ec2("create-network-acl", "--vpc-id", vpc, "--tag-specifications", tags("network-acl", "public-acl"))
                .at("/NetworkAcl/NetworkAclId").asText();
        ec2("create-network-acl-entry", "--network-acl-id", acl, "--ingress", "--rule-number", "100", "--protocol", "tcp",
                "--port-range", "From=443,To=443", "--cidr-block", "0.0.0.0/0", "--rule-action", "allow");
        ec2("create-network-acl-entry", "--network-acl-id", acl, "--ingress", "--rule-number", "110", "--protocol", "tcp",
                "--port-range", "From=1024,To=65535", "--cidr-block", "0.0.0.0/0", "--rule-action", "allow");
        ec2("create-network-acl-entry", "--network-acl-id", acl, "--egress", "--rule-number", "100", "--protocol", "-1",
                "--cidr-block", "0.0.0.0/0", "--rule-action", "allow");
        JsonNode defaultAcl = ec2("describe-network-acls", "--filters", filter("vpc-id", vpc), filter("default", "true"))
                .at("/NetworkAcls/0");
        for (JsonNode a : defaultAcl.get("Associations")) {
            String subnet = a.get("SubnetId").asText();
            if (subnet.equals(pubA) || subnet.equals(pubC)) {
                ec2("replace-network-acl-association", "--association-id", a.get("NetworkAclAssociationId").asText(),
                        "--network-acl-id", acl);
            }
        }

        String endpoint = ec2("create-vpc-endpoint", "--vpc-id", vpc, "--service-name", "com.amazonaws.ap-northeast-2.s3",
                "--route-table-ids", privateRtA, privateRtC).at("/VpcEndpoint/VpcEndpointId").asText();

        // Describe: exactly what was built.
        JsonNode vpcs = ec2("describe-vpcs", "--filters", filter("tag:Name", "course")).get("Vpcs");
        assertEquals(1, vpcs.size());
        assertEquals("10.0.0.0/16", vpcs.get(0).get("CidrBlock").asText());
        assertEquals("available", vpcs.get(0).get("State").asText());
        assertEquals(2, ec2("describe-vpcs").get("Vpcs").size(), "the course VPC and the default VPC");

        JsonNode subnets = ec2("describe-subnets", "--filters", filter("vpc-id", vpc)).get("Subnets");
        assertEquals(Set.of("10.0.1.0/24", "10.0.2.0/24", "10.0.11.0/24", "10.0.12.0/24"), texts(subnets, "CidrBlock"));
        for (JsonNode s : subnets) {
            boolean isPublic = s.get("SubnetId").asText().equals(pubA) || s.get("SubnetId").asText().equals(pubC);
            assertEquals(isPublic, s.get("MapPublicIpOnLaunch").asBoolean());
            // 256 - 5 reserved, minus the NAT gateway's interface in each public subnet.
            assertEquals(isPublic ? 250 : 251, s.get("AvailableIpAddressCount").asInt(), s.toString());
        }
        assertEquals(Set.of("ap-northeast-2a", "ap-northeast-2c"), texts(subnets, "AvailabilityZone"));

        JsonNode igws = ec2("describe-internet-gateways", "--filters", filter("attachment.vpc-id", vpc))
                .get("InternetGateways");
        assertEquals(1, igws.size());
        assertEquals(igw, igws.get(0).get("InternetGatewayId").asText());

        JsonNode nats = ec2("describe-nat-gateways", "--filter", filter("vpc-id", vpc)).get("NatGateways");
        assertEquals(Set.of("available"), texts(nats, "State"));
        Set<String> natIps = new HashSet<>();
        nats.forEach(n -> natIps.add(n.at("/NatGatewayAddresses/0/PublicIp").asText()));
        assertEquals(Set.of(eipA.get("PublicIp").asText(), eipC.get("PublicIp").asText()), natIps);
        assertEquals(Set.of(pubA, pubC), texts(nats, "SubnetId"));

        JsonNode tables = ec2("describe-route-tables", "--filters", filter("vpc-id", vpc)).get("RouteTables");
        assertEquals(4, tables.size(), "main + public + two private");
        String pl = ec2("describe-prefix-lists", "--filters", filter("prefix-list-name", "com.amazonaws.ap-northeast-2.s3"))
                .at("/PrefixLists/0/PrefixListId").asText();
        for (JsonNode t : tables) {
            String id = t.get("RouteTableId").asText();
            Set<String> routes = new TreeSet<>();
            t.get("Routes").forEach(r -> routes.add(r.path("DestinationCidrBlock").asText(
                    r.path("DestinationPrefixListId").asText()) + "->" + r.path("GatewayId").asText(
                    r.path("NatGatewayId").asText()) + ":" + r.get("State").asText()));
            Set<String> expected = new TreeSet<>(Set.of("10.0.0.0/16->local:active"));
            if (id.equals(publicRt)) {
                expected.add("0.0.0.0/0->" + igw + ":active");
            } else if (id.equals(privateRtA) || id.equals(privateRtC)) {
                expected.add("0.0.0.0/0->" + (id.equals(privateRtA) ? natA : natC) + ":active");
                expected.add(pl + "->" + endpoint + ":active");
            }
            assertEquals(expected, routes, id);
        }
        assertEquals(Set.of(pubA, pubC), texts(ec2("describe-route-tables", "--route-table-ids", publicRt)
                .at("/RouteTables/0/Associations"), "SubnetId"));

        JsonNode groups = ec2("describe-security-groups", "--filters", filter("vpc-id", vpc)).get("SecurityGroups");
        assertEquals(Set.of("default", "web", "app", "data"), texts(groups, "GroupName"));
        for (JsonNode g : groups) {
            JsonNode in = g.get("IpPermissions");
            switch (g.get("GroupName").asText()) {
                case "web" -> {
                    assertEquals(443, in.at("/0/FromPort").asInt());
                    assertEquals("0.0.0.0/0", in.at("/0/IpRanges/0/CidrIp").asText());
                }
                case "app" -> {
                    assertEquals(80, in.at("/0/FromPort").asInt());
                    assertEquals(web, in.at("/0/UserIdGroupPairs/0/GroupId").asText());
                }
                case "data" -> {
                    assertEquals(3306, in.at("/0/FromPort").asInt());
                    assertEquals(app, in.at("/0/UserIdGroupPairs/0/GroupId").asText());
                }
                default -> assertEquals(g.get("GroupId").asText(), in.at("/0/UserIdGroupPairs/0/GroupId").asText());
            }
            if (!g.get("GroupName").asText().equals("default")) {
                assertEquals(1, in.size());
            }
        }
        JsonNode aclNode = ec2("describe-network-acls", "--network-acl-ids", acl).at("/NetworkAcls/0");
        assertEquals(Set.of(pubA, pubC), texts(aclNode.get("Associations"), "SubnetId"));
        assertEquals(5, aclNode.get("Entries").size(), "three entries plus the two catch-all denies");
        JsonNode endpoints = ec2("describe-vpc-endpoints", "--filters", filter("vpc-id", vpc)).get("VpcEndpoints");
        assertEquals(1, endpoints.size());
        assertEquals("Gateway", endpoints.get(0).get("VpcEndpointType").asText());
        assertEquals(Set.of(privateRtA, privateRtC), new TreeSet<>(List.of(endpoints.at("/0/RouteTableIds/0").asText(),
                endpoints.at("/0/RouteTableIds/1").asText())));

        // Tear down in the wrong order: AWS refuses.
        refused("DependencyViolation", "delete-vpc", "--vpc-id", vpc);
        refused("DependencyViolation", "delete-internet-gateway", "--internet-gateway-id", igw);
        refused("DependencyViolation", "detach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", vpc);
        refused("DependencyViolation", "delete-security-group", "--group-id", web);
        refused("DependencyViolation", "delete-security-group", "--group-id", app);
        refused("DependencyViolation", "delete-subnet", "--subnet-id", pubA);
        refused("DependencyViolation", "delete-route-table", "--route-table-id", publicRt);
        refused("DependencyViolation", "delete-network-acl", "--network-acl-id", acl);
        refused("InvalidIPAddress.InUse", "release-address", "--allocation-id", eipA.get("AllocationId").asText());
        refused("CannotDelete", "delete-security-group", "--group-id", ec2("describe-security-groups", "--filters",
                filter("vpc-id", vpc), filter("group-name", "default")).at("/SecurityGroups/0/GroupId").asText());

        // And in the right order it all goes.
        ec2("delete-vpc-endpoints", "--vpc-endpoint-ids", endpoint);
        ec2("delete-nat-gateway", "--nat-gateway-id", natA);
        ec2("delete-nat-gateway", "--nat-gateway-id", natC);
        refused("DependencyViolation", "delete-subnet", "--subnet-id", pubA);
        advanceClock(120);
        ec2("release-address", "--allocation-id", eipA.get("AllocationId").asText());
        ec2("release-address", "--allocation-id", eipC.get("AllocationId").asText());
        ec2("delete-security-group", "--group-id", data);
        ec2("delete-security-group", "--group-id", app);
        ec2("delete-security-group", "--group-id", web);
        for (String subnet : List.of(pubA, pubC, privA, privC)) {
            ec2("delete-subnet", "--subnet-id", subnet);
        }
        for (String rt : List.of(publicRt, privateRtA, privateRtC)) {
            ec2("delete-route-table", "--route-table-id", rt);
        }
        ec2("delete-network-acl", "--network-acl-id", acl);
        ec2("detach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", vpc);
        ec2("delete-internet-gateway", "--internet-gateway-id", igw);
        ec2("delete-vpc", "--vpc-id", vpc);
        assertEquals(1, ec2("describe-vpcs").get("Vpcs").size(), "only the default VPC is left");
        refused("InvalidVpcID.NotFound", "describe-vpcs", "--vpc-ids", vpc);
    }

    private static String subnet(String vpc, String cidr, String az, String name) throws Exception {
        return ec2("create-subnet", "--vpc-id", vpc, "--cidr-block", cidr, "--availability-zone", az,
                "--tag-specifications", tags("subnet", name)).at("/Subnet/SubnetId").asText();
    }

    private static String routeTable(String vpc, String name) throws Exception {
        return ec2("create-route-table", "--vpc-id", vpc, "--tag-specifications", tags("route-table", name))
                .at("/RouteTable/RouteTableId").asText();
    }

    private static String group(String vpc, String name) throws Exception {
        return ec2("create-security-group", "--vpc-id", vpc, "--group-name", name, "--description", name + " tier",
                "--tag-specifications", tags("security-group", name)).get("GroupId").asText();
    }
}
