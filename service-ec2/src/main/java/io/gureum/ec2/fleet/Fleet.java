package io.gureum.ec2.fleet;

import io.gureum.ec2.regional.Registered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfigData;

/**
 * One EC2 Fleet ({@code fleet-…}, {@link #request}) or Spot Fleet request ({@code sfr-…}, {@link #config}):
 * its targets, its instances and its history. States are AWS's with the family's own word for the end:
 * {@code deleted…} for an EC2 Fleet, {@code cancelled…} for a Spot Fleet.
 */
final class Fleet extends Registered {
    /** An instance the fleet launched: from which pool, with which lifecycle and weight. */
    record Member(String instanceId, String instanceType, String lifecycle, int pool, double weight,
            Instant launched) {
    }

    /** A history record: the generic type (fleetRequestChange, instanceChange, error, information). */
    record Event(Instant time, String type, String subType, String description, String instanceId) {
    }

    /** A launch that failed, as CreateFleet's and DescribeFleets' Errors list it. */
    record Failure(String lifecycle, int pool, String code, String message) {
    }

    final String kind;
    final String type;
    final String clientToken;
    /** The EC2 Fleet's request as given (without DryRun), its targets updated by ModifyFleet. */
    CreateFleetRequest request;
    /** The Spot Fleet's configuration as given, its targets updated by ModifySpotFleetRequest. */
    SpotFleetRequestConfigData config;
    String state = "submitted";
    String activity = "pending_fulfillment";
    int onDemandTarget;
    int spotTarget;
    String excessPolicy;
    Instant validFrom;
    Instant validUntil;
    boolean terminateWithExpiration;
    int launches;
    Instant endedAt;
    final List<Member> members = new ArrayList<>();
    final List<Event> history = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();

    Fleet(String id, String kind, String ownerId, String region, Instant created, String type, String clientToken) {
        super(id, ownerId, region, created);
        this.kind = kind;
        this.type = type;
        this.clientToken = clientToken;
    }

    @Override
    public String resourceType() {
        return kind;
    }

    boolean spotFleet() {
        return kind.equals("spot-fleet-request");
    }

    /** The family's word for a fleet that was deleted or cancelled. */
    String ended() {
        return spotFleet() ? "cancelled" : "deleted";
    }

    int totalTarget() {
        return onDemandTarget + spotTarget;
    }

    double fulfilled(String lifecycle) {
        return members.stream().filter(m -> lifecycle == null || m.lifecycle().equals(lifecycle))
                .mapToDouble(Member::weight).sum();
    }

    /** Whether it may still launch: active, or modifying. */
    boolean running() {
        return state.equals("active") || state.equals("modifying");
    }

    void event(Instant at, String eventType, String subType, String description, String instanceId) {
        history.add(new Event(at, eventType, subType, description, instanceId));
    }

    void state(Instant at, String newState) {
        state = newState;
        event(at, "fleetRequestChange", newState, null, null);
    }
}
