package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.vpc.VpcService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ImageCriterionRequest;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;

/** The AMI and EBS controls found again after a restart on the same --data-dir (journal, then snapshot). */
class ImageEbsControlsRestartIT {
    private static final String REGION = "eu-south-1";

    @TempDir
    Path dataDir;

    private Gureum start(boolean compacting) {
        if (compacting) {
            System.setProperty("gureum.compactBytes", "1");
        }
        try {
            return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                    List.of(new VpcService(), new Ec2ComputeService()));
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), "123456789012", REGION);
    }

    @Test
    void settingsLocksTiersAndFastRestoresSurviveARestart() {
        String image;
        String snap;
        String vol;
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            vol = ec2.createVolume(b -> b.availabilityZone(REGION + "a").size(8)).volumeId();
            ec2.modifyVolumeAttribute(b -> b.volumeId(vol).autoEnableIO(v -> v.value(true)));
            snap = ec2.createSnapshot(b -> b.volumeId(vol)).snapshotId();
            image = ImageControlsIT.register(ec2, REGION, "kept");
            g.context().clock().advance(Duration.ofSeconds(10));
            ec2.enableImageBlockPublicAccess(b -> b.imageBlockPublicAccessState("block-new-sharing"));
            ec2.replaceImageCriteriaInAllowedImagesSettings(b -> b.imageCriteria(ImageCriterionRequest.builder()
                    .imageProviders("amazon").imageNames("al2023-*").build()));
            ec2.enableAllowedImagesSettings(b -> b.allowedImagesSettingsState("audit-mode"));
            ec2.enableImageDeregistrationProtection(b -> b.imageId(image).withCooldown(true));
            ec2.disableImageDeregistrationProtection(b -> b.imageId(image));
            ec2.disableImage(b -> b.imageId(image));
            ec2.lockSnapshot(b -> b.snapshotId(snap).lockMode("compliance").coolOffPeriod(1).lockDuration(2));
            ec2.modifySnapshotTier(b -> b.snapshotId(snap).storageTier("archive"));
            ec2.enableFastSnapshotRestores(b -> b.sourceSnapshotIds(snap).availabilityZones(REGION + "a"));
        }
        try (Gureum g = start(true); Ec2Client ec2 = ec2(g)) {
            assertTrue(ec2.describeVolumeAttribute(b -> b.volumeId(vol).attribute("autoEnableIO")).autoEnableIO()
                    .value());
            assertEquals("block-new-sharing", ec2.getImageBlockPublicAccessState(b -> { })
                    .imageBlockPublicAccessState());
            var allowed = ec2.getAllowedImagesSettings(b -> { });
            assertEquals("audit-mode", allowed.state());
            assertEquals(List.of("al2023-*"), allowed.imageCriteria().get(0).imageNames());
            var img = ec2.describeImages(b -> b.imageIds(image)).images().get(0);
            assertEquals("disabled", img.stateAsString());
            assertTrue(img.deregistrationProtection().startsWith("disabled-until "));
            assertThrows(AwsServiceException.class, () -> ec2.deregisterImage(b -> b.imageId(image)));
            assertEquals("compliance-cooloff", ec2.describeLockedSnapshots(b -> b.snapshotIds(snap)).snapshots().get(0)
                    .lockStateAsString());
            g.context().clock().advance(Duration.ofHours(25));
            assertEquals("compliance", ec2.describeLockedSnapshots(b -> b.snapshotIds(snap)).snapshots().get(0)
                    .lockStateAsString(), "the cooling-off period ends on the clock after the restart");
            assertEquals("archive", ec2.describeSnapshotTierStatus(b -> b.filters(Filter.builder().name("snapshot-id")
                    .values(snap).build())).snapshotTierStatuses().get(0).storageTierAsString());
            assertEquals("enabled", ec2.describeFastSnapshotRestores(b -> { }).fastSnapshotRestores().get(0)
                    .stateAsString());
            ec2.disableImageBlockPublicAccess(b -> { });
            ec2.enableImage(b -> b.imageId(image));
        }
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            assertEquals("unblocked", ec2.getImageBlockPublicAccessState(b -> { }).imageBlockPublicAccessState());
            assertEquals("available", ec2.describeImages(b -> b.imageIds(image)).images().get(0).stateAsString());
            ec2.modifyImageAttribute(b -> b.imageId(image).launchPermission(l -> l.add(
                    LaunchPermission.builder().group("all").build())));
        }
    }
}
