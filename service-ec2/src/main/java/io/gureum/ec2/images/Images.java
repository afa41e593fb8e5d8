package io.gureum.ec2.images;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.compute.RegionImages;
import io.gureum.ec2.ebs.Snapshot;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DeregisterImageRequest;
import software.amazon.awssdk.services.ec2.model.DeregisterImageResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.RegisterImageRequest;
import software.amazon.awssdk.services.ec2.model.RegisterImageResponse;
import software.amazon.awssdk.services.ec2.model.ResetImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetImageAttributeResponse;

/**
 * DescribeImages, RegisterImage, DeregisterImage and the image attributes
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImages.html). An account sees its
 * own images, public ones and those whose launch permissions name it.
 */
public final class Images {
    /** AMI names: 3–128 characters of letters, digits and {@code ( ) [ ] . / - ' @ _} (RegisterImage's Name). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9()\\[\\] ./\\-'@_]{3,128}");
    private static final Pattern ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");

    private final Compute compute;

    public Images(Compute compute) {
        this.compute = compute;
    }

    /** The image an account may use, or InvalidAMIID.Malformed / NotFound. */
    public Image require(String region, String account, String imageId) {
        if (imageId == null || !ID.matcher(imageId).matches()) {
            throw Ec2Error.INVALID_AMI_ID_MALFORMED.of(imageId);
        }
        Image i = compute.images(region).image(imageId);
        if (i == null || !i.launchableBy(account)
                || AllowedImages.hidden(compute.store(account, region), i, compute.now())) {
            throw Ec2Error.INVALID_AMI_ID_NOT_FOUND.of(imageId);
        }
        return i;
    }

    /**
     * The image RunInstances may launch: one the account may use that is not disabled
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/disable-an-ami.html).
     */
    public Image requireLaunchable(String region, String account, String imageId) {
        Image i = require(region, account, imageId);
        if (i.disabled) {
            throw Ec2Error.INVALID_AMI_ID_UNAVAILABLE.of(imageId);
        }
        return i;
    }

    /** An image of the caller's account, or InvalidAMIID.* / AuthFailure. */
    public Image owned(ComputeStore s, String imageId) {
        Image i = require(s.region, s.account, imageId);
        if (!i.ownerId.equals(s.account)) {
            throw Ec2Error.AUTH_FAILURE.withMessage("Not authorized for image:" + imageId);
        }
        return i;
    }

    public DescribeImagesResponse describeImages(DescribeImagesRequest r) {
        ComputeStore s = compute.store();
        String me = s.account;
        boolean byId = r.hasImageIds() && !r.imageIds().isEmpty();
        if (byId && r.maxResults() != null) {
            throw Ec2Errors.combination("The parameter imageIdsSet cannot be used with the parameter maxResults");
        }
        RegionImages region = compute.images(s.region);
        List<Image> candidates = new ArrayList<>();
        if (byId) {
            for (String id : new LinkedHashSet<>(r.imageIds())) {
                candidates.add(require(s.region, me, id));
            }
        } else {
            // Deprecated AMIs are left out for their users (not their owner) unless asked for; disabled ones
            // unless asked for; AMIs the Allowed AMIs settings hide, always.
            boolean deprecated = Boolean.TRUE.equals(r.includeDeprecated());
            boolean disabled = Boolean.TRUE.equals(r.includeDisabled());
            java.time.Instant now = compute.now();
            for (Image i : region.images()) {
                if (i.launchableBy(me) && (disabled || !i.disabled)
                        && (deprecated || i.ownerId.equals(me) || !i.deprecated(now))
                        && !AllowedImages.hidden(s, i, now)) {
                    candidates.add(i);
                }
            }
        }
        Predicate<Image> owners = owners(r.owners(), me);
        Predicate<Image> users = executableUsers(r.executableUsers(), me);
        Predicate<Image> filter = filtersFor(s).predicate(r.filters());
        List<Image> found = candidates.stream().filter(owners.and(users).and(filter)).toList();
        var page = Pagination.page(found, r.maxResults(), r.nextToken(), 5, 1000);
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeImagesResponse.builder()
                .images(page.items().stream().map(i -> ImageViews.toSdk(i, compute.now(), imageAllowed(s, i))).toList())
                .nextToken(page.nextToken()).build();
    }

    /** ImageAllowed in DescribeImages: shown while Allowed AMIs is enabled or in audit mode. */
    private Boolean imageAllowed(ComputeStore s, Image i) {
        return s.allowedImagesState.equals("disabled") ? null : AllowedImages.allowed(s, i, compute.now());
    }

    private Ec2Filters<Image> filtersFor(ComputeStore s) {
        return ImageViews.filters(i -> i.state(compute.now()), i -> AllowedImages.allowed(s, i, compute.now()));
    }

