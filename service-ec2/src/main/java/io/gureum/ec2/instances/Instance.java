package io.gureum.ec2.instances;

import io.gureum.ec2.compute.Timing;
import io.gureum.ec2common.ResourceTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored state of one instance. Its network (addresses, groups, interfaces) lives in service-vpc;
 * the fields here that repeat it ({@link #privateIp}, {@link #subnetId}) are what RunInstances was
 * given and never change while the instance lives.
 */
public final class Instance {
    public final String id;
    public final String reservationId;
    public final String ownerId;
    public final ResourceTags tags = new ResourceTags();
    public int launchIndex;
    public String requesterId;
    public String imageId;
    public String instanceType;
    public String architecture;
    public String platform;
    public String platformDetails;
    public String usageOperation;
    public String keyName;
    public String availabilityZone;
    public String subnetId;
    public String vpcId;
    public String privateIp;
    public String primaryEniId;
    public String macAddress;
    public String rootDeviceName;
    public String rootDeviceType = "ebs";
    public String virtualizationType = "hvm";
    public String hypervisor = "xen";
    public boolean enaSupport;
    public String bootMode;
    public Instant launchTime;
    public String userData;
    public String iamProfileArn;
    public String iamProfileId;
    public String iamRoleName;
    public String iamRoleArn;
    public boolean disableApiTermination;
    public boolean disableApiStop;
    public String shutdownBehavior = "stop";
    public String creditSpecification;
    public boolean ebsOptimized;
    public boolean monitoring;
    public boolean hibernationConfigured;
    public String tenancy = "default";
    public String placementGroup;
    /** The Dedicated Host the instance runs on (tenancy {@code host}), else null. */
    public String hostId;
    public String clientToken;
    /** Whether the primary interface gets an Amazon public IPv4 address at each start. */
    public boolean assignPublicIp;
    public String httpTokens = "optional";
    public int httpPutResponseHopLimit = 1;
    public String httpEndpoint = "enabled";
    public String httpProtocolIpv6 = "disabled";
    public String instanceMetadataTags = "disabled";
    public String stateTransitionReason = "";
    public String stateReasonCode;
    public String stateReasonMessage;
    public final List<Attachment> blockDevices = new ArrayList<>();
    /** The scheduled event an Availability Zone outage left on the instance (code, description, time), or null. */
    public String eventCode;
    public String eventDescription;
    public Instant eventTime;
    public String spotInstanceRequestId;
    /** The Capacity Reservation the instance runs in while pending or running, else null. */
    public String capacityReservationId;
    /**
     * Its CapacityReservationSpecification: {@code open}, {@code none} or {@code capacity-reservations-only}, or
     * null when it targets a reservation ({@link #capacityReservationTargetId}).
     */
    public String capacityReservationPreference = "open";
    public String capacityReservationTargetId;
    /** {@code spot} for an instance of the Spot market, else null (On-Demand). */
    public String instanceLifecycle;
    /** CPU options set at launch or by ModifyInstanceCpuOptions; null: the type's defaults. */
    public Integer coreCount;
    public Integer threadsPerCore;
    /** ModifyInstanceMaintenanceOptions: {@code default} or {@code disabled}. */
    public String autoRecovery = "default";
    public String rebootMigration = "default";
    /** ModifyInstancePlacement: host affinity ({@code default}/{@code host}) and partition; null when unset. */
    public String affinity;
    public Integer partitionNumber;

    /** An EBS volume attached to the instance at a device name. */
    public record Attachment(String deviceName, String volumeId) {
    }

    private InstanceState state = InstanceState.PENDING;
    public Instant stateSince;
    /** When TerminateInstances began shutting it down. */
    public Instant shutdownAt;
    /** Told of each state the instance enters ({@link InstanceStateEvents}); null for none. */
    public transient StateListener stateListener;

    /** Hears an instance enter a state at a time. */
    @FunctionalInterface
    public interface StateListener {
        void entered(Instance instance, InstanceState state, Instant at);
    }

    public Instance(String id, String reservationId, String ownerId) {
        this.id = id;
        this.reservationId = reservationId;
        this.ownerId = ownerId;
    }

    /** The state at {@code now}: a transitional state settles {@link Timing#TRANSITION} after it began. */
    public InstanceState state(Instant now) {
        if (state.transitional() && !now.isBefore(stateSince.plus(Timing.TRANSITION))) {
            stateSince = stateSince.plus(Timing.TRANSITION);
            state = state.next();
            if (stateListener != null) {
                stateListener.entered(this, state, stateSince);
            }
        }
        return state;
    }

    /** The state as last settled, without settling it (restore re-arms its timer). */
    InstanceState settledState() {
        return state;
    }

    /** Enters {@code next} at {@code now}. */
    public void enter(InstanceState next, Instant now) {
        this.state = next;
        this.stateSince = now;
        if (stateListener != null) {
            stateListener.entered(this, next, now);
        }
    }
}
