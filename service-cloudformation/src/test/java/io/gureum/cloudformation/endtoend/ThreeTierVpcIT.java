package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The course's 3-tier VPC ({@code templates/three-tier-vpc.yaml}) deployed by the engine, with the SDK
 * (CreateStack, DeleteStack) and with the aws CLI ({@code cloudformation deploy}, {@code delete-stack},
 * {@code wait stack-delete-complete}), checked through EC2 and the stack's outputs and exports.
 */
class ThreeTierVpcIT extends EndToEndSupport {

    @Test
    void createStackBuildsTheNetworkAndDeleteStackRemovesIt() {
        String name = unique("course");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(template("/templates/three-tier-vpc.yaml")))
                .stackId();
        Stack stack = settle(id);
        assertEquals("CREATE_COMPLETE", stack.stackStatusAsString(), stack.stackStatusReason());
        assertEquals(30, cfn.describeStackResources(b -> b.stackName(name)).stackResources().size());

        String vpcId = output(stack, "VpcId");
        Vpc vpc = ec2.describeVpcs(b -> b.vpcIds(vpcId)).vpcs().get(0);
        assertEquals("10.0.0.0/16", vpc.cidrBlock());
        Map<String, String> vpcTags = vpc.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        assertEquals("course-vpc", vpcTags.get("Name"));
        // CloudFormation's own tags, which EC2 refuses from users (CloudFormationTagsIT).
        assertEquals(name, vpcTags.get("aws:cloudformation:stack-name"));
        assertEquals(id, vpcTags.get("aws:cloudformation:stack-id"));
        assertEquals("Vpc", vpcTags.get("aws:cloudformation:logical-id"));

        List<Subnet> subnets = ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpcId))).subnets();
        assertEquals(6, subnets.size());
        Map<String, String> zones = subnets.stream().collect(Collectors.toMap(Subnet::cidrBlock,
                Subnet::availabilityZone));
        assertEquals(zones.get("10.0.0.0/24"), zones.get("10.0.10.0/24"));
        assertNotEquals(zones.get("10.0.0.0/24"), zones.get("10.0.1.0/24"), "two zones");
        assertEquals(String.join(",", physicalId(name, "PublicSubnetA"), physicalId(name, "PublicSubnetB")),
                output(stack, "PublicSubnets"));

        RouteTable privateA = ec2.describeRouteTables(b -> b.routeTableIds(physicalId(name, "PrivateRouteTableA")))
                .routeTables().get(0);
        assertEquals(physicalId(name, "NatGatewayA"), privateA.routes().stream()
                .filter(r -> "0.0.0.0/0".equals(r.destinationCidrBlock())).findFirst().orElseThrow().natGatewayId());
        RouteTable data = ec2.describeRouteTables(b -> b.routeTableIds(physicalId(name, "DataRouteTable")))
                .routeTables().get(0);
        assertTrue(data.routes().stream().noneMatch(r -> "0.0.0.0/0".equals(r.destinationCidrBlock())),
                "the data tier has no internet route");
        assertEquals(2, data.associations().size());
        assertEquals(3, ec2.describeVpcEndpoints(b -> b.vpcEndpointIds(physicalId(name, "S3GatewayEndpoint")))
                .vpcEndpoints().get(0).routeTableIds().size());

        SecurityGroup dataSg = ec2.describeSecurityGroups(b -> b.groupIds(output(stack, "DataSecurityGroup")))
                .securityGroups().get(0);
        assertEquals(output(stack, "AppSecurityGroup"), dataSg.ipPermissions().get(0).userIdGroupPairs().get(0)
                .groupId());
        List<String> natIps = List.of(output(stack, "NatPublicIps").split(","));
        assertEquals(2, natIps.size());
        assertEquals(2, ec2.describeAddresses(b -> b.publicIps(natIps)).addresses().size());

        Map<String, String> exports = cfn.listExports().exports().stream()
                .filter(e -> e.exportingStackId().equals(id))
                .collect(Collectors.toMap(e -> e.name(), e -> e.value()));
        assertEquals(Map.of(name + "-VpcId", vpcId, name + "-PublicSubnets", output(stack, "PublicSubnets"),
                name + "-AppSubnets", output(stack, "AppSubnets"), name + "-DataSubnets",
                output(stack, "DataSubnets")), exports);

        String igw = physicalId(name, "InternetGateway");
        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString());
        assertTrue(ec2.describeVpcs(b -> b.filters(filter("vpc-id", vpcId))).vpcs().isEmpty());
        assertTrue(ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpcId))).subnets().isEmpty());
        assertTrue(ec2.describeAddresses(b -> b.filters(filter("public-ip", natIps.toArray(String[]::new))))
                .addresses().isEmpty());
        assertTrue(ec2.describeInternetGateways(b -> b.filters(filter("internet-gateway-id", igw)))
                .internetGateways().isEmpty());
        assertTrue(cfn.listExports().exports().stream().noneMatch(e -> e.exportingStackId().equals(id)));
    }

    @Test
    @Tag("slow") // the slow tier (the CLI's waiters poll every 30 s): skipped by mvn verify -Dfast
    void cliDeployThenDeleteStackAndWait() throws Exception {
        String name = unique("cli-course");
        Path file = Files.createTempFile("three-tier", ".yaml");
        try {
            Files.writeString(file, template("/templates/three-tier-vpc.yaml"));
            AwsCli.Result deployed = AwsCli.run(gureum, EndToEndSupport::advance, "cloudformation", "deploy",
                    "--template-file", file.toString(), "--stack-name", name, "--parameter-overrides",
                    "VpcCidr=10.0.0.0/16", "EnvironmentName=cli");
            assertEquals(0, deployed.exitCode(), deployed.all());
            assertTrue(deployed.stdout().contains("Successfully created/updated stack - " + name), deployed.all());

            Stack stack = cfn.describeStacks(b -> b.stackName(name)).stacks().get(0);
            assertEquals("CREATE_COMPLETE", stack.stackStatusAsString());
            String vpcId = output(stack, "VpcId");
            assertEquals(6, ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpcId))).subnets().size());
            assertEquals(List.of("cli-web"), ec2.describeSecurityGroups(b -> b.groupIds(output(stack,
                    "WebSecurityGroup"))).securityGroups().get(0).tags().stream()
                    .filter(t -> t.key().equals("Name")).map(t -> t.value()).toList());

            AwsCli.Result deleting = AwsCli.run(gureum, () -> { }, "cloudformation", "delete-stack", "--stack-name",
                    name);
            assertEquals(0, deleting.exitCode(), deleting.all());
            // Move the clock until the NAT gateways are gone, so that the waiter's first poll finds the stack
            // deleted (its next poll would come 30 s of real time later).
            settle(stack.stackId());
            AwsCli.Result waited = AwsCli.run(gureum, EndToEndSupport::advance, "cloudformation", "wait",
                    "stack-delete-complete", "--stack-name", stack.stackId());
            assertEquals(0, waited.exitCode(), waited.all());
            assertEquals("DELETE_COMPLETE", cfn.describeStacks(b -> b.stackName(stack.stackId())).stacks().get(0)
                    .stackStatusAsString());
            assertTrue(ec2.describeVpcs(b -> b.filters(filter("vpc-id", vpcId))).vpcs().isEmpty());
            assertTrue(ec2.describeVpcs(b -> b.filters(filter("tag:aws:cloudformation:stack-name", name))).vpcs()
                    .isEmpty());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
