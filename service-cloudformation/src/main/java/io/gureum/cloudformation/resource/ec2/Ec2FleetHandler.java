package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.DeleteFleetErrorItem;
import software.amazon.awssdk.services.ec2.model.TargetCapacitySpecificationRequest;

/**
 * {@code AWS::EC2::EC2Fleet}: CreateFleet with the template's properties, which are the API's members
 * ({@link SdkJson}). {@code Ref} and {@code Fn::GetAtt FleetId} are the fleet's ID. {@code TargetCapacitySpecification}
 * (its capacities), {@code ExcessCapacityTerminationPolicy} and {@code Context} change in place with ModifyFleet,
 * which EC2 allows for {@code maintain} fleets only; every other property, and a change of
 * {@code DefaultTargetCapacityType} or {@code TargetCapacityUnitType}, replaces the fleet (AWS's schema marks
 * them create-only). {@code ReservedCapacityOptions} is not served. Delete is DeleteFleets with
 * {@code TerminateInstances}: EC2 terminates the fleet's instances at once.
 */
public final class Ec2FleetHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Context", "ExcessCapacityTerminationPolicy",
            "LaunchTemplateConfigs", "OnDemandOptions", "ReplaceUnhealthyInstances", "SpotOptions",
            "TagSpecifications", "TargetCapacitySpecification", "TerminateInstancesWithExpiration", "Type",
            "ValidFrom", "ValidUntil");
    private static final Set<String> IN_PLACE = Set.of("TargetCapacitySpecification", "ExcessCapacityTerminationPolicy",
            "Context");

    @Override
    public String type() {
        return "AWS::EC2::EC2Fleet";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("LaunchTemplateConfigs", "OnDemandOptions", "ReservedCapacityOptions",
                "ReplaceUnhealthyInstances", "SpotOptions", "TagSpecifications", "TerminateInstancesWithExpiration",
                "Type", "ValidFrom", "ValidUntil");
    }

    @Override
    public boolean requiresReplacement(ResourceRequest r) {
        if (ResourceHandler.super.requiresReplacement(r)) {
            return true;
        }
        JsonNode before = r.previousProperties() == null ? null : r.previousProperties().get("TargetCapacitySpecification");
        JsonNode now = r.property("TargetCapacitySpecification");
        for (String createOnly : new String[] {"DefaultTargetCapacityType", "TargetCapacityUnitType"}) {
            String a = before == null ? null : before.path(createOnly).asText(null);
            String b = now == null ? null : now.path(createOnly).asText(null);
            if (!java.util.Objects.equals(a, b)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        CreateFleetRequest request = SdkJson.build(r.properties(), CreateFleetRequest.builder(), "EC2Fleet").toBuilder()
                .clientToken(UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId() + "|" + r.nameSuffix())
                        .getBytes(StandardCharsets.UTF_8)).toString()).build();
        var made = ec2(r).createFleet(request);
        if ("instant".equals(request.typeAsString()) && made.instances().isEmpty() && !made.errors().isEmpty()) {
            throw new ResourceFailure(made.errors().get(0).errorCode() + ": " + made.errors().get(0).errorMessage());
        }
        return created(made.fleetId());
    }

    private static Created created(String id) {
        return Created.of(id).attribute("FleetId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        if (r.changedProperties().stream().anyMatch(IN_PLACE::contains)) {
            TargetCapacitySpecificationRequest target = SdkJson.build(r.property("TargetCapacitySpecification"),
                    TargetCapacitySpecificationRequest.builder(), "TargetCapacitySpecification");
            ec2(r).modifyFleet(b -> b.fleetId(r.physicalId()).targetCapacitySpecification(target)
                    .excessCapacityTerminationPolicy(r.text("ExcessCapacityTerminationPolicy")).context(r.text("Context")));
        }
        return created(r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        var result = ec2(r).deleteFleets(b -> b.fleetIds(r.physicalId()).terminateInstances(true));
        for (DeleteFleetErrorItem e : result.unsuccessfulFleetDeletions()) {
            // Gone already, or already deleted: nothing left to delete.
            String code = e.error() == null ? null : e.error().codeAsString();
            if (!"fleetIdDoesNotExist".equals(code) && !"fleetNotInDeletableState".equals(code)) {
                throw new ResourceFailure(code + ": " + e.error().message());
            }
        }
    }
}
