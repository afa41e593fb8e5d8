package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SnapshotTierStatus;

/**
 * Volume attributes, snapshot locks, the archive tier, fast snapshot restores, and the Recycle Bin as an
 * account without retention rules sees it.
 */
class EbsControlsIT extends Ec2ApiTestBase {
    private static void advance(Duration d) {
        gureum.context().clock().advance(d);
    }

    private static Instant now() {
        return gureum.context().clock().now();
    }

    private static String snapshot(Ec2Client ec2, String region, int size) {
        String vol = ec2.createVolume(b -> b.availabilityZone(region + "a").size(size)).volumeId();
        return ec2.createSnapshot(b -> b.volumeId(vol)).snapshotId();
    }

    @Test
    void volumeAttributes() {
        Ec2Client ec2 = ec2("us-west-1");
        String vol = ec2.createVolume(b -> b.availabilityZone("us-west-1a").size(10)).volumeId();
        var io = ec2.describeVolumeAttribute(b -> b.volumeId(vol).attribute("autoEnableIO"));
        assertEquals(vol, io.volumeId());
        assertFalse(io.autoEnableIO().value());
        assertTrue(ec2.describeVolumeAttribute(b -> b.volumeId(vol).attribute("productCodes")).productCodes()
                .isEmpty());
        fails("DryRunOperation", 412, () -> ec2.describeVolumeAttribute(b -> b.volumeId(vol)
                .attribute("autoEnableIO").dryRun(true)));
        fails("InvalidVolume.NotFound", 400, () -> ec2.describeVolumeAttribute(b -> b.volumeId("vol-0123456789abcdef0")
                .attribute("autoEnableIO")));
        fails("InvalidVolumeID.Malformed", 400, () -> ec2.describeVolumeAttribute(b -> b.volumeId("vol-x")
                .attribute("autoEnableIO")));

        fails("DryRunOperation", 412, () -> ec2.modifyVolumeAttribute(b -> b.volumeId(vol)
                .autoEnableIO(v -> v.value(true)).dryRun(true)));
        fails("MissingParameter", 400, () -> ec2.modifyVolumeAttribute(b -> b.volumeId(vol)));
        ec2.modifyVolumeAttribute(b -> b.volumeId(vol).autoEnableIO(v -> v.value(true)));
        assertTrue(ec2.describeVolumeAttribute(b -> b.volumeId(vol).attribute("autoEnableIO")).autoEnableIO().value());
        fails("InvalidVolume.NotFound", 400, () -> AwsClients.client(Ec2Client.builder(), gureum.endpoint(),
                "210987654321", "us-west-1").modifyVolumeAttribute(b -> b.volumeId(vol).autoEnableIO(v -> v.value(false))));

        fails("DryRunOperation", 412, () -> ec2.enableVolumeIO(b -> b.volumeId(vol).dryRun(true)));
        ec2.enableVolumeIO(b -> b.volumeId(vol));
        fails("InvalidVolume.NotFound", 400, () -> ec2.enableVolumeIO(b -> b.volumeId("vol-0123456789abcdef0")));
    }

