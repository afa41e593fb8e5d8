package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsErrorItem;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfigData;

/**
 * {@code AWS::EC2::SpotFleet}: RequestSpotFleet with {@code SpotFleetRequestConfigData}, whose members are the
 * API's ({@link SdkJson}). {@code Ref} and {@code Fn::GetAtt Id} are the request's ID. Its {@code TargetCapacity},
 * {@code ExcessCapacityTerminationPolicy} and {@code Context} change in place (ModifySpotFleetRequest, for a
 * {@code maintain} request as EC2 allows); any other change of the configuration replaces the request (AWS's
 * schema marks those members create-only; {@code TargetCapacityUnitType}, which ModifySpotFleetRequest cannot
 * change, too). The top-level {@code Tags} is not served (tag the request with the configuration's
 * {@code TagSpecifications}). Delete is CancelSpotFleetRequests with {@code TerminateInstances}.
 */
public final class SpotFleetHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("SpotFleetRequestConfigData");
    private static final Set<String> IN_PLACE = Set.of("TargetCapacity", "ExcessCapacityTerminationPolicy", "Context");

    @Override
    public String type() {
        return "AWS::EC2::SpotFleet";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Tags");
    }

    @Override
    public boolean requiresReplacement(ResourceRequest r) {
        if (ResourceHandler.super.requiresReplacement(r)) {
            return true;
        }
        JsonNode before = r.previousProperties() == null ? null : r.previousProperties().get("SpotFleetRequestConfigData");
        JsonNode now = r.property("SpotFleetRequestConfigData");
        return !withoutInPlace(before).equals(withoutInPlace(now));
    }

    private static JsonNode withoutInPlace(JsonNode config) {
        if (config == null || !config.isObject()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        ObjectNode copy = ((ObjectNode) config).deepCopy();
        IN_PLACE.forEach(copy::remove);
        return copy;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        JsonNode config = r.property("SpotFleetRequestConfigData");
        if (config == null) {
            throw new ResourceFailure("Property SpotFleetRequestConfigData cannot be empty.");
        }
        SpotFleetRequestConfigData data = SdkJson.build(config, SpotFleetRequestConfigData.builder(),
                "SpotFleetRequestConfigData");
        if (data.clientToken() == null) {
            data = data.toBuilder().clientToken(UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId()
                    + "|" + r.nameSuffix()).getBytes(StandardCharsets.UTF_8)).toString()).build();
        }
        SpotFleetRequestConfigData given = data;
        String id = ec2(r).requestSpotFleet(b -> b.spotFleetRequestConfig(given)).spotFleetRequestId();
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        JsonNode config = r.property("SpotFleetRequestConfigData");
        ec2(r).modifySpotFleetRequest(b -> b.spotFleetRequestId(r.physicalId())
                .targetCapacity(config.path("TargetCapacity").isMissingNode() ? null
                        : Integer.valueOf(config.path("TargetCapacity").asText().trim()))
                .excessCapacityTerminationPolicy(config.path("ExcessCapacityTerminationPolicy").asText(null))
                .context(config.path("Context").asText(null)));
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        var result = ec2(r).cancelSpotFleetRequests(b -> b.spotFleetRequestIds(r.physicalId()).terminateInstances(true));
        for (CancelSpotFleetRequestsErrorItem e : result.unsuccessfulFleetRequests()) {
            String code = e.error() == null ? null : e.error().codeAsString();
            if (!"fleetRequestIdDoesNotExist".equals(code) && !"fleetRequestNotInCancellableState".equals(code)) {
                throw new ResourceFailure(code + ": " + e.error().message());
            }
        }
    }
}
