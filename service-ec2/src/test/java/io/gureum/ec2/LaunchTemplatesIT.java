package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.vpc.VpcService;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateErrorCode;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Launch templates and versions through the SDK, with the real images and instances of the EC2 API. */
class LaunchTemplatesIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new VpcService(), new Ec2ComputeService())
            .build();

    @BeforeAll
    static void warmUp() {
        InProcessWarmUp.ec2(aws.gureum());
        image = InstancesIT.al2023(ec2(), "x86_64");
    }

    static String image;

    static Ec2Client ec2() {
        return AwsClients.client(Ec2Client.builder(), aws.gureum().endpoint(), "123456789012", "ap-northeast-2");
    }

    static String fails(String code, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        return e.awsErrorDetails().errorMessage();
    }

    private static String name() {
        return "lt-test_" + UUID.randomUUID();
    }

    @Test
    void createDescribeAndTag() {
        try (Ec2Client ec2 = ec2()) {
            String name = name();
            var created = ec2.createLaunchTemplate(b -> b.launchTemplateName(name).versionDescription("first")
                    .launchTemplateData(d -> d.imageId(image).instanceType("t3.micro"))
                    .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE).tags(x -> x.key("app").value(name))));
            var t = created.launchTemplate();
            assertNull(created.warning());
            assertTrue(t.launchTemplateId().matches("lt-[0-9a-f]{17}"), t.launchTemplateId());
            assertEquals(1L, t.defaultVersionNumber());
            assertEquals(1L, t.latestVersionNumber());
            assertEquals("arn:aws:iam::123456789012:root", t.createdBy());
            assertEquals(name, t.tags().get(0).value());

            var described = ec2.describeLaunchTemplates(b -> b.filters(f -> f.name("tag:app").values(name)))
                    .launchTemplates();
            assertEquals(List.of(t.launchTemplateId()), described.stream().map(x -> x.launchTemplateId()).toList());
            assertEquals("launch-template", ec2.describeTags(b -> b.filters(f -> f.name("resource-id")
                    .values(t.launchTemplateId()))).tags().get(0).resourceTypeAsString());

            LaunchTemplateVersion v = ec2.describeLaunchTemplateVersions(b -> b.launchTemplateName(name))
                    .launchTemplateVersions().get(0);
            assertEquals("first", v.versionDescription());
            assertTrue(v.defaultVersion());
            assertEquals(image, v.launchTemplateData().imageId());
            assertEquals("t3.micro", v.launchTemplateData().instanceTypeAsString());
        }
    }

    @Test
    void anUnknownImageIsAWarningNotAFailure() {
        try (Ec2Client ec2 = ec2()) {
            String name = name();
            var created = ec2.createLaunchTemplate(b -> b.launchTemplateName(name)
                    .launchTemplateData(d -> d.imageId("ami-00000000000000000")));
            assertNotNull(created.launchTemplate().launchTemplateId());
            assertEquals("InvalidAMIID.NotFound", created.warning().errors().get(0).code());
            var version = ec2.createLaunchTemplateVersion(b -> b.launchTemplateName(name)
                    .launchTemplateData(d -> d.imageId(image)));
            assertNull(version.warning());
        }
    }

    @Test
    void namesAreCheckedAndUniqueAndClientTokensIdempotent() {
        try (Ec2Client ec2 = ec2()) {
            fails("InvalidLaunchTemplateName.MalformedException",
                    () -> ec2.createLaunchTemplate(b -> b.launchTemplateName("a b c").launchTemplateData(d -> d.keyName("k"))));
            String name = name();
            String token = UUID.randomUUID().toString();
            String id = ec2.createLaunchTemplate(b -> b.launchTemplateName(name).clientToken(token)
                    .launchTemplateData(d -> d.keyName("k"))).launchTemplate().launchTemplateId();
            assertEquals(id, ec2.createLaunchTemplate(b -> b.launchTemplateName(name).clientToken(token)
                    .launchTemplateData(d -> d.keyName("k"))).launchTemplate().launchTemplateId());
            assertEquals("Launch template name already in use.", fails("InvalidLaunchTemplateName.AlreadyExistsException",
                    () -> ec2.createLaunchTemplate(b -> b.launchTemplateName(name).launchTemplateData(d -> d.keyName("k")))));
        }
    }

    @Test
    void dryRunChangesNothing() {
        try (Ec2Client ec2 = ec2()) {
            String name = name();
            AwsServiceException e = assertThrows(AwsServiceException.class, () -> ec2.createLaunchTemplate(b -> b
                    .launchTemplateName(name).dryRun(true).launchTemplateData(d -> d.keyName("k"))));
            assertEquals("DryRunOperation", e.awsErrorDetails().errorCode());
            assertEquals(412, e.statusCode());
            assertEquals("The specified launch template, with template name " + name + ", does not exist.",
                    fails("InvalidLaunchTemplateName.NotFoundException",
                            () -> ec2.describeLaunchTemplateVersions(b -> b.launchTemplateName(name))));
        }
    }

    @Test
    void versionsInheritFromTheirSourceAndResolveLatestAndDefault() {
        try (Ec2Client ec2 = ec2()) {
            String name = name();
            String id = ec2.createLaunchTemplate(b -> b.launchTemplateName(name).launchTemplateData(d -> d
                    .imageId(image).instanceType("t3.micro").keyName("k1")
                    .blockDeviceMappings(m -> m.deviceName("/dev/xvda").ebs(e -> e.volumeSize(8).volumeType("gp3")
                            .snapshotId("snap-0123456789abcdef0")))))
                    .launchTemplate().launchTemplateId();
            var v2 = ec2.createLaunchTemplateVersion(b -> b.launchTemplateId(id).sourceVersion("1")
                    .versionDescription("bigger").launchTemplateData(d -> d.instanceType("t3.large")))
                    .launchTemplateVersion();
            assertEquals(2L, v2.versionNumber());
            assertEquals(image, v2.launchTemplateData().imageId());
            assertEquals("k1", v2.launchTemplateData().keyName());
            assertEquals("t3.large", v2.launchTemplateData().instanceTypeAsString());
            assertEquals(8, v2.launchTemplateData().blockDeviceMappings().get(0).ebs().volumeSize());
            assertEquals("gp3", v2.launchTemplateData().blockDeviceMappings().get(0).ebs().volumeTypeAsString());
            // An inherited mapping loses its snapshot (API_CreateLaunchTemplateVersion.html, SourceVersion).
            assertNull(v2.launchTemplateData().blockDeviceMappings().get(0).ebs().snapshotId());
            assertEquals("snap-0123456789abcdef0", ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(id)
                    .versions("1")).launchTemplateVersions().get(0).launchTemplateData().blockDeviceMappings().get(0)
                    .ebs().snapshotId());
            var v3 = ec2.createLaunchTemplateVersion(b -> b.launchTemplateName(name)
                    .launchTemplateData(d -> d.instanceType("t3.nano"))).launchTemplateVersion();
            assertNull(v3.launchTemplateData().imageId());

            assertEquals(List.of(3L), numbers(ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(id)
                    .versions("$Latest")).launchTemplateVersions()));
            assertEquals(List.of(1L), numbers(ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(id)
                    .versions("$Default")).launchTemplateVersions()));
            assertEquals(List.of(3L, 2L, 1L), numbers(ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(id))
                    .launchTemplateVersions()));
            assertEquals(List.of(3L, 2L), numbers(ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(id)
                    .minVersion("2")).launchTemplateVersions()));
            assertEquals(List.of(2L), numbers(ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(id)
                    .filters(f -> f.name("instance-type").values("t3.l*"))).launchTemplateVersions()));
            var page1 = ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(id).maxResults(2));
            assertEquals(List.of(3L, 2L), numbers(page1.launchTemplateVersions()));
            assertEquals(List.of(1L), numbers(ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(id)
                    .maxResults(2).nextToken(page1.nextToken())).launchTemplateVersions()));
            assertEquals("Could not find the specified version 9 for the launch template with ID " + id + ".",
                    fails("InvalidLaunchTemplateId.VersionNotFound",
                            () -> ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(id).versions("9"))));

            var modified = ec2.modifyLaunchTemplate(b -> b.launchTemplateName(name).defaultVersion("2")).launchTemplate();
            assertEquals(2L, modified.defaultVersionNumber());
            assertEquals(3L, modified.latestVersionNumber());
            assertEquals(List.of(2L), numbers(ec2.describeLaunchTemplateVersions(b -> b.launchTemplateId(id)
                    .filters(f -> f.name("is-default-version").values("true"))).launchTemplateVersions()));
            // Without a template, $Default describes every template's default version.
            assertTrue(numbers(ec2.describeLaunchTemplateVersions(b -> b.versions("$Default"))
                    .launchTemplateVersions()).contains(2L));
            fails("InvalidLaunchTemplateId.VersionNotFound",
                    () -> ec2.modifyLaunchTemplate(b -> b.launchTemplateId(id).defaultVersion("7")));
        }
    }

    @Test
    void theDefaultVersionIsNotDeletedAndDeletionIsPerVersion() {
        try (Ec2Client ec2 = ec2()) {
            String name = name();
            String id = ec2.createLaunchTemplate(b -> b.launchTemplateName(name).launchTemplateData(d -> d.keyName("a")))
                    .launchTemplate().launchTemplateId();
            ec2.createLaunchTemplateVersion(b -> b.launchTemplateId(id).launchTemplateData(d -> d.keyName("b")));
            ec2.createLaunchTemplateVersion(b -> b.launchTemplateId(id).launchTemplateData(d -> d.keyName("c")));
            var r = ec2.deleteLaunchTemplateVersions(b -> b.launchTemplateId(id).versions("1", "3", "42"));
            assertEquals(List.of(3L), r.successfullyDeletedLaunchTemplateVersions().stream()
                    .map(x -> x.versionNumber()).toList());
            assertEquals(2, r.unsuccessfullyDeletedLaunchTemplateVersions().size());
            assertEquals(LaunchTemplateErrorCode.LAUNCH_TEMPLATE_VERSION_DOES_NOT_EXIST,
                    r.unsuccessfullyDeletedLaunchTemplateVersions().get(1).responseError().code());
            // $Latest is now 2, and the next version is 4: numbers are never given twice.
            assertEquals(2L, ec2.describeLaunchTemplates(b -> b.launchTemplateIds(id)).launchTemplates().get(0)
                    .latestVersionNumber());
            assertEquals(4L, ec2.createLaunchTemplateVersion(b -> b.launchTemplateId(id)
                    .launchTemplateData(d -> d.keyName("d"))).launchTemplateVersion().versionNumber());

            var deleted = ec2.deleteLaunchTemplate(b -> b.launchTemplateName(name)).launchTemplate();
            assertEquals(id, deleted.launchTemplateId());
            assertEquals("The specified launch template, with template ID " + id + ", does not exist.",
                    fails("InvalidLaunchTemplateId.NotFound", () -> ec2.describeLaunchTemplates(b -> b.launchTemplateIds(id))));
            fails("InvalidLaunchTemplateName.NotFoundException",
                    () -> ec2.describeLaunchTemplates(b -> b.launchTemplateNames(name)));
            fails("InvalidLaunchTemplateId.Malformed", () -> ec2.deleteLaunchTemplate(b -> b.launchTemplateId("lt-1")));
            fails("MissingParameter", () -> ec2.deleteLaunchTemplate(b -> b.dryRun(false)));
            // The name is free again.
            ec2.createLaunchTemplate(b -> b.launchTemplateName(name).launchTemplateData(d -> d.keyName("a")));
        }
    }

    @Test
    void describeLaunchTemplatesPages() {
        try (Ec2Client ec2 = ec2()) {
            String prefix = "page-" + UUID.randomUUID();
            for (int i = 0; i < 3; i++) {
                String n = prefix + "-" + i;
                ec2.createLaunchTemplate(b -> b.launchTemplateName(n).launchTemplateData(d -> d.keyName("a")));
            }
            var first = ec2.describeLaunchTemplates(b -> b.maxResults(2)
                    .filters(f -> f.name("launch-template-name").values(prefix + "-*")));
            assertEquals(2, first.launchTemplates().size());
            var second = ec2.describeLaunchTemplates(b -> b.maxResults(2).nextToken(first.nextToken())
                    .filters(f -> f.name("launch-template-name").values(prefix + "-*")));
            assertEquals(1, second.launchTemplates().size());
            assertNull(second.nextToken());
        }
    }

    @Test
    void getLaunchTemplateDataReadsTheInstanceThroughDescribeInstances() {
        try (Ec2Client ec2 = ec2()) {
            String key = "key-" + UUID.randomUUID();
            ec2.createKeyPair(b -> b.keyName(key));
            String id = ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)
                    .keyName(key).placement(p -> p.availabilityZone("ap-northeast-2a"))).instances().get(0)
                    .instanceId();
            var data = ec2.getLaunchTemplateData(b -> b.instanceId(id)).launchTemplateData();
            assertEquals(image, data.imageId());
            assertEquals("t3.micro", data.instanceTypeAsString());
            assertEquals(key, data.keyName());
            assertEquals("ap-northeast-2a", data.placement().availabilityZone());
            fails("InvalidInstanceID.NotFound", () -> ec2.getLaunchTemplateData(b -> b.instanceId("i-00000000000000000")));
        }
    }

    private static List<Long> numbers(List<LaunchTemplateVersion> versions) {
        return versions.stream().map(LaunchTemplateVersion::versionNumber).toList();
    }
}
