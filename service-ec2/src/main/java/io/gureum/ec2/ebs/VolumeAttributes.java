package io.gureum.ec2.ebs;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Errors;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeAttributeResponse;
import software.amazon.awssdk.services.ec2.model.EnableVolumeIoRequest;
import software.amazon.awssdk.services.ec2.model.EnableVolumeIoResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeAttributeResponse;

/**
 * A volume's attributes (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolumeAttribute.html):
 * {@code autoEnableIO}, whether I/O resumes by itself after EBS found the data possibly inconsistent, and
 * {@code productCodes} (none: no Marketplace product is attached to a volume here). Gureum never finds a
 * volume's data inconsistent, so I/O is never suspended and EnableVolumeIO has nothing to resume: it checks
 * the volume and succeeds.
 */
public final class VolumeAttributes {
    private final Compute compute;
    private final Ebs ebs;

    public VolumeAttributes(Compute compute, Ebs ebs) {
        this.compute = compute;
        this.ebs = ebs;
    }

    public DescribeVolumeAttributeResponse describeVolumeAttribute(DescribeVolumeAttributeRequest r) {
        ComputeStore s = compute.store();
        Volume v = ebs.requireVolume(s, r.volumeId());
        String attribute = r.attributeAsString();
        if (attribute == null) {
            throw Ec2Errors.missing("Attribute");
        }
        if (!attribute.equals("autoEnableIO") && !attribute.equals("productCodes")) {
            throw Ec2Errors.invalidValue(attribute, "attribute", "Valid values are autoEnableIO and productCodes.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        var b = DescribeVolumeAttributeResponse.builder().volumeId(v.id);
        if (attribute.equals("autoEnableIO")) {
            b.autoEnableIO(AttributeBooleanValue.builder().value(v.autoEnableIO).build());
        } else {
            b.productCodes(List.of());
        }
        return b.build();
    }

    public ModifyVolumeAttributeResponse modifyVolumeAttribute(ModifyVolumeAttributeRequest r) {
        ComputeStore s = compute.store();
        Volume v = ebs.requireVolume(s, r.volumeId());
        if (r.autoEnableIO() == null || r.autoEnableIO().value() == null) {
            throw Ec2Errors.missing("AutoEnableIO");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        v.autoEnableIO = r.autoEnableIO().value();
        return ModifyVolumeAttributeResponse.builder().build();
    }

    public EnableVolumeIoResponse enableVolumeIO(EnableVolumeIoRequest r) {
        ComputeStore s = compute.store();
        ebs.requireVolume(s, r.volumeId());
        Ec2Errors.checkDryRun(r.dryRun());
        return EnableVolumeIoResponse.builder().build();
    }
}