    @Test
    void governanceAndComplianceLocks() {
        String region = "us-west-2";
        Ec2Client ec2 = ec2(region);
        String gov = snapshot(ec2, region, 8);
        String comp = snapshot(ec2, region, 8);
        String open = snapshot(ec2, region, 8);

        fails("InvalidParameterCombination", 400, () -> ec2.lockSnapshot(b -> b.snapshotId(gov).lockMode("governance")));
        fails("InvalidParameterCombination", 400, () -> ec2.lockSnapshot(b -> b.snapshotId(gov).lockMode("governance")
                .lockDuration(1).coolOffPeriod(2)));
        fails("InvalidParameterValue", 400, () -> ec2.lockSnapshot(b -> b.snapshotId(comp).lockMode("compliance")
                .lockDuration(1).coolOffPeriod(73)));
        fails("DryRunOperation", 412, () -> ec2.lockSnapshot(b -> b.snapshotId(gov).lockMode("governance")
                .lockDuration(1).dryRun(true)));
        fails("InvalidSnapshot.NotFound", 400, () -> ec2.lockSnapshot(b -> b.snapshotId("snap-0123456789abcdef0")
                .lockMode("governance").lockDuration(1)));

        var g = ec2.lockSnapshot(b -> b.snapshotId(gov).lockMode("governance").lockDuration(2));
        assertEquals("governance", g.lockStateAsString());
        assertEquals(2, g.lockDuration());
        assertEquals(g.lockCreatedOn().plus(Duration.ofDays(2)), g.lockExpiresOn());
        fails("IncorrectState", 400, () -> ec2.deleteSnapshot(b -> b.snapshotId(gov)));

        var c = ec2.lockSnapshot(b -> b.snapshotId(comp).lockMode("compliance").coolOffPeriod(2)
                .expirationDate(now().plus(Duration.ofDays(3))));
        assertEquals("compliance-cooloff", c.lockStateAsString());
        assertEquals(2, c.coolOffPeriod());
        assertEquals(c.lockCreatedOn().plus(Duration.ofHours(2)), c.coolOffPeriodExpiresOn());

        var all = ec2.describeLockedSnapshots(b -> { }).snapshots();
        assertEquals(2, all.size());
        assertEquals(List.of(comp), ec2.describeLockedSnapshots(b -> b.filters(Filter.builder().name("lock-state")
                .values("compliance-cooloff").build())).snapshots().stream().map(x -> x.snapshotId()).toList());
        assertTrue(ec2.describeLockedSnapshots(b -> b.snapshotIds(open)).snapshots().isEmpty());
        assertEquals(1, ec2.describeLockedSnapshots(b -> b.maxResults(5).snapshotIds(gov)).snapshots().size());
        fails("DryRunOperation", 412, () -> ec2.describeLockedSnapshots(b -> b.dryRun(true)));

        advance(Duration.ofHours(3));
        assertEquals("compliance", ec2.describeLockedSnapshots(b -> b.snapshotIds(comp)).snapshots().get(0)
                .lockStateAsString());
        fails("OperationNotPermitted", 400, () -> ec2.unlockSnapshot(b -> b.snapshotId(comp)));
        fails("OperationNotPermitted", 400, () -> ec2.lockSnapshot(b -> b.snapshotId(comp).lockMode("governance")
                .lockDuration(10)));
        fails("OperationNotPermitted", 400, () -> ec2.lockSnapshot(b -> b.snapshotId(comp).lockMode("compliance")
                .lockDuration(1)));
        var longer = ec2.lockSnapshot(b -> b.snapshotId(comp).lockMode("compliance").lockDuration(30));
        assertEquals("compliance", longer.lockStateAsString());
        fails("IncorrectState", 400, () -> ec2.deleteSnapshot(b -> b.snapshotId(comp)));

        fails("DryRunOperation", 412, () -> ec2.unlockSnapshot(b -> b.snapshotId(gov).dryRun(true)));
        assertEquals(gov, ec2.unlockSnapshot(b -> b.snapshotId(gov)).snapshotId());
        fails("IncorrectState", 400, () -> ec2.unlockSnapshot(b -> b.snapshotId(open)));
        ec2.deleteSnapshot(b -> b.snapshotId(gov));

        advance(Duration.ofDays(31));
        assertEquals("expired", ec2.describeLockedSnapshots(b -> b.snapshotIds(comp)).snapshots().get(0)
                .lockStateAsString());
        ec2.deleteSnapshot(b -> b.snapshotId(comp));
    }

