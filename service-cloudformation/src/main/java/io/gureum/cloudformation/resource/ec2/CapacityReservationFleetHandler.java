package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityReservationFleet;
import software.amazon.awssdk.services.ec2.model.ReservationFleetInstanceSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code AWS::EC2::CapacityReservationFleet}. {@code Ref} and {@code Fn::GetAtt CapacityReservationFleetId} give its
 * ID. {@code TotalTargetCapacity}, {@code RemoveEndDate} and {@code NoRemoveEndDate} change in place
 * (ModifyCapacityReservationFleet); every other property replaces it, as AWS's resource reference marks them. Create
 * waits until the fleet has left {@code submitted} ({@code active} or {@code partially_fulfilled}; {@code failed}
 * fails the resource), an update until it has left {@code modifying}, delete (CancelCapacityReservationFleets) until it
 * is {@code cancelled}; the waits go through {@link Polling}, holding no thread. The tags are the
 * {@code TagSpecifications} of type {@code capacity-reservation-fleet} with CloudFormation's own; EC2 copies them onto
 * the fleet's reservations.
 */
public final class CapacityReservationFleetHandler implements WaitingUpdateHandler {
    private static final Set<String> IN_PLACE = Set.of("TotalTargetCapacity", "RemoveEndDate", "NoRemoveEndDate");
    private static final Set<String> SERVED = Set.of("AllocationStrategy", "EndDate", "InstanceMatchCriteria",
            "InstanceTypeSpecifications", "NoRemoveEndDate", "RemoveEndDate", "TagSpecifications", "Tenancy",
            "TotalTargetCapacity");
    private static final Duration LIMIT = Duration.ofMinutes(10);

