package io.gureum.ec2.templates;

import io.gureum.ec2common.Ec2Filters;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;

/** The filters of DescribeLaunchTemplates and DescribeLaunchTemplateVersions (their API reference pages). */
final class VersionFilters {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** One version of one template, as the version filters see it. */
    record Row(LaunchTemplate template, TemplateVersion version) {
        RequestLaunchTemplateData data() {
            return version.data();
        }
    }

    private VersionFilters() {
    }

    static String time(Instant t) {
        return ISO.format(t);
    }

    static Ec2Filters<LaunchTemplate> templates() {
        return new Ec2Filters<LaunchTemplate>(t -> t.tagMap())
                .on("create-time", t -> time(t.created))
                .on("launch-template-name", t -> t.name);
    }

    static Ec2Filters<Row> versions() {
        return new Ec2Filters<Row>()
                .on("create-time", r -> time(r.version().created()))
                .on("ebs-optimized", r -> r.data().ebsOptimized())
                .on("iam-instance-profile", r -> r.data().iamInstanceProfile() == null ? null
                        : Arrays.asList(r.data().iamInstanceProfile().arn(), r.data().iamInstanceProfile().name()))
                .on("image-id", r -> r.data().imageId())
                .on("instance-type", r -> r.data().instanceTypeAsString())
                .on("is-default-version", r -> r.version().number() == r.template().defaultVersion)
                .on("kernel-id", r -> r.data().kernelId())
                .on("ram-disk-id", r -> r.data().ramDiskId())
                .on("http-endpoint", r -> r.data().metadataOptions() == null ? null
                        : r.data().metadataOptions().httpEndpointAsString())
                .on("http-tokens", r -> r.data().metadataOptions() == null ? null
                        : r.data().metadataOptions().httpTokensAsString())
                .on("host-resource-group-arn", r -> r.data().placement() == null ? null
                        : r.data().placement().hostResourceGroupArn())
                .on("license-configuration-arn", r -> r.data().licenseSpecifications().stream()
                        .map(l -> l.licenseConfigurationArn()).toList())
                .on("network-card-index", r -> r.data().networkInterfaces().stream()
                        .map(n -> n.networkCardIndex()).toList());
    }
}
