package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

class InstancesIT extends Ec2ApiTestBase {

    static String al2023(Ec2Client ec2, String arch) {
        return ec2.describeImages(b -> b.owners("amazon").filters(Filter.builder().name("name")
                .values("al2023-ami-2023.6.20241121.0-kernel-6.1-" + arch).build())).images().get(0).imageId();
    }

    static Instance describe(Ec2Client ec2, String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    static void advance(Duration d) {
        gureum.context().clock().advance(d);
    }

    @Test
    void runInDefaultVpcThenStopStartTerminate() {
        Ec2Client ec2 = ec2();
        String ami = al2023(ec2, "x86_64");
        RunInstancesResponse run = ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro").minCount(1)
                .maxCount(1).placement(p -> p.availabilityZone("ap-northeast-2b"))
                .tagSpecifications(t -> t.resourceType("instance").tags(g -> g.key("Name").value("web")))
                .userData(Base64.getEncoder().encodeToString("#!/bin/sh\necho hi".getBytes())));
        Instance launched = run.instances().get(0);
        String id = launched.instanceId();
        assertEquals("pending", launched.state().nameAsString());
        assertEquals("ap-northeast-2b", launched.placement().availabilityZone());
        assertNotNull(launched.privateIpAddress());
        String firstPublic = launched.publicIpAddress();
        assertNotNull(firstPublic, "a default subnet maps public IPs on launch");
        assertEquals("unlimited", ec2.describeInstanceCreditSpecifications(b -> b.instanceIds(id))
                .instanceCreditSpecifications().get(0).cpuCredits(), "T3 launches unlimited");
        var modified = ec2.modifyInstanceCreditSpecification(b -> b.instanceCreditSpecifications(
                c -> c.instanceId(id).cpuCredits("standard"), c -> c.instanceId("i-0123456789abcdef0").cpuCredits("standard")));
        assertEquals(id, modified.successfulInstanceCreditSpecifications().get(0).instanceId());
        assertEquals("InvalidInstanceID.NotFound", modified.unsuccessfulInstanceCreditSpecifications().get(0).error()
                .codeAsString());
        assertEquals("standard", ec2.describeInstanceCreditSpecifications(b -> b.instanceIds(id))
                .instanceCreditSpecifications().get(0).cpuCredits());
        assertEquals(1, launched.blockDeviceMappings().size());
        assertEquals("/dev/xvda", launched.blockDeviceMappings().get(0).deviceName());
        assertEquals("required", launched.metadataOptions().httpTokensAsString(), "AL2023 asks for IMDSv2");

        advance(Duration.ofSeconds(10));
        Instance running = describe(ec2, id);
        assertEquals("running", running.state().nameAsString());
        assertEquals("web", running.tags().get(0).value());
        assertEquals(1, running.networkInterfaces().size());
        assertEquals("amazon", running.networkInterfaces().get(0).association().ipOwnerId());
        assertEquals("ok", ec2.describeInstanceStatus(b -> b.instanceIds(id)).instanceStatuses().get(0)
                .instanceStatus().statusAsString());

        fails("IncorrectInstanceState", 400, () -> ec2.modifyInstanceAttribute(b -> b.instanceId(id)
                .instanceType(v -> v.value("t3.small"))));

        // The VPC module's tag operations find instances and their volumes through core's registry.
        ec2.createTags(b -> b.resources(id, running.blockDeviceMappings().get(0).ebs().volumeId())
                .tags(g -> g.key("env").value("test")));
        var tags = ec2.describeTags(b -> b.filters(Filter.builder().name("key").values("env").build())).tags();
        assertEquals(List.of("instance", "volume"), tags.stream().map(t -> t.resourceTypeAsString()).sorted().toList());
        assertEquals(1, ec2.describeInstances(b -> b.filters(Filter.builder().name("tag:env").values("test").build()))
                .reservations().size());

        ec2.stopInstances(b -> b.instanceIds(id));
        assertEquals("stopping", describe(ec2, id).state().nameAsString());
        advance(Duration.ofSeconds(10));
        Instance stopped = describe(ec2, id);
        assertEquals("stopped", stopped.state().nameAsString());
        assertNull(stopped.publicIpAddress());
        assertEquals(running.privateIpAddress(), stopped.privateIpAddress());
        assertTrue(ec2.describeInstanceStatus(b -> b.instanceIds(id)).instanceStatuses().isEmpty());
        assertEquals("stopped", ec2.describeInstanceStatus(b -> b.instanceIds(id).includeAllInstances(true))
                .instanceStatuses().get(0).instanceState().nameAsString());
        ec2.modifyInstanceAttribute(b -> b.instanceId(id).instanceType(v -> v.value("t3.small")));
        fails("IncorrectInstanceState", 400, () -> ec2.rebootInstances(b -> b.instanceIds(id)));
        assertEquals("", ec2.getPasswordData(b -> b.instanceId(id)).passwordData());

        ec2.startInstances(b -> b.instanceIds(id));
        advance(Duration.ofSeconds(10));
        Instance restarted = describe(ec2, id);
        assertEquals("running", restarted.state().nameAsString());
        assertEquals("t3.small", restarted.instanceTypeAsString());
        assertEquals(running.privateIpAddress(), restarted.privateIpAddress());
        assertNotNull(restarted.publicIpAddress());
        assertNotEquals(firstPublic, restarted.publicIpAddress());

        ec2.modifyInstanceAttribute(b -> b.instanceId(id).disableApiTermination(v -> v.value(true)));
        fails("OperationNotPermitted", 400, () -> ec2.terminateInstances(b -> b.instanceIds(id)));
        ec2.modifyInstanceAttribute(b -> b.instanceId(id).disableApiTermination(v -> v.value(false)));
        fails("DryRunOperation", 412, () -> ec2.terminateInstances(b -> b.instanceIds(id).dryRun(true)));
        assertEquals("shutting-down", ec2.terminateInstances(b -> b.instanceIds(id)).terminatingInstances().get(0)
                .currentState().nameAsString());
        advance(Duration.ofSeconds(10));
        Instance terminated = describe(ec2, id);
        assertEquals("terminated", terminated.state().nameAsString());
        assertTrue(terminated.networkInterfaces().isEmpty());
        assertTrue(ec2.describeNetworkInterfaces(b -> b.filters(Filter.builder().name("attachment.instance-id")
                .values(id).build())).networkInterfaces().isEmpty());
        assertTrue(ec2.describeVolumes(b -> b.filters(Filter.builder().name("attachment.instance-id").values(id)
                .build())).volumes().isEmpty());
        advance(Duration.ofHours(2));
        fails("InvalidInstanceID.NotFound", 400, () -> ec2.describeInstances(b -> b.instanceIds(id)));
    }

