package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IPAM walk-through of the user guide with the real AWS CLI: an IPAM, a top-level pool, a regional pool in it,
 * a VPC whose block comes from the regional pool, the allocations that shows, and the teardown.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class IpamCliIT {
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

    @Test
    void ipamScenario() throws Exception {
        JsonNode ipam = ec2("create-ipam", "--description", "corp", "--operating-regions",
                "RegionName=ap-northeast-2", "RegionName=us-east-1", "--tag-specifications",
                "ResourceType=ipam,Tags=[{Key=Name,Value=corp}]").at("/Ipam");
        String ipamId = ipam.at("/IpamId").asText();
        String scope = ipam.at("/PrivateDefaultScopeId").asText();
        advanceClock(3);
        assertEquals("create-complete", ec2("describe-ipams", "--ipam-ids", ipamId).at("/Ipams/0/State").asText());

        String top = ec2("create-ipam-pool", "--ipam-scope-id", scope, "--address-family", "ipv4",
                "--description", "top").at("/IpamPool/IpamPoolId").asText();
        ec2("provision-ipam-pool-cidr", "--ipam-pool-id", top, "--cidr", "10.0.0.0/8");
        advanceClock(3);
        String regional = ec2("create-ipam-pool", "--ipam-scope-id", scope, "--address-family", "ipv4",
                "--source-ipam-pool-id", top, "--locale", "ap-northeast-2", "--allocation-default-netmask-length",
                "24", "--allocation-max-netmask-length", "28").at("/IpamPool/IpamPoolId").asText();
        assertEquals("10.0.0.0/16", ec2("provision-ipam-pool-cidr", "--ipam-pool-id", regional,
                "--netmask-length", "16").at("/IpamPoolCidr/Cidr").asText());
        advanceClock(3);
        assertEquals("provisioned", ec2("get-ipam-pool-cidrs", "--ipam-pool-id", regional)
                .at("/IpamPoolCidrs/0/State").asText());

        String vpc = ec2("create-vpc", "--ipv4-ipam-pool-id", regional, "--ipv4-netmask-length", "20")
                .at("/Vpc/VpcId").asText();
        assertEquals("10.0.0.0/20", ec2("describe-vpcs", "--vpc-ids", vpc).at("/Vpcs/0/CidrBlock").asText());
        assertEquals("10.0.16.0/24", ec2("allocate-ipam-pool-cidr", "--ipam-pool-id", regional, "--preview-next-cidr")
                .at("/IpamPoolAllocation/Cidr").asText());
        JsonNode allocations = ec2("get-ipam-pool-allocations", "--ipam-pool-id", regional)
                .at("/IpamPoolAllocations");
        assertEquals(1, allocations.size());
        assertEquals(vpc, allocations.at("/0/ResourceId").asText());
        assertEquals("vpc", allocations.at("/0/ResourceType").asText());
        assertEquals("managed", ec2("get-ipam-resource-cidrs", "--ipam-scope-id", scope, "--resource-id", vpc)
                .at("/IpamResourceCidrs/0/ManagementState").asText());
        refused("InvalidParameterValue", "create-vpc", "--ipv4-ipam-pool-id", regional, "--ipv4-netmask-length",
                "29");
        refused("DependencyViolation", "delete-ipam", "--ipam-id", ipamId);

        ec2("delete-vpc", "--vpc-id", vpc);
        assertEquals(0, ec2("get-ipam-pool-allocations", "--ipam-pool-id", regional).at("/IpamPoolAllocations")
                .size());
        ec2("delete-ipam", "--ipam-id", ipamId, "--cascade");
        advanceClock(3);
        assertEquals(0, ec2("describe-ipams").at("/Ipams").size());
        assertEquals(0, ec2("describe-ipam-pools").at("/IpamPools").size());
    }
}
