package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.PropertyAttributes;
import io.gureum.cloudformation.resource.common.Served;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code AWS::EC2::CapacityReservation}. {@code Ref} is its id; {@code Fn::GetAtt} gives {@code Id},
 * {@code AvailabilityZone}, {@code AvailableInstanceCount}, {@code InstanceType}, {@code Tenancy},
 * {@code TotalInstanceCount}, {@code CapacityReservationArn}, the schema's other read-only properties EC2 reports
 * ({@code State}, {@code OwnerId}, {@code StartDate}, {@code CreateDate}, {@code ReservationType} …), and, as
 * CloudFormation lets {@code Fn::GetAtt} read this type's properties, the template's scalar ones. {@code InstanceCount}, {@code EndDate},
 * {@code EndDateType} and {@code InstanceMatchCriteria} change in place (ModifyCapacityReservation); every other
 * property replaces it, as AWS's provider schema marks them (create-only). {@code UnusedReservationBillingOwnerId}
 * (AssociateCapacityReservationBillingOwner, not emulated) fails the resource naming it. The tags are the {@code TagSpecifications} of type {@code capacity-reservation} with
 * CloudFormation's own. Delete is CancelCapacityReservation.
 */
public final class CapacityReservationHandler implements ResourceHandler {
    private static final Set<String> IN_PLACE = Set.of("InstanceCount", "EndDate", "EndDateType",
            "InstanceMatchCriteria");
    private static final Set<String> SERVED = Set.of("AvailabilityZone", "AvailabilityZoneId", "EbsOptimized",
            "EndDate", "EndDateType", "EphemeralStorage", "InstanceCount", "InstanceMatchCriteria",
            "InstancePlatform", "InstanceType", "OutPostArn", "PlacementGroupArn", "TagSpecifications", "Tenancy");

    @Override
    public String type() {
        return "AWS::EC2::CapacityReservation";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AvailabilityZone", "AvailabilityZoneId", "EbsOptimized", "EphemeralStorage",
                "InstancePlatform", "InstanceType", "OutPostArn", "PlacementGroupArn", "TagSpecifications", "Tenancy");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Map<String, String> tags = new LinkedHashMap<>();
        r.tags().forEach(t -> tags.put(t.key(), t.value()));
        JsonNode specs = r.property("TagSpecifications");
        if (specs != null) {
            for (JsonNode s : specs) {
                if (!"capacity-reservation".equals(s.path("ResourceType").asText("capacity-reservation"))) {
                    throw new ResourceFailure("TagSpecifications ResourceType must be capacity-reservation");
                }
                s.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText("")));
            }
        }
        List<TagSpecification> tagSpecs = tags.isEmpty() ? null : List.of(TagSpecification.builder()
                .resourceType(ResourceType.CAPACITY_RESERVATION).tags(Ec2Support.sdkTags(tags)).build());
        CapacityReservation c = ec2(r).createCapacityReservation(b -> b.instanceType(r.requiredText("InstanceType"))
                .instancePlatform(r.requiredText("InstancePlatform")).availabilityZone(r.text("AvailabilityZone"))
                .availabilityZoneId(r.text("AvailabilityZoneId")).tenancy(r.text("Tenancy"))
                .instanceCount(required(r, "InstanceCount")).ebsOptimized(r.bool("EbsOptimized"))
                .ephemeralStorage(r.bool("EphemeralStorage")).endDate(endDate(r)).endDateType(r.text("EndDateType"))
                .instanceMatchCriteria(r.text("InstanceMatchCriteria")).outpostArn(r.text("OutPostArn"))
                .placementGroupArn(r.text("PlacementGroupArn")).tagSpecifications(tagSpecs)
                .clientToken(java.util.UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId() + "|" + r.nameSuffix()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()))
                .capacityReservation();
        return created(c, r);
    }

    private static Integer required(ResourceRequest r, String name) {
        r.requiredText(name);
        return r.integer(name);
    }

    private static Instant endDate(ResourceRequest r) {
        String v = r.text("EndDate");
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ResourceFailure("EndDate " + v + " is not a date and time in UTC (YYYY-MM-DDTHH:MM:SSZ)");
        }
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Set<String> changed = r.changedProperties();
        if (changed.stream().anyMatch(IN_PLACE::contains)) {
            ec2(r).modifyCapacityReservation(b -> b.capacityReservationId(r.physicalId())
                    .instanceCount(r.integer("InstanceCount")).endDate(endDate(r))
                    .endDateType(r.has("EndDateType") ? r.text("EndDateType") : "unlimited")
                    .instanceMatchCriteria(r.has("InstanceMatchCriteria") ? r.text("InstanceMatchCriteria") : "open"));
        }
        return created(describe(r), r);
    }

    private static CapacityReservation describe(ResourceRequest r) {
        return ec2(r).describeCapacityReservations(b -> b.capacityReservationIds(r.physicalId()))
                .capacityReservations().get(0);
    }

    private static Created created(CapacityReservation c, ResourceRequest r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Created out = Created.of(c.capacityReservationId()).attribute("Id", c.capacityReservationId())
                .attribute("AvailabilityZone", c.availabilityZone()).attribute("InstanceType", c.instanceType())
                .attribute("Tenancy", c.tenancyAsString())
                .attribute("AvailableInstanceCount", f.numberNode(c.availableInstanceCount()))
                .attribute("TotalInstanceCount", f.numberNode(c.totalInstanceCount()))
                .attribute("CapacityReservationArn", c.capacityReservationArn())
                .attribute("State", c.stateAsString()).attribute("OwnerId", c.ownerId())
                .attribute("StartDate", c.startDate() == null ? null : c.startDate().toString())
                .attribute("CreateDate", c.createDate() == null ? null : c.createDate().toString())
                .attribute("ReservationType", c.reservationTypeAsString())
                .attribute("DeliveryPreference", c.deliveryPreferenceAsString())
                .attribute("CapacityReservationFleetId", c.capacityReservationFleetId())
                .attribute("AvailabilityZoneId", c.availabilityZoneId())
                .attribute("InstanceCount", f.numberNode(c.totalInstanceCount()))
                .attribute("InstancePlatform", c.instancePlatformAsString())
                .attribute("EndDateType", c.endDateTypeAsString())
                .attribute("InstanceMatchCriteria", c.instanceMatchCriteriaAsString());
        return PropertyAttributes.add(out, r);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            Ec2Support.deleting(() -> ec2(r).cancelCapacityReservation(b -> b.capacityReservationId(r.physicalId())));
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            // Already cancelled or expired: nothing left to cancel.
            if (!"IncorrectState".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        CapacityReservation c = Ec2Support.described(() -> ec2(r).describeCapacityReservations(b -> b
                .capacityReservationIds(r.physicalId())).capacityReservations(),
                found -> !"active".equals(found.stateAsString()) && !"pending".equals(found.stateAsString()));
        if (c == null) {
            return null;
        }
        return new Drift(r).put("InstanceType", c.instanceType()).put("InstancePlatform", c.instancePlatformAsString())
                .put("AvailabilityZone", c.availabilityZone()).put("InstanceCount", c.totalInstanceCount())
                .put("Tenancy", c.tenancyAsString()).put("EndDateType", c.endDateTypeAsString())
                .put("InstanceMatchCriteria", c.instanceMatchCriteriaAsString()).result();
    }
}
