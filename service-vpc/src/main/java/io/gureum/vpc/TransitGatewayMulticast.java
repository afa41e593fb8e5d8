package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.TransitGateway;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.TransitGatewayMulticastDomain;
import io.gureum.vpc.model.TransitGatewayMulticastDomain.Registration;
import io.gureum.vpc.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * Transit gateway multicast (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-multicast-overview.html): a domain
 * of a gateway made with multicast support; subnets of the gateway's VPC attachments are associated with it
 * (a subnet with one domain at most); network interfaces in associated subnets are registered as static
 * members and sources of groups (IPv4 224.0.0.0/4 or IPv6 ff00::/8 addresses). No packet flows, so IGMP
 * membership never appears: every registration is {@code static}.
 */
public final class TransitGatewayMulticast {
    private final Network net;
    private final Filters<TransitGatewayMulticastDomain> domainFilters = new Filters<TransitGatewayMulticastDomain>()
            .on("state", d -> d.state)
            .on("transit-gateway-id", d -> d.transitGatewayId)
            .on("transit-gateway-multicast-domain-id", d -> d.id);

    TransitGatewayMulticast(Network net) {
        this.net = net;
    }

    static AwsException notFound(String id) {
        // Not in ec2-common's catalogue: AWS's code for a multicast domain that does not exist.
        return new AwsException("InvalidTransitGatewayMulticastDomainId.NotFound",
                "The transitGatewayMulticastDomain ID '" + id + "' does not exist", 400);
    }