    @Override
    public String type() {
        return "AWS::EC2::CapacityReservationFleet";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AllocationStrategy", "EndDate", "InstanceMatchCriteria", "InstanceTypeSpecifications",
                "TagSpecifications", "Tenancy");
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String token = UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId() + "|" + r.nameSuffix())
                .getBytes(StandardCharsets.UTF_8)).toString();
        String id = ec2.createCapacityReservationFleet(b -> b.clientToken(token)
                .allocationStrategy(r.text("AllocationStrategy")).endDate(endDate(r))
                .instanceMatchCriteria(r.text("InstanceMatchCriteria")).tenancy(r.text("Tenancy"))
                .totalTargetCapacity(required(r, "TotalTargetCapacity")).instanceTypeSpecifications(specs(r))
                .tagSpecifications(tagSpecs(r))).capacityReservationFleetId();
        return until(ec2, id, "submitted").thenApply(f -> created(f));
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        boolean target = changed.contains("TotalTargetCapacity");
        boolean remove = changed.contains("RemoveEndDate") && Boolean.TRUE.equals(r.bool("RemoveEndDate"));
        if (!target && !remove || changed.stream().noneMatch(IN_PLACE::contains)) {
            return CompletableFuture.completedFuture(created(describe(ec2, id)));
        }
        ec2.modifyCapacityReservationFleet(b -> b.capacityReservationFleetId(id)
                .totalTargetCapacity(target ? required(r, "TotalTargetCapacity") : null)
                .removeEndDate(remove ? Boolean.TRUE : null));
        return until(ec2, id, "modifying").thenApply(f -> created(f));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            var answer = ec2.cancelCapacityReservationFleets(b -> b.capacityReservationFleetIds(id));
            if (!answer.failedFleetCancellations().isEmpty()) {
                String code = answer.failedFleetCancellations().get(0).cancelCapacityReservationFleetError().code();
                if (code != null && code.endsWith("NotFound") || "IncorrectState".equals(code)) {
                    // Gone, or already cancelled or expired: nothing left to cancel.
                    return CompletableFuture.completedFuture(null);
                }
                throw new ResourceFailure("CancelCapacityReservationFleets: " + code + ": " + answer
                        .failedFleetCancellations().get(0).cancelCapacityReservationFleetError().message());
            }
            return Polling.settled("capacity reservation fleet " + id, () -> "cancelled".equals(describe(ec2, id)
                    .stateAsString()));
        });
    }

    /** The fleet once it has left {@code transitional}; failed when it ends {@code failed}. */
    private static CompletableFuture<CapacityReservationFleet> until(Ec2Client ec2, String id, String transitional) {
        return Polling.until(() -> {
            CapacityReservationFleet f = describe(ec2, id);
            String state = f.stateAsString();
            if (state.equals(transitional)) {
                return null;
            }
            if (!state.equals("active") && !state.equals("partially_fulfilled")) {
                return Polling.Outcome.failed("Capacity Reservation Fleet " + id + " is " + state);
            }
            return Polling.Outcome.done(f);
        }, LIMIT, "Capacity Reservation Fleet " + id + " did not stabilize");
    }

    private static CapacityReservationFleet describe(Ec2Client ec2, String id) {
        return ec2.describeCapacityReservationFleets(b -> b.capacityReservationFleetIds(id)).capacityReservationFleets()
                .get(0);
    }

    private static Created created(CapacityReservationFleet f) {
        return Created.of(f.capacityReservationFleetId()).attribute("CapacityReservationFleetId",
                f.capacityReservationFleetId());
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

    private static List<ReservationFleetInstanceSpecification> specs(ResourceRequest r) {
        JsonNode given = r.property("InstanceTypeSpecifications");
        if (given == null || !given.isArray() || given.isEmpty()) {
            throw new ResourceFailure("Property InstanceTypeSpecifications cannot be empty.");
        }
        List<ReservationFleetInstanceSpecification> out = new ArrayList<>();
        for (JsonNode s : given) {
            out.add(ReservationFleetInstanceSpecification.builder().instanceType(Ec2Support.text(s, "InstanceType"))
                    .instancePlatform(Ec2Support.text(s, "InstancePlatform"))
                    .availabilityZone(Ec2Support.text(s, "AvailabilityZone"))
                    .availabilityZoneId(Ec2Support.text(s, "AvailabilityZoneId"))
                    .ebsOptimized(s.has("EbsOptimized") ? s.get("EbsOptimized").asBoolean() : null)
                    .priority(Ec2Support.integer(s, "Priority"))
                    .weight(s.has("Weight") ? s.get("Weight").asDouble() : null).build());
        }
        return out;
    }

    private static List<TagSpecification> tagSpecs(ResourceRequest r) {
        Map<String, String> tags = new LinkedHashMap<>();
        r.tags().forEach(t -> tags.put(t.key(), t.value()));
        JsonNode specs = r.property("TagSpecifications");
        if (specs != null) {
            for (JsonNode s : specs) {
                if (!"capacity-reservation-fleet".equals(s.path("ResourceType").asText("capacity-reservation-fleet"))) {
                    throw new ResourceFailure("TagSpecifications ResourceType must be capacity-reservation-fleet");
                }
                s.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText("")));
            }
        }
        return tags.isEmpty() ? null : List.of(TagSpecification.builder()
                .resourceType(ResourceType.CAPACITY_RESERVATION_FLEET).tags(Ec2Support.sdkTags(tags)).build());
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        CapacityReservationFleet f = Ec2Support.described(() -> ec2(r).describeCapacityReservationFleets(b -> b
                .capacityReservationFleetIds(r.physicalId())).capacityReservationFleets(),
                found -> Set.of("cancelled", "expired", "failed").contains(found.stateAsString()));
        if (f == null) {
            return null;
        }
        return new Drift(r).put("TotalTargetCapacity", f.totalTargetCapacity())
                .put("AllocationStrategy", f.allocationStrategy()).put("Tenancy", f.tenancyAsString())
                .put("InstanceMatchCriteria", f.instanceMatchCriteriaAsString()).result();
    }
}