    @Test
    void archiveAndRestoreOnTheClock() {
        String region = "ap-south-1";
        Ec2Client ec2 = ec2(region);
        String snap = snapshot(ec2, region, 8);
        fails("IncorrectState", 400, () -> ec2.modifySnapshotTier(b -> b.snapshotId(snap).storageTier("archive")),
                "a pending snapshot");
        advance(Duration.ofSeconds(10));
        fails("DryRunOperation", 412, () -> ec2.modifySnapshotTier(b -> b.snapshotId(snap).storageTier("archive")
                .dryRun(true)));
        fails("IncorrectState", 400, () -> ec2.restoreSnapshotTier(b -> b.snapshotId(snap).permanentRestore(true)),
                "not archived");
        var started = ec2.modifySnapshotTier(b -> b.snapshotId(snap).storageTier("archive"));
        assertEquals(snap, started.snapshotId());
        SnapshotTierStatus st = status(ec2, snap);
        assertEquals("archival-in-progress", st.lastTieringOperationStatusAsString());
        assertEquals("standard", st.storageTierAsString());
        fails("IncorrectState", 400, () -> ec2.modifySnapshotTier(b -> b.snapshotId(snap).storageTier("archive")));

        advance(Duration.ofHours(25));
        st = status(ec2, snap);
        assertEquals("archival-completed", st.lastTieringOperationStatusAsString());
        assertEquals("archive", st.storageTierAsString());
        assertTrue(st.archivalCompleteTime() != null);
        assertEquals("archive", ec2.describeSnapshots(b -> b.snapshotIds(snap)).snapshots().get(0)
                .storageTierAsString());
        // An archived snapshot is neither used, copied nor shared until it is restored.
        fails("IncorrectState", 400, () -> ec2.createVolume(b -> b.availabilityZone(region + "a").snapshotId(snap)));
        fails("IncorrectState", 400, () -> ec2.copySnapshot(b -> b.sourceSnapshotId(snap).sourceRegion(region)
                .presignedUrl("https://ec2." + region + ".amazonaws.com/?Action=CopySnapshot")));
        fails("IncorrectState", 400, () -> ec2.modifySnapshotAttribute(b -> b.snapshotId(snap).createVolumePermission(
                p -> p.add(CreateVolumePermission.builder().userId("210987654321").build()))));

        fails("InvalidParameterCombination", 400, () -> ec2.restoreSnapshotTier(b -> b.snapshotId(snap)
                .permanentRestore(true).temporaryRestoreDays(3)));
        fails("MissingParameter", 400, () -> ec2.restoreSnapshotTier(b -> b.snapshotId(snap)));
        fails("DryRunOperation", 412, () -> ec2.restoreSnapshotTier(b -> b.snapshotId(snap).temporaryRestoreDays(3)
                .dryRun(true)));
        var restored = ec2.restoreSnapshotTier(b -> b.snapshotId(snap).temporaryRestoreDays(3));
        assertEquals(3, restored.restoreDuration());
        assertFalse(restored.isPermanentRestore());
        assertEquals("temporary-restore-in-progress", status(ec2, snap).lastTieringOperationStatusAsString());
        advance(Duration.ofHours(25));
        st = status(ec2, snap);
        assertEquals("temporary-restore-completed", st.lastTieringOperationStatusAsString());
        assertEquals("standard", st.storageTierAsString());
        assertTrue(st.restoreExpiryTime() != null);
        assertEquals(1, ec2.describeSnapshotTierStatus(b -> b.filters(Filter.builder().name("last-tiering-operation")
                .values("temporary-restore-completed").build())).snapshotTierStatuses().size());
        advance(Duration.ofDays(3));
        assertEquals("archive", status(ec2, snap).storageTierAsString(), "a temporary restore ends");

        ec2.restoreSnapshotTier(b -> b.snapshotId(snap).permanentRestore(true));
        advance(Duration.ofHours(25));
        st = status(ec2, snap);
        assertEquals("permanent-restore-completed", st.lastTieringOperationStatusAsString());
        assertEquals("standard", st.storageTierAsString());
        assertNull(st.restoreExpiryTime());
        ec2.createVolume(b -> b.availabilityZone(region + "a").snapshotId(snap));
        fails("DryRunOperation", 412, () -> ec2.describeSnapshotTierStatus(b -> b.dryRun(true)));
        fails("InvalidSnapshot.NotFound", 400, () -> ec2.modifySnapshotTier(b -> b.snapshotId("snap-0123456789abcdef0")));
    }

    private static void fails(String code, int status, org.junit.jupiter.api.function.Executable call, String why) {
        Ec2ApiTestBase.fails(code, status, call);
    }

    private static SnapshotTierStatus status(Ec2Client ec2, String snap) {
        return ec2.describeSnapshotTierStatus(b -> b.filters(Filter.builder().name("snapshot-id").values(snap).build()))
                .snapshotTierStatuses().get(0);
    }

