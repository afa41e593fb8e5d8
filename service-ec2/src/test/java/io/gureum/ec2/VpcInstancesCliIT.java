package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AWS CLI through a whole instance network: a VPC with a public and a private subnet, instances in
 * both, the CLI's own waiters, stop/start keeping private addresses and changing the public one (an
 * Elastic IP stays), and the VPC's resources refusing deletion until the instances are terminated.
 */
@org.junit.jupiter.api.Tag("slow")
class VpcInstancesCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static Gureum gureum;
    static AwsCli aws;

    @BeforeAll
    static void start() {
        gureum = server.gureum();
        aws = new AwsCli(gureum.endpoint(), "123456789012", "us-east-1");
    }

    static JsonNode ec2(String... args) throws Exception {
        AwsCli.Result r = run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + " failed: " + r.stderr());
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    static AwsCli.Result run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("ec2"));
        all.addAll(List.of(args));
        return aws.run(all.toArray(String[]::new));
    }

    static void fails(String code, String... args) throws Exception {
        AwsCli.Result r = run(args);
        assertNotEquals(0, r.exitCode(), String.join(" ", args) + " should have failed");
        assertTrue(r.stderr().contains("(" + code + ")"), r.stderr());
    }

    static JsonNode instance(String id) throws Exception {
        return ec2("describe-instances", "--instance-ids", id).get("Reservations").get(0).get("Instances").get(0);
    }

    /** Moves the emulated clock past a transition, then lets the CLI's waiter see the new state at its first poll. */
    static void waitFor(String waiter, String... ids) throws Exception {
        gureum.context().clock().advance(Duration.ofSeconds(10));
        List<String> args = new ArrayList<>(List.of("wait", waiter, "--instance-ids"));
        args.addAll(List.of(ids));
        ec2(args.toArray(String[]::new));
    }

    @Test
    void publicAndPrivateSubnetsThroughStopStartAndTermination() throws Exception {
        String vpc = ec2("create-vpc", "--cidr-block", "10.20.0.0/16").get("Vpc").get("VpcId").asText();
        String igw = ec2("create-internet-gateway").get("InternetGateway").get("InternetGatewayId").asText();
        ec2("attach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", vpc);
        String publicSubnet = ec2("create-subnet", "--vpc-id", vpc, "--cidr-block", "10.20.1.0/24",
                "--availability-zone", "us-east-1a").get("Subnet").get("SubnetId").asText();
        ec2("modify-subnet-attribute", "--subnet-id", publicSubnet, "--map-public-ip-on-launch");
        String privateSubnet = ec2("create-subnet", "--vpc-id", vpc, "--cidr-block", "10.20.2.0/24",
                "--availability-zone", "us-east-1a").get("Subnet").get("SubnetId").asText();
        String ami = ec2("describe-images", "--owners", "amazon", "--filters",
                "Name=name,Values=al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64").get("Images").get(0)
                .get("ImageId").asText();

        String web = ec2("run-instances", "--image-id", ami, "--instance-type", "t3.micro", "--subnet-id",
                publicSubnet, "--count", "1").get("Instances").get(0).get("InstanceId").asText();
        String db = ec2("run-instances", "--image-id", ami, "--instance-type", "t3.micro", "--subnet-id",
                privateSubnet, "--count", "1").get("Instances").get(0).get("InstanceId").asText();
        waitFor("instance-running", web, db);

        JsonNode webRunning = instance(web);
        JsonNode dbRunning = instance(db);
        assertEquals("running", webRunning.get("State").get("Name").asText());
        assertTrue(webRunning.has("PublicIpAddress"), "public subnet maps a public IP");
        assertTrue(!dbRunning.has("PublicIpAddress"), "private subnet does not");
        assertEquals(vpc, dbRunning.get("VpcId").asText());
        assertEquals(250, ec2("describe-subnets", "--subnet-ids", privateSubnet).get("Subnets").get(0)
                .get("AvailableIpAddressCount").asInt(), "the instance's interface holds one address");

        JsonNode eip = ec2("allocate-address", "--domain", "vpc");
        String eipIp = eip.get("PublicIp").asText();
        ec2("associate-address", "--instance-id", db, "--allocation-id", eip.get("AllocationId").asText());
        assertEquals(eipIp, instance(db).get("PublicIpAddress").asText());

        ec2("stop-instances", "--instance-ids", web, db);
        waitFor("instance-stopped", web, db);
        ec2("start-instances", "--instance-ids", web, db);
        waitFor("instance-running", web, db);

        JsonNode webAgain = instance(web);
        JsonNode dbAgain = instance(db);
        assertEquals(webRunning.get("PrivateIpAddress").asText(), webAgain.get("PrivateIpAddress").asText());
        assertNotEquals(webRunning.get("PublicIpAddress").asText(), webAgain.get("PublicIpAddress").asText());
        assertEquals(dbRunning.get("PrivateIpAddress").asText(), dbAgain.get("PrivateIpAddress").asText());
        assertEquals(eipIp, dbAgain.get("PublicIpAddress").asText(), "an Elastic IP survives stop and start");

        fails("DependencyViolation", "delete-subnet", "--subnet-id", privateSubnet);
        fails("DependencyViolation", "delete-vpc", "--vpc-id", vpc);

        ec2("terminate-instances", "--instance-ids", web, db);
        waitFor("instance-terminated", web, db);
        assertEquals("terminated", instance(web).get("State").get("Name").asText());
        assertTrue(ec2("describe-addresses").get("Addresses").get(0).path("InstanceId").isMissingNode(),
                "termination disassociates the Elastic IP");
        ec2("release-address", "--allocation-id", eip.get("AllocationId").asText());
        ec2("delete-subnet", "--subnet-id", privateSubnet);
        ec2("delete-subnet", "--subnet-id", publicSubnet);
        ec2("detach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", vpc);
        ec2("delete-internet-gateway", "--internet-gateway-id", igw);
        ec2("delete-vpc", "--vpc-id", vpc);
    }
}
