package io.gureum.ec2.images;

import io.gureum.ec2common.ResourceTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The stored state of one AMI: a public catalogue image or one an account registered. */
public final class Image {
    public final String id;
    public final String ownerId;
    public final ResourceTags tags = new ResourceTags();
    public String name;
    public String description;
    /** {@code amazon} for Amazon's images, null for everyone else's. */
    public String ownerAlias;
    public String architecture = "x86_64";
    /** {@code windows}, or null. */
    public String platform;
    public String platformDetails = "Linux/UNIX";
    public String usageOperation = "RunInstances";
    public Instant creationDate;
    /** The image is {@code pending} until then, {@code available} afterwards. */
    public Instant availableAt;
    public String rootDeviceName = "/dev/xvda";
    public String rootDeviceType = "ebs";
    public String virtualizationType = "hvm";
    public String hypervisor = "xen";
    public boolean enaSupport = true;
    public String sriovNetSupport = "simple";
    public String bootMode;
    public String imdsSupport;
    public String imageLocation;
    public String kernelId;
    public String ramdiskId;
    public String sourceInstanceId;
    public String sourceImageId;
    public String sourceImageRegion;
    public boolean deregistrationProtection;
    /** Deregistration protection was enabled WithCooldown: it lasts 24 hours after it is disabled. */
    public boolean deregistrationCooldown;
    /** After DisableImageDeregistrationProtection of a protection with cooldown: protected until then. */
    public Instant protectedUntil;
    /** DisableImage: state {@code disabled}, no launch permissions, hidden from DescribeImages by default. */
    public boolean disabled;
    public Instant lastLaunchedTime;
    public Instant deprecationTime;
    /** Launch permission {@code Group=all}. */
    public boolean isPublic;
    public final Set<String> launchUserIds = new LinkedHashSet<>();
    public final List<Mapping> blockDeviceMappings = new ArrayList<>();

    /** One block device mapping of the image: an EBS volume from a snapshot, or an ephemeral or suppressed device. */
    public record Mapping(String deviceName, String snapshotId, Integer volumeSize, String volumeType,
            Boolean deleteOnTermination, Boolean encrypted, Integer iops, Integer throughput, String virtualName,
            String noDevice) {
        public boolean isEbs() {
            return virtualName == null && noDevice == null;
        }
    }

    public Image(String id, String ownerId) {
        this.id = id;
        this.ownerId = ownerId;
    }

    public String state(Instant now) {
        if (disabled) {
            return "disabled";
        }
        return availableAt == null || !now.isBefore(availableAt) ? "available" : "pending";
    }

    /** Whether the image is deprecated at {@code now} (its DeprecationTime has come). */
    public boolean deprecated(Instant now) {
        return deprecationTime != null && !now.isBefore(deprecationTime);
    }

    /** Whether deregistration protection still holds at {@code now} (on, or in its 24-hour cooldown). */
    public boolean protectedAt(Instant now) {
        return deregistrationProtection || (protectedUntil != null && now.isBefore(protectedUntil));
    }

    /** How DescribeImages and DescribeImageAttribute word deregistration protection. */
    public String protectionWording(Instant now) {
        if (deregistrationProtection) {
            return deregistrationCooldown ? "enabled-with-cooldown" : "enabled-without-cooldown";
        }
        if (protectedUntil != null && now.isBefore(protectedUntil)) {
            return "disabled-until " + ImageViews.time(protectedUntil);
        }
        return "disabled";
    }

    /** Whether {@code account} may launch (and describe) the image. */
    public boolean launchableBy(String account) {
        return ownerId.equals(account) || isPublic || launchUserIds.contains(account);
    }

    /** The root device's mapping, or null for an image without one. */
    public Mapping root() {
        for (Mapping m : blockDeviceMappings) {
            if (m.deviceName().equals(rootDeviceName)) {
                return m;
            }
        }
        return null;
    }
}
