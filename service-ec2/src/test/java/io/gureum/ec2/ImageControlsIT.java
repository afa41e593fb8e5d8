package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageCriterionRequest;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;

/**
 * What an AMI's owner controls: block public access for AMIs, deprecation, deregistration protection,
 * disabling, ancestry, and the Allowed AMIs settings.
 */
class ImageControlsIT extends Ec2ApiTestBase {
    private static final String OTHER = "210987654321";

    private static Ec2Client other(String region) {
        return AwsClients.client(Ec2Client.builder(), gureum.endpoint(), OTHER, region);
    }

    private static void advance(Duration d) {
        gureum.context().clock().advance(d);
    }

    /** An EBS-backed AMI of the caller's account, from a snapshot of a new volume. */
    static String register(Ec2Client ec2, String region, String name) {
        String vol = ec2.createVolume(b -> b.availabilityZone(region + "a").size(8)).volumeId();
        String snap = ec2.createSnapshot(b -> b.volumeId(vol)).snapshotId();
        return ec2.registerImage(b -> b.name(name).rootDeviceName("/dev/xvda").architecture("x86_64")
                .blockDeviceMappings(m -> m.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snap)))).imageId();
    }

    private static void share(Ec2Client ec2, String image, LaunchPermission p) {
        ec2.modifyImageAttribute(b -> b.imageId(image).launchPermission(l -> l.add(p)));
    }

    private static Image describe(Ec2Client ec2, String image) {
        return ec2.describeImages(b -> b.imageIds(image)).images().get(0);
    }

    private static boolean listed(Ec2Client ec2, String image, boolean includeDeprecated, boolean includeDisabled) {
        return ec2.describeImages(b -> b.includeDeprecated(includeDeprecated).includeDisabled(includeDisabled)
                .filters(Filter.builder().name("image-id").values(image).build())).images().size() == 1;
    }

    @Test
    void blockPublicAccessRefusesNewPublicSharingOnly() {
        String region = "eu-west-1";
        Ec2Client ec2 = ec2(region);
        assertEquals("unblocked", ec2.getImageBlockPublicAccessState(b -> { }).imageBlockPublicAccessState());
        assertEquals("account", ec2.getImageBlockPublicAccessState(b -> { }).managedByAsString());
        fails("DryRunOperation", 412, () -> ec2.getImageBlockPublicAccessState(b -> b.dryRun(true)));
        fails("DryRunOperation", 412, () -> ec2.enableImageBlockPublicAccess(b -> b
                .imageBlockPublicAccessState("block-new-sharing").dryRun(true)));
        fails("DryRunOperation", 412, () -> ec2.disableImageBlockPublicAccess(b -> b.dryRun(true)));
        fails("InvalidParameterValue", 400, () -> ec2.enableImageBlockPublicAccess(b -> b
                .imageBlockPublicAccessState("unblocked")));
        assertEquals("unblocked", ec2.getImageBlockPublicAccessState(b -> { }).imageBlockPublicAccessState());

        String shared = register(ec2, region, "bpa-shared");
        String later = register(ec2, region, "bpa-later");
        share(ec2, shared, LaunchPermission.builder().group("all").build());
        assertEquals("block-new-sharing", ec2.enableImageBlockPublicAccess(b -> b
                .imageBlockPublicAccessState("block-new-sharing")).imageBlockPublicAccessStateAsString());
        assertEquals("block-new-sharing", ec2.getImageBlockPublicAccessState(b -> { }).imageBlockPublicAccessState());
        fails("OperationNotPermitted", 400, () -> share(ec2, later,
                LaunchPermission.builder().group("all").build()));
        // Sharing with an account is not public sharing; what was public stays public.
        share(ec2, later, LaunchPermission.builder().userId(OTHER).build());
        assertTrue(describe(other(region), shared).publicLaunchPermissions());
        // Other Regions keep their own setting.
        assertEquals("unblocked", ec2("eu-west-2").getImageBlockPublicAccessState(b -> { })
                .imageBlockPublicAccessState());

        assertEquals("unblocked", ec2.disableImageBlockPublicAccess(b -> { }).imageBlockPublicAccessStateAsString());
        share(ec2, later, LaunchPermission.builder().group("all").build());
        assertTrue(describe(ec2, later).publicLaunchPermissions());
    }

    @Test
    void deprecationHidesTheImageFromItsUsersButNotItsOwner() {
        String region = "eu-central-1";
        Ec2Client ec2 = ec2(region);
        Ec2Client user = other(region);
        String image = register(ec2, region, "to-deprecate");
        share(ec2, image, LaunchPermission.builder().userId(OTHER).build());
        Instant now = gureum.context().clock().now();
        Instant at = now.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);

        fails("InvalidParameterValue", 400, () -> ec2.enableImageDeprecation(b -> b.imageId(image)
                .deprecateAt(now.minus(Duration.ofHours(1)))));
        fails("InvalidParameterValue", 400, () -> ec2.enableImageDeprecation(b -> b.imageId(image)
                .deprecateAt(now.plus(Duration.ofDays(366 * 11)))));
        fails("DryRunOperation", 412, () -> ec2.enableImageDeprecation(b -> b.imageId(image).deprecateAt(at)
                .dryRun(true)));
        fails("AuthFailure", 400, () -> user.enableImageDeprecation(b -> b.imageId(image).deprecateAt(at)));
        fails("InvalidAMIID.NotFound", 400, () -> ec2.enableImageDeprecation(b -> b.imageId("ami-0123456789abcdef0")
                .deprecateAt(at)));
        // Seconds round to the nearest minute.
        assertTrue(ec2.enableImageDeprecation(b -> b.imageId(image).deprecateAt(at.plusSeconds(40))).returnValue());
        assertEquals(at.plus(Duration.ofMinutes(1)), Instant.parse(describe(ec2, image).deprecationTime()));
        assertTrue(listed(user, image, false, false), "not deprecated yet");

        advance(Duration.ofHours(3));
        assertFalse(listed(user, image, false, false), "hidden from its users once deprecated");
        assertTrue(listed(user, image, true, false), "unless they include deprecated AMIs");
        assertEquals(image, describe(user, image).imageId(), "or ask for it by ID");
        assertTrue(listed(ec2, image, false, false), "its owner always sees it");

        fails("DryRunOperation", 412, () -> ec2.disableImageDeprecation(b -> b.imageId(image).dryRun(true)));
        assertTrue(ec2.disableImageDeprecation(b -> b.imageId(image)).returnValue());
        assertNull(describe(ec2, image).deprecationTime());
        assertTrue(listed(user, image, false, false));
    }

    @Test
    void deregistrationProtectionAndItsCooldown() {
        String region = "eu-west-3";
        Ec2Client ec2 = ec2(region);
        String plain = register(ec2, region, "protected-plain");
        String cooled = register(ec2, region, "protected-cooldown");
        fails("DryRunOperation", 412, () -> ec2.enableImageDeregistrationProtection(b -> b.imageId(plain)
                .dryRun(true)));
        assertEquals("true", ec2.enableImageDeregistrationProtection(b -> b.imageId(plain)).returnValue());
        assertEquals("enabled-without-cooldown", describe(ec2, plain).deregistrationProtection());
        assertEquals("enabled-without-cooldown", ec2.describeImageAttribute(b -> b.imageId(plain)
                .attribute("deregistrationProtection")).deregistrationProtection().value());
        fails("InvalidParameter", 400, () -> ec2.deregisterImage(b -> b.imageId(plain)));
        fails("DryRunOperation", 412, () -> ec2.disableImageDeregistrationProtection(b -> b.imageId(plain)
                .dryRun(true)));
        assertEquals("true", ec2.disableImageDeregistrationProtection(b -> b.imageId(plain)).returnValue());
        assertEquals("disabled", describe(ec2, plain).deregistrationProtection());
        ec2.deregisterImage(b -> b.imageId(plain));

        ec2.enableImageDeregistrationProtection(b -> b.imageId(cooled).withCooldown(true));
        assertEquals("enabled-with-cooldown", describe(ec2, cooled).deregistrationProtection());
        ec2.disableImageDeregistrationProtection(b -> b.imageId(cooled));
        assertTrue(describe(ec2, cooled).deregistrationProtection().startsWith("disabled-until "));
        fails("InvalidParameter", 400, () -> ec2.deregisterImage(b -> b.imageId(cooled)));
        advance(Duration.ofHours(23));
        fails("InvalidParameter", 400, () -> ec2.deregisterImage(b -> b.imageId(cooled)));
        advance(Duration.ofHours(2));
        assertEquals("disabled", describe(ec2, cooled).deregistrationProtection());
        ec2.deregisterImage(b -> b.imageId(cooled));
        fails("AuthFailure", 400, () -> other(region).enableImageDeregistrationProtection(b -> b
                .imageId(InstancesIT.al2023(ec2, "x86_64"))));
    }

    @Test
    void disabledImagesLoseTheirPermissionsAndCannotBeLaunched() {
        String region = "eu-north-1";
        Ec2Client ec2 = ec2(region);
        Ec2Client user = other(region);
        String image = register(ec2, region, "to-disable");
        share(ec2, image, LaunchPermission.builder().userId(OTHER).build());
        advance(Duration.ofSeconds(10));
        fails("IncorrectState", 400, () -> ec2.enableImage(b -> b.imageId(image)));
        fails("DryRunOperation", 412, () -> ec2.disableImage(b -> b.imageId(image).dryRun(true)));
        fails("AuthFailure", 400, () -> user.disableImage(b -> b.imageId(image)));
        assertTrue(ec2.disableImage(b -> b.imageId(image)).returnValue());
        fails("IncorrectState", 400, () -> ec2.disableImage(b -> b.imageId(image)));
        assertEquals("disabled", describe(ec2, image).stateAsString());
        assertFalse(listed(ec2, image, false, false), "hidden by default");
        assertTrue(listed(ec2, image, false, true));
        fails("InvalidAMIID.NotFound", 400, () -> describe(user, image));
        fails("InvalidAMIID.Unavailable", 400, () -> ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro")
                .minCount(1).maxCount(1)));
        fails("IncorrectState", 400, () -> share(ec2, image, LaunchPermission.builder().userId(OTHER).build()));

        fails("DryRunOperation", 412, () -> ec2.enableImage(b -> b.imageId(image).dryRun(true)));
        assertTrue(ec2.enableImage(b -> b.imageId(image)).returnValue());
        assertEquals("available", describe(ec2, image).stateAsString());
        fails("InvalidAMIID.NotFound", 400, () -> describe(user, image), "permissions do not come back");
    }

    private static void fails(String code, int status, org.junit.jupiter.api.function.Executable call, String why) {
        Ec2ApiTestBase.fails(code, status, call);
    }

    @Test
    void ancestryFollowsCopiesBackToTheFirstImage() {
        Ec2Client seoul = ec2("ap-northeast-3");
        Ec2Client virginia = ec2("us-east-2");
        String first = register(seoul, "ap-northeast-3", "ancestor");
        String copy = virginia.copyImage(b -> b.sourceImageId(first).sourceRegion("ap-northeast-3").name("child"))
                .imageId();
        String grandchild = virginia.copyImage(b -> b.sourceImageId(copy).sourceRegion("us-east-2").name("grandchild"))
                .imageId();
        var chain = virginia.getImageAncestry(b -> b.imageId(grandchild)).imageAncestryEntries();
        assertEquals(List.of(grandchild, copy, first), chain.stream().map(e -> e.imageId()).toList());
        assertEquals("us-east-2", chain.get(0).sourceImageRegion());
        assertEquals(copy, chain.get(0).sourceImageId());
        assertEquals("ap-northeast-3", chain.get(1).sourceImageRegion());
        assertNull(chain.get(2).sourceImageId());
        assertTrue(chain.get(2).creationDate() != null);
        fails("DryRunOperation", 412, () -> virginia.getImageAncestry(b -> b.imageId(copy).dryRun(true)));
        fails("InvalidAMIID.NotFound", 400, () -> virginia.getImageAncestry(b -> b.imageId("ami-0123456789abcdef0")));
        fails("InvalidAMIID.Malformed", 400, () -> virginia.getImageAncestry(b -> b.imageId("ami-x")));
    }

    @Test
    void allowedImagesHideWhatTheCriteriaDoNotAllowWhenEnabled() {
        String region = "ca-central-1";
        Ec2Client ec2 = ec2(region);
        Ec2Client owner = other(region);
        String mine = register(ec2, region, "mine");
        String theirs = register(owner, region, "theirs-web-1");
        share(owner, theirs, LaunchPermission.builder().group("all").build());
        String amazon = InstancesIT.al2023(ec2, "x86_64");

        var settings = ec2.getAllowedImagesSettings(b -> { });
        assertEquals("disabled", settings.state());
        assertTrue(settings.imageCriteria().isEmpty());
        assertNull(describe(ec2, amazon).imageAllowed(), "ImageAllowed only shows while the settings are on");
        fails("DryRunOperation", 412, () -> ec2.getAllowedImagesSettings(b -> b.dryRun(true)));
        fails("DryRunOperation", 412, () -> ec2.replaceImageCriteriaInAllowedImagesSettings(b -> b.dryRun(true)));
        fails("InvalidParameterValue", 400, () -> ec2.replaceImageCriteriaInAllowedImagesSettings(b -> b
                .imageCriteria(ImageCriterionRequest.builder().imageProviders("somebody").build())));
        fails("InvalidParameterCombination", 400, () -> ec2.replaceImageCriteriaInAllowedImagesSettings(b -> b
                .imageCriteria(ImageCriterionRequest.builder().imageProviders("none", "amazon").build())));
        assertTrue(ec2.replaceImageCriteriaInAllowedImagesSettings(b -> b.imageCriteria(
                ImageCriterionRequest.builder().imageProviders("amazon").build())).returnValue());

        fails("DryRunOperation", 412, () -> ec2.enableAllowedImagesSettings(b -> b
                .allowedImagesSettingsState("audit-mode").dryRun(true)));
        assertEquals("audit-mode", ec2.enableAllowedImagesSettings(b -> b.allowedImagesSettingsState("audit-mode"))
                .allowedImagesSettingsStateAsString());
        assertTrue(describe(ec2, amazon).imageAllowed());
        assertFalse(describe(ec2, theirs).imageAllowed(), "audit mode only tells");
        assertTrue(describe(ec2, mine).imageAllowed(), "the account's own AMIs are always allowed");
        assertEquals(List.of(theirs), ec2.describeImages(b -> b.owners(OTHER).filters(
                Filter.builder().name("image-allowed").values("false").build())).images().stream()
                .map(Image::imageId).toList());

        assertEquals("enabled", ec2.enableAllowedImagesSettings(b -> b.allowedImagesSettingsState("enabled"))
                .allowedImagesSettingsStateAsString());
        fails("InvalidAMIID.NotFound", 400, () -> describe(ec2, theirs));
        fails("InvalidAMIID.NotFound", 400, () -> ec2.runInstances(b -> b.imageId(theirs).instanceType("t3.micro")
                .minCount(1).maxCount(1)));
        assertFalse(listed(ec2, theirs, true, true));
        assertTrue(listed(ec2, mine, false, false));
        assertTrue(describe(ec2, amazon).imageAllowed());
        assertTrue(describe(owner, theirs).imageId().equals(theirs), "other accounts are not affected");

        // Names with wildcards, in a second criterion: any criterion allows.
        ec2.replaceImageCriteriaInAllowedImagesSettings(b -> b.imageCriteria(
                ImageCriterionRequest.builder().imageProviders("amazon").build(),
                ImageCriterionRequest.builder().imageProviders(OTHER).imageNames("theirs-web-?").build()));
        assertTrue(describe(ec2, theirs).imageAllowed());
        var kept = ec2.getAllowedImagesSettings(b -> { });
        assertEquals("enabled", kept.state());
        assertEquals(List.of("theirs-web-?"), kept.imageCriteria().get(1).imageNames());
        assertEquals("account", kept.managedByAsString());

        fails("DryRunOperation", 412, () -> ec2.disableAllowedImagesSettings(b -> b.dryRun(true)));
        assertEquals("disabled", ec2.disableAllowedImagesSettings(b -> { }).allowedImagesSettingsStateAsString());
        assertEquals(2, ec2.getAllowedImagesSettings(b -> { }).imageCriteria().size(), "criteria are kept");
        fails("InvalidParameterValue", 400, () -> ec2.enableAllowedImagesSettings(b -> b
                .allowedImagesSettingsState("disabled")));
    }
}
