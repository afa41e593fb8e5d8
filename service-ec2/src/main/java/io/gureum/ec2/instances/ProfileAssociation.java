package io.gureum.ec2.instances;

import io.gureum.ec2.compute.Timing;
import java.time.Instant;

/**
 * An IAM instance profile association (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IamInstanceProfileAssociation.html):
 * {@code associating} settles into {@code associated}, {@code disassociating} into {@code disassociated}, each
 * {@link Timing#TRANSITION} after it began on the core clock.
 */
public final class ProfileAssociation {
    public String id;
    public String instanceId;
    public String profileArn;
    public String profileId;
    public String roleName;
    public String roleArn;
    /** {@code associating}, {@code associated}, {@code disassociating}, {@code disassociated}. */
    public String state;
    public Instant stateSince;
    /** When the association began. */
    public Instant timestamp;

    /** The state at {@code now}, settling a transitional state when its time is up. */
    public String state(Instant now) {
        if (!now.isBefore(stateSince.plus(Timing.TRANSITION))) {
            if (state.equals("associating")) {
                state = "associated";
                stateSince = stateSince.plus(Timing.TRANSITION);
            } else if (state.equals("disassociating")) {
                state = "disassociated";
                stateSince = stateSince.plus(Timing.TRANSITION);
            }
        }
        return state;
    }
}
