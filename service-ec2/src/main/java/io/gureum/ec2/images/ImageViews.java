package io.gureum.ec2.images;

import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.TagSpecifications;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;

/** How an {@link Image} reads in the API: its SDK shape and DescribeImages' filters. */
public final class ImageViews {
    private ImageViews() {
    }

    /** AWS's form of an image timestamp, {@code 2024-11-20T22:08:55.000Z}. */
    public static String time(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS))
                .replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
    }

    /**
     * The filters DescribeImages documents
     * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImages.html).
     */
    public static Ec2Filters<Image> filters(Function<Image, String> state, Function<Image, Boolean> allowed) {
        Ec2Filters<Image> f = new Ec2Filters<>((Image i) -> (Map<String, String>) i.tags);
        return f.on("architecture", i -> i.architecture)
                .on("block-device-mapping.delete-on-termination",
                        i -> i.blockDeviceMappings.stream().map(m -> String.valueOf(m.deleteOnTermination())).toList())
                .on("block-device-mapping.device-name", i -> i.blockDeviceMappings.stream().map(Image.Mapping::deviceName).toList())
                .on("block-device-mapping.snapshot-id", i -> i.blockDeviceMappings.stream().map(Image.Mapping::snapshotId).toList())
                .on("block-device-mapping.volume-size", i -> i.blockDeviceMappings.stream().map(m -> String.valueOf(m.volumeSize())).toList())
                .on("block-device-mapping.volume-type", i -> i.blockDeviceMappings.stream().map(Image.Mapping::volumeType).toList())
                .on("block-device-mapping.encrypted", i -> i.blockDeviceMappings.stream().map(m -> String.valueOf(m.encrypted())).toList())
                .on("creation-date", i -> time(i.creationDate))
                .on("description", i -> i.description)
                .on("ena-support", i -> i.enaSupport)
                .on("free-tier-eligible", i -> false)
                .on("hypervisor", i -> i.hypervisor)
                .on("image-allowed", allowed::apply)
                .on("image-id", i -> i.id)
                .on("image-type", i -> "machine")
                .on("is-public", i -> i.isPublic)
                .on("kernel-id", i -> i.kernelId)
                .on("manifest-location", i -> i.imageLocation)
                .on("name", i -> i.name)
                .on("owner-alias", i -> i.ownerAlias)
                .on("owner-id", i -> i.ownerId)
                .on("platform", i -> i.platform)
                .on("platform-details", i -> i.platformDetails)
                .on("product-code", i -> null)
                .on("product-code.type", i -> null)
                .on("ramdisk-id", i -> i.ramdiskId)
                .on("root-device-name", i -> i.rootDeviceName)
                .on("root-device-type", i -> i.rootDeviceType)
                .on("source-image-id", i -> i.sourceImageId)
                .on("source-image-region", i -> i.sourceImageRegion)
                .on("source-instance-id", i -> i.sourceInstanceId)
                .on("state", state::apply)
                .on("state-reason-code", i -> null)
                .on("state-reason-message", i -> null)
                .on("sriov-net-support", i -> i.sriovNetSupport)
                .on("usage-operation", i -> i.usageOperation)
                .on("virtualization-type", i -> i.virtualizationType);
    }

    public static List<BlockDeviceMapping> mappings(Image i) {
        return i.blockDeviceMappings.stream().map(ImageViews::mapping).toList();
    }

    static BlockDeviceMapping mapping(Image.Mapping m) {
        var b = BlockDeviceMapping.builder().deviceName(m.deviceName());
        if (m.virtualName() != null) {
            return b.virtualName(m.virtualName()).build();
        }
        if (m.noDevice() != null) {
            return b.noDevice(m.noDevice()).build();
        }
        return b.ebs(EbsBlockDevice.builder().snapshotId(m.snapshotId()).volumeSize(m.volumeSize())
                .volumeType(m.volumeType()).deleteOnTermination(m.deleteOnTermination()).encrypted(m.encrypted())
                .iops(m.iops()).throughput(m.throughput()).build()).build();
    }

    public static software.amazon.awssdk.services.ec2.model.Image toSdk(Image i, Instant now) {
        return toSdk(i, now, null);
    }

    /** {@code imageAllowed}: null unless Allowed AMIs is enabled or in audit mode for the caller. */
    public static software.amazon.awssdk.services.ec2.model.Image toSdk(Image i, Instant now, Boolean imageAllowed) {
        return software.amazon.awssdk.services.ec2.model.Image.builder()
                .imageId(i.id).imageLocation(i.imageLocation != null ? i.imageLocation
                        : (i.ownerAlias != null ? i.ownerAlias : i.ownerId) + "/" + i.name)
                .state(i.state(now)).ownerId(i.ownerId).creationDate(time(i.creationDate)).publicLaunchPermissions(i.isPublic)
                .architecture(i.architecture).imageType("machine").kernelId(i.kernelId).ramdiskId(i.ramdiskId)
                .platform(i.platform).platformDetails(i.platformDetails).usageOperation(i.usageOperation)
                .blockDeviceMappings(mappings(i)).description(i.description).enaSupport(i.enaSupport)
                .hypervisor(i.hypervisor).imageOwnerAlias(i.ownerAlias).name(i.name).rootDeviceName(i.rootDeviceName)
                .rootDeviceType(i.rootDeviceType).sriovNetSupport(i.sriovNetSupport)
                .tags(TagSpecifications.toSdk(i.tags)).virtualizationType(i.virtualizationType).bootMode(i.bootMode)
                .imdsSupport(i.imdsSupport).sourceInstanceId(i.sourceInstanceId).sourceImageId(i.sourceImageId)
                .sourceImageRegion(i.sourceImageRegion).deprecationTime(time(i.deprecationTime))
                .deregistrationProtection(i.protectionWording(now)).imageAllowed(imageAllowed)
                .lastLaunchedTime(time(i.lastLaunchedTime)).build();
    }
}