    @Test
    void fastSnapshotRestoresGoThroughTheirStatesOnTheClock() {
        String region = "sa-east-1";
        Ec2Client ec2 = ec2(region);
        Ec2Client other = AwsClients.client(Ec2Client.builder(), gureum.endpoint(), "210987654321", region);
        String snap = snapshot(ec2, region, 100);
        String sharedWithOther = snapshot(ec2, region, 8);
        ec2.modifySnapshotAttribute(b -> b.snapshotId(sharedWithOther).createVolumePermission(p -> p.add(
                CreateVolumePermission.builder().userId("210987654321").build())));

        fails("MissingParameter", 400, () -> ec2.enableFastSnapshotRestores(b -> b.sourceSnapshotIds(snap)));
        fails("InvalidParameterValue", 400, () -> ec2.enableFastSnapshotRestores(b -> b.sourceSnapshotIds(snap)
                .availabilityZones("sa-east-1z")));
        fails("DryRunOperation", 412, () -> ec2.enableFastSnapshotRestores(b -> b.sourceSnapshotIds(snap)
                .availabilityZones("sa-east-1a").dryRun(true)));
        var enabled = ec2.enableFastSnapshotRestores(b -> b.sourceSnapshotIds(snap, "snap-0123456789abcdef0")
                .availabilityZones("sa-east-1a", "sa-east-1b"));
        assertEquals(2, enabled.successful().size());
        assertEquals("enabling", enabled.successful().get(0).stateAsString());
        assertEquals(1, enabled.unsuccessful().size());
        assertEquals("InvalidSnapshot.NotFound", enabled.unsuccessful().get(0).fastSnapshotRestoreStateErrors().get(0)
                .error().code());

        advance(Duration.ofMinutes(2));
        assertEquals(List.of("optimizing", "optimizing"), states(ec2));
        advance(Duration.ofMinutes(60));
        List<DescribeFastSnapshotRestoreSuccessItem> items = ec2.describeFastSnapshotRestores(b -> { })
                .fastSnapshotRestores();
        assertEquals(List.of("enabled", "enabled"), items.stream().map(i -> i.stateAsString()).toList());
        assertTrue(items.get(0).enabledTime() != null && items.get(0).optimizingTime() != null);
        assertEquals(1, ec2.describeFastSnapshotRestores(b -> b.filters(Filter.builder().name("availability-zone")
                .values("sa-east-1b").build())).fastSnapshotRestores().size());
        assertEquals(1, ec2.describeFastSnapshotRestores(b -> b.maxResults(1)).fastSnapshotRestores().size());
        fails("DryRunOperation", 412, () -> ec2.describeFastSnapshotRestores(b -> b.dryRun(true)));
        String fast = ec2.createVolume(b -> b.availabilityZone("sa-east-1a").snapshotId(snap)).volumeId();
        assertTrue(ec2.describeVolumes(b -> b.volumeIds(fast)).volumes().get(0).fastRestored());
        String slow = ec2.createVolume(b -> b.availabilityZone("sa-east-1c").snapshotId(snap)).volumeId();
        assertNull(ec2.describeVolumes(b -> b.volumeIds(slow)).volumes().get(0).fastRestored());

        // A snapshot shared with another account: that account enables it for itself.
        var theirs = other.enableFastSnapshotRestores(b -> b.sourceSnapshotIds(sharedWithOther)
                .availabilityZones("sa-east-1a"));
        assertEquals("123456789012", theirs.successful().get(0).ownerId());
        assertEquals(1, other.describeFastSnapshotRestores(b -> { }).fastSnapshotRestores().size());

        fails("DryRunOperation", 412, () -> ec2.disableFastSnapshotRestores(b -> b.sourceSnapshotIds(snap)
                .availabilityZones("sa-east-1a").dryRun(true)));
        var disabled = ec2.disableFastSnapshotRestores(b -> b.sourceSnapshotIds(snap)
                .availabilityZones("sa-east-1a", "sa-east-1c"));
        assertEquals("disabling", disabled.successful().get(0).stateAsString());
        assertEquals("IncorrectState", disabled.unsuccessful().get(0).fastSnapshotRestoreStateErrors().get(0).error()
                .code());
        advance(Duration.ofMinutes(2));
        assertEquals(List.of("enabled"), states(ec2), "a disabled pair leaves the list");
        ec2.deleteSnapshot(b -> b.snapshotId(snap));
        assertTrue(states(ec2).isEmpty(), "deleting the snapshot disables its fast snapshot restores");
    }

    private static List<String> states(Ec2Client ec2) {
        return ec2.describeFastSnapshotRestores(b -> { }).fastSnapshotRestores().stream().map(i -> i.stateAsString())
                .toList();
    }

    @Test
    void theRecycleBinOfAnAccountWithoutRetentionRulesIsEmpty() {
        Ec2Client ec2 = ec2("ap-southeast-1");
        String snap = snapshot(ec2, "ap-southeast-1", 8);
        ec2.deleteSnapshot(b -> b.snapshotId(snap));
        assertTrue(ec2.listSnapshotsInRecycleBin(b -> { }).snapshots().isEmpty());
        assertTrue(ec2.listSnapshotsInRecycleBin(b -> b.snapshotIds(snap)).snapshots().isEmpty());
        assertTrue(ec2.listImagesInRecycleBin(b -> { }).images().isEmpty());
        assertTrue(ec2.listVolumesInRecycleBin(b -> b.maxResults(5)).volumes().isEmpty());
        fails("DryRunOperation", 412, () -> ec2.listSnapshotsInRecycleBin(b -> b.dryRun(true)));
        fails("DryRunOperation", 412, () -> ec2.listImagesInRecycleBin(b -> b.dryRun(true)));
        fails("DryRunOperation", 412, () -> ec2.listVolumesInRecycleBin(b -> b.dryRun(true)));
        fails("InvalidParameterValue", 400, () -> ec2.listVolumesInRecycleBin(b -> b.maxResults(501)));
    }
}
