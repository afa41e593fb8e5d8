package io.gureum.ec2.instances;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCapacityReservationAttributesRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCapacityReservationAttributesResponse;

/**
 * ModifyInstanceCapacityReservationAttributes: a stopped instance's Capacity Reservation settings (a preference
 * or a targeted reservation), applied when it starts (API reference: "Modifies the Capacity Reservation settings
 * for a stopped instance").
 */
public final class InstanceCapacityReservations {
    private final Compute compute;
    private final Instances instances;

    public InstanceCapacityReservations(Compute compute, Instances instances) {
        this.compute = compute;
        this.instances = instances;
    }

    public ModifyInstanceCapacityReservationAttributesResponse modifyInstanceCapacityReservationAttributes(
            ModifyInstanceCapacityReservationAttributesRequest r) {
        ComputeStore s = compute.store();
        if (r.capacityReservationSpecification() == null) {
            throw Ec2Errors.missing("CapacityReservationSpecification");
        }
        Instance i = Instances.require(s, r.instanceId());
        LaunchCapacity.Spec spec = LaunchCapacity.spec(r.capacityReservationSpecification());
        if (i.state(compute.now()) != InstanceState.STOPPED) {
            throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in the stopped "
                    + "state; its Capacity Reservation settings can be modified only while it is stopped.");
        }
        instances.capacity().requireTarget(s, spec);
        Ec2Errors.checkDryRun(r.dryRun());
        i.capacityReservationPreference = spec.preference();
        i.capacityReservationTargetId = spec.targetId();
        return ModifyInstanceCapacityReservationAttributesResponse.builder().returnValue(true).build();
    }
}
