package io.gureum.ec2.ebs;

import java.time.Instant;

/**
 * Fast snapshot restore of one snapshot in one Availability Zone
 * (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-fast-snapshot-restore.html): {@code enabling}, then
 * {@code optimizing}, then {@code enabled}; {@code disabling}, then {@code disabled} (and gone). The times of
 * each state are set when it is entered; the next states follow on the clock.
 */
public final class FastRestore {
    public String snapshotId;
    public String availabilityZone;
    public String availabilityZoneId;
    public String ownerId;
    public String ownerAlias;
    public Instant enablingTime;
    public Instant optimizingTime;
    public Instant enabledTime;
    public Instant disablingTime;
    public Instant disabledTime;

    /** The state at {@code now}; times in the future are when the state will be entered. */
    public String state(Instant now) {
        if (disabledTime != null && !now.isBefore(disabledTime)) {
            return "disabled";
        }
        if (disablingTime != null && !now.isBefore(disablingTime)) {
            return "disabling";
        }
        if (!now.isBefore(enabledTime)) {
            return "enabled";
        }
        return !now.isBefore(optimizingTime) ? "optimizing" : "enabling";
    }

    /** A time shown once its state was entered, null before. */
    public Instant shown(Instant t, Instant now) {
        return t == null || now.isBefore(t) ? null : t;
    }

    public String stateTransitionReason(Instant now) {
        return switch (state(now)) {
            case "disabling", "disabled" -> "Client.UserInitiated";
            case "enabled" -> "Client.UserInitiated - Lifecycle state transition";
            default -> "Client.UserInitiated";
        };
    }
}
