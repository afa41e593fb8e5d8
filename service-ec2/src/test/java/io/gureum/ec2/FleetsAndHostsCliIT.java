package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real AWS CLI: a Dedicated Host with an instance on it, an instant EC2 Fleet and a Spot Fleet request
 * with its IAM role, each made, described and ended as the EC2 user guide shows it.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class FleetsAndHostsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static AwsCli aws;

    @BeforeAll
    static void start() {
        aws = new AwsCli(server.gureum().endpoint(), "123456789012", "us-east-1");
    }

    static JsonNode json(String... args) throws Exception {
        AwsCli.Result r = aws.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + " failed: " + r.stderr());
        String out = r.stdout().strip();
        return out.isEmpty() ? JSON.nullNode() : JSON.readTree(out);
    }

    static String image() throws Exception {
        return json("ec2", "describe-images", "--owners", "amazon", "--filters",
                "Name=name,Values=al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64").get("Images").get(0)
                .get("ImageId").asText();
    }

    @Test
    void aHostWithAnInstanceOnIt() throws Exception {
        String host = json("ec2", "allocate-hosts", "--instance-type", "c5.large", "--availability-zone",
                "us-east-1a", "--quantity", "1").get("HostIds").get(0).asText();
        String instance = json("ec2", "run-instances", "--image-id", image(), "--instance-type", "c5.large",
                "--placement", "HostId=" + host).get("Instances").get(0).get("InstanceId").asText();
        JsonNode h = json("ec2", "describe-hosts", "--host-ids", host).get("Hosts").get(0);
        assertEquals(instance, h.get("Instances").get(0).get("InstanceId").asText());
        assertEquals("available", h.get("State").asText());
        JsonNode released = json("ec2", "release-hosts", "--host-ids", host);
        assertEquals("Client.InvalidHost.Occupied", released.get("Unsuccessful").get(0).get("Error").get("Code")
                .asText());
        json("ec2", "terminate-instances", "--instance-ids", instance);
        server.gureum().context().clock().advance(java.time.Duration.ofMinutes(1));
        assertEquals("terminated", json("ec2", "describe-instances", "--instance-ids", instance).get("Reservations")
                .get(0).get("Instances").get(0).get("State").get("Name").asText());
        assertEquals(host, json("ec2", "release-hosts", "--host-ids", host).get("Successful").get(0).asText());
    }

    @Test
    void anInstantFleetAndASpotFleet() throws Exception {
        String image = image();
        String template = json("ec2", "create-launch-template", "--launch-template-name", "cli-fleet",
                "--launch-template-data", "{\"ImageId\":\"" + image + "\",\"InstanceType\":\"t3.micro\"}")
                .get("LaunchTemplate").get("LaunchTemplateId").asText();
        JsonNode fleet = json("ec2", "create-fleet", "--type", "instant", "--launch-template-configs",
                "[{\"LaunchTemplateSpecification\":{\"LaunchTemplateId\":\"" + template + "\",\"Version\":\"1\"},"
                        + "\"Overrides\":[{\"InstanceType\":\"m5.large\"},{\"InstanceType\":\"c5.large\"}]}]",
                "--target-capacity-specification", "TotalTargetCapacity=2,DefaultTargetCapacityType=spot",
                "--spot-options", "AllocationStrategy=diversified");
        String fleetId = fleet.get("FleetId").asText();
        List<String> types = new ArrayList<>();
        fleet.get("Instances").forEach(i -> types.add(i.get("InstanceType").asText()));
        assertEquals(List.of("m5.large", "c5.large"), types);
        JsonNode described = json("ec2", "describe-fleets", "--fleet-ids", fleetId).get("Fleets").get(0);
        assertEquals("fulfilled", described.get("ActivityStatus").asText());
        assertEquals(2.0, described.get("FulfilledCapacity").asDouble());
        assertEquals("deleted_terminating", json("ec2", "delete-fleets", "--fleet-ids", fleetId,
                "--terminate-instances").get("SuccessfulFleetDeletions").get(0).get("CurrentFleetState").asText());

        String role = json("iam", "create-role", "--role-name", "cli-spot-fleet", "--assume-role-policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"spotfleet.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}").get("Role").get("Arn")
                .asText();
        String request = json("ec2", "request-spot-fleet", "--spot-fleet-request-config", "{\"IamFleetRole\":\""
                + role + "\",\"TargetCapacity\":2,\"LaunchSpecifications\":[{\"ImageId\":\"" + image
                + "\",\"InstanceType\":\"m5.large\"}]}").get("SpotFleetRequestId").asText();
        JsonNode sf = json("ec2", "describe-spot-fleet-requests", "--spot-fleet-request-ids", request)
                .get("SpotFleetRequestConfigs").get(0);
        assertEquals("active", sf.get("SpotFleetRequestState").asText());
        assertEquals(2, json("ec2", "describe-spot-fleet-instances", "--spot-fleet-request-id", request)
                .get("ActiveInstances").size());
        assertTrue(json("ec2", "describe-spot-fleet-request-history", "--spot-fleet-request-id", request,
                "--start-time", "2000-01-01T00:00:00Z").get("HistoryRecords").size() >= 3);
        assertEquals("cancelled_terminating", json("ec2", "cancel-spot-fleet-requests", "--spot-fleet-request-ids",
                request, "--terminate-instances").get("SuccessfulFleetRequests").get(0)
                .get("CurrentSpotFleetRequestState").asText());
    }
}
