package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::NatGateway}. {@code Ref} is the NAT gateway id; {@code Fn::GetAtt} gives
 * {@code NatGatewayId} and {@code EniId}. {@code SubnetId}, {@code ConnectivityType}, {@code AllocationId} and
 * {@code PrivateIpAddress} replace the gateway; the secondary addresses ({@code SecondaryAllocationIds},
 * {@code SecondaryPrivateIpAddresses}, {@code SecondaryPrivateIpAddressCount}) change in place, as AWS's schema
 * allows: removed ones first (DisassociateNatGatewayAddress or UnassignPrivateNatGatewayAddress, with
 * {@code MaxDrainDurationSeconds}), waited for, then added ones, waited for again through {@link Polling}.
 *
 * <p>AWS's handler returns once the gateway is {@code available}; this one returns while EC2 still reports
 * it {@code pending} (routes may already target it). Delete waits until EC2 reports it {@code deleted}, which
 * frees its Elastic IP and subnet for the resources deleted after it, without holding a thread ({@link Polling}).
 */
public final class NatGatewayHandler implements AsyncResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AllocationId", "ConnectivityType", "PrivateIpAddress", "SubnetId", "Tags", "SecondaryAllocationIds",
            "SecondaryPrivateIpAddresses", "SecondaryPrivateIpAddressCount", "MaxDrainDurationSeconds");
    private static final Set<String> MOVING = Set.of("associating", "disassociating", "assigning", "unassigning");

    @Override
    public String type() {
        return "AWS::EC2::NatGateway";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AllocationId", "ConnectivityType", "PrivateIpAddress", "SubnetId", "VpcId", "AvailabilityMode");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        List<String> secondaryIds = Ec2Support.strings(r, "SecondaryAllocationIds");
        List<String> secondaryIps = Ec2Support.strings(r, "SecondaryPrivateIpAddresses");
        NatGateway n = ec2(r).createNatGateway(b -> b.subnetId(r.requiredText("SubnetId"))
                .allocationId(r.text("AllocationId")).connectivityType(r.text("ConnectivityType"))
                .privateIpAddress(r.text("PrivateIpAddress"))
                .secondaryAllocationIds(secondaryIds.isEmpty() ? null : secondaryIds)
                .secondaryPrivateIpAddresses(secondaryIps.isEmpty() ? null : secondaryIps)
                .secondaryPrivateIpAddressCount(r.integer("SecondaryPrivateIpAddressCount"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.NATGATEWAY))).natGateway();
        return result(n.natGatewayId(), n.natGatewayAddresses().get(0).networkInterfaceId());
    }

    private static Created result(String id, String eni) {
        return Created.of(id).attribute("NatGatewayId", id).attribute("EniId", eni);
    }

    @Override
    public Created update(ResourceRequest r) {
        return AsyncResourceHandler.join(updateAsync(r));
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Ec2Support.retag(r, id);
        Integer drain = r.integer("MaxDrainDurationSeconds");
        List<NatGatewayAddress> now = addresses(ec2, id);
        List<NatGatewayAddress> secondary = now.stream().filter(a -> !Boolean.TRUE.equals(a.isPrimary())).toList();
        Set<String> changed = r.changedProperties();
        List<String> wantedIds = Ec2Support.strings(r, "SecondaryAllocationIds");
        List<String> wantedIps = Ec2Support.strings(r, "SecondaryPrivateIpAddresses");
        Integer wantedCount = r.integer("SecondaryPrivateIpAddressCount");
        // Removals first: EC2 takes no other change of the gateway while addresses are being released.
        List<String> dropAssociations = new ArrayList<>();
        List<String> dropIps = new ArrayList<>();
        List<String> addIds = new ArrayList<>();
        List<String> addIps = new ArrayList<>();
        int addCount = 0;
        if (changed.contains("SecondaryAllocationIds")) {
            secondary.stream().filter(a -> a.allocationId() != null && !wantedIds.contains(a.allocationId()))
                    .forEach(a -> dropAssociations.add(a.associationId()));
            Set<String> held = new HashSet<>();
            secondary.forEach(a -> held.add(a.allocationId()));
            wantedIds.stream().filter(x -> !held.contains(x)).forEach(addIds::add);
        }
        if (changed.contains("SecondaryPrivateIpAddresses") && addIds.isEmpty() && dropAssociations.isEmpty()) {
            secondary.stream().filter(a -> a.allocationId() == null && !wantedIps.contains(a.privateIp()))
                    .forEach(a -> dropIps.add(a.privateIp()));
            Set<String> held = new HashSet<>();
            secondary.forEach(a -> held.add(a.privateIp()));
            wantedIps.stream().filter(x -> !held.contains(x)).forEach(addIps::add);
        } else if (changed.contains("SecondaryPrivateIpAddressCount") && wantedCount != null) {
            List<NatGatewayAddress> privates = secondary.stream().filter(a -> a.allocationId() == null).toList();
            if (wantedCount < privates.size()) {
                privates.subList(wantedCount, privates.size()).forEach(a -> dropIps.add(a.privateIp()));
            } else {
                addCount = wantedCount - privates.size();
            }
        }
        int count = addCount;
        String eni = now.get(0).networkInterfaceId();
        if (dropAssociations.isEmpty() && dropIps.isEmpty() && addIds.isEmpty() && addIps.isEmpty() && count == 0) {
            return CompletableFuture.completedFuture(result(id, eni));
        }
        // EC2 changes a gateway's addresses only once it is available (this handler's create does not wait).
        return Polling.<Void>until(() -> {
            String state = ec2.describeNatGateways(b -> b.natGatewayIds(id)).natGateways().get(0).stateAsString();
            return state.equals("available") ? Polling.Outcome.done(null) : state.equals("pending") ? null
                    : Polling.Outcome.failed("NAT gateway " + id + " is " + state);
        }, Polling.SETTLE_LIMIT, "NAT gateway " + id + " did not stabilize").thenCompose(x -> {
                    if (!dropAssociations.isEmpty()) {
                        ec2.disassociateNatGatewayAddress(b -> b.natGatewayId(id).associationIds(dropAssociations)
                                .maxDrainDurationSeconds(drain));
                    }
                    if (!dropIps.isEmpty()) {
                        ec2.unassignPrivateNatGatewayAddress(b -> b.natGatewayId(id).privateIpAddresses(dropIps)
                                .maxDrainDurationSeconds(drain));
                    }
                    return settled(ec2, id);
                }).thenCompose(x -> {
            if (!addIds.isEmpty()) {
                ec2.associateNatGatewayAddress(b -> b.natGatewayId(id).allocationIds(addIds));
            }
            if (!addIps.isEmpty()) {
                ec2.assignPrivateNatGatewayAddress(b -> b.natGatewayId(id).privateIpAddresses(addIps));
            }
            if (count > 0) {
                ec2.assignPrivateNatGatewayAddress(b -> b.natGatewayId(id).privateIpAddressCount(count));
            }
            return settled(ec2, id);
        }).thenApply(x -> result(id, eni));
    }

    private static List<NatGatewayAddress> addresses(Ec2Client ec2, String id) {
        return ec2.describeNatGateways(b -> b.natGatewayIds(id)).natGateways().get(0).natGatewayAddresses();
    }

    /** Once no address of the gateway is being added or released. */
    private static CompletableFuture<Void> settled(Ec2Client ec2, String id) {
        return Polling.settled("NAT gateway " + id + " addresses", () -> addresses(ec2, id).stream()
                .noneMatch(a -> MOVING.contains(a.statusAsString())));
    }

    @Override
    public void delete(ResourceRequest r) {
        AsyncResourceHandler.join(deleteAsync(r));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deleteUntilDeleted("NAT gateway " + id, () -> ec2.deleteNatGateway(b -> b.natGatewayId(id)),
                () -> ec2.describeNatGateways(b -> b.natGatewayIds(id)).natGateways(), NatGateway::stateAsString);
    }
}
