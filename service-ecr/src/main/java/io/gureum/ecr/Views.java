package io.gureum.ecr;

import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageScanningConfiguration;

/** Stored repositories and images as the SDK's shapes. */
final class Views {
    private Views() {
    }

    static software.amazon.awssdk.services.ecr.model.Repository repository(Repository r) {
        return software.amazon.awssdk.services.ecr.model.Repository.builder().repositoryArn(r.arn.toString())
                .registryId(r.registryId).repositoryName(r.name).repositoryUri(r.uri()).createdAt(r.createdAt)
                .imageTagMutability(r.imageTagMutability).imageScanningConfiguration(scanning(r))
                .encryptionConfiguration(EncryptionConfiguration.builder().encryptionType(r.encryptionType)
                        .kmsKey(r.kmsKey).build())
                .build();
    }

    static ImageScanningConfiguration scanning(Repository r) {
        return ImageScanningConfiguration.builder().scanOnPush(r.scanOnPush).build();
    }

    /** The image's digest and, when it has one, the tag it was asked by (or its first). */
    static ImageIdentifier id(Image image, String tag) {
        return ImageIdentifier.builder().imageDigest(image.digest).imageTag(tag).build();
    }
}
