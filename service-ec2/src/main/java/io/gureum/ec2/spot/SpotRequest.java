package io.gureum.ec2.spot;

import io.gureum.ec2.regional.Registered;
import java.time.Instant;
import software.amazon.awssdk.services.ec2.model.RequestSpotLaunchSpecification;

/**
 * One Spot Instance request, with its state and status code as the Spot request status lifecycle has them
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-request-status.html).
 */
final class SpotRequest extends Registered {
    final String type;
    final String maxPrice;
    final Instant validFrom;
    final Instant validUntil;
    final String launchGroup;
    final String zoneGroup;
    final String interruptionBehavior;
    final RequestSpotLaunchSpecification launch;
    String state = "open";
    String statusCode = "pending-evaluation";
    String statusMessage = "Your Spot request has been submitted for review, and is pending evaluation.";
    Instant statusTime;
    String faultCode;
    String faultMessage;
    String instanceId;
    String launchedZone;
    /** Instances launched so far: a persistent request's relaunch needs a client token of its own. */
    int launches;

    SpotRequest(String id, String ownerId, String region, Instant created, String type, String maxPrice,
            Instant validFrom, Instant validUntil, String launchGroup, String zoneGroup, String interruptionBehavior,
            RequestSpotLaunchSpecification launch) {
        super(id, ownerId, region, created);
        this.type = type;
        this.maxPrice = maxPrice;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.launchGroup = launchGroup;
        this.zoneGroup = zoneGroup;
        this.interruptionBehavior = interruptionBehavior;
        this.launch = launch;
        this.statusTime = created;
    }

    @Override
    public String resourceType() {
        return "spot-instances-request";
    }

    void status(String newState, String code, String message, Instant at) {
        state = newState;
        statusCode = code;
        statusMessage = message;
        statusTime = at;
    }

    /** Whether the request still waits for an instance. */
    boolean waiting() {
        return state.equals("open");
    }
}
