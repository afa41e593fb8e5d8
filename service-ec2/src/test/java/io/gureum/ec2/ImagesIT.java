package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;

class ImagesIT extends Ec2ApiTestBase {

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    void theCatalogueHasStableIdsPerRegionAndAnswersOwnerAliasesAndNameWildcards() {
        List<Image> al2023 = ec2().describeImages(b -> b.owners("amazon")
                .filters(filter("name", "al2023-ami-2023.*-kernel-6.1-x86_64"), filter("state", "available")))
                .images();
        assertEquals(2, al2023.size());
        assertTrue(al2023.stream().allMatch(i -> i.ownerId().equals("137112412989") && "amazon".equals(i.imageOwnerAlias())
                && i.publicLaunchPermissions()));
        Image newest = al2023.stream().max((a, b) -> a.creationDate().compareTo(b.creationDate())).get();
        assertEquals("al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64", newest.name());
        assertEquals("/dev/xvda", newest.rootDeviceName());
        assertEquals(8, newest.blockDeviceMappings().get(0).ebs().volumeSize());

        // Same name, same region: same ID; another region: another ID.
        String again = ec2().describeImages(b -> b.filters(filter("name", newest.name()))).images().get(0).imageId();
        assertEquals(newest.imageId(), again);
        String elsewhere = ec2("us-east-1").describeImages(b -> b.filters(filter("name", newest.name()))).images()
                .get(0).imageId();
        assertFalse(elsewhere.equals(newest.imageId()));

        List<Image> ubuntu = ec2().describeImages(b -> b.owners("099720109477")
                .filters(filter("name", "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-???64-server-*"),
                        filter("architecture", "arm64"))).images();
        assertEquals(1, ubuntu.size());
        assertEquals(null, ubuntu.get(0).imageOwnerAlias());

        List<Image> windows = ec2().describeImages(b -> b.filters(filter("platform", "windows"))).images();
        assertEquals(4, windows.size());
        assertEquals(List.of("Windows", "Windows with SQL Server Enterprise", "Windows with SQL Server Standard",
                "Windows with SQL Server Web"), windows.stream().map(Image::platformDetails).sorted().toList());
        Image standard = ec2().describeImages(b -> b.filters(filter("platform-details",
                "Windows with SQL Server Standard"))).images().get(0);
        assertEquals("RunInstances:0006", standard.usageOperation());
        assertTrue(standard.name().startsWith("Windows_Server-2022-English-Full-SQL_2022_Standard-"), standard.name());
        assertTrue(ec2().describeImages(b -> b.owners("self")).images().isEmpty());
    }

    @Test
    void unknownAndMalformedImageIds() {
        fails("InvalidAMIID.NotFound", 400, () -> ec2().describeImages(b -> b.imageIds("ami-0123456789abcdef0")));
        fails("InvalidAMIID.Malformed", 400, () -> ec2().describeImages(b -> b.imageIds("ami-xyz")));
        fails("InvalidParameterValue", 400, () -> ec2().describeImages(b -> b.filters(filter("colour", "blue"))));
    }

    @Test
    void registerShareAndDeregister() {
        Ec2Client ec2 = ec2();
        String id = ec2.registerImage(b -> b.name("my-image-" + System.nanoTime()).rootDeviceName("/dev/xvda")
                .architecture("arm64").blockDeviceMappings(m -> m.deviceName("/dev/xvda").ebs(e -> e.volumeSize(10))))
                .imageId();
        Image mine = ec2.describeImages(b -> b.owners("self")).images().stream().filter(i -> i.imageId().equals(id))
                .findFirst().orElseThrow();
        assertEquals("123456789012", mine.ownerId());
        assertFalse(mine.publicLaunchPermissions());
        String name = mine.name();
        fails("InvalidAMIName.Duplicate", 400, () -> ec2.registerImage(b -> b.name(name).rootDeviceName("/dev/xvda")
                .blockDeviceMappings(m -> m.deviceName("/dev/xvda").ebs(e -> e.volumeSize(10)))));

        // Another account sees it only once shared.
        Ec2Client other = io.gureum.core.testing.AwsClients.client(Ec2Client.builder(), gureum.endpoint(),
                "210987654321", "ap-northeast-2");
        fails("InvalidAMIID.NotFound", 400, () -> other.describeImages(b -> b.imageIds(id)));
        ec2.modifyImageAttribute(b -> b.imageId(id).launchPermission(p -> p.add(LaunchPermission.builder()
                .userId("210987654321").build())));
        assertEquals(List.of("210987654321"), ec2.describeImageAttribute(b -> b.imageId(id).attribute("launchPermission"))
                .launchPermissions().stream().map(LaunchPermission::userId).toList());
        assertEquals(1, other.describeImages(b -> b.imageIds(id)).images().size());
        assertEquals(1, other.describeImages(b -> b.executableUsers("self").owners("123456789012")).images().size());
        fails("AuthFailure", 400, () -> other.describeImageAttribute(b -> b.imageId(id).attribute("launchPermission")));
        fails("AuthFailure", 400, () -> other.deregisterImage(b -> b.imageId(id)));

        ec2.modifyImageAttribute(b -> b.imageId(id).launchPermission(p -> p.add(LaunchPermission.builder()
                .group("all").build())));
        assertTrue(ec2.describeImages(b -> b.imageIds(id)).images().get(0).publicLaunchPermissions());

        fails("DryRunOperation", 412, () -> ec2.deregisterImage(b -> b.imageId(id).dryRun(true)));
        assertTrue(ec2.deregisterImage(b -> b.imageId(id)).returnValue());
        fails("InvalidAMIID.NotFound", 400, () -> ec2.describeImages(b -> b.imageIds(id)));
    }
}
