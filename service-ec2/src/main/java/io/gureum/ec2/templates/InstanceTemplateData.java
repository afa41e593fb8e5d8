package io.gureum.ec2.templates;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import io.gureum.ec2common.Ec2Errors;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GetLaunchTemplateDataRequest;
import software.amazon.awssdk.services.ec2.model.GetLaunchTemplateDataResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateEbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateIamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceMetadataOptions;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplatePlacement;
import software.amazon.awssdk.services.ec2.model.LaunchTemplatesMonitoring;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * GetLaunchTemplateData: the launch parameters of a running instance, as launch template data
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetLaunchTemplateData.html). The instance is
 * read with DescribeInstances through the EC2 API itself, so its errors (InvalidInstanceID.NotFound …)
 * are the instance provider's.
 */
public final class InstanceTemplateData {
    private final ServiceContext context;

    public InstanceTemplateData(ServiceContext context) {
        this.context = context;
    }

    public GetLaunchTemplateDataResponse getLaunchTemplateData(GetLaunchTemplateDataRequest r) {
        RequestContext ctx = RequestContext.current();
        Ec2Client ec2 = context.clients().client(Ec2Client.class,
                Caller.service("ec2.amazonaws.com", ctx.accountId(), ctx.region(), null));
        Instance i = ec2.describeInstances(b -> b.instanceIds(r.instanceId())).reservations().stream()
                .flatMap(res -> res.instances().stream()).findFirst()
                .orElseThrow(() -> new io.gureum.core.error.AwsException("InvalidInstanceID.NotFound",
                        "The instance ID '" + r.instanceId() + "' does not exist", 400));
        Ec2Errors.checkDryRun(r.dryRun());
        return GetLaunchTemplateDataResponse.builder().launchTemplateData(of(i)).build();
    }

    static ResponseLaunchTemplateData of(Instance i) {
        ResponseLaunchTemplateData.Builder b = ResponseLaunchTemplateData.builder().imageId(i.imageId())
                .instanceType(i.instanceTypeAsString()).keyName(i.keyName()).ebsOptimized(i.ebsOptimized())
                .kernelId(i.kernelId()).ramDiskId(i.ramdiskId());
        if (i.monitoring() != null) {
            b.monitoring(LaunchTemplatesMonitoring.builder()
                    .enabled("enabled".equals(i.monitoring().stateAsString())).build());
        }
        if (i.placement() != null) {
            b.placement(LaunchTemplatePlacement.builder().availabilityZone(i.placement().availabilityZone())
                    .groupName(i.placement().groupName()).tenancy(i.placement().tenancyAsString()).build());
        }
        if (i.iamInstanceProfile() != null) {
            b.iamInstanceProfile(LaunchTemplateIamInstanceProfileSpecification.builder()
                    .arn(i.iamInstanceProfile().arn()).build());
        }
        if (i.metadataOptions() != null) {
            b.metadataOptions(LaunchTemplateInstanceMetadataOptions.builder()
                    .httpTokens(i.metadataOptions().httpTokensAsString())
                    .httpPutResponseHopLimit(i.metadataOptions().httpPutResponseHopLimit())
                    .httpEndpoint(i.metadataOptions().httpEndpointAsString())
                    .instanceMetadataTags(i.metadataOptions().instanceMetadataTagsAsString()).build());
        }
        List<LaunchTemplateBlockDeviceMapping> disks = new ArrayList<>();
        for (InstanceBlockDeviceMapping m : i.blockDeviceMappings()) {
            disks.add(LaunchTemplateBlockDeviceMapping.builder().deviceName(m.deviceName())
                    .ebs(m.ebs() == null ? null : LaunchTemplateEbsBlockDevice.builder()
                            .deleteOnTermination(m.ebs().deleteOnTermination()).build()).build());
        }
        if (!disks.isEmpty()) {
            b.blockDeviceMappings(disks);
        }
        List<LaunchTemplateInstanceNetworkInterfaceSpecification> nics = new ArrayList<>();
        for (InstanceNetworkInterface n : i.networkInterfaces()) {
            nics.add(LaunchTemplateInstanceNetworkInterfaceSpecification.builder()
                    .deviceIndex(n.attachment() == null ? null : n.attachment().deviceIndex())
                    .deleteOnTermination(n.attachment() == null ? null : n.attachment().deleteOnTermination())
                    .subnetId(n.subnetId()).description(n.description())
                    .groups(n.groups().stream().map(GroupIdentifier::groupId).toList()).build());
        }
        if (!nics.isEmpty()) {
            b.networkInterfaces(nics);
        }
        return b.build();
    }
}
