package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.IpLiterals;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.SecurityGroup;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.net.Ipv6;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ec2.model.AssignIpv6AddressesRequest;
import software.amazon.awssdk.services.ec2.model.AssignIpv6AddressesResponse;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfaceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfaceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.ResetNetworkInterfaceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetNetworkInterfaceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.UnassignIpv6AddressesRequest;
import software.amazon.awssdk.services.ec2.model.UnassignIpv6AddressesResponse;

/**
 * A network interface's IPv6 addresses and prefixes
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/MultipleIP.html, .../ec2-prefix-eni.html) and its single
 * attributes (DescribeNetworkInterfaceAttribute, ResetNetworkInterfaceAttribute). Addresses come from the subnet's
 * IPv6 block, chosen at random or given, unique in the subnet; prefixes are {@code /80} blocks of it. The per
 * instance type limit of addresses is not enforced (an interface need not be attached).
 */
public final class NetworkInterfaceAttributes {
    private final Network net;

    NetworkInterfaceAttributes(Network net) {
        this.net = net;
    }

    /** The subnet's associated IPv6 block, or AWS's refusal when it has none. */
    private static Ipv6.Block block(Subnet sn) {
        return sn.ipv6Cidrs.stream().filter(a -> a.state.equals("associated")).findFirst()
                .map(a -> Ipv6.parse(a.cidr))
                .orElseThrow(() -> Ec2Errors.invalidParameterValue("The subnet '" + sn.id + "' has no IPv6 CIDR "
                        + "block; IPv6 addresses cannot be assigned."));
    }

