package io.gureum.ec2.ebs;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ListImagesInRecycleBinRequest;
import software.amazon.awssdk.services.ec2.model.ListImagesInRecycleBinResponse;
import software.amazon.awssdk.services.ec2.model.ListSnapshotsInRecycleBinRequest;
import software.amazon.awssdk.services.ec2.model.ListSnapshotsInRecycleBinResponse;
import software.amazon.awssdk.services.ec2.model.ListVolumesInRecycleBinRequest;
import software.amazon.awssdk.services.ec2.model.ListVolumesInRecycleBinResponse;

/**
 * The EC2 API's views of the Recycle Bin (https://docs.aws.amazon.com/ebs/latest/userguide/recycle-bin.html).
 * Deleted snapshots, AMIs and volumes go to the bin only when a retention rule of the Recycle Bin service
 * ({@code rbin}) matches them; Gureum does not serve {@code rbin}, so no account has a rule and the bin is
 * always empty: these lists answer as they do for such an account. The Restore…FromRecycleBin operations stay
 * unbound (docs/services/ec2.md).
 */
public final class RecycleBinViews {
    /** ListImagesInRecycleBin's documented limit. */
    private static final int MAX_IMAGE_IDS = 20;

    public ListSnapshotsInRecycleBinResponse listSnapshotsInRecycleBin(ListSnapshotsInRecycleBinRequest r) {
        Pagination.page(List.of(), r.maxResults(), r.nextToken(), 5, 1000);
        Ec2Errors.checkDryRun(r.dryRun());
        return ListSnapshotsInRecycleBinResponse.builder().snapshots(List.of()).build();
    }

    public ListImagesInRecycleBinResponse listImagesInRecycleBin(ListImagesInRecycleBinRequest r) {
        if (r.hasImageIds() && r.imageIds().size() > MAX_IMAGE_IDS) {
            throw Ec2Errors.invalidParameterValue("You can specify up to " + MAX_IMAGE_IDS + " image IDs.");
        }
        Pagination.page(List.of(), r.maxResults(), r.nextToken(), 1, 1000);
        Ec2Errors.checkDryRun(r.dryRun());
        return ListImagesInRecycleBinResponse.builder().images(List.of()).build();
    }

    public ListVolumesInRecycleBinResponse listVolumesInRecycleBin(ListVolumesInRecycleBinRequest r) {
        Pagination.page(List.of(), r.maxResults(), r.nextToken(), 5, 500);
        Ec2Errors.checkDryRun(r.dryRun());
        return ListVolumesInRecycleBinResponse.builder().volumes(List.of()).build();
    }
}
