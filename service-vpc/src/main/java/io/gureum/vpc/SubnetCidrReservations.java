package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.SubnetCidrReservation;
import io.gureum.vpc.net.Cidr;
import io.gureum.vpc.net.Ipv6;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateSubnetCidrReservationRequest;
import software.amazon.awssdk.services.ec2.model.CreateSubnetCidrReservationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetCidrReservationRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetCidrReservationResponse;
import software.amazon.awssdk.services.ec2.model.GetSubnetCidrReservationsRequest;
import software.amazon.awssdk.services.ec2.model.GetSubnetCidrReservationsResponse;

/**
 * Subnet CIDR reservations (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-cidr-reservation.html): a block
 * of a subnet's IPv4 or IPv6 range set aside, so that AWS assigns none of its addresses automatically (a
 * network interface, a NAT gateway or an endpoint takes the lowest free address outside every reservation);
 * addresses in it are still assigned when asked for by name ({@code explicit}). The block lies in the subnet's
 * range and overlaps no other reservation of the subnet; addresses already in use may be in it. {@code prefix}
 * reservations are kept and described: Gureum delegates no IPv4 prefixes, and IPv6 prefixes are drawn from the
 * whole subnet block. Deleting the subnet deletes its reservations.
 */
public final class SubnetCidrReservations {
    private final Network net;
    private final Filters<SubnetCidrReservation> filters = new Filters<SubnetCidrReservation>()
            .on("reservationType", x -> x.reservationType)
            .on("subnet-id", x -> x.subnetId);

    SubnetCidrReservations(Network net) {
        this.net = net;
    }

    static AwsException notFound(String id) {
        return new AwsException("InvalidSubnetCidrReservationID.NotFound",
                "The subnetCidrReservation ID '" + id + "' does not exist", 400);
    }

    /** The IPv4 blocks reserved in a subnet (of the caller's store: addresses are taken in requests only). */
    List<Cidr> reservedIpv4(Subnet sn) {
        var ctx = io.gureum.core.protocol.RequestContext.currentOrNull();
        if (ctx == null) {
            return List.of();
        }
        VpcStore s = net.store();
        return s.subnets.get(sn.id) == sn ? reservedIpv4(s, sn) : List.of();
    }

    /** The IPv4 blocks reserved in a subnet of {@code s}. */
    List<Cidr> reservedIpv4(VpcStore s, Subnet sn) {
        if (s.subnetCidrReservations.isEmpty()) {
            return List.of();
        }
        List<Cidr> out = new ArrayList<>();
        for (SubnetCidrReservation x : s.subnetCidrReservations.values()) {
            if (!x.ipv6 && x.subnetId.equals(sn.id)) {
                out.add(Cidr.parse(x.cidr));
            }
        }
        return out;
    }

    void forgetSubnet(VpcStore s, String subnetId) {
        s.subnetCidrReservations.values().stream().filter(x -> x.subnetId.equals(subnetId)).map(x -> x.id).toList()
                .forEach(id -> s.remove(s.subnetCidrReservations, id));
    }