    /** An IPv6 address as a number, or null when the text is not one. */
    static BigInteger address(String text) {
        try {
            byte[] b = IpLiterals.parse(text);
            return b.length == 16 ? new BigInteger(1, b) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String format(BigInteger a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            sb.append(Integer.toHexString(a.shiftRight(i * 16).intValue() & 0xffff));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /** Every IPv6 address and prefix held in the subnet, as numbers (prefixes by their start). */
    private static Set<BigInteger> taken(VpcStore s, Subnet sn) {
        Set<BigInteger> out = new HashSet<>();
        for (NetworkInterface e : s.networkInterfaces.values()) {
            if (sn.id.equals(e.subnetId)) {
                e.ipv6Addresses.forEach(a -> out.add(address(a)));
                e.ipv6Prefixes.forEach(p -> out.add(Ipv6.parse(p).start()));
            }
        }
        return out;
    }

    private static boolean inPrefixes(VpcStore s, Subnet sn, BigInteger a) {
        for (NetworkInterface e : s.networkInterfaces.values()) {
            if (sn.id.equals(e.subnetId)) {
                for (String p : e.ipv6Prefixes) {
                    if (Ipv6.parse(p).contains(new Ipv6.Block(a, 128))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** What an assignment added: addresses and prefixes, in the order given or drawn. */
    record Assigned(List<String> addresses, List<String> prefixes) {
    }

    public AssignIpv6AddressesResponse assignIpv6Addresses(AssignIpv6AddressesRequest r) {
        VpcStore s = net.store();
        NetworkInterface e = net.networkInterfaces.require(s, r.networkInterfaceId());
        List<String> wanted = r.hasIpv6Addresses() ? r.ipv6Addresses() : List.of();
        List<String> wantedPrefixes = r.hasIpv6Prefixes() ? r.ipv6Prefixes() : List.of();
        if (wanted.isEmpty() && r.ipv6AddressCount() == null && wantedPrefixes.isEmpty()
                && r.ipv6PrefixCount() == null) {
            throw Ec2Errors.missing("ipv6AddressCount");
        }
        Assigned added = assign(s, e, wanted, r.ipv6AddressCount(), wantedPrefixes, r.ipv6PrefixCount());
        return AssignIpv6AddressesResponse.builder().networkInterfaceId(e.id).assignedIpv6Addresses(added.addresses())
                .assignedIpv6Prefixes(added.prefixes()).build();
    }

    /**
     * Checks and assigns IPv6 addresses (given or a count) and {@code /80} prefixes (given or a count) of the
     * interface's subnet; nothing is assigned when a check fails.
     */
    Assigned assign(VpcStore s, NetworkInterface e, List<String> wanted, Integer addressCount,
            List<String> wantedPrefixes, Integer prefixCountOrNull) {
        Subnet sn = s.subnets.get(e.subnetId);
        int count = addressCount == null ? 0 : addressCount;
        int prefixCount = prefixCountOrNull == null ? 0 : prefixCountOrNull;
        if (!wanted.isEmpty() && addressCount != null) {
            throw Ec2Errors.combination("The parameter 'ipv6AddressCount' may not be used in combination with "
                    + "'ipv6Addresses'");
        }
        if (!wantedPrefixes.isEmpty() && prefixCountOrNull != null) {
            throw Ec2Errors.combination("The parameter 'Ipv6PrefixCount' may not be used in combination with "
                    + "'Ipv6Prefixes'");
        }
        if (count < 0 || prefixCount < 0) {
            throw Ec2Errors.invalidParameterValue("The count of IPv6 addresses or prefixes must be positive.");
        }
        if (wanted.isEmpty() && count == 0 && wantedPrefixes.isEmpty() && prefixCount == 0) {
            return new Assigned(List.of(), List.of());
        }
        Ipv6.Block block = block(sn);
        Set<BigInteger> taken = taken(s, sn);
        List<String> added = new ArrayList<>();
        for (String text : wanted) {
            BigInteger a = address(text);
            if (a == null) {
                throw Ec2Errors.invalidValue(text, "ipv6Addresses", "This is not a valid IPv6 address.");
            }
            if (!block.contains(new Ipv6.Block(a, 128))) {
                throw Ec2Errors.invalidParameterValue("Address " + text + " does not fall within the subnet's "
                        + "address range");
            }
            if (!taken.add(a) || inPrefixes(s, sn, a)) {
                throw Ec2Error.INVALID_IP_ADDRESS_IN_USE.of(text);
            }
            added.add(format(a));
        }
        for (int i = 0; i < count; i++) {
            BigInteger a;
            do {
                a = address(NetworkInterfaces.ipv6Address(block));
            } while (taken.contains(a) || inPrefixes(s, sn, a));
            taken.add(a);
            added.add(format(a));
        }
        List<String> prefixes = new ArrayList<>();
        for (String text : wantedPrefixes) {
            Ipv6.Block p;
            try {
                p = Ipv6.parse(text);
            } catch (IllegalArgumentException ex) {
                throw Ec2Errors.invalidValue(text, "Ipv6Prefixes", "This is not a valid IPv6 prefix.");
            }
            if (p.prefix() != 80 || !block.contains(p)) {
                throw Ec2Errors.invalidParameterValue("The prefix " + text + " is not a /80 of the subnet's IPv6 "
                        + "CIDR block.");
            }
            if (!taken.add(p.start()) || overlapsAddresses(taken, p)) {
                throw Ec2Error.INVALID_IP_ADDRESS_IN_USE.of(text);
            }
            prefixes.add(prefixText(p));
        }
        for (int i = 0; i < prefixCount; i++) {
            Ipv6.Block p;
            do {
                long mid = ThreadLocalRandom.current().nextLong(1, 1L << 16);
                p = new Ipv6.Block(block.start().or(BigInteger.valueOf(mid).shiftLeft(48)), 80);
            } while (taken.contains(p.start()) || overlapsAddresses(taken, p));
            taken.add(p.start());
            prefixes.add(prefixText(p));
        }
        e.ipv6Addresses.addAll(added);
        e.ipv6Prefixes.addAll(prefixes);
        return new Assigned(added, prefixes);
    }

    /** An address already held inside the prefix. */
    private static boolean overlapsAddresses(Set<BigInteger> taken, Ipv6.Block p) {
        for (BigInteger a : taken) {
            if (!a.equals(p.start()) && p.contains(new Ipv6.Block(a, 128))) {
                return true;
            }
        }
        return false;
    }

    /** A /80 as AWS prints it: the address (without trailing zero groups) then the length. */
    static String prefixText(Ipv6.Block p) {
        String full = format(p.start());
        // The low 48 bits of a /80 are zero: drop the last three groups and write '::'.
        return full.substring(0, nthColon(full, 5)) + "::/" + p.prefix();
    }

    private static int nthColon(String s, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(':', at + 1);
        }
        return at;
    }

    public UnassignIpv6AddressesResponse unassignIpv6Addresses(UnassignIpv6AddressesRequest r) {
        VpcStore s = net.store();
        NetworkInterface e = net.networkInterfaces.require(s, r.networkInterfaceId());
        List<String> addresses = r.hasIpv6Addresses() ? r.ipv6Addresses() : List.of();
        List<String> prefixes = r.hasIpv6Prefixes() ? r.ipv6Prefixes() : List.of();
        if (addresses.isEmpty() && prefixes.isEmpty()) {
            throw Ec2Errors.missing("ipv6Addresses");
        }
        List<String> removeAddresses = new ArrayList<>();
        for (String text : addresses) {
            BigInteger a = address(text);
            String held = a == null ? null : e.ipv6Addresses.stream().filter(x -> a.equals(address(x))).findFirst()
                    .orElse(null);
            if (held == null) {
                throw notAssigned(e);
            }
            removeAddresses.add(held);
        }
        List<String> removePrefixes = new ArrayList<>();
        for (String text : prefixes) {
            String held = null;
            try {
                Ipv6.Block p = Ipv6.parse(text);
                held = e.ipv6Prefixes.stream().filter(x -> Ipv6.parse(x).equals(p)).findFirst().orElse(null);
            } catch (IllegalArgumentException ex) {
                held = null;
            }
            if (held == null) {
                throw notAssigned(e);
            }
            removePrefixes.add(held);
        }
        e.ipv6Addresses.removeAll(removeAddresses);
        e.ipv6Prefixes.removeAll(removePrefixes);
        return UnassignIpv6AddressesResponse.builder().networkInterfaceId(e.id)
                .unassignedIpv6Addresses(removeAddresses).unassignedIpv6Prefixes(removePrefixes).build();
    }

    private static AwsException notAssigned(NetworkInterface e) {
        return Ec2Errors.invalidParameterValue("Some of the specified addresses are not assigned to interface " + e.id);
    }

    public DescribeNetworkInterfaceAttributeResponse describeNetworkInterfaceAttribute(
            DescribeNetworkInterfaceAttributeRequest r) {
        VpcStore s = net.store();
        NetworkInterface e = net.networkInterfaces.require(s, r.networkInterfaceId());
        if (r.attributeAsString() == null) {
            throw Ec2Errors.missing("attribute");
        }
        var b = DescribeNetworkInterfaceAttributeResponse.builder().networkInterfaceId(e.id);
        switch (r.attributeAsString()) {
            case "description" -> b.description(AttributeValue.builder().value(e.description).build());
            case "groupSet" -> b.groups(e.groupIds.stream().map(id -> {
                SecurityGroup g = s.securityGroups.get(id);
                return GroupIdentifier.builder().groupId(id).groupName(g == null ? null : g.groupName).build();
            }).toList());
            case "sourceDestCheck" -> b.sourceDestCheck(AttributeBooleanValue.builder().value(e.sourceDestCheck).build());
            case "attachment" -> b.attachment(e.attachmentId == null ? null : NetworkInterfaceAttachment.builder()
                    .attachmentId(e.attachmentId).instanceId(e.attachedInstanceId).deviceIndex(e.deviceIndex)
                    .attachTime(e.attachTime).status(e.attachmentStatus).deleteOnTermination(e.deleteOnTermination)
                    .instanceOwnerId(e.ownerId).networkCardIndex(0).build());
            case "associatePublicIpAddress" -> b.associatePublicIpAddress(e.autoPublicIp);
            default -> throw Ec2Errors.invalidValue(r.attributeAsString(), "attribute", "Valid values are "
                    + "description, groupSet, sourceDestCheck, attachment and associatePublicIpAddress.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        return b.build();
    }

    /** Resets the one resettable attribute, the source/destination check, to true. */
    public ResetNetworkInterfaceAttributeResponse resetNetworkInterfaceAttribute(ResetNetworkInterfaceAttributeRequest r) {
        VpcStore s = net.store();
        NetworkInterface e = net.networkInterfaces.require(s, r.networkInterfaceId());
        if (r.sourceDestCheck() == null) {
            throw Ec2Errors.missing("sourceDestCheck");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        e.sourceDestCheck = true;
        return ResetNetworkInterfaceAttributeResponse.builder().build();
    }
}
