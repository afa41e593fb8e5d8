package io.gureum.s3.access;

import io.gureum.s3.control.ControlState;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/** The bucket's and its account's Block Public Access settings as one: each setting on if either turns it on. */
public final class Blocks {
    private Blocks() {
    }

    /** The combined settings, or null when neither the bucket nor the account has any. */
    public static PublicAccessBlockConfiguration effective(PublicAccessBlockConfiguration bucket,
            ControlState.Block account) {
        if (account == null) {
            return bucket;
        }
        boolean bucketAcls = bucket != null && Boolean.TRUE.equals(bucket.blockPublicAcls());
        boolean bucketIgnore = bucket != null && Boolean.TRUE.equals(bucket.ignorePublicAcls());
        boolean bucketPolicy = bucket != null && Boolean.TRUE.equals(bucket.blockPublicPolicy());
        boolean bucketRestrict = bucket != null && Boolean.TRUE.equals(bucket.restrictPublicBuckets());
        return PublicAccessBlockConfiguration.builder().blockPublicAcls(bucketAcls || account.blockPublicAcls())
                .ignorePublicAcls(bucketIgnore || account.ignorePublicAcls())
                .blockPublicPolicy(bucketPolicy || account.blockPublicPolicy())
                .restrictPublicBuckets(bucketRestrict || account.restrictPublicBuckets()).build();
    }
}
