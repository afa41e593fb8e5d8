package io.gureum.ec2.ebs;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Errors;
import software.amazon.awssdk.services.ec2.model.DisableEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.DisableEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.EnableEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.EnableEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.GetEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.GetEbsDefaultKmsKeyIdResponse;
import software.amazon.awssdk.services.ec2.model.GetEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.GetEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.ModifyEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.ModifyEbsDefaultKmsKeyIdResponse;
import software.amazon.awssdk.services.ec2.model.ResetEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.ResetEbsDefaultKmsKeyIdResponse;

/**
 * The account's EBS encryption defaults per region (https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html):
 * when enabled every new volume is encrypted, with the default KMS key ({@code alias/aws/ebs} unless changed).
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
}
