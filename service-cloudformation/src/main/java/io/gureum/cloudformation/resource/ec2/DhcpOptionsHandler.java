package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::DHCPOptions}. {@code Ref} is the set's id; {@code Fn::GetAtt} gives {@code DhcpOptionsId}.
 * Every option replaces the set (a set is immutable); tags change in place.
 */
public final class DhcpOptionsHandler implements ResourceHandler {
    private static final Set<String> OPTIONS = Set.of("DomainName", "DomainNameServers", "NetbiosNameServers",
            "NetbiosNodeType", "NtpServers", "Ipv6AddressPreferredLeaseTime");
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("DomainName", "DomainNameServers", "NetbiosNameServers",
            "NetbiosNodeType", "NtpServers", "Ipv6AddressPreferredLeaseTime", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::DHCPOptions";
    }

    @Override
    public Set<String> replacementProperties() {
        return OPTIONS;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        List<NewDhcpConfiguration> options = new ArrayList<>();
        add(options, "domain-name", r.text("DomainName"));
        add(options, "domain-name-servers", Ec2Support.strings(r, "DomainNameServers"));
        add(options, "netbios-name-servers", Ec2Support.strings(r, "NetbiosNameServers"));
        add(options, "netbios-node-type", r.text("NetbiosNodeType"));
        add(options, "ntp-servers", Ec2Support.strings(r, "NtpServers"));
        add(options, "ipv6-address-preferred-lease-time", r.text("Ipv6AddressPreferredLeaseTime"));
        String id = ec2(r).createDhcpOptions(b -> b.dhcpConfigurations(options)
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.DHCP_OPTIONS))).dhcpOptions().dhcpOptionsId();
        return Created.of(id).attribute("DhcpOptionsId", id);
    }

    private static void add(List<NewDhcpConfiguration> options, String key, String value) {
        if (value != null) {
            add(options, key, List.of(value));
        }
    }

    private static void add(List<NewDhcpConfiguration> options, String key, List<String> values) {
        if (!values.isEmpty()) {
            options.add(NewDhcpConfiguration.builder().key(key).values(values).build());
        }
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("DhcpOptionsId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteDhcpOptions(b -> b.dhcpOptionsId(r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        software.amazon.awssdk.services.ec2.model.DhcpOptions o;
        try {
            var found = ec2(r).describeDhcpOptions(b -> b.dhcpOptionsIds(r.physicalId())).dhcpOptions();
            if (found.isEmpty()) {
                return null;
            }
            o = found.get(0);
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            if (Ec2Support.notFound(e)) {
                return null;
            }
            throw e;
        }
        java.util.Map<String, List<String>> values = new java.util.HashMap<>();
        o.dhcpConfigurations().forEach(c -> values.put(c.key(), c.values().stream()
                .map(software.amazon.awssdk.services.ec2.model.AttributeValue::value).toList()));
        var d = new io.gureum.cloudformation.resource.common.Drift(r);
        single(d, "DomainName", values.get("domain-name"));
        list(d, "DomainNameServers", values.get("domain-name-servers"));
        list(d, "NetbiosNameServers", values.get("netbios-name-servers"));
        single(d, "NetbiosNodeType", values.get("netbios-node-type"));
        list(d, "NtpServers", values.get("ntp-servers"));
        single(d, "Ipv6AddressPreferredLeaseTime", values.get("ipv6-address-preferred-lease-time"));
        return d.result();
    }

    private static void single(io.gureum.cloudformation.resource.common.Drift d, String property, List<String> v) {
        d.put(property, v == null || v.isEmpty() ? null : v.get(0));
    }

    private static void list(io.gureum.cloudformation.resource.common.Drift d, String property, List<String> v) {
        d.put(property, v == null ? null : Ec2Support.array(v));
    }
}
