package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CarrierGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::CarrierGateway}. {@code Ref} is the carrier gateway id; {@code Fn::GetAtt} gives
 * {@code CarrierGatewayId}, {@code OwnerId} and {@code State}. {@code VpcId} replaces the gateway; tags change in
 * place. Create waits until EC2 reports the gateway {@code available}, delete until it reports it {@code deleted}
 * (which frees its VPC for the resources deleted after it); neither wait holds a thread ({@link Polling}).
 */
public final class CarrierGatewayHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("VpcId", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::CarrierGateway";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("VpcId");
    }

    private static CarrierGateway describe(Ec2Client ec2, String id) {
        return ec2.describeCarrierGateways(b -> b.carrierGatewayIds(id)).carrierGateways().get(0);
    }

    private static Created created(CarrierGateway g) {
        return Created.of(g.carrierGatewayId()).attribute("CarrierGatewayId", g.carrierGatewayId())
                .attribute("OwnerId", g.ownerId()).attribute("State", g.stateAsString());
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String vpc = r.requiredText("VpcId");
        String id = ec2.createCarrierGateway(b -> b.vpcId(vpc)
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.CARRIER_GATEWAY))).carrierGateway()
                .carrierGatewayId();
        return Ec2Support.untilState("carrier gateway " + id, () -> describe(ec2, id), CarrierGateway::stateAsString,
                "available").thenApply(CarrierGatewayHandler::created);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return created(describe(ec2(r), r.physicalId()));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deleteUntilDeleted("carrier gateway " + id, () -> ec2.deleteCarrierGateway(b -> b
                .carrierGatewayId(id)), () -> ec2.describeCarrierGateways(b -> b.carrierGatewayIds(id))
                .carrierGateways(), CarrierGateway::stateAsString);
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        var g = Ec2Support.described(() -> ec2(r).describeCarrierGateways(b -> b.carrierGatewayIds(r.physicalId()))
                .carrierGateways(), found -> "deleted".equals(found.stateAsString()));
        if (g == null) {
            return null;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("VpcId", g.vpcId()).result();
    }
}
