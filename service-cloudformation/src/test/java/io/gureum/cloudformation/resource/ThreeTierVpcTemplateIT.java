package io.gureum.cloudformation.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The course's 3-tier VPC template ({@code templates/three-tier-vpc.yaml}, for the engine's end-to-end
 * test) deployed through the registered handlers by {@link TemplateWalker}, checked through EC2, then
 * deleted in reverse order down to nothing.
 */
class ThreeTierVpcTemplateIT extends HandlerTestSupport {

    @Test
    void deploysTheCourseNetworkAndDeletesItAll() throws Exception {
        JsonNode template;
        try (InputStream in = getClass().getResourceAsStream("/templates/three-tier-vpc.yaml")) {
            template = TemplateWalker.readYaml(in);
        }
        assertTrue(ResourceHandlers.builtIn().unrecognized(List.of("AWS::EC2::VPC", "AWS::EC2::NatGateway"))
                .isEmpty());
        TemplateWalker stack = new TemplateWalker(template, new ResourceRequest.Stack(STACK, stackId, account,
                REGION), gureum.context().clients());
        List<String> order = stack.create();
        assertEquals(30, order.size());
        assertTrue(order.indexOf("NatEipA") > order.indexOf("InternetGatewayAttachment"), "DependsOn is honoured");

        Ec2Client ec2 = client(Ec2Client.class);
        String vpc = stack.output("VpcId");
        Filter inVpc = Filter.builder().name("vpc-id").values(vpc).build();
        assertEquals(6, ec2.describeSubnets(b -> b.filters(inVpc)).subnets().size());
        Map<String, String> zones = ec2.describeSubnets(b -> b.filters(inVpc)).subnets().stream().collect(
                Collectors.toMap(s -> s.cidrBlock(), s -> s.availabilityZone()));
        assertEquals(zones.get("10.0.0.0/24"), zones.get("10.0.10.0/24"));
        assertTrue(!zones.get("10.0.0.0/24").equals(zones.get("10.0.1.0/24")), "two zones");

        RouteTable privateA = ec2.describeRouteTables(b -> b.routeTableIds(stack.resource("PrivateRouteTableA")
                .physicalId())).routeTables().get(0);
        assertEquals(stack.resource("NatGatewayA").physicalId(), privateA.routes().stream()
                .filter(r -> "0.0.0.0/0".equals(r.destinationCidrBlock())).findFirst().orElseThrow().natGatewayId());
        RouteTable data = ec2.describeRouteTables(b -> b.routeTableIds(stack.resource("DataRouteTable").physicalId()))
                .routeTables().get(0);
        assertTrue(data.routes().stream().noneMatch(r -> "0.0.0.0/0".equals(r.destinationCidrBlock())),
                "the data tier has no internet route");
        assertEquals(2, data.associations().size());

        SecurityGroup dataSg = ec2.describeSecurityGroups(b -> b.groupIds(stack.output("DataSecurityGroup")))
                .securityGroups().get(0);
        assertEquals(stack.output("AppSecurityGroup"), dataSg.ipPermissions().get(0).userIdGroupPairs().get(0)
                .groupId());
        assertEquals("course-data", dataSg.tags().stream().filter(t -> t.key().equals("Name")).findFirst()
                .orElseThrow().value());
        assertEquals(2, stack.output("NatPublicIps").split(",").length);
        assertEquals(3, ec2.describeVpcEndpoints(b -> b.vpcEndpointIds(stack.resource("S3GatewayEndpoint")
                .physicalId())).vpcEndpoints().get(0).routeTableIds().size());

        String igw = stack.resource("InternetGateway").physicalId();
        // Deleting waits for the NAT gateways to be deleted before their addresses and subnets go.
        CompletableFuture<Void> deleting = CompletableFuture.runAsync(stack::delete);
        while (!deleting.isDone()) {
            gureum.context().clock().advance(Duration.ofSeconds(30));
            Thread.sleep(50);
        }
        deleting.get();
        assertTrue(ec2.describeVpcs(b -> b.filters(inVpc)).vpcs().isEmpty());
        assertTrue(ec2.describeAddresses().addresses().isEmpty());
        assertTrue(ec2.describeInternetGateways(b -> b.filters(Filter.builder().name("internet-gateway-id")
                .values(igw).build())).internetGateways().isEmpty());
    }
}
