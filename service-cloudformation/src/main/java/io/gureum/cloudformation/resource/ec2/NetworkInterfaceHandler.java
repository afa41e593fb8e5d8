package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.array;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceIpv6Address;
import software.amazon.awssdk.services.ec2.model.Ipv6PrefixSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.PrivateIpAddressSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::NetworkInterface}. {@code Ref} is the interface id; {@code Fn::GetAtt} gives {@code Id},
 * {@code PrimaryPrivateIpAddress}, {@code SecondaryPrivateIpAddresses} and {@code VpcId}. {@code SubnetId},
 * {@code PrivateIpAddress} and {@code InterfaceType} replace it, and so does {@code PrivateIpAddresses} when
 * the primary address changes; description, security groups, source/destination check, secondary addresses,
 * IPv6 addresses and prefixes ({@code Ipv6Addresses}, {@code Ipv6AddressCount}, {@code Ipv6Prefixes},
 * {@code Ipv6PrefixCount}: AssignIpv6Addresses and UnassignIpv6Addresses) and tags change in place.
 */
public final class NetworkInterfaceHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Description", "GroupSet", "InterfaceType", "PrivateIpAddress", "PrivateIpAddresses",
            "SecondaryPrivateIpAddressCount", "SourceDestCheck", "SubnetId", "Tags", "Ipv6AddressCount",
            "Ipv6Addresses", "Ipv6PrefixCount", "Ipv6Prefixes");

    @Override
    public String type() {
        return "AWS::EC2::NetworkInterface";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("SubnetId", "PrivateIpAddress", "InterfaceType");
    }

    @Override
    public boolean requiresReplacement(ResourceRequest r) {
        return ResourceHandler.super.requiresReplacement(r) || (r.changedProperties().contains("PrivateIpAddresses")
                && !Objects.equals(primary(r.previousProperties().get("PrivateIpAddresses")),
                        primary(r.properties().get("PrivateIpAddresses"))));
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        List<PrivateIpAddressSpecification> ips = new ArrayList<>();
        JsonNode list = r.property("PrivateIpAddresses");
        if (list != null) {
            list.forEach(ip -> ips.add(PrivateIpAddressSpecification.builder()
                    .privateIpAddress(Ec2Support.text(ip, "PrivateIpAddress"))
                    .primary(Boolean.valueOf(Ec2Support.text(ip, "Primary"))).build()));
        }
        String primary = r.has("PrivateIpAddress") ? r.text("PrivateIpAddress") : primary(list);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createNetworkInterface(b -> b.subnetId(r.requiredText("SubnetId"))
                .description(r.text("Description")).groups(Ec2Support.strings(r, "GroupSet").isEmpty() ? null
                        : Ec2Support.strings(r, "GroupSet")).privateIpAddress(primary)
                .secondaryPrivateIpAddressCount(r.integer("SecondaryPrivateIpAddressCount"))
                .interfaceType(r.text("InterfaceType"))
                .ipv6AddressCount(r.integer("Ipv6AddressCount"))
                .ipv6Addresses(fields(r.property("Ipv6Addresses"), "Ipv6Address").stream()
                        .map(a -> InstanceIpv6Address.builder().ipv6Address(a).build()).toList())
                .ipv6PrefixCount(r.integer("Ipv6PrefixCount"))
                .ipv6Prefixes(fields(r.property("Ipv6Prefixes"), "Ipv6Prefix").stream()
                        .map(a -> Ipv6PrefixSpecificationRequest.builder().ipv6Prefix(a).build()).toList())
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.NETWORK_INTERFACE)))
                .networkInterface().networkInterfaceId();
        List<String> secondaries = ips.stream().filter(s -> !Boolean.TRUE.equals(s.primary()))
                .map(PrivateIpAddressSpecification::privateIpAddress).toList();
        if (!secondaries.isEmpty()) {
            ec2.assignPrivateIpAddresses(b -> b.networkInterfaceId(id).privateIpAddresses(secondaries));
        }
        if (Boolean.FALSE.equals(r.bool("SourceDestCheck"))) {
            ec2.modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(id).sourceDestCheck(v -> v.value(false)));
        }
        return result(ec2, id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("Description")) {
            String d = r.has("Description") ? r.text("Description") : "";
            ec2.modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(id).description(v -> v.value(d)));
        }
        if (changed.contains("GroupSet")) {
            List<String> groups = new ArrayList<>(Ec2Support.strings(r, "GroupSet"));
            if (groups.isEmpty()) {
                String vpc = describe(ec2, id).vpcId();
                groups.add(ec2.describeSecurityGroups(b -> b.filters(Ec2Support.filter("vpc-id", vpc),
                        Ec2Support.filter("group-name", "default"))).securityGroups().get(0).groupId());
            }
            ec2.modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(id).groups(groups));
        }
        if (changed.contains("SourceDestCheck")) {
            boolean v = !Boolean.FALSE.equals(r.bool("SourceDestCheck"));
            ec2.modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(id).sourceDestCheck(x -> x.value(v)));
        }
        if (changed.contains("PrivateIpAddresses")) {
            List<String> before = secondaries(r.previousProperties().get("PrivateIpAddresses"));
            List<String> now = secondaries(r.property("PrivateIpAddresses"));
            List<String> removed = before.stream().filter(ip -> !now.contains(ip)).toList();
            List<String> added = now.stream().filter(ip -> !before.contains(ip)).toList();
            if (!removed.isEmpty()) {
                ec2.unassignPrivateIpAddresses(b -> b.networkInterfaceId(id).privateIpAddresses(removed));
            }
            if (!added.isEmpty()) {
                ec2.assignPrivateIpAddresses(b -> b.networkInterfaceId(id).privateIpAddresses(added));
            }
        }
        if (changed.contains("SecondaryPrivateIpAddressCount")) {
            int want = r.has("SecondaryPrivateIpAddressCount") ? r.integer("SecondaryPrivateIpAddressCount") : 0;
            List<String> have = secondaryAddresses(describe(ec2, id));
            if (want > have.size()) {
                ec2.assignPrivateIpAddresses(b -> b.networkInterfaceId(id)
                        .secondaryPrivateIpAddressCount(want - have.size()));
            } else if (want < have.size()) {
                List<String> drop = have.subList(want, have.size());
                ec2.unassignPrivateIpAddresses(b -> b.networkInterfaceId(id).privateIpAddresses(drop));
            }
        }
        updateIpv6(r, ec2, id, changed);
        Ec2Support.retag(r, id);
        return result(ec2, id);
    }

    /** Assigns and unassigns the IPv6 addresses and prefixes the template now names or counts. */
    private static void updateIpv6(ResourceRequest r, Ec2Client ec2, String id, Set<String> changed) {
        NetworkInterface n = describe(ec2, id);
        List<String> haveAddresses = n.ipv6Addresses().stream().map(a -> a.ipv6Address()).toList();
        List<String> havePrefixes = n.ipv6Prefixes().stream().map(p -> p.ipv6Prefix()).toList();
        List<String> dropAddresses = new ArrayList<>();
        List<String> addAddresses = new ArrayList<>();
        int addCount = 0;
        if (changed.contains("Ipv6Addresses")) {
            List<String> want = fields(r.property("Ipv6Addresses"), "Ipv6Address");
            List<String> before = fields(r.previousProperties().get("Ipv6Addresses"), "Ipv6Address");
            before.stream().filter(a -> !want.contains(a)).forEach(dropAddresses::add);
            want.stream().filter(a -> !before.contains(a)).forEach(addAddresses::add);
        } else if (changed.contains("Ipv6AddressCount")) {
            int want = r.has("Ipv6AddressCount") ? r.integer("Ipv6AddressCount") : 0;
            if (want < haveAddresses.size()) {
                dropAddresses.addAll(haveAddresses.subList(want, haveAddresses.size()));
            } else {
                addCount = want - haveAddresses.size();
            }
        }
        List<String> dropPrefixes = new ArrayList<>();
        List<String> addPrefixes = new ArrayList<>();
        int addPrefixCount = 0;
        if (changed.contains("Ipv6Prefixes")) {
            List<String> want = fields(r.property("Ipv6Prefixes"), "Ipv6Prefix");
            List<String> before = fields(r.previousProperties().get("Ipv6Prefixes"), "Ipv6Prefix");
            before.stream().filter(a -> !want.contains(a)).forEach(dropPrefixes::add);
            want.stream().filter(a -> !before.contains(a)).forEach(addPrefixes::add);
        } else if (changed.contains("Ipv6PrefixCount")) {
            int want = r.has("Ipv6PrefixCount") ? r.integer("Ipv6PrefixCount") : 0;
            if (want < havePrefixes.size()) {
                dropPrefixes.addAll(havePrefixes.subList(want, havePrefixes.size()));
            } else {
                addPrefixCount = want - havePrefixes.size();
            }
        }
        if (!dropAddresses.isEmpty() || !dropPrefixes.isEmpty()) {
            ec2.unassignIpv6Addresses(b -> b.networkInterfaceId(id)
                    .ipv6Addresses(dropAddresses.isEmpty() ? null : dropAddresses)
                    .ipv6Prefixes(dropPrefixes.isEmpty() ? null : dropPrefixes));
        }
        if (!addAddresses.isEmpty()) {
            ec2.assignIpv6Addresses(b -> b.networkInterfaceId(id).ipv6Addresses(addAddresses));
        }
        int count = addCount;
        if (count > 0) {
            ec2.assignIpv6Addresses(b -> b.networkInterfaceId(id).ipv6AddressCount(count));
        }
        if (!addPrefixes.isEmpty()) {
            ec2.assignIpv6Addresses(b -> b.networkInterfaceId(id).ipv6Prefixes(addPrefixes));
        }
        int prefixCount = addPrefixCount;
        if (prefixCount > 0) {
            ec2.assignIpv6Addresses(b -> b.networkInterfaceId(id).ipv6PrefixCount(prefixCount));
        }
    }

    /** The {@code field} of each object of a list property ({@code [{Ipv6Address: …}]}). */
    private static List<String> fields(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(x -> out.add(Ec2Support.text(x, field)));
        }
        return out;
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteNetworkInterface(b -> b.networkInterfaceId(r.physicalId())));
    }

    private static NetworkInterface describe(Ec2Client ec2, String id) {
        return ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(id)).networkInterfaces().get(0);
    }

    private static List<String> secondaryAddresses(NetworkInterface n) {
        return n.privateIpAddresses().stream().filter(a -> !Boolean.TRUE.equals(a.primary()))
                .map(NetworkInterfacePrivateIpAddress::privateIpAddress).toList();
    }

    private static Created result(Ec2Client ec2, String id) {
        NetworkInterface n = describe(ec2, id);
        return Created.of(id).attribute("Id", id).attribute("PrimaryPrivateIpAddress", n.privateIpAddress())
                .attribute("SecondaryPrivateIpAddresses", array(secondaryAddresses(n))).attribute("VpcId", n.vpcId());
    }

    /** The address marked {@code Primary} in a {@code PrivateIpAddresses} list, or null. */
    private static String primary(JsonNode list) {
        if (list != null) {
            for (JsonNode ip : list) {
                if ("true".equalsIgnoreCase(Ec2Support.text(ip, "Primary"))) {
                    return Ec2Support.text(ip, "PrivateIpAddress");
                }
            }
        }
        return null;
    }

    private static List<String> secondaries(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (JsonNode ip : list) {
                if (!"true".equalsIgnoreCase(Ec2Support.text(ip, "Primary"))) {
                    out.add(Ec2Support.text(ip, "PrivateIpAddress"));
                }
            }
        }
        return out;
    }
}
