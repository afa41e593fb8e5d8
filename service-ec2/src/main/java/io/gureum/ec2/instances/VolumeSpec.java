package io.gureum.ec2.instances;

import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.ebs.Ebs;
import io.gureum.ec2.ebs.Snapshot;
import io.gureum.ec2.ebs.VolumeRules;
import io.gureum.ec2.images.Image;
import io.gureum.ec2common.Ec2Error;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;

/**
 * One EBS volume RunInstances makes for each instance: the AMI's block device mappings, overridden
 * device by device by the request's (https://docs.aws.amazon.com/ebs/latest/userguide/block-device-mapping-concepts.html).
 */
record VolumeSpec(String deviceName, VolumeRules.Settings settings, String snapshotId, boolean encrypted,
        String kmsKeyId, boolean deleteOnTermination) {

    static List<VolumeSpec> plan(Image image, List<BlockDeviceMapping> requested, Ebs ebs, ComputeStore s) {
        Map<String, Image.Mapping> byDevice = new LinkedHashMap<>();
        for (Image.Mapping m : image.blockDeviceMappings) {
            if (m.isEbs()) {
                byDevice.put(m.deviceName(), m);
            }
        }
        Map<String, EbsBlockDevice> overrides = new LinkedHashMap<>();
        if (requested != null) {
            for (BlockDeviceMapping m : requested) {
                if (m.deviceName() == null) {
                    throw Ec2Error.MISSING_PARAMETER.of("BlockDeviceMapping.DeviceName");
                }
                if (m.noDevice() != null) {
                    if (m.deviceName().equals(image.rootDeviceName)) {
                        throw Ec2Error.INVALID_BLOCK_DEVICE_MAPPING.withMessage("The device '" + m.deviceName()
                                + "' is the root device and cannot be suppressed.");
                    }
                    byDevice.remove(m.deviceName());
                } else if (m.ebs() != null) {
                    overrides.put(m.deviceName(), m.ebs());
                }
            }
        }
        List<VolumeSpec> out = new ArrayList<>();
        for (Image.Mapping m : byDevice.values()) {
            EbsBlockDevice o = overrides.remove(m.deviceName());
            out.add(spec(m.deviceName(), m.snapshotId(), m.volumeSize(), m.volumeType(), m.iops(), m.throughput(),
                    Boolean.TRUE.equals(m.encrypted()), m.deleteOnTermination() == null || m.deleteOnTermination(),
                    o, ebs, s, true));
        }
        for (var e : overrides.entrySet()) {
            EbsBlockDevice o = e.getValue();
            Integer size = o.volumeSize();
            boolean encrypted = Boolean.TRUE.equals(o.encrypted());
            if (o.snapshotId() != null) {
                Snapshot snap = ebs.requireSnapshot(s, o.snapshotId());
                size = size == null ? snap.volumeSize : size;
                encrypted |= snap.encrypted;
            } else if (size == null) {
                throw Ec2Error.INVALID_BLOCK_DEVICE_MAPPING.withMessage("snapshotId or volumeSize must be specified "
                        + "for device " + e.getKey());
            }
            out.add(spec(e.getKey(), o.snapshotId(), size, null, null, null, encrypted,
                    o.deleteOnTermination() != null && o.deleteOnTermination(), o, ebs, s, false));
        }
        return out;
    }

    private static VolumeSpec spec(String device, String snapshotId, Integer size, String type, Integer iops,
            Integer throughput, boolean encrypted, boolean deleteOnTermination, EbsBlockDevice o, Ebs ebs,
            ComputeStore s, boolean fromImage) {
        String kms = null;
        if (o != null) {
            if (fromImage && o.volumeSize() != null && size != null && o.volumeSize() < size) {
                throw Ec2Error.INVALID_BLOCK_DEVICE_MAPPING.withMessage("Volume of size " + o.volumeSize()
                        + "GB is smaller than snapshot '" + snapshotId + "', expect size >= " + size + "GB");
            }
            if (o.volumeSize() != null) {
                size = o.volumeSize();
            }
            if (o.volumeTypeAsString() != null) {
                type = o.volumeTypeAsString();
                iops = null;
                throughput = null;
            }
            if (o.iops() != null) {
                iops = o.iops();
            }
            if (o.throughput() != null) {
                throughput = o.throughput();
            }
            if (o.deleteOnTermination() != null) {
                deleteOnTermination = o.deleteOnTermination();
            }
            encrypted |= Boolean.TRUE.equals(o.encrypted());
            kms = o.kmsKeyId();
        }
        String t = type == null ? "gp2" : type;
        if (t.equals("gp2") || t.equals("st1") || t.equals("sc1") || t.equals("standard")) {
            iops = o != null && o.iops() != null ? o.iops() : null;
            throughput = null;
        }
        if (t.equals("gp3") && (o == null || o.iops() == null)) {
            iops = null;
        }
        if (t.equals("gp3") && (o == null || o.throughput() == null)) {
            throughput = null;
        }
        return new VolumeSpec(device, VolumeRules.check(t, size, iops, throughput), snapshotId, encrypted, kms,
                deleteOnTermination);
    }
}
