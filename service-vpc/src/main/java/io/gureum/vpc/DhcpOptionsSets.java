package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.DhcpOptions;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.net.Cidr;
import io.gureum.vpc.net.Ipv6;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.AssociateDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.AssociateDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.CreateDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.CreateDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.DhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;

/**
 * DHCP option sets (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_DHCP_Options.html): immutable sets
 * of options, each VPC associated with one set or with {@code default} (no options: instances use the
 * Amazon-provided resolver). Every region has a default set ({@code domain-name} {@code ec2.internal} in
 * us-east-1, {@code <region>.compute.internal} elsewhere, {@code domain-name-servers AmazonProvidedDNS}) that
 * new VPCs get; a set is deleted only when no VPC uses it.
 */
public final class DhcpOptionsSets {
    static final String NONE = "default";
    private static final Set<String> KEYS = Set.of("domain-name-servers", "domain-name", "ntp-servers",
            "netbios-name-servers", "netbios-node-type", "ipv6-address-preferred-lease-time");
    private final Network net;
    private final Filters<DhcpOptions> filters = new Filters<DhcpOptions>()
            .on("dhcp-options-id", d -> d.id)
            .on("owner-id", d -> d.ownerId)
            .on("key", d -> List.copyOf(d.configurations.keySet()))
            .on("value", d -> d.configurations.values().stream().flatMap(List::stream).toList());

    DhcpOptionsSets(Network net) {
        this.net = net;
    }

    DhcpOptions require(VpcStore s, String id) {
        return Ids.require(s.dhcpOptions, "dopt", id);
    }

    /** The region's default set, made with the store (or adopting {@code id} when a restore finds none). */
    DhcpOptions createDefault(VpcStore s, String id) {
        DhcpOptions d = new DhcpOptions(id == null ? net.id("dopt") : id, s.account, net.now());
        d.isDefault = true;
        d.configurations.put("domain-name",
                List.of(s.region.equals("us-east-1") ? "ec2.internal" : s.region + ".compute.internal"));
        d.configurations.put("domain-name-servers", List.of("AmazonProvidedDNS"));
        return s.put(s.dhcpOptions, d);
    }

    /** The set a new VPC gets: the region's default set, or none ({@code default}) once that was deleted. */
    String forNewVpc(VpcStore s) {
        for (DhcpOptions d : s.dhcpOptions.values()) {
            if (d.isDefault) {
                return d.id;
            }
        }
        return NONE;
    }

    public CreateDhcpOptionsResponse createDhcpOptions(CreateDhcpOptionsRequest r) {
        VpcStore s = net.store();
        if (!r.hasDhcpConfigurations() || r.dhcpConfigurations().isEmpty()) {
            throw Ec2Errors.missing("dhcpConfiguration");
        }
        DhcpOptions d = new DhcpOptions(net.id("dopt"), s.account, net.now());
        for (NewDhcpConfiguration c : r.dhcpConfigurations()) {
            String key = c.key();
            if (key == null) {
                throw Ec2Errors.missing("dhcpConfiguration.key");
            }
            if (!KEYS.contains(key)) {
                throw Ec2Errors.invalidValue(key, "key", "Unknown DHCP option");
            }
            if (d.configurations.containsKey(key)) {
                throw Ec2Errors.invalidValue(key, "key", "Duplicate DHCP option");
            }
            List<String> values = c.hasValues() ? List.copyOf(c.values()) : List.of();
            if (values.isEmpty()) {
                throw Ec2Errors.missing("dhcpConfiguration.value");
            }
            validate(key, values);
            d.configurations.put(key, values);
        }
        Tags.validate(r.tagSpecifications(), "dhcp-options");
        Ec2Errors.checkDryRun(r.dryRun());
        Tags.apply(r.tagSpecifications(), d);
        s.put(s.dhcpOptions, d);
        return CreateDhcpOptionsResponse.builder().dhcpOptions(toSdk(d)).build();
    }

