package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.Image;

class ImageCreationIT extends Ec2ApiTestBase {

    @Test
    void createImageFromAnInstanceThenCopyItToAnotherRegion() {
        Ec2Client seoul = ec2("ap-northeast-2");
        String ami = InstancesIT.al2023(seoul, "x86_64");
        String instance = seoul.runInstances(b -> b.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        fails("IncorrectInstanceState", 400, () -> seoul.createImage(b -> b.instanceId(instance).name("too-early")));
        InstancesIT.advance(Duration.ofSeconds(10));
        String name = "golden-" + System.nanoTime();
        String image = seoul.createImage(b -> b.instanceId(instance).name(name).noReboot(true)
                .tagSpecifications(t -> t.resourceType("image").tags(g -> g.key("k").value("v")))).imageId();
        Image made = seoul.describeImages(b -> b.imageIds(image)).images().get(0);
        assertEquals("pending", made.stateAsString());
        assertEquals(instance, made.sourceInstanceId());
        String snapshot = made.blockDeviceMappings().get(0).ebs().snapshotId();
        assertEquals(8, made.blockDeviceMappings().get(0).ebs().volumeSize());
        fails("InvalidAMIName.Duplicate", 400, () -> seoul.createImage(b -> b.instanceId(instance).name(name)));
        InstancesIT.advance(Duration.ofSeconds(10));
        assertEquals("available", seoul.describeImages(b -> b.imageIds(image)).images().get(0).stateAsString());
        fails("InvalidSnapshot.InUse", 400, () -> seoul.deleteSnapshot(b -> b.snapshotId(snapshot)));

        Ec2Client virginia = ec2("us-east-1");
        String copy = virginia.copyImage(b -> b.sourceImageId(image).sourceRegion("ap-northeast-2").name(name)
                .copyImageTags(true)).imageId();
        Image copied = virginia.describeImages(b -> b.imageIds(copy)).images().get(0);
        assertEquals(image, copied.sourceImageId());
        assertEquals("ap-northeast-2", copied.sourceImageRegion());
        assertEquals("v", copied.tags().get(0).value());
        assertTrue(!copied.blockDeviceMappings().get(0).ebs().snapshotId().equals(snapshot));
        String launched = virginia.runInstances(b -> b.imageId(copy).instanceType("t3.micro").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        assertTrue(launched.startsWith("i-"));
        fails("InvalidAMIID.NotFound", 400, () -> virginia.copyImage(b -> b.sourceImageId("ami-0123456789abcdef0")
                .sourceRegion("ap-northeast-2").name("x-copy")));
    }

    @Test
    void snapshotsAreCopiedSharedAndModified() {
        Ec2Client ec2 = ec2("eu-central-1");
        String vol = ec2.createVolume(b -> b.availabilityZone("eu-central-1a").size(10).volumeType("gp3")).volumeId();
        String snap = ec2.createSnapshot(b -> b.volumeId(vol)).snapshotId();
        ec2.modifySnapshotAttribute(b -> b.snapshotId(snap).createVolumePermission(p -> p.add(
                CreateVolumePermission.builder().userId("210987654321").build())));
        assertEquals("210987654321", ec2.describeSnapshotAttribute(b -> b.snapshotId(snap)
                .attribute("createVolumePermission")).createVolumePermissions().get(0).userId());
        Ec2Client other = io.gureum.core.testing.AwsClients.client(Ec2Client.builder(), gureum.endpoint(),
                "210987654321", "eu-central-1");
        assertEquals(1, other.describeSnapshots(b -> b.restorableByUserIds("self").ownerIds("123456789012"))
                .snapshots().size());
        String restored = other.createVolume(b -> b.availabilityZone("eu-central-1b").snapshotId(snap)).volumeId();
        assertEquals(snap, other.describeVolumes(b -> b.volumeIds(restored)).volumes().get(0).snapshotId());
        fails("AuthFailure", 400, () -> other.describeSnapshotAttribute(b -> b.snapshotId(snap)
                .attribute("createVolumePermission")));

        String copy = ec2("eu-west-1").copySnapshot(b -> b.sourceRegion("eu-central-1").sourceSnapshotId(snap)
                // The SDK presigns for the source region from the endpoint unless given a URL; a local endpoint has no region.
                .presignedUrl("https://ec2.eu-central-1.amazonaws.com/?Action=CopySnapshot"))
                .snapshotId();
        assertEquals(10, ec2("eu-west-1").describeSnapshots(b -> b.snapshotIds(copy)).snapshots().get(0).volumeSize());

        var mod = ec2.modifyVolume(b -> b.volumeId(vol).size(20).iops(4000)).volumeModification();
        assertEquals("modifying", mod.modificationStateAsString());
        assertEquals(10, mod.originalSize());
        fails("IncorrectModificationState", 400, () -> ec2.modifyVolume(b -> b.volumeId(vol).size(30)));
        InstancesIT.advance(Duration.ofSeconds(20));
        assertEquals("completed", ec2.describeVolumesModifications(b -> b.volumeIds(vol)).volumesModifications()
                .get(0).modificationStateAsString());
        fails("InvalidParameterValue", 400, () -> ec2.modifyVolume(b -> b.volumeId(vol).size(5)));
        assertEquals(20, ec2.describeVolumes(b -> b.volumeIds(vol)).volumes().get(0).size());
        assertEquals("ok", ec2.describeVolumeStatus(b -> b.volumeIds(vol)).volumeStatuses().get(0).volumeStatus()
                .statusAsString());
    }
}
