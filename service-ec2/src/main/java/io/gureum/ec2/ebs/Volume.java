package io.gureum.ec2.ebs;

import io.gureum.ec2common.ResourceTags;
import java.time.Instant;

/** The stored state of one EBS volume. */
public final class Volume {
    public final String id;
    public final ResourceTags tags = new ResourceTags();
    public String availabilityZone;
    public int size;
    public String volumeType = "gp2";
    public Integer iops;
    public Integer throughput;
    public String snapshotId = "";
    public boolean encrypted;
    public String kmsKeyId;
    public boolean multiAttachEnabled;
    /** Created from a snapshot whose fast snapshot restore was {@code enabled} in its zone (DescribeVolumes' FastRestored). */
    public Boolean fastRestored;
    /** ModifyVolumeAttribute's autoEnableIO (false unless set). */
    public boolean autoEnableIO;
    public Instant createTime;
    /** {@code creating} until then. */
    public Instant availableAt;
    public boolean deleted;
    public String attachedInstanceId;
    public String device;
    public Instant attachTime;
    public boolean deleteOnTermination;
    public Modification modification;

    /** The latest ModifyVolume of the volume. */
    public static final class Modification {
        public String state = "modifying";
        public Instant startTime;
        public Instant endTime;
        public int originalSize;
        public String originalVolumeType;
        public Integer originalIops;
        public Integer originalThroughput;
    }

    public Volume(String id) {
        this.id = id;
    }

    public String state(Instant now) {
        if (availableAt != null && now.isBefore(availableAt)) {
            return "creating";
        }
        return attachedInstanceId != null ? "in-use" : "available";
    }
}
