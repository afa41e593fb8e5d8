package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

class VolumesIT extends Ec2ApiTestBase {

    @Test
    void createAttachDetachSnapshotDelete() {
        Ec2Client ec2 = ec2("us-west-2");
        String ami = InstancesIT.al2023(ec2, "x86_64");
        String instance = ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1)
                .placement(p -> p.availabilityZone("us-west-2a"))).instances().get(0).instanceId();
        var vol = ec2.createVolume(b -> b.availabilityZone("us-west-2a").size(20).volumeType("gp3")
                .tagSpecifications(t -> t.resourceType("volume").tags(g -> g.key("team").value("db"))));
        assertEquals("creating", vol.stateAsString());
        assertEquals(3000, vol.iops());
        assertEquals(125, vol.throughput());
        var other = ec2.createVolume(b -> b.availabilityZone("us-west-2b").size(1));
        InstancesIT.advance(Duration.ofSeconds(10));

        fails("InvalidVolume.ZoneMismatch", 400, () -> ec2.attachVolume(b -> b.volumeId(other.volumeId())
                .instanceId(instance).device("/dev/sdf")));
        ec2.attachVolume(b -> b.volumeId(vol.volumeId()).instanceId(instance).device("/dev/sdf"));
        fails("VolumeInUse", 400, () -> ec2.deleteVolume(b -> b.volumeId(vol.volumeId())));
        var described = ec2.describeVolumes(b -> b.filters(Filter.builder().name("attachment.instance-id")
                .values(instance).build())).volumes();
        assertEquals(2, described.size(), "root volume and the attached one");
        assertEquals(2, InstancesIT.describe(ec2, instance).blockDeviceMappings().size());

        String snap = ec2.createSnapshot(b -> b.volumeId(vol.volumeId()).description("backup")).snapshotId();
        assertEquals("backup", ec2.describeSnapshots(b -> b.ownerIds("self")).snapshots().get(0).description());
        String image = ec2.registerImage(b -> b.name("from-snapshot").rootDeviceName("/dev/xvda")
                .blockDeviceMappings(m -> m.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snap)))).imageId();
        fails("InvalidSnapshot.InUse", 400, () -> ec2.deleteSnapshot(b -> b.snapshotId(snap)));
        ec2.deregisterImage(b -> b.imageId(image));
        ec2.deleteSnapshot(b -> b.snapshotId(snap));
        fails("InvalidSnapshot.NotFound", 400, () -> ec2.describeSnapshots(b -> b.snapshotIds(snap)));

        ec2.detachVolume(b -> b.volumeId(vol.volumeId()));
        ec2.deleteVolume(b -> b.volumeId(vol.volumeId()));
        fails("InvalidVolume.NotFound", 400, () -> ec2.describeVolumes(b -> b.volumeIds(vol.volumeId())));
        fails("InvalidVolumeID.Malformed", 400, () -> ec2.describeVolumes(b -> b.volumeIds("vol-x")));
    }

    @Test
    void volumeRulesAndEncryptionDefaults() {
        Ec2Client ec2 = ec2("ap-northeast-1");
        fails("InvalidParameterValue", 400, () -> ec2.createVolume(b -> b.availabilityZone("ap-northeast-1a")
                .size(20000).volumeType("gp2")));
        fails("MissingParameter", 400, () -> ec2.createVolume(b -> b.availabilityZone("ap-northeast-1a")
                .size(100).volumeType("io1")));
        fails("InvalidParameterValue", 400, () -> ec2.createVolume(b -> b.availabilityZone("ap-northeast-1a")
                .size(10).volumeType("io1").iops(1000)));
        fails("InvalidParameterCombination", 400, () -> ec2.createVolume(b -> b.availabilityZone("ap-northeast-1a")
                .size(10).volumeType("gp2").iops(300)));
        fails("InvalidParameterValue", 400, () -> ec2.createVolume(b -> b.availabilityZone("ap-northeast-1a")
                .size(100).volumeType("st1")));

        assertEquals(false, ec2.getEbsEncryptionByDefault(b -> { }).ebsEncryptionByDefault());
        ec2.enableEbsEncryptionByDefault(b -> { });
        var v = ec2.createVolume(b -> b.availabilityZone("ap-northeast-1a").size(8));
        assertTrue(v.encrypted());
        assertEquals("arn:aws:kms:ap-northeast-1:123456789012:alias/aws/ebs", v.kmsKeyId());
        ec2.modifyEbsDefaultKmsKeyId(b -> b.kmsKeyId("alias/mine"));
        assertEquals("arn:aws:kms:ap-northeast-1:123456789012:alias/mine",
                ec2.getEbsDefaultKmsKeyId(b -> { }).kmsKeyId());
        ec2.disableEbsEncryptionByDefault(b -> { });
    }
}
