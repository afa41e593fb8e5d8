package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DhcpOptions;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class DhcpOptionsIT extends Ec2TestBase {

    static NewDhcpConfiguration option(String key, String... values) {
        return NewDhcpConfiguration.builder().key(key).values(values).build();
    }

    static Map<String, List<String>> options(DhcpOptions d) {
        return d.dhcpConfigurations().stream().collect(Collectors.toMap(c -> c.key(),
                c -> c.values().stream().map(v -> v.value()).toList()));
    }

    static String vpcOptions(Ec2Client ec2, String vpc) {
        return ec2.describeVpcs(b -> b.vpcIds(vpc)).vpcs().get(0).dhcpOptionsId();
    }

    @Test
    void everyRegionHasADefaultSetThatNewVpcsUse() {
        String account = newAccount();
        try (Ec2Client seoul = ec2(account, "ap-northeast-2"); Ec2Client virginia = ec2(account, "us-east-1")) {
            String defaultVpc = seoul.describeVpcs(b -> b.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
            List<DhcpOptions> sets = seoul.describeDhcpOptions().dhcpOptions();
            assertEquals(1, sets.size());
            DhcpOptions d = sets.get(0);
            assertTrue(d.dhcpOptionsId().matches("dopt-[0-9a-f]{17}"), d.dhcpOptionsId());
            assertEquals(account, d.ownerId());
            assertEquals(Map.of("domain-name", List.of("ap-northeast-2.compute.internal"),
                    "domain-name-servers", List.of("AmazonProvidedDNS")), options(d));
            assertEquals(d.dhcpOptionsId(), vpcOptions(seoul, defaultVpc));
            String vpc = seoul.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            assertEquals(d.dhcpOptionsId(), vpcOptions(seoul, vpc));

            DhcpOptions east = virginia.describeDhcpOptions().dhcpOptions().get(0);
            assertEquals(List.of("ec2.internal"), options(east).get("domain-name"));
            assertNotEquals(d.dhcpOptionsId(), east.dhcpOptionsId());
        }
    }

    @Test
    void createAssociateAndDelete() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String original = vpcOptions(ec2, vpc);
            fails("DryRunOperation", 412, () -> ec2.createDhcpOptions(b -> b.dryRun(true)
                    .dhcpConfigurations(option("domain-name", "corp.example"))));
            DhcpOptions created = ec2.createDhcpOptions(b -> b.dhcpConfigurations(
                    option("domain-name", "corp.example"), option("domain-name-servers", "10.0.0.2", "10.0.0.3"),
                    option("ntp-servers", "169.254.169.123", "fd00:ec2::123"))
                    .tagSpecifications(TagSpecification.builder().resourceType("dhcp-options")
                            .tags(Tag.builder().key("Name").value("corp").build()).build())).dhcpOptions();
            String id = created.dhcpOptionsId();
            assertEquals(List.of("10.0.0.2", "10.0.0.3"), options(created).get("domain-name-servers"));
            assertEquals("corp", created.tags().get(0).value());
            assertEquals(2, ec2.describeDhcpOptions().dhcpOptions().size());

            fails("DryRunOperation", 412, () -> ec2.associateDhcpOptions(b -> b.vpcId(vpc).dhcpOptionsId(id).dryRun(true)));
            assertEquals(original, vpcOptions(ec2, vpc));
            ec2.associateDhcpOptions(b -> b.vpcId(vpc).dhcpOptionsId(id));
            assertEquals(id, vpcOptions(ec2, vpc));
            assertEquals(vpc, ec2.describeVpcs(b -> b.filters(filter("dhcp-options-id", id))).vpcs().get(0).vpcId());
            assertEquals("The dhcpOptions '" + id + "' has dependencies and cannot be deleted.",
                    fails("DependencyViolation", () -> ec2.deleteDhcpOptions(b -> b.dhcpOptionsId(id))));

            // "default" associates no options at all.
            ec2.associateDhcpOptions(b -> b.vpcId(vpc).dhcpOptionsId("default"));
            assertEquals("default", vpcOptions(ec2, vpc));
            ec2.associateDhcpOptions(b -> b.vpcId(vpc).dhcpOptionsId(original));
            assertEquals(original, vpcOptions(ec2, vpc));

            fails("DryRunOperation", 412, () -> ec2.deleteDhcpOptions(b -> b.dhcpOptionsId(id).dryRun(true)));
            ec2.deleteDhcpOptions(b -> b.dhcpOptionsId(id));
            assertEquals("The dhcpOption ID '" + id + "' does not exist", fails("InvalidDhcpOptionID.NotFound",
                    () -> ec2.describeDhcpOptions(b -> b.dhcpOptionsIds(id))));
            fails("InvalidDhcpOptionID.NotFound", () -> ec2.deleteDhcpOptions(b -> b.dhcpOptionsId(id)));
            fails("InvalidDhcpOptionID.NotFound", () -> ec2.associateDhcpOptions(b -> b.vpcId(vpc).dhcpOptionsId(id)));
            fails("InvalidVpcID.NotFound", () -> ec2.associateDhcpOptions(b -> b.vpcId("vpc-00000000000000000")
                    .dhcpOptionsId(original)));
        }
    }

    @Test
    void validationFollowsTheDocumentedLimits() {
        try (Ec2Client ec2 = ec2()) {
            fails("MissingParameter", () -> ec2.createDhcpOptions(b -> b.dhcpConfigurations(List.of())));
            fails("InvalidParameterValue", () -> ec2.createDhcpOptions(b -> b.dhcpConfigurations(option("color", "blue"))));
            fails("InvalidParameterValue", () -> ec2.createDhcpOptions(b -> b.dhcpConfigurations(
                    option("domain-name-servers", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"))));
            fails("InvalidParameterValue", () -> ec2.createDhcpOptions(b -> b.dhcpConfigurations(
                    option("domain-name-servers", "not-an-ip"))));
            fails("InvalidParameterValue", () -> ec2.createDhcpOptions(b -> b.dhcpConfigurations(
                    option("ntp-servers", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"))));
            fails("InvalidParameterValue", () -> ec2.createDhcpOptions(b -> b.dhcpConfigurations(
                    option("netbios-node-type", "3"))));
            fails("InvalidParameterValue", () -> ec2.createDhcpOptions(b -> b.dhcpConfigurations(
                    option("ipv6-address-preferred-lease-time", "100"))));
            assertNotNull(ec2.createDhcpOptions(b -> b.dhcpConfigurations(option("netbios-node-type", "2"),
                    option("ipv6-address-preferred-lease-time", "3600"),
                    option("domain-name-servers", "AmazonProvidedDNS"))).dhcpOptions().dhcpOptionsId());
            // four IPv4 and four IPv6 NTP servers are allowed
            assertNotNull(ec2.createDhcpOptions(b -> b.dhcpConfigurations(option("ntp-servers", "10.0.0.1",
                    "10.0.0.2", "10.0.0.3", "10.0.0.4", "fd00::1", "fd00::2", "fd00::3", "fd00::4"))).dhcpOptions());
        }
    }

    @Test
    void filtersAndPaging() {
        try (Ec2Client ec2 = ec2()) {
            String a = ec2.createDhcpOptions(b -> b.dhcpConfigurations(option("domain-name", "a.example"))
                    .tagSpecifications(TagSpecification.builder().resourceType("dhcp-options")
                            .tags(Tag.builder().key("team").value("blue").build()).build())).dhcpOptions().dhcpOptionsId();
            String c = ec2.createDhcpOptions(b -> b.dhcpConfigurations(option("ntp-servers", "10.1.1.1")))
                    .dhcpOptions().dhcpOptionsId();
            assertEquals(List.of(a), ids(ec2.describeDhcpOptions(b -> b.filters(filter("value", "a.example"))).dhcpOptions()));
            assertEquals(List.of(c), ids(ec2.describeDhcpOptions(b -> b.filters(filter("key", "ntp-servers"))).dhcpOptions()));
            assertEquals(List.of(a), ids(ec2.describeDhcpOptions(b -> b.filters(filter("tag:team", "blue"))).dhcpOptions()));
            assertEquals(List.of(c), ids(ec2.describeDhcpOptions(b -> b.filters(filter("dhcp-options-id", c))).dhcpOptions()));
            String owner = ec2.describeDhcpOptions(b -> b.dhcpOptionsIds(a)).dhcpOptions().get(0).ownerId();
            assertEquals(3, ec2.describeDhcpOptions(b -> b.filters(filter("owner-id", owner))).dhcpOptions().size());

            for (int i = 0; i < 4; i++) {
                ec2.createDhcpOptions(b -> b.dhcpConfigurations(option("domain-name", "p.example")));
            }
            var first = ec2.describeDhcpOptions(b -> b.maxResults(5));
            assertEquals(5, first.dhcpOptions().size());
            assertNotNull(first.nextToken());
            var second = ec2.describeDhcpOptions(b -> b.maxResults(5).nextToken(first.nextToken()));
            assertEquals(2, second.dhcpOptions().size());
            assertNull(second.nextToken());
            fails("InvalidParameterValue", () -> ec2.describeDhcpOptions(b -> b.maxResults(2)));
        }
    }

    private static List<String> ids(List<DhcpOptions> sets) {
        return sets.stream().map(DhcpOptions::dhcpOptionsId).toList();
    }
}
