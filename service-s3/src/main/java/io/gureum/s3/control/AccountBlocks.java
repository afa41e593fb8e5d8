package io.gureum.s3.control;

import software.amazon.awssdk.services.s3control.model.DeletePublicAccessBlockRequest;
import software.amazon.awssdk.services.s3control.model.DeletePublicAccessBlockResponse;
import software.amazon.awssdk.services.s3control.model.GetPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3control.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3control.model.NoSuchPublicAccessBlockConfigurationException;
import software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3control.model.PutPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3control.model.PutPublicAccessBlockResponse;

/**
 * Account-level Block Public Access
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html): one
 * configuration per account, for all its buckets in every Region; S3 applies each setting that either the
 * account or the bucket turns on. Omitted settings are false, as AWS stores them.
 */
final class AccountBlocks {
    private final ControlState state;

    AccountBlocks(ControlState state) {
        this.state = state;
    }

    public PutPublicAccessBlockResponse putPublicAccessBlock(PutPublicAccessBlockRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        PublicAccessBlockConfiguration c = request.publicAccessBlockConfiguration();
        state.putBlock(account, AccessPoints.block(c));
        return PutPublicAccessBlockResponse.builder().build();
    }

    public GetPublicAccessBlockResponse getPublicAccessBlock(GetPublicAccessBlockRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        ControlState.Block b = state.block(account);
        if (b == null) {
            throw missing();
        }
        return GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(AccessPoints.configuration(b))
                .build();
    }

    /** Deleting what is not there is no error on AWS (204 either way). */
    public DeletePublicAccessBlockResponse deletePublicAccessBlock(DeletePublicAccessBlockRequest request) {
        state.deleteBlock(ControlErrors.callerAccount(request.accountId()));
        return DeletePublicAccessBlockResponse.builder().build();
    }

    private static NoSuchPublicAccessBlockConfigurationException missing() {
        return io.gureum.core.error.ModeledErrors.of(NoSuchPublicAccessBlockConfigurationException.class,
                "The public access block configuration was not found");
    }
}
