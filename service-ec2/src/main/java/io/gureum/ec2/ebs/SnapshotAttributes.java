package io.gureum.ec2.ebs;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ResetSnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetSnapshotAttributeResponse;

/**
 * A snapshot's create-volume permissions: shared with accounts or public
 * (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html). Only the
 * owner reads or changes them; an encrypted snapshot cannot be made public.
 */
public final class SnapshotAttributes {
    private final Compute compute;
    private final Ebs ebs;

    public SnapshotAttributes(Compute compute, Ebs ebs) {
        this.compute = compute;
        this.ebs = ebs;
    }

    private Snapshot owned(ComputeStore s, String id) {
        Snapshot snap = ebs.requireSnapshot(s, id);
        if (!snap.ownerId.equals(s.account)) {
            throw Ec2Error.AUTH_FAILURE.withMessage("Not authorized for snapshot:" + id);
        }
        return snap;
    }

    public DescribeSnapshotAttributeResponse describeSnapshotAttribute(DescribeSnapshotAttributeRequest r) {
        ComputeStore s = compute.store();
        Snapshot snap = owned(s, r.snapshotId());
        String attribute = r.attributeAsString();
        if (!"createVolumePermission".equals(attribute) && !"productCodes".equals(attribute)) {
            throw Ec2Errors.invalidValue(attribute, "attribute", "Valid values are productCodes and createVolumePermission.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        var b = DescribeSnapshotAttributeResponse.builder().snapshotId(snap.id);
        if (attribute.equals("productCodes")) {
            return b.productCodes(List.of()).build();
        }
        List<CreateVolumePermission> out = new ArrayList<>();
        if (snap.isPublic) {
            out.add(CreateVolumePermission.builder().group("all").build());
        }
        snap.createVolumeUserIds.forEach(u -> out.add(CreateVolumePermission.builder().userId(u).build()));
        return b.createVolumePermissions(out).build();
    }

    public ModifySnapshotAttributeResponse modifySnapshotAttribute(ModifySnapshotAttributeRequest r) {
        ComputeStore s = compute.store();
        Snapshot snap = owned(s, r.snapshotId());
        List<CreateVolumePermission> add = new ArrayList<>();
        List<CreateVolumePermission> remove = new ArrayList<>();
        if (r.createVolumePermission() != null) {
            add.addAll(r.createVolumePermission().add());
            remove.addAll(r.createVolumePermission().remove());
        }
        if ((r.hasUserIds() && !r.userIds().isEmpty()) || (r.hasGroupNames() && !r.groupNames().isEmpty())) {
            List<CreateVolumePermission> target = "remove".equals(r.operationTypeAsString()) ? remove : add;
            r.userIds().forEach(u -> target.add(CreateVolumePermission.builder().userId(u).build()));
            r.groupNames().forEach(g -> target.add(CreateVolumePermission.builder().group(g).build()));
        }
        if (add.isEmpty() && remove.isEmpty()) {
            throw Ec2Errors.missing("CreateVolumePermission");
        }
        if (!add.isEmpty()) {
            ebs.requireStandardTier(snap, "to share");
        }
        for (CreateVolumePermission p : add) {
            if ("all".equals(p.groupAsString()) && !s.snapshotBlockPublicAccess.equals("unblocked")) {
                throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("Block public access for snapshots is enabled ("
                        + s.snapshotBlockPublicAccess + ") in this Region: snapshot " + snap.id
                        + " cannot be shared publicly.");
            }
            if ("all".equals(p.groupAsString()) && snap.encrypted) {
                throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("Encrypted snapshots with EBS default key cannot "
                        + "be shared");
            }
            if (p.userId() != null && !p.userId().matches("\\d{12}")) {
                throw Ec2Errors.invalidParameterValue("Invalid user id: " + p.userId());
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        for (CreateVolumePermission p : add) {
            if ("all".equals(p.groupAsString())) {
                snap.isPublic = true;
            } else if (p.userId() != null) {
                snap.createVolumeUserIds.add(p.userId());
            }
        }
        for (CreateVolumePermission p : remove) {
            if ("all".equals(p.groupAsString())) {
                snap.isPublic = false;
            } else if (p.userId() != null) {
                snap.createVolumeUserIds.remove(p.userId());
            }
        }
        return ModifySnapshotAttributeResponse.builder().build();
    }

    public ResetSnapshotAttributeResponse resetSnapshotAttribute(ResetSnapshotAttributeRequest r) {
        ComputeStore s = compute.store();
        Snapshot snap = owned(s, r.snapshotId());
        Ec2Errors.checkDryRun(r.dryRun());
        snap.isPublic = false;
        snap.createVolumeUserIds.clear();
        return ResetSnapshotAttributeResponse.builder().build();
    }
}
