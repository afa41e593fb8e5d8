package io.gureum.ec2.images;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.compute.RegionImages;
import io.gureum.ec2.compute.Timing;
import io.gureum.ec2.ebs.Ebs;
import io.gureum.ec2.ebs.Snapshot;
import io.gureum.ec2.ebs.Volume;
import io.gureum.ec2.instances.Instance;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.TagSpecifications;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CopyImageRequest;
import software.amazon.awssdk.services.ec2.model.CopyImageResponse;
import software.amazon.awssdk.services.ec2.model.CreateImageRequest;
import software.amazon.awssdk.services.ec2.model.CreateImageResponse;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * CreateImage from an instance (a snapshot of each of its EBS volumes; https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateImage.html)
 * and CopyImage from any region into the caller's (its snapshots copied along). Both images are
 * {@code pending} for {@link Timing#IMAGE_PENDING}, then {@code available}.
 */
public final class ImageCreation {
    private final Compute compute;
    private final Images images;
    private final Ebs ebs;

    public ImageCreation(Compute compute, Images images, Ebs ebs) {
        this.compute = compute;
        this.images = images;
        this.ebs = ebs;
    }

    public CreateImageResponse createImage(CreateImageRequest r) {
        ComputeStore s = compute.store();
        Instance i = r.instanceId() == null ? null : s.instances.get(r.instanceId());
        if (i == null) {
            if (r.instanceId() == null) {
                throw Ec2Errors.missing("InstanceId");
            }
            throw Ec2Error.INVALID_INSTANCE_ID_NOT_FOUND.of(r.instanceId());
        }
        String state = i.state(compute.now()).label;
        if (!state.equals("running") && !state.equals("stopped")) {
            throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in a state from "
                    + "which it can be imaged.");
        }
        images.checkName(s, r.name());
        Map<String, Set<String>> types = Map.of("image", Set.of(), "snapshot", Set.of());
        validateTagTypes(r.tagSpecifications(), types.keySet());
        Set<String> suppressed = new HashSet<>();
        if (r.hasBlockDeviceMappings()) {
            for (BlockDeviceMapping m : r.blockDeviceMappings()) {
                if (m.noDevice() != null) {
                    suppressed.add(m.deviceName());
                }
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Map<String, String> snapshotTags = tagsFor(r.tagSpecifications(), "snapshot");
        Image image = new Image(compute.id("ami"), s.account);
        image.name = r.name();
        image.description = r.description();
        image.architecture = i.architecture;
        image.platform = i.platform;
        image.platformDetails = i.platformDetails;
        image.usageOperation = i.usageOperation;
        image.rootDeviceName = i.rootDeviceName;
        image.enaSupport = i.enaSupport;
        image.bootMode = i.bootMode;
        image.sourceInstanceId = i.id;
        image.creationDate = compute.now();
        image.availableAt = image.creationDate.plus(Timing.IMAGE_PENDING);
        for (Instance.Attachment a : i.blockDevices) {
            Volume v = s.volumes.get(a.volumeId());
            if (v == null || suppressed.contains(a.deviceName())) {
                continue;
            }
            Snapshot snap = ebs.snapshot(s, v, "Created by CreateImage(" + i.id + ") for " + image.id, snapshotTags);
            image.blockDeviceMappings.add(new Image.Mapping(a.deviceName(), snap.id, v.size, v.volumeType,
                    v.deleteOnTermination, v.encrypted, v.iops, v.throughput, null, null));
        }
        images.add(s, image, tagsFor(r.tagSpecifications(), "image"));
        return CreateImageResponse.builder().imageId(image.id).build();
    }

    public CopyImageResponse copyImage(CopyImageRequest r) {
        ComputeStore s = compute.store();
        if (r.sourceRegion() == null) {
            throw Ec2Errors.missing("SourceRegion");
        }
        if (compute.ctx.topology().region(r.sourceRegion()).isEmpty()) {
            throw Ec2Errors.invalidValue(r.sourceRegion(), "SourceRegion", "Invalid region.");
        }
        Image source = images.require(r.sourceRegion(), s.account, r.sourceImageId());
        images.checkName(s, r.name());
        TagSpecifications.validate(r.tagSpecifications(), "image");
        Ec2Errors.checkDryRun(r.dryRun());
        Instant now = compute.now();
        Image copy = new Image(compute.id("ami"), s.account);
        copy.name = r.name();
        copy.description = r.description() != null ? r.description() : source.description;
        copy.architecture = source.architecture;
        copy.platform = source.platform;
        copy.platformDetails = source.platformDetails;
        copy.usageOperation = source.usageOperation;
        copy.rootDeviceName = source.rootDeviceName;
        copy.rootDeviceType = source.rootDeviceType;
        copy.virtualizationType = source.virtualizationType;
        copy.enaSupport = source.enaSupport;
        copy.sriovNetSupport = source.sriovNetSupport;
        copy.bootMode = source.bootMode;
        copy.imdsSupport = source.imdsSupport;
        copy.sourceImageId = source.id;
        copy.sourceImageRegion = r.sourceRegion();
        copy.creationDate = now;
        copy.availableAt = now.plus(Timing.IMAGE_PENDING);
        boolean encrypt = Boolean.TRUE.equals(r.encrypted());
        RegionImages here = compute.images(s.region);
        for (Image.Mapping m : source.blockDeviceMappings) {
            if (!m.isEbs()) {
                copy.blockDeviceMappings.add(m);
                continue;
            }
            Snapshot snap = new Snapshot(compute.id("snap"), s.account);
            snap.volumeSize = m.volumeSize() == null ? 8 : m.volumeSize();
            snap.description = "Copied for DestinationAmi " + copy.id + " from SourceAmi " + source.id + " for "
                    + "SourceSnapshot " + m.snapshotId();
            snap.encrypted = encrypt || Boolean.TRUE.equals(m.encrypted());
            snap.kmsKeyId = snap.encrypted ? ebs.kmsKey(s, r.kmsKeyId()) : null;
            snap.volumeId = "vol-ffffffff";
            snap.startTime = now;
            snap.completedAt = now.plus(Timing.IMAGE_PENDING);
            snap.tags.attach(compute.ctx.registry(), s.account, s.region, "snapshot", snap.id);
            here.put(snap);
            copy.blockDeviceMappings.add(new Image.Mapping(m.deviceName(), snap.id, m.volumeSize(), m.volumeType(),
                    m.deleteOnTermination(), snap.encrypted, m.iops(), m.throughput(), null, null));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(r.copyImageTags()) && source.ownerId.equals(s.account)) {
            tags.putAll(source.tags);
        }
        tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
        images.add(s, copy, tags);
        return CopyImageResponse.builder().imageId(copy.id).build();
    }

    private static void validateTagTypes(List<TagSpecification> specs, Set<String> allowed) {
        if (specs == null) {
            return;
        }
        for (TagSpecification spec : specs) {
            if (spec.resourceTypeAsString() == null || !allowed.contains(spec.resourceTypeAsString())) {
                throw Ec2Errors.invalidParameterValue("'" + spec.resourceTypeAsString()
                        + "' is not a valid taggable resource type for this operation.");
            }
            TagSpecifications.checkTags(spec.tags());
        }
    }

    private static Map<String, String> tagsFor(List<TagSpecification> specs, String type) {
        if (specs == null) {
            return Map.of();
        }
        return TagSpecifications.tagsOf(specs.stream().filter(x -> type.equals(x.resourceTypeAsString())).toList());
    }
}