    @Test
    void ipv6WhenAskedInASubnetThatHasABlock() {
        Ec2Client ec2 = ec2("ap-northeast-1");
        String ami = al2023(ec2, "x86_64");
        var vpc = ec2.createVpc(b -> b.cidrBlock("10.9.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc();
        String block = ec2.describeVpcs(b -> b.vpcIds(vpc.vpcId())).vpcs().get(0).ipv6CidrBlockAssociationSet().get(0)
                .ipv6CidrBlock();
        String[] groups = block.substring(0, block.indexOf("::")).split(":");
        String subnet64 = groups[0] + ":" + groups[1] + ":" + groups[2] + ":"
                + Integer.toHexString(Integer.parseInt(groups[3], 16) | 1) + "::/64";
        String subnet = ec2.createSubnet(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.9.1.0/24").ipv6CidrBlock(subnet64))
                .subnet().subnetId();
        Instance i = ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1)
                .subnetId(subnet).ipv6AddressCount(1)).instances().get(0);
        assertNotNull(i.ipv6Address());
        assertTrue(i.ipv6Address().startsWith(subnet64.substring(0, subnet64.indexOf("::"))), i.ipv6Address());
        String plain = ec2.createSubnet(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.9.2.0/24")).subnet().subnetId();
        fails("InvalidParameterValue", 400, () -> ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro")
                .minCount(1).maxCount(1).subnetId(plain).ipv6AddressCount(1)));
        assertEquals(251, ec2.describeSubnets(b -> b.subnetIds(plain)).subnets().get(0).availableIpAddressCount(),
                "a refused launch holds no address");
    }

    @Test
    void requestErrors() {
        Ec2Client ec2 = ec2();
        String ami = al2023(ec2, "x86_64");
        fails("InvalidParameterValue", 400, () -> ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro")
                .minCount(3).maxCount(2)));
        fails("InvalidAMIID.NotFound", 400, () -> ec2.runInstances(b -> b.imageId("ami-0123456789abcdef0")
                .instanceType("t3.micro").minCount(1).maxCount(1)));
        fails("InvalidAMIID.Malformed", 400, () -> ec2.runInstances(b -> b.imageId("ami-nope")
                .instanceType("t3.micro").minCount(1).maxCount(1)));
        String message = fails("InvalidParameterValue", 400, () -> ec2.runInstances(b -> b.imageId(ami)
                .instanceType("t4g.micro").minCount(1).maxCount(1)));
        assertTrue(message.contains("architecture 'arm64'"), message);
        fails("InvalidParameterValue", 400, () -> ec2.runInstances(b -> b.imageId(ami).instanceType("t3.huge")
                .minCount(1).maxCount(1)));
        fails("InvalidParameterValue", 400, () -> ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro")
                .minCount(1).maxCount(1).userData(Base64.getEncoder().encodeToString(new byte[16385]))));
        fails("VcpuLimitExceeded", 400, () -> ec2.runInstances(b -> b.imageId(ami).instanceType("m5.24xlarge")
                .minCount(13).maxCount(13)));
        fails("DryRunOperation", 412, () -> ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro")
                .minCount(1).maxCount(1).dryRun(true)));
        fails("InvalidInstanceID.Malformed", 400, () -> ec2.describeInstances(b -> b.instanceIds("i-xyz")));
        fails("InvalidInstanceID.NotFound", 400, () -> ec2.stopInstances(b -> b.instanceIds("i-0123456789abcdef0")));
        fails("InvalidSubnetID.NotFound", 400, () -> ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro")
                .minCount(1).maxCount(1).subnetId("subnet-0123456789abcdef0")));
        fails("InvalidParameterValue", 400, () -> ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro")
                .minCount(1).maxCount(1).iamInstanceProfile(p -> p.name("no-such-profile"))));
    }

    @Test
    void clientTokenReplaysAndReservationsGroupTheirInstances() {
        Ec2Client ec2 = ec2("eu-west-1");
        String ami = al2023(ec2, "arm64");
        String token = "token-" + System.nanoTime();
        RunInstancesResponse first = ec2.runInstances(b -> b.imageId(ami).instanceType("t4g.nano").minCount(3)
                .maxCount(3).clientToken(token));
        RunInstancesResponse again = ec2.runInstances(b -> b.imageId(ami).instanceType("t4g.nano").minCount(3)
                .maxCount(3).clientToken(token));
        assertEquals(first.reservationId(), again.reservationId());
        assertEquals(first.instances().stream().map(Instance::instanceId).toList(),
                again.instances().stream().map(Instance::instanceId).toList());
        fails("IdempotentParameterMismatch", 400, () -> ec2.runInstances(b -> b.imageId(ami).instanceType("t4g.micro")
                .minCount(3).maxCount(3).clientToken(token)));
        ec2.runInstances(b -> b.imageId(ami).instanceType("t4g.nano").minCount(4).maxCount(4));

        var all = ec2.describeInstances(b -> b.filters(Filter.builder().name("instance-type").values("t4g.nano")
                .build()));
        assertEquals(2, all.reservations().size());
        assertEquals(3, all.reservations().get(0).instances().size());
        assertEquals(List.of(0, 1, 2), all.reservations().get(0).instances().stream().map(Instance::amiLaunchIndex).toList());

        var page = ec2.describeInstances(b -> b.maxResults(5));
        assertEquals(5, page.reservations().stream().mapToInt(r -> r.instances().size()).sum());
        assertNotNull(page.nextToken());
        var rest = ec2.describeInstances(b -> b.maxResults(5).nextToken(page.nextToken()));
        assertNull(rest.nextToken());
        assertEquals(2, rest.reservations().stream().mapToInt(r -> r.instances().size()).sum());

        assertEquals(3, ec2.describeInstances(b -> b.filters(Filter.builder().name("reservation-id")
                .values(first.reservationId()).build(), Filter.builder().name("owner-id").values("123456789012")
                .build())).reservations().get(0).instances().size());
        String someIp = first.instances().get(1).privateIpAddress();
        var byIp = ec2.describeInstances(b -> b.filters(Filter.builder().name("private-ip-address").values(someIp)
                .build()));
        assertEquals(first.instances().get(1).instanceId(), byIp.reservations().get(0).instances().get(0).instanceId());
        String group = first.instances().get(0).securityGroups().get(0).groupId();
        assertEquals(7, ec2.describeInstances(b -> b.filters(Filter.builder().name("instance.group-id").values(group)
                .build(), Filter.builder().name("instance-state-name").values("pending", "running").build()))
                .reservations().stream().mapToInt(r -> r.instances().size()).sum());
    }
}
