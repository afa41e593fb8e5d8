package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.vpc.VpcService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/** What the compute share of EC2 finds again after a restart on the same --data-dir. */
class Ec2RestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                List.of(new VpcService(), new Ec2ComputeService()));
        InProcessWarmUp.ec2(g);
        return g;
    }

    /**
     * Starts with a compaction threshold of one byte: the journal is folded into a snapshot at once, from
     * what the instance captures, and again after every write; the next start reads that snapshot.
     */
    private Gureum startCompacting() {
        System.setProperty("gureum.compactBytes", "1");
        try {
            return start();
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), "123456789012", "ap-northeast-2");
    }

    private static Instance describe(Ec2Client ec2, String id) {
        return InstancesIT.describe(ec2, id);
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void instancesVolumesImagesKeysAndTemplatesSurviveARestart() {
        String running;
        String stopping;
        String terminated;
        Instant launchTime;
        String volume;
        String snapshot;
        String image;
        String fingerprint;
        String template;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            String ami = InstancesIT.al2023(ec2, "x86_64");
            fingerprint = ec2.createKeyPair(b -> b.keyName("kept")).keyFingerprint();
            template = ec2.createLaunchTemplate(b -> b.launchTemplateName("web").versionDescription("first")
                    .launchTemplateData(d -> d.instanceType("t3.micro").imageId(ami))).launchTemplate()
                    .launchTemplateId();
            ec2.createLaunchTemplateVersion(b -> b.launchTemplateId(template).versionDescription("second")
                    .sourceVersion("1").launchTemplateData(d -> d.instanceType("t3.small")));
            ec2.modifyLaunchTemplate(b -> b.launchTemplateId(template).defaultVersion("2"));
            ec2.createPlacementGroup(b -> b.groupName("spread").strategy("spread"));
            ec2.enableEbsEncryptionByDefault(b -> { });
            List<String> ids = ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro").minCount(3).maxCount(3)
                    .keyName("kept").metadataOptions(m -> m.httpTokens("required"))
                    .tagSpecifications(t -> t.resourceType("instance").tags(x -> x.key("Name").value("web"))))
                    .instances().stream().map(Instance::instanceId).toList();
            running = ids.get(0);
            stopping = ids.get(1);
            terminated = ids.get(2);
            g.context().clock().advance(Duration.ofSeconds(10));
            assertEquals("running", describe(ec2, running).state().nameAsString());
            launchTime = describe(ec2, running).launchTime();
            ec2.createTags(b -> b.resources(running).tags(Tag.builder().key("env").value("dev").build()));
            ec2.terminateInstances(b -> b.instanceIds(terminated));
            volume = ec2.createVolume(b -> b.availabilityZone("ap-northeast-2a").size(20)).volumeId();
            g.context().clock().advance(Duration.ofSeconds(10));
            snapshot = ec2.createSnapshot(b -> b.volumeId(volume).description("backup")).snapshotId();
            image = ec2.createImage(b -> b.instanceId(running).name("golden").noReboot(true)).imageId();
            // Still stopping when the server stops (unless the machine is slow enough for 5 s to pass).
            ec2.stopInstances(b -> b.instanceIds(stopping));
        }
        try (Gureum g = startCompacting(); Ec2Client ec2 = ec2(g)) {
            Instance web = describe(ec2, running);
            assertEquals("running", web.state().nameAsString());
            assertEquals(launchTime, web.launchTime());
            assertEquals(Map.of("Name", "web", "env", "dev"), tags(web.tags()), "tags, CreateTags' too, are kept");
            assertEquals("required", web.metadataOptions().httpTokensAsString());
            assertEquals("kept", web.keyName());
            assertEquals("terminated", describe(ec2, terminated).state().nameAsString());

            g.context().clock().advance(Duration.ofSeconds(10));
            assertEquals("stopped", describe(ec2, stopping).state().nameAsString(), "transitions go on on the clock");
            ec2.startInstances(b -> b.instanceIds(stopping));
            g.context().clock().advance(Duration.ofSeconds(10));
            assertEquals("running", describe(ec2, stopping).state().nameAsString());

            assertEquals(fingerprint, ec2.describeKeyPairs(b -> b.keyNames("kept")).keyPairs().get(0).keyFingerprint());
            var lt = ec2.describeLaunchTemplates(b -> b.launchTemplateIds(template)).launchTemplates().get(0);
            assertEquals(2L, lt.defaultVersionNumber());
            assertEquals(2L, lt.latestVersionNumber());
            assertEquals("t3.small", ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(template)
                    .versions("$Default")).launchTemplateVersions().get(0).launchTemplateData().instanceTypeAsString());
            assertEquals("spread", ec2.describePlacementGroups(b -> b.groupNames("spread")).placementGroups().get(0)
                    .strategyAsString());
            assertTrue(ec2.getEbsEncryptionByDefault(b -> { }).ebsEncryptionByDefault());

            var vol = ec2.describeVolumes(b -> b.volumeIds(volume)).volumes().get(0);
            assertEquals(20, vol.size());
            assertTrue(vol.encrypted());
            assertEquals("completed", ec2.describeSnapshots(b -> b.snapshotIds(snapshot)).snapshots().get(0)
                    .stateAsString());
            assertEquals("available", ec2.describeImages(b -> b.imageIds(image)).images().get(0).stateAsString());
            ec2.attachVolume(b -> b.volumeId(volume).instanceId(running).device("/dev/sdf"));
            assertEquals("in-use", ec2.describeVolumes(b -> b.volumeIds(volume)).volumes().get(0).stateAsString());

            String launched = ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)
                    .keyName("kept")).instances().get(0).instanceId();
            assertFalse(Set.of(running, stopping, terminated).contains(launched));
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            assertEquals(running, ec2.describeVolumes(b -> b.volumeIds(volume)).volumes().get(0).attachments().get(0)
                    .instanceId(), "the attachment made after the first restart is kept");
            g.context().clock().advance(Duration.ofHours(2));
            assertTrue(ec2.describeInstances(b -> b.filters(f -> f.name("instance-id").values(terminated)))
                    .reservations().isEmpty(), "a terminated instance still leaves after its hour");
        }
    }
}