    private static TransitGatewayMulticastDomain require(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("TransitGatewayMulticastDomainId");
        }
        TransitGatewayMulticastDomain d = s.tgwMulticastDomains.get(id);
        if (d == null || d.state.equals("deleted")) {
            throw notFound(id);
        }
        return d;
    }

    public CreateTransitGatewayMulticastDomainResponse createTransitGatewayMulticastDomain(
            CreateTransitGatewayMulticastDomainRequest r) {
        VpcStore s = net.store();
        TransitGateway t = net.transitGateways.requireTgw(s, r.transitGatewayId());
        if (!"enable".equals(t.multicastSupport)) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Transit Gateway " + t.id + " does not have multicast support "
                    + "enabled.");
        }
        Tags.validate(r.tagSpecifications(), "transit-gateway-multicast-domain");
        Ec2Errors.checkDryRun(r.dryRun());
        TransitGatewayMulticastDomain d = new TransitGatewayMulticastDomain(net.id("tgw-mcast-domain"), s.account,
                net.now());
        d.transitGatewayId = t.id;
        var o = r.options();
        if (o != null) {
            d.igmpv2Support = o.igmpv2SupportAsString() == null ? d.igmpv2Support : o.igmpv2SupportAsString();
            d.staticSourcesSupport = o.staticSourcesSupportAsString() == null ? d.staticSourcesSupport
                    : o.staticSourcesSupportAsString();
            d.autoAcceptSharedAssociations = o.autoAcceptSharedAssociationsAsString() == null
                    ? d.autoAcceptSharedAssociations : o.autoAcceptSharedAssociationsAsString();
        }
        s.put(s.tgwMulticastDomains, d);
        Tags.apply(r.tagSpecifications(), d);
        return CreateTransitGatewayMulticastDomainResponse.builder().transitGatewayMulticastDomain(toSdk(s, d, "pending"))
                .build();
    }

    public DescribeTransitGatewayMulticastDomainsResponse describeTransitGatewayMulticastDomains(
            DescribeTransitGatewayMulticastDomainsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<TransitGatewayMulticastDomain> found = new ArrayList<>();
        if (r.hasTransitGatewayMulticastDomainIds() && !r.transitGatewayMulticastDomainIds().isEmpty()) {
            for (String id : r.transitGatewayMulticastDomainIds()) {
                TransitGatewayMulticastDomain d = s.tgwMulticastDomains.get(id);
                if (d == null) {
                    throw notFound(id);
                }
                found.add(d);
            }
        } else {
            found.addAll(s.tgwMulticastDomains.values());
        }
        var page = Pagination.page(found.stream().filter(domainFilters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeTransitGatewayMulticastDomainsResponse.builder()
                .transitGatewayMulticastDomains(page.items().stream().map(d -> toSdk(s, d, d.state)).toList())
                .nextToken(page.nextToken()).build();
    }

    /** A domain with associated subnets cannot be deleted (they are disassociated first). */
    public DeleteTransitGatewayMulticastDomainResponse deleteTransitGatewayMulticastDomain(
            DeleteTransitGatewayMulticastDomainRequest r) {
        VpcStore s = net.store();
        TransitGatewayMulticastDomain d = require(s, r.transitGatewayMulticastDomainId());
        if (!d.subnets.isEmpty()) {
            throw Ec2Error.INCORRECT_STATE.withMessage(d.id + " has associated subnets: "
                    + String.join(", ", d.subnets.keySet()));
        }
        Ec2Errors.checkDryRun(r.dryRun());
        d.state = "deleted";
        s.forget(d);
        return DeleteTransitGatewayMulticastDomainResponse.builder()
                .transitGatewayMulticastDomain(toSdk(s, d, "deleting")).build();
    }

    public AssociateTransitGatewayMulticastDomainResponse associateTransitGatewayMulticastDomain(
            AssociateTransitGatewayMulticastDomainRequest r) {
        VpcStore s = net.store();
        TransitGatewayMulticastDomain d = require(s, r.transitGatewayMulticastDomainId());
        TransitGatewayAttachment a = net.transitGateways.requireAttachment(s, r.transitGatewayAttachmentId());
        if (!a.resourceType.equals("vpc") || !a.transitGatewayId.equals(d.transitGatewayId)) {
            throw Ec2Errors.invalidParameterValue("Transit Gateway Attachment " + a.id + " is not a VPC attachment of "
                    + d.transitGatewayId + ".");
        }
        if (!a.state.equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Transit Gateway Attachment " + a.id + " is in invalid state");
        }
        if (!r.hasSubnetIds() || r.subnetIds().isEmpty()) {
            throw Ec2Errors.missing("SubnetIds");
        }
        for (String subnet : r.subnetIds()) {
            net.subnets.require(s, subnet);
            if (!a.subnetIds.contains(subnet)) {
                throw Ec2Errors.invalidParameterValue("Subnet " + subnet + " is not part of " + a.id + ".");
            }
            for (TransitGatewayMulticastDomain other : s.tgwMulticastDomains.values()) {
                if (other.subnets.containsKey(subnet) && !(other == d)) {
                    throw Ec2Errors.invalidParameterValue("Subnet " + subnet + " is already associated with "
                            + "multicast domain " + other.id + ".");
                }
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        r.subnetIds().forEach(subnet -> d.subnets.put(subnet, a.id));
        return AssociateTransitGatewayMulticastDomainResponse.builder()
                .associations(associations(d, a, r.subnetIds(), "associating")).build();
    }

    private static TransitGatewayMulticastDomainAssociations associations(TransitGatewayMulticastDomain d,
            TransitGatewayAttachment a, List<String> subnets, String state) {
        return TransitGatewayMulticastDomainAssociations.builder().transitGatewayMulticastDomainId(d.id)
                .transitGatewayAttachmentId(a.id).resourceId(a.vpcId).resourceType("vpc").resourceOwnerId(a.ownerId)
                .subnets(subnets.stream().map(x -> SubnetAssociation.builder().subnetId(x).state(state).build()).toList())
                .build();
    }

    /** Disassociating a subnet drops the registrations of its network interfaces. */
    public DisassociateTransitGatewayMulticastDomainResponse disassociateTransitGatewayMulticastDomain(
            DisassociateTransitGatewayMulticastDomainRequest r) {
        VpcStore s = net.store();
        TransitGatewayMulticastDomain d = require(s, r.transitGatewayMulticastDomainId());
        TransitGatewayAttachment a = net.transitGateways.requireAttachment(s, r.transitGatewayAttachmentId());
        if (!r.hasSubnetIds() || r.subnetIds().isEmpty()) {
            throw Ec2Errors.missing("SubnetIds");
        }
        for (String subnet : r.subnetIds()) {
            if (!a.id.equals(d.subnets.get(subnet))) {
                throw Ec2Error.INVALID_ASSOCIATION_NOT_FOUND.withMessage("Subnet " + subnet + " of " + a.id
                        + " is not associated with multicast domain " + d.id + ".");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        for (String subnet : r.subnetIds()) {
            d.subnets.remove(subnet);
            d.registrations.removeIf(x -> {
                NetworkInterface eni = s.networkInterfaces.get(x.networkInterfaceId);
                return eni == null || subnet.equals(eni.subnetId);
            });
        }
        return DisassociateTransitGatewayMulticastDomainResponse.builder()
                .associations(associations(d, a, r.subnetIds(), "disassociating")).build();
    }

    public GetTransitGatewayMulticastDomainAssociationsResponse getTransitGatewayMulticastDomainAssociations(
            GetTransitGatewayMulticastDomainAssociationsRequest r) {
        VpcStore s = net.store();
        TransitGatewayMulticastDomain d = require(s, r.transitGatewayMulticastDomainId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<TransitGatewayMulticastDomainAssociation> out = new ArrayList<>();
        for (Map.Entry<String, String> e : d.subnets.entrySet()) {
            TransitGatewayAttachment a = s.tgwAttachments.get(e.getValue());
            out.add(TransitGatewayMulticastDomainAssociation.builder().transitGatewayAttachmentId(e.getValue())
                    .resourceId(a == null ? null : a.vpcId).resourceType("vpc").resourceOwnerId(s.account)
                    .subnet(SubnetAssociation.builder().subnetId(e.getKey()).state("associated").build()).build());
        }
        List<Filter> filters = r.filters();
        for (Filter f : filters) {
            List<String> v = f.values();
            switch (f.name()) {
                case "resource-id" -> out.removeIf(x -> !v.contains(x.resourceId()));
                case "resource-type" -> out.removeIf(x -> !v.contains(x.resourceTypeAsString()));
                case "state" -> out.removeIf(x -> !v.contains(x.subnet().stateAsString()));
                case "subnet-id" -> out.removeIf(x -> !v.contains(x.subnet().subnetId()));
                case "transit-gateway-attachment-id" -> out.removeIf(x -> !v.contains(x.transitGatewayAttachmentId()));
                default -> throw Ec2Errors.invalidParameterValue("The filter '" + f.name() + "' is invalid");
            }
        }
        var page = Pagination.page(out, r.maxResults(), r.nextToken(), 5, 1000);
        return GetTransitGatewayMulticastDomainAssociationsResponse.builder()
                .multicastDomainAssociations(page.items()).nextToken(page.nextToken()).build();
    }

    /** A group address: IPv4 in 224.0.0.0/4 or IPv6 in ff00::/8. */
    private static void checkGroup(String group) {
        if (group == null) {
            throw Ec2Errors.missing("GroupIpAddress");
        }
        boolean ok;
        if (group.contains(":")) {
            try {
                ok = io.gureum.vpc.net.Ipv6.parse("ff00::/8").contains(io.gureum.vpc.net.Ipv6.parse(group + "/128"));
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        } else {
            Cidr c = Cidr.tryParse(group + "/32");
            ok = c != null && Cidr.parse("224.0.0.0/4").contains(c);
        }
        if (!ok) {
            throw Ec2Errors.invalidParameterValue("The group IP address " + group + " is not a multicast address.");
        }
    }

    /** Interfaces to register: each in a subnet associated with the domain. */
    private List<String> interfaces(VpcStore s, TransitGatewayMulticastDomain d, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw Ec2Errors.missing("NetworkInterfaceIds");
        }
        for (String id : ids) {
            NetworkInterface eni = Ids.require(s.networkInterfaces, "eni", id);
            if (!d.subnets.containsKey(eni.subnetId)) {
                throw Ec2Errors.invalidParameterValue("Network interface " + id + " is not in a subnet associated "
                        + "with multicast domain " + d.id + ".");
            }
        }
        return ids;
    }

    private List<String> register(TransitGatewayMulticastDomain d, String group, List<String> ids, boolean source) {
        List<String> added = new ArrayList<>();
        for (String id : ids) {
            boolean present = d.registrations.stream().anyMatch(x -> x.source == source && x.group.equals(group)
                    && x.networkInterfaceId.equals(id));
            if (!present) {
                d.registrations.add(new Registration(group, id, source));
            }
            added.add(id);
        }
        return added;
    }

    private static List<String> deregister(TransitGatewayMulticastDomain d, String group, List<String> ids,
            boolean source) {
        List<String> removed = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            if (d.registrations.removeIf(x -> x.source == source && x.group.equals(group)
                    && x.networkInterfaceId.equals(id))) {
                removed.add(id);
            }
        }
        return removed;
    }

    public RegisterTransitGatewayMulticastGroupMembersResponse registerTransitGatewayMulticastGroupMembers(
            RegisterTransitGatewayMulticastGroupMembersRequest r) {
        VpcStore s = net.store();
        TransitGatewayMulticastDomain d = require(s, r.transitGatewayMulticastDomainId());
        checkGroup(r.groupIpAddress());
        List<String> ids = interfaces(s, d, r.networkInterfaceIds());
        Ec2Errors.checkDryRun(r.dryRun());
        return RegisterTransitGatewayMulticastGroupMembersResponse.builder().registeredMulticastGroupMembers(
                TransitGatewayMulticastRegisteredGroupMembers.builder().transitGatewayMulticastDomainId(d.id)
                        .groupIpAddress(r.groupIpAddress())
                        .registeredNetworkInterfaceIds(register(d, r.groupIpAddress(), ids, false)).build()).build();
    }

    public RegisterTransitGatewayMulticastGroupSourcesResponse registerTransitGatewayMulticastGroupSources(
            RegisterTransitGatewayMulticastGroupSourcesRequest r) {
        VpcStore s = net.store();
        TransitGatewayMulticastDomain d = require(s, r.transitGatewayMulticastDomainId());
        checkGroup(r.groupIpAddress());
        List<String> ids = interfaces(s, d, r.networkInterfaceIds());
        Ec2Errors.checkDryRun(r.dryRun());
        return RegisterTransitGatewayMulticastGroupSourcesResponse.builder().registeredMulticastGroupSources(
                TransitGatewayMulticastRegisteredGroupSources.builder().transitGatewayMulticastDomainId(d.id)
                        .groupIpAddress(r.groupIpAddress())
                        .registeredNetworkInterfaceIds(register(d, r.groupIpAddress(), ids, true)).build()).build();
    }

    public DeregisterTransitGatewayMulticastGroupMembersResponse deregisterTransitGatewayMulticastGroupMembers(
            DeregisterTransitGatewayMulticastGroupMembersRequest r) {
        VpcStore s = net.store();
        TransitGatewayMulticastDomain d = require(s, r.transitGatewayMulticastDomainId());
        Ec2Errors.checkDryRun(r.dryRun());
        return DeregisterTransitGatewayMulticastGroupMembersResponse.builder().deregisteredMulticastGroupMembers(
                TransitGatewayMulticastDeregisteredGroupMembers.builder().transitGatewayMulticastDomainId(d.id)
                        .groupIpAddress(r.groupIpAddress())
                        .deregisteredNetworkInterfaceIds(deregister(d, r.groupIpAddress(), r.networkInterfaceIds(), false))
                        .build()).build();
    }

    public DeregisterTransitGatewayMulticastGroupSourcesResponse deregisterTransitGatewayMulticastGroupSources(
            DeregisterTransitGatewayMulticastGroupSourcesRequest r) {
        VpcStore s = net.store();
        TransitGatewayMulticastDomain d = require(s, r.transitGatewayMulticastDomainId());
        Ec2Errors.checkDryRun(r.dryRun());
        return DeregisterTransitGatewayMulticastGroupSourcesResponse.builder().deregisteredMulticastGroupSources(
                TransitGatewayMulticastDeregisteredGroupSources.builder().transitGatewayMulticastDomainId(d.id)
                        .groupIpAddress(r.groupIpAddress())
                        .deregisteredNetworkInterfaceIds(deregister(d, r.groupIpAddress(), r.networkInterfaceIds(), true))
                        .build()).build();
    }

    public SearchTransitGatewayMulticastGroupsResponse searchTransitGatewayMulticastGroups(
            SearchTransitGatewayMulticastGroupsRequest r) {
        VpcStore s = net.store();
        TransitGatewayMulticastDomain d = require(s, r.transitGatewayMulticastDomainId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<TransitGatewayMulticastGroup> out = new ArrayList<>();
        for (Registration x : d.registrations) {
            NetworkInterface eni = s.networkInterfaces.get(x.networkInterfaceId);
            String subnet = eni == null ? null : eni.subnetId;
            String attachment = subnet == null ? null : d.subnets.get(subnet);
            TransitGatewayAttachment a = attachment == null ? null : s.tgwAttachments.get(attachment);
            out.add(TransitGatewayMulticastGroup.builder().groupIpAddress(x.group).transitGatewayAttachmentId(attachment)
                    .subnetId(subnet).resourceId(a == null ? null : a.vpcId).resourceType("vpc")
                    .resourceOwnerId(s.account).networkInterfaceId(x.networkInterfaceId).groupMember(!x.source)
                    .groupSource(x.source).memberType(x.source ? null : "static").sourceType(x.source ? "static" : null)
                    .build());
        }
        for (Filter f : r.filters()) {
            List<String> v = f.values();
            switch (f.name()) {
                case "group-ip-address" -> out.removeIf(x -> !v.contains(x.groupIpAddress()));
                case "is-group-member" -> out.removeIf(x -> !v.contains(String.valueOf(x.groupMember())));
                case "is-group-source" -> out.removeIf(x -> !v.contains(String.valueOf(x.groupSource())));
                case "member-type" -> out.removeIf(x -> !v.contains(x.memberTypeAsString()));
                case "source-type" -> out.removeIf(x -> !v.contains(x.sourceTypeAsString()));
                case "resource-id" -> out.removeIf(x -> !v.contains(x.resourceId()));
                case "resource-type" -> out.removeIf(x -> !v.contains(x.resourceTypeAsString()));
                case "subnet-id" -> out.removeIf(x -> !v.contains(x.subnetId()));
                case "transit-gateway-attachment-id" -> out.removeIf(x -> !v.contains(x.transitGatewayAttachmentId()));
                default -> throw Ec2Errors.invalidParameterValue("The filter '" + f.name() + "' is invalid");
            }
        }
        var page = Pagination.page(out, r.maxResults(), r.nextToken(), 5, 1000);
        return SearchTransitGatewayMulticastGroupsResponse.builder().multicastGroups(page.items())
                .nextToken(page.nextToken()).build();
    }

    private software.amazon.awssdk.services.ec2.model.TransitGatewayMulticastDomain toSdk(VpcStore s,
            TransitGatewayMulticastDomain d, String state) {
        return software.amazon.awssdk.services.ec2.model.TransitGatewayMulticastDomain.builder()
                .transitGatewayMulticastDomainId(d.id).transitGatewayId(d.transitGatewayId)
                .transitGatewayMulticastDomainArn(net.arn(s, "transit-gateway-multicast-domain/" + d.id))
                .ownerId(d.ownerId).state(state).creationTime(d.created)
                .options(TransitGatewayMulticastDomainOptions.builder().igmpv2Support(d.igmpv2Support)
                        .staticSourcesSupport(d.staticSourcesSupport)
                        .autoAcceptSharedAssociations(d.autoAcceptSharedAssociations).build())
                .tags(Tags.toSdk(d.tags)).build();
    }
}
