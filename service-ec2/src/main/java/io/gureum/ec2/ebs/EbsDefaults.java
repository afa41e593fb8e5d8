package io.gureum.ec2.ebs;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Errors;
import software.amazon.awssdk.services.ec2.model.DisableEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.DisableEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.DisableSnapshotBlockPublicAccessRequest;
import software.amazon.awssdk.services.ec2.model.DisableSnapshotBlockPublicAccessResponse;
import software.amazon.awssdk.services.ec2.model.EnableEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.EnableEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.EnableSnapshotBlockPublicAccessRequest;
import software.amazon.awssdk.services.ec2.model.EnableSnapshotBlockPublicAccessResponse;
import software.amazon.awssdk.services.ec2.model.GetEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.GetEbsDefaultKmsKeyIdResponse;
import software.amazon.awssdk.services.ec2.model.GetEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.GetEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.GetSnapshotBlockPublicAccessStateRequest;
import software.amazon.awssdk.services.ec2.model.GetSnapshotBlockPublicAccessStateResponse;
import software.amazon.awssdk.services.ec2.model.ModifyEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.ModifyEbsDefaultKmsKeyIdResponse;
import software.amazon.awssdk.services.ec2.model.ResetEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.ResetEbsDefaultKmsKeyIdResponse;

/**
 * The account's EBS encryption defaults per region (https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html):
 * when enabled every new volume is encrypted, with the default KMS key ({@code alias/aws/ebs} unless changed). Also
 * block public access for snapshots per region
 * (https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html): {@code block-new-sharing}
 * refuses making a snapshot public; {@code block-all-sharing} also treats the snapshots already public as private
 * (other accounts no longer see or use them) while their permissions still say {@code all}.
 */
public final class EbsDefaults {
    private final Compute compute;
    private final Ebs ebs;

    public EbsDefaults(Compute compute, Ebs ebs) {
        this.compute = compute;
        this.ebs = ebs;
    }

    public EnableEbsEncryptionByDefaultResponse enableEbsEncryptionByDefault(EnableEbsEncryptionByDefaultRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        s.ebsEncryptionByDefault = true;
        return EnableEbsEncryptionByDefaultResponse.builder().ebsEncryptionByDefault(true).build();
    }

    public DisableEbsEncryptionByDefaultResponse disableEbsEncryptionByDefault(DisableEbsEncryptionByDefaultRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        s.ebsEncryptionByDefault = false;
        return DisableEbsEncryptionByDefaultResponse.builder().ebsEncryptionByDefault(false).build();
    }

    public GetEbsEncryptionByDefaultResponse getEbsEncryptionByDefault(GetEbsEncryptionByDefaultRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        return GetEbsEncryptionByDefaultResponse.builder().ebsEncryptionByDefault(s.ebsEncryptionByDefault)
                .sseType("sse-ebs").build();
    }

    public GetEbsDefaultKmsKeyIdResponse getEbsDefaultKmsKeyId(GetEbsDefaultKmsKeyIdRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        return GetEbsDefaultKmsKeyIdResponse.builder().kmsKeyId(ebs.kmsKey(s, null)).build();
    }

    public ModifyEbsDefaultKmsKeyIdResponse modifyEbsDefaultKmsKeyId(ModifyEbsDefaultKmsKeyIdRequest r) {
        ComputeStore s = compute.store();
        if (r.kmsKeyId() == null) {
            throw Ec2Errors.missing("KmsKeyId");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.ebsDefaultKmsKeyId = r.kmsKeyId();
        return ModifyEbsDefaultKmsKeyIdResponse.builder().kmsKeyId(ebs.kmsKey(s, null)).build();
    }

    public ResetEbsDefaultKmsKeyIdResponse resetEbsDefaultKmsKeyId(ResetEbsDefaultKmsKeyIdRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        s.ebsDefaultKmsKeyId = null;
        return ResetEbsDefaultKmsKeyIdResponse.builder().kmsKeyId(ebs.kmsKey(s, null)).build();
    }

    public EnableSnapshotBlockPublicAccessResponse enableSnapshotBlockPublicAccess(EnableSnapshotBlockPublicAccessRequest r) {
        ComputeStore s = compute.store();
        String state = r.stateAsString();
        if (state == null) {
            throw Ec2Errors.missing("State");
        }
        // Enable answers block-all-sharing or block-new-sharing; unblocked is DisableSnapshotBlockPublicAccess.
        if (!state.equals("block-all-sharing") && !state.equals("block-new-sharing")) {
            throw Ec2Errors.invalidValue(state, "State", "Valid values are block-all-sharing and block-new-sharing.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.snapshotBlockPublicAccess = state;
        return EnableSnapshotBlockPublicAccessResponse.builder().state(state).build();
    }

    public DisableSnapshotBlockPublicAccessResponse disableSnapshotBlockPublicAccess(
            DisableSnapshotBlockPublicAccessRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        s.snapshotBlockPublicAccess = "unblocked";
        return DisableSnapshotBlockPublicAccessResponse.builder().state("unblocked").build();
    }

    public GetSnapshotBlockPublicAccessStateResponse getSnapshotBlockPublicAccessState(
            GetSnapshotBlockPublicAccessStateRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        return GetSnapshotBlockPublicAccessStateResponse.builder().state(s.snapshotBlockPublicAccess)
                .managedBy("account").build();
    }
}