    public CreateSubnetCidrReservationResponse createSubnetCidrReservation(CreateSubnetCidrReservationRequest r) {
        VpcStore s = net.store();
        Subnet sn = net.subnets.require(s, r.subnetId());
        String type = r.reservationTypeAsString();
        if (type == null) {
            throw Ec2Errors.missing("ReservationType");
        }
        if (!type.equals("prefix") && !type.equals("explicit")) {
            throw Ec2Errors.invalidValue(type, "ReservationType", "Valid values are prefix and explicit.");
        }
        if (r.cidr() == null) {
            throw Ec2Errors.missing("Cidr");
        }
        boolean v6 = r.cidr().contains(":");
        String cidr;
        if (v6) {
            Ipv6.Block block;
            try {
                block = Ipv6.parse(r.cidr());
            } catch (IllegalArgumentException e) {
                throw Ec2Errors.invalidValue(r.cidr(), "Cidr", "This is not a valid CIDR block.");
            }
            boolean inside = sn.ipv6Cidrs.stream().filter(a -> a.state.equals("associated"))
                    .anyMatch(a -> Ipv6.parse(a.cidr).contains(block));
            if (!inside) {
                throw outside(r.cidr(), sn);
            }
            for (SubnetCidrReservation x : s.subnetCidrReservations.values()) {
                if (x.ipv6 && x.subnetId.equals(sn.id)) {
                    Ipv6.Block other = Ipv6.parse(x.cidr);
                    if (other.contains(block) || block.contains(other)) {
                        throw overlap(r.cidr());
                    }
                }
            }
            cidr = r.cidr();
        } else {
            Cidr block = Cidr.tryParse(r.cidr());
            if (block == null) {
                throw Ec2Errors.invalidValue(r.cidr(), "Cidr", "This is not a valid CIDR block.");
            }
            if (!sn.cidr.contains(block)) {
                throw outside(r.cidr(), sn);
            }
            for (Cidr other : reservedIpv4(s, sn)) {
                if (other.overlaps(block)) {
                    throw overlap(r.cidr());
                }
            }
            cidr = block.toString();
        }
        Tags.validate(r.tagSpecifications(), "subnet-cidr-reservation");
        Ec2Errors.checkDryRun(r.dryRun());
        SubnetCidrReservation x = new SubnetCidrReservation(net.id("scr"), s.account, net.now());
        x.subnetId = sn.id;
        x.cidr = cidr;
        x.reservationType = type;
        x.description = r.description();
        x.ipv6 = v6;
        s.put(s.subnetCidrReservations, x);
        Tags.apply(r.tagSpecifications(), x);
        return CreateSubnetCidrReservationResponse.builder().subnetCidrReservation(toSdk(x)).build();
    }

    private static AwsException outside(String cidr, Subnet sn) {
        return Ec2Errors.invalidParameterValue("Reservation CIDR " + cidr + " is not within the CIDR blocks of subnet "
                + sn.id);
    }

    private static AwsException overlap(String cidr) {
        // AWS's wording, as Terraform users have reported it.
        return Ec2Errors.invalidParameterValue("Reservation CIDR " + cidr + " has overlap with existing reserved "
                + "CIDR block");
    }

    public DeleteSubnetCidrReservationResponse deleteSubnetCidrReservation(DeleteSubnetCidrReservationRequest r) {
        VpcStore s = net.store();
        if (r.subnetCidrReservationId() == null) {
            throw Ec2Errors.missing("SubnetCidrReservationId");
        }
        SubnetCidrReservation x = s.subnetCidrReservations.get(r.subnetCidrReservationId());
        if (x == null) {
            throw notFound(r.subnetCidrReservationId());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        var out = toSdk(x);
        s.remove(s.subnetCidrReservations, x.id);
        return DeleteSubnetCidrReservationResponse.builder().deletedSubnetCidrReservation(out).build();
    }

    public GetSubnetCidrReservationsResponse getSubnetCidrReservations(GetSubnetCidrReservationsRequest r) {
        VpcStore s = net.store();
        Subnet sn = net.subnets.require(s, r.subnetId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<SubnetCidrReservation> all = s.subnetCidrReservations.values().stream()
                .filter(x -> x.subnetId.equals(sn.id)).filter(filters.predicate(r.filters())).toList();
        var page = Pagination.page(all, r.maxResults(), r.nextToken(), 5, 1000);
        return GetSubnetCidrReservationsResponse.builder()
                .subnetIpv4CidrReservations(page.items().stream().filter(x -> !x.ipv6).map(this::toSdk).toList())
                .subnetIpv6CidrReservations(page.items().stream().filter(x -> x.ipv6).map(this::toSdk).toList())
                .nextToken(page.nextToken()).build();
    }

    private software.amazon.awssdk.services.ec2.model.SubnetCidrReservation toSdk(SubnetCidrReservation x) {
        return software.amazon.awssdk.services.ec2.model.SubnetCidrReservation.builder()
                .subnetCidrReservationId(x.id).subnetId(x.subnetId).cidr(x.cidr).reservationType(x.reservationType)
                .ownerId(x.ownerId).description(x.description).tags(Tags.toSdk(x.tags)).build();
    }
}
