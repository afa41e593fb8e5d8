package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real AWS CLI against a server whose services are found by ServiceLoader, as the distribution
 * finds them: both registrations of the EC2 API (service-vpc's and this module's) answer on one endpoint.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class InstanceTypesCliIT {
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
        List<String> all = new ArrayList<>(List.of("ec2"));
        all.addAll(List.of(args));
        AwsCli.Result r = aws.run(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), String.join(" ", args) + " failed: " + r.stderr());
        return JSON.readTree(r.stdout());
    }

    @Test
    void describeInstanceTypesAndOfferingsBesideTheVpcOperations() throws Exception {
        JsonNode t3 = ec2("describe-instance-types", "--instance-types", "t3.micro").get("InstanceTypes").get(0);
        assertEquals(2, t3.get("VCpuInfo").get("DefaultVCpus").asInt());
        assertEquals(1024, t3.get("MemoryInfo").get("SizeInMiB").asInt());
        assertEquals("nitro", t3.get("Hypervisor").asText());

        // The CLI follows NextToken by itself; a page size of 5 makes it walk two pages.
        Set<String> names = new TreeSet<>();
        ec2("describe-instance-types", "--filters", "Name=instance-type,Values=t3.*", "--page-size", "5")
                .get("InstanceTypes").forEach(i -> names.add(i.get("InstanceType").asText()));
        assertEquals(Set.of("t3.2xlarge", "t3.large", "t3.medium", "t3.micro", "t3.nano", "t3.small", "t3.xlarge"), names);

        JsonNode zones = ec2("describe-availability-zones").get("AvailabilityZones");
        JsonNode offerings = ec2("describe-instance-type-offerings", "--location-type", "availability-zone",
                "--filters", "Name=instance-type,Values=t3.micro").get("InstanceTypeOfferings");
        assertEquals(zones.size(), offerings.size());

        assertEquals(1, ec2("describe-vpcs", "--filters", "Name=is-default,Values=true").get("Vpcs").size());
    }

    @Test
    void anUnknownTypeIsRefusedWithAwsCode() throws Exception {
        AwsCli.Result r = aws.run("ec2", "describe-instance-types", "--instance-types", "t3.enormous");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("(InvalidInstanceType)") && r.stderr().contains("[t3.enormous]"), r.stderr());
    }
}