    /** The limits of https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateDhcpOptions.html. */
    private static void validate(String key, List<String> values) {
        switch (key) {
            case "domain-name-servers" -> {
                if (values.size() > 4) {
                    throw Ec2Errors.invalidValue(String.join(",", values), key, "At most four domain name servers.");
                }
                for (String v : values) {
                    if (!v.equals("AmazonProvidedDNS")) {
                        requireIp(v, key, false);
                    }
                }
            }
            case "netbios-name-servers" -> {
                if (values.size() > 4) {
                    throw Ec2Errors.invalidValue(String.join(",", values), key, "At most four NetBIOS name servers.");
                }
                values.forEach(v -> requireIp(v, key, false));
            }
            case "ntp-servers" -> {
                // up to eight: four IPv4 and four IPv6 addresses
                long v4 = values.stream().filter(v -> !v.contains(":")).count();
                if (v4 > 4 || values.size() - v4 > 4) {
                    throw Ec2Errors.invalidValue(String.join(",", values), key,
                            "At most four IPv4 and four IPv6 NTP servers.");
                }
                values.forEach(v -> requireIp(v, key, true));
            }
            case "netbios-node-type" -> {
                if (values.size() != 1 || !Set.of("1", "2", "4", "8").contains(values.get(0))) {
                    throw Ec2Errors.invalidValue(String.join(",", values), key, "Valid values are 1, 2, 4 and 8.");
                }
            }
            case "ipv6-address-preferred-lease-time" -> {
                long seconds = -1;
                try {
                    seconds = values.size() == 1 ? Long.parseLong(values.get(0)) : -1;
                } catch (NumberFormatException e) {
                    seconds = -1;
                }
                if (seconds < 140 || seconds > 2147483647L) {
                    throw Ec2Errors.invalidValue(String.join(",", values), key,
                            "Valid values are between 140 and 2147483647 seconds.");
                }
            }
            default -> {
                if (values.size() != 1) {
                    throw Ec2Errors.invalidValue(String.join(",", values), key, "Only one domain name is allowed.");
                }
            }
        }
    }

    private static void requireIp(String v, String key, boolean ipv6Allowed) {
        boolean ok = v.contains(":") ? ipv6Allowed && isIpv6(v) : Cidr.tryParse(v + "/32") != null;
        if (!ok) {
            throw Ec2Errors.invalidValue(v, key, "This is not a valid IP address.");
        }
    }

    private static boolean isIpv6(String v) {
        try {
            Ipv6.parse(v + "/128");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public DeleteDhcpOptionsResponse deleteDhcpOptions(DeleteDhcpOptionsRequest r) {
        VpcStore s = net.store();
        DhcpOptions d = require(s, r.dhcpOptionsId());
        for (Vpc v : s.vpcs.values()) {
            if (d.id.equals(v.dhcpOptionsId)) {
                throw Ec2Errors.dependencyViolation("dhcpOptions", d.id);
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.dhcpOptions, d.id);
        return DeleteDhcpOptionsResponse.builder().build();
    }

    public AssociateDhcpOptionsResponse associateDhcpOptions(AssociateDhcpOptionsRequest r) {
        VpcStore s = net.store();
        if (r.dhcpOptionsId() == null) {
            throw Ec2Errors.missing("dhcpOptionsId");
        }
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        // "default" associates no options with the VPC
        // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateDhcpOptions.html).
        String id = r.dhcpOptionsId().equals(NONE) ? NONE : require(s, r.dhcpOptionsId()).id;
        Ec2Errors.checkDryRun(r.dryRun());
        vpc.dhcpOptionsId = id;
        return AssociateDhcpOptionsResponse.builder().build();
    }

    public DescribeDhcpOptionsResponse describeDhcpOptions(DescribeDhcpOptionsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<DhcpOptions> found = new ArrayList<>();
        if (r.hasDhcpOptionsIds() && !r.dhcpOptionsIds().isEmpty()) {
            for (String id : new LinkedHashSet<>(r.dhcpOptionsIds())) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.dhcpOptions.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeDhcpOptionsResponse.builder().dhcpOptions(page.items().stream().map(this::toSdk).toList())
                .nextToken(page.nextToken()).build();
    }

    software.amazon.awssdk.services.ec2.model.DhcpOptions toSdk(DhcpOptions d) {
        return software.amazon.awssdk.services.ec2.model.DhcpOptions.builder()
                .dhcpOptionsId(d.id).ownerId(d.ownerId)
                .dhcpConfigurations(d.configurations.entrySet().stream().map(e -> DhcpConfiguration.builder()
                        .key(e.getKey())
                        .values(e.getValue().stream().map(v -> AttributeValue.builder().value(v).build()).toList())
                        .build()).toList())
                .tags(Tags.toSdk(d.tags)).build();
    }
}