    /** Owners: account IDs and the aliases {@code self}, {@code amazon}, {@code aws-marketplace}, {@code aws-backup-vault}. */
    private static Predicate<Image> owners(List<String> owners, String me) {
        if (owners == null || owners.isEmpty()) {
            return i -> true;
        }
        Set<String> set = Set.copyOf(owners);
        return i -> set.contains(i.ownerId) || (set.contains("self") && i.ownerId.equals(me))
                || (i.ownerAlias != null && set.contains(i.ownerAlias));
    }

    /**
     * ExecutableUsers: {@code self} is the images the caller has explicit launch permission for (or owns),
     * {@code all} the public ones, an account ID the images shared with that account.
     */
    private static Predicate<Image> executableUsers(List<String> users, String me) {
        if (users == null || users.isEmpty()) {
            return i -> true;
        }
        return i -> users.stream().anyMatch(u -> switch (u) {
            case "all" -> i.isPublic;
            case "self" -> i.ownerId.equals(me) || i.launchUserIds.contains(me);
            default -> i.launchUserIds.contains(u) || (u.equals(me) && i.ownerId.equals(me));
        });
    }

    public RegisterImageResponse registerImage(RegisterImageRequest r) {
        ComputeStore s = compute.store();
        checkName(s, r.name());
        TagSpecifications.validate(r.tagSpecifications(), "image");
        RegionImages region = compute.images(s.region);
        if (r.imageLocation() == null && (r.rootDeviceName() == null || !r.hasBlockDeviceMappings())) {
            throw Ec2Errors.missing("rootDeviceName");
        }
        List<Image.Mapping> mappings = new ArrayList<>();
        boolean rootFound = false;
        for (BlockDeviceMapping m : r.hasBlockDeviceMappings() ? r.blockDeviceMappings() : List.<BlockDeviceMapping>of()) {
            Image.Mapping mapping = mapping(s, region, m);
            mappings.add(mapping);
            rootFound |= m.deviceName().equals(r.rootDeviceName());
        }
        if (r.rootDeviceName() != null && r.hasBlockDeviceMappings() && !rootFound) {
            throw Ec2Error.INVALID_BLOCK_DEVICE_MAPPING.withMessage("The device '" + r.rootDeviceName()
                    + "' is not present in the block device mapping.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Image i = new Image(compute.id("ami"), s.account);
        i.name = r.name();
        i.description = r.description();
        i.architecture = r.architectureAsString() == null ? "x86_64" : r.architectureAsString();
        i.creationDate = compute.now();
        i.rootDeviceName = r.rootDeviceName() == null ? "/dev/sda1" : r.rootDeviceName();
        i.rootDeviceType = r.hasBlockDeviceMappings() ? "ebs" : "instance-store";
        i.virtualizationType = r.virtualizationType() == null ? "hvm" : r.virtualizationType();
        i.enaSupport = Boolean.TRUE.equals(r.enaSupport());
        i.sriovNetSupport = r.sriovNetSupport();
        i.bootMode = r.bootModeAsString();
        i.imdsSupport = r.imdsSupportAsString();
        i.imageLocation = r.imageLocation();
        i.kernelId = r.kernelId();
        i.ramdiskId = r.ramdiskId();
        i.blockDeviceMappings.addAll(mappings);
        add(s, i, TagSpecifications.tagsOf(r.tagSpecifications()));
        return RegisterImageResponse.builder().imageId(i.id).build();
    }

    /** Checks an AMI name's form and that the account has no image of that name in the region. */
    public void checkName(ComputeStore s, String name) {
        if (name == null) {
            throw Ec2Errors.missing("name");
        }
        if (!NAME.matcher(name).matches()) {
            throw Ec2Error.INVALID_AMI_NAME_MALFORMED.withMessage("AMI names must be between 3 and 128 characters "
                    + "long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'");
        }
        for (Image other : compute.images(s.region).images()) {
            if (other.ownerId.equals(s.account) && name.equals(other.name)) {
                throw Ec2Error.INVALID_AMI_NAME_DUPLICATE.of(name, other.id);
            }
        }
    }

    /** Stores a new image of the caller's account and registers it (with its tags) in core's registry. */
    public void add(ComputeStore s, Image i, java.util.Map<String, String> tags) {
        i.tags.putAll(tags);
        i.tags.attach(compute.ctx.registry(), s.account, s.region, "image", i.id);
        compute.images(s.region).put(i);
    }

    private Image.Mapping mapping(ComputeStore s, RegionImages region, BlockDeviceMapping m) {
        if (m.deviceName() == null) {
            throw Ec2Errors.missing("BlockDeviceMapping.DeviceName");
        }
        if (m.virtualName() != null || m.noDevice() != null) {
            return new Image.Mapping(m.deviceName(), null, null, null, null, null, null, null, m.virtualName(),
                    m.noDevice());
        }
        var ebs = m.ebs();
        if (ebs == null) {
            throw Ec2Error.INVALID_BLOCK_DEVICE_MAPPING.withMessage("The block device mapping for device '"
                    + m.deviceName() + "' must specify Ebs, VirtualName or NoDevice.");
        }
        Integer size = ebs.volumeSize();
        boolean encrypted = Boolean.TRUE.equals(ebs.encrypted());
        if (ebs.snapshotId() != null) {
            Snapshot snap = region.snapshot(ebs.snapshotId());
            if (snap == null || !io.gureum.ec2.ebs.Ebs.usable(compute, s, snap)) {
                throw Ec2Error.INVALID_SNAPSHOT_NOT_FOUND.of(ebs.snapshotId());
            }
            size = size == null ? snap.volumeSize : size;
            encrypted = snap.encrypted;
        } else if (size == null) {
            throw Ec2Error.INVALID_BLOCK_DEVICE_MAPPING.withMessage("snapshotId or volumeSize must be specified for "
                    + "device " + m.deviceName());
        }
        String type = ebs.volumeTypeAsString() == null ? "gp2" : ebs.volumeTypeAsString();
        return new Image.Mapping(m.deviceName(), ebs.snapshotId(), size, type,
                ebs.deleteOnTermination() == null || ebs.deleteOnTermination(), encrypted, ebs.iops(),
                ebs.throughput(), null, null);
    }

    public DeregisterImageResponse deregisterImage(DeregisterImageRequest r) {
        ComputeStore s = compute.store();
        Image i = owned(s, r.imageId());
        if (i.deregistrationProtection) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("Image " + i.id + " has deregistration protection enabled. "
                    + "To deregister the image, first disable deregistration protection.");
        }
        if (i.protectedAt(compute.now())) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("Image " + i.id + " has deregistration protection enabled "
                    + "with cooldown until " + ImageViews.time(i.protectedUntil) + ". You can deregister the image "
                    + "after the cooldown period ends.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        compute.images(s.region).remove(i.id);
        i.tags.detach();
        if (Boolean.TRUE.equals(r.deleteAssociatedSnapshots())) {
            RegionImages region = compute.images(s.region);
            for (Image.Mapping m : i.blockDeviceMappings) {
                Snapshot snap = m.snapshotId() == null ? null : region.snapshot(m.snapshotId());
                // A locked snapshot stays (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshot-lock.html).
                if (snap != null && snap.ownerId.equals(s.account) && !snap.locked(compute.now())) {
                    region.removeSnapshot(snap.id);
                    snap.tags.detach();
                }
            }
        }
        return DeregisterImageResponse.builder().returnValue(true).build();
    }

    public DescribeImageAttributeResponse describeImageAttribute(DescribeImageAttributeRequest r) {
        ComputeStore s = compute.store();
        Image i = owned(s, r.imageId());
        String attribute = r.attributeAsString();
        Ec2Errors.checkDryRun(r.dryRun());
        var b = DescribeImageAttributeResponse.builder().imageId(i.id);
        switch (attribute == null ? "" : attribute) {
            case "description" -> b.description(value(i.description));
            case "kernel" -> b.kernelId(value(i.kernelId));
            case "ramdisk" -> b.ramdiskId(value(i.ramdiskId));
            case "launchPermission" -> b.launchPermissions(launchPermissions(i));
            case "productCodes" -> b.productCodes(List.of());
            case "blockDeviceMapping" -> b.blockDeviceMappings(ImageViews.mappings(i));
            case "sriovNetSupport" -> b.sriovNetSupport(value(i.sriovNetSupport));
            case "bootMode" -> b.bootMode(value(i.bootMode));
            case "tpmSupport" -> b.tpmSupport(value(null));
            case "uefiData" -> b.uefiData(value(null));
            case "lastLaunchedTime" -> b.lastLaunchedTime(value(ImageViews.time(i.lastLaunchedTime)));
            case "imdsSupport" -> b.imdsSupport(value(i.imdsSupport));
            case "deregistrationProtection" -> b.deregistrationProtection(
                    value(i.protectionWording(compute.now())));
            default -> throw Ec2Errors.invalidValue(attribute, "attribute", "Valid values are description, kernel, "
                    + "ramdisk, launchPermission, productCodes, blockDeviceMapping, sriovNetSupport, bootMode, "
                    + "tpmSupport, uefiData, lastLaunchedTime, imdsSupport, deregistrationProtection.");
        }
        return b.build();
    }

    private static AttributeValue value(String v) {
        return AttributeValue.builder().value(v).build();
    }

    private static List<LaunchPermission> launchPermissions(Image i) {
        List<LaunchPermission> out = new ArrayList<>();
        if (i.isPublic) {
            out.add(LaunchPermission.builder().group("all").build());
        }
        i.launchUserIds.forEach(u -> out.add(LaunchPermission.builder().userId(u).build()));
        return out;
    }

    public ModifyImageAttributeResponse modifyImageAttribute(ModifyImageAttributeRequest r) {
        ComputeStore s = compute.store();
        Image i = owned(s, r.imageId());
        String attribute = r.attribute();
        List<LaunchPermission> add = new ArrayList<>();
        List<LaunchPermission> remove = new ArrayList<>();
        if (r.launchPermission() != null) {
            if (r.launchPermission().hasAdd()) {
                add.addAll(r.launchPermission().add());
            }
            if (r.launchPermission().hasRemove()) {
                remove.addAll(r.launchPermission().remove());
            }
        }
        // The older form: Attribute=launchPermission, OperationType add|remove, UserIds / UserGroups.
        if ((r.hasUserIds() && !r.userIds().isEmpty()) || (r.hasUserGroups() && !r.userGroups().isEmpty())) {
            String op = r.operationTypeAsString();
            if (op == null) {
                throw Ec2Errors.missing("OperationType");
            }
            List<LaunchPermission> target = op.equals("remove") ? remove : add;
            if (r.hasUserIds()) {
                r.userIds().forEach(u -> target.add(LaunchPermission.builder().userId(u).build()));
            }
            if (r.hasUserGroups()) {
                r.userGroups().forEach(g -> target.add(LaunchPermission.builder().group(g).build()));
            }
        }
        String description = r.description() != null ? r.description().value()
                : "description".equals(attribute) ? r.value() : null;
        boolean permissions = !add.isEmpty() || !remove.isEmpty();
        if (!permissions && description == null && r.imdsSupport() == null) {
            throw Ec2Errors.missing("LaunchPermission");
        }
        for (LaunchPermission p : add) {
            checkPermission(p);
        }
        for (LaunchPermission p : remove) {
            checkPermission(p);
        }
        if (i.disabled && !add.isEmpty()) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The image " + i.id + " is disabled. A disabled AMI can't be "
                    + "shared.");
        }
        // Block public access for AMIs refuses new public sharing; removing it is never blocked.
        if (add.stream().anyMatch(p -> "all".equals(p.groupAsString()))
                && s.imageBlockPublicAccess.equals("block-new-sharing")) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("You can't publicly share this AMI because block "
                    + "public access for AMIs is enabled for this account in this Region (block-new-sharing). To "
                    + "publicly share AMIs, first disable block public access for AMIs.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        for (LaunchPermission p : add) {
            if ("all".equals(p.groupAsString())) {
                i.isPublic = true;
            } else if (p.userId() != null) {
                i.launchUserIds.add(p.userId());
            }
        }
        for (LaunchPermission p : remove) {
            if ("all".equals(p.groupAsString())) {
                i.isPublic = false;
            } else if (p.userId() != null) {
                i.launchUserIds.remove(p.userId());
            }
        }
        if (description != null) {
            i.description = description;
        }
        if (r.imdsSupport() != null && "v2.0".equals(r.imdsSupport().value())) {
            i.imdsSupport = "v2.0";
        }
        return ModifyImageAttributeResponse.builder().build();
    }

    private static void checkPermission(LaunchPermission p) {
        if (p.groupAsString() != null && !p.groupAsString().equals("all")) {
            throw Ec2Error.INVALID_AMI_ATTRIBUTE_ITEM_VALUE.withMessage("Invalid attribute item value \""
                    + p.groupAsString() + "\" for userGroup item type.");
        }
        if (p.userId() != null && !p.userId().matches("\\d{12}")) {
            throw Ec2Error.INVALID_AMI_ATTRIBUTE_ITEM_VALUE.withMessage("Invalid attribute item value \"" + p.userId()
                    + "\" for userId item type.");
        }
    }

    public ResetImageAttributeResponse resetImageAttribute(ResetImageAttributeRequest r) {
        ComputeStore s = compute.store();
        Image i = owned(s, r.imageId());
        if (!"launchPermission".equals(r.attributeAsString())) {
            throw Ec2Errors.invalidValue(r.attributeAsString(), "attribute", "Valid value is launchPermission.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        i.isPublic = false;
        i.launchUserIds.clear();
        return ResetImageAttributeResponse.builder().build();
    }
}
