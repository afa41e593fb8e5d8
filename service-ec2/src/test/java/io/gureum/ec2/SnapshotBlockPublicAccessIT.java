package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;

/** Block public access for snapshots: its states, and what each does to public sharing. */
class SnapshotBlockPublicAccessIT extends Ec2ApiTestBase {
    private static final String REGION = "sa-east-1";

    @TempDir
    Path dataDir;

    private static void makePublic(Ec2Client ec2, String snap) {
        ec2.modifySnapshotAttribute(b -> b.snapshotId(snap).createVolumePermission(p -> p.add(
                CreateVolumePermission.builder().group("all").build())));
    }

    private static int visible(Ec2Client other, String snap) {
        return other.describeSnapshots(b -> b.restorableByUserIds("all").ownerIds("123456789012")).snapshots()
                .stream().filter(x -> x.snapshotId().equals(snap)).toList().size();
    }

    @Test
    void statesAndTheirEffects() {
        Ec2Client ec2 = ec2(REGION);
        Ec2Client other = AwsClients.client(Ec2Client.builder(), gureum.endpoint(), "210987654321", REGION);
        var state = ec2.getSnapshotBlockPublicAccessState(b -> { });
        assertEquals("unblocked", state.stateAsString());
        assertEquals("account", state.managedByAsString());
        fails("DryRunOperation", 412, () -> ec2.getSnapshotBlockPublicAccessState(b -> b.dryRun(true)));
        fails("DryRunOperation", 412, () -> ec2.enableSnapshotBlockPublicAccess(b -> b.state("block-all-sharing")
                .dryRun(true)));
        fails("InvalidParameterValue", 400, () -> ec2.enableSnapshotBlockPublicAccess(b -> b.state("unblocked")));
        fails("DryRunOperation", 412, () -> ec2.disableSnapshotBlockPublicAccess(b -> b.dryRun(true)));

        String vol = ec2.createVolume(b -> b.availabilityZone(REGION + "a").size(10)).volumeId();
        InstancesIT.advance(Duration.ofSeconds(10));
        String shared = ec2.createSnapshot(b -> b.volumeId(vol)).snapshotId();
        String later = ec2.createSnapshot(b -> b.volumeId(vol)).snapshotId();
        InstancesIT.advance(Duration.ofSeconds(10));
        makePublic(ec2, shared);
        assertEquals(1, visible(other, shared));

        // New sharing is blocked; what is public stays public.
        assertEquals("block-new-sharing", ec2.enableSnapshotBlockPublicAccess(b -> b.state("block-new-sharing"))
                .stateAsString());
        assertEquals("block-new-sharing", ec2.getSnapshotBlockPublicAccessState(b -> { }).stateAsString());
        fails("OperationNotPermitted", 400, () -> makePublic(ec2, later));
        assertEquals(1, visible(other, shared));

        // All sharing is blocked: the public snapshot is private to the others, its permission still says "all".
        ec2.enableSnapshotBlockPublicAccess(b -> b.state("block-all-sharing"));
        assertEquals(0, visible(other, shared));
        fails("InvalidSnapshot.NotFound", 400, () -> other.describeSnapshots(b -> b.snapshotIds(shared)));
        fails("InvalidSnapshot.NotFound", 400, () -> other.createVolume(b -> b.availabilityZone(REGION + "a")
                .snapshotId(shared)));
        assertEquals("all", ec2.describeSnapshotAttribute(b -> b.snapshotId(shared).attribute("createVolumePermission"))
                .createVolumePermissions().get(0).groupAsString());
        // Removing public sharing is never blocked.
        ec2.modifySnapshotAttribute(b -> b.snapshotId(shared).createVolumePermission(p -> p.remove(
                CreateVolumePermission.builder().group("all").build())));
        makePublicAgainAfterDisable(ec2, other, shared, later);
    }

    private static void makePublicAgainAfterDisable(Ec2Client ec2, Ec2Client other, String shared, String later) {
        assertEquals("unblocked", ec2.disableSnapshotBlockPublicAccess(b -> { }).stateAsString());
        makePublic(ec2, later);
        assertEquals(1, visible(other, later));
        assertEquals(0, visible(other, shared));
        // Other Regions keep their own setting.
        assertEquals("unblocked", ec2("ap-northeast-2").getSnapshotBlockPublicAccessState(b -> { }).stateAsString());
    }

    @Test
    void stateSurvivesARestart() {
        for (int r = 0; r < 2; r++) {
            final int round = r;
            if (round == 1) {
                System.setProperty("gureum.compactBytes", "1");
            }
            try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                    List.of(new VpcService(), new Ec2ComputeService()))) {
                Ec2Client c = AwsClients.client(Ec2Client.builder(), g.endpoint(), "123456789012", REGION);
                String mode = round == 0 ? "block-all-sharing" : "block-new-sharing";
                c.enableSnapshotBlockPublicAccess(b -> b.state(mode));
            } finally {
                System.clearProperty("gureum.compactBytes");
            }
            try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                    List.of(new VpcService(), new Ec2ComputeService()))) {
                Ec2Client c = AwsClients.client(Ec2Client.builder(), g.endpoint(), "123456789012", REGION);
                assertEquals(round == 0 ? "block-all-sharing" : "block-new-sharing",
                        c.getSnapshotBlockPublicAccessState(b -> { }).stateAsString());
                assertTrue(c.disableSnapshotBlockPublicAccess(b -> { }).stateAsString().equals("unblocked"));
            }
        }
    }
}
