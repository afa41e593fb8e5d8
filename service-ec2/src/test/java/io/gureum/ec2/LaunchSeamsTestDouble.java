package io.gureum.ec2;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.ec2common.Ec2Api;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribePlacementGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribePlacementGroupsResponse;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.PlacementGroup;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * Test-only stand-in for the other compute branch's key pairs, launch templates and placement groups
 * (ec2-contract.md): one key pair {@code dev-key}, one launch template {@code lt-web} and one placement
 * group {@code pg-1}, answering as AWS does for them and for unknown names. The integrator replaces it
 * with the real providers.
 */
public final class LaunchSeamsTestDouble implements AwsService {
    static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGureumTestKey dev-key";

    @Override
    public String name() {
        return Ec2Api.NAME;
    }

    @Override
    public String clientInterface() {
        return Ec2Api.CLIENT_INTERFACE;
    }

    @Override
    public String xmlNamespace() {
        return Ec2Api.XML_NAMESPACE;
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Provider.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return ServiceInstance.of(new Provider());
    }

    public static final class Provider {
        public DescribeKeyPairsResponse describeKeyPairs(DescribeKeyPairsRequest r) {
            for (String name : r.keyNames()) {
                if (!name.equals("dev-key")) {
                    throw new io.gureum.core.error.AwsException("InvalidKeyPair.NotFound",
                            "The key pair '" + name + "' does not exist", 400);
                }
            }
            return DescribeKeyPairsResponse.builder().keyPairs(KeyPairInfo.builder().keyName("dev-key")
                    .keyPairId("key-0123456789abcdef0").keyType("ed25519")
                    .publicKey(Boolean.TRUE.equals(r.includePublicKey()) ? PUBLIC_KEY : null).build()).build();
        }

        public DescribeLaunchTemplateVersionsResponse describeLaunchTemplateVersions(
                DescribeLaunchTemplateVersionsRequest r) {
            if (!"lt-web".equals(r.launchTemplateName())) {
                throw new io.gureum.core.error.AwsException("InvalidLaunchTemplateName.NotFoundException",
                        "At least one of the launch templates specified in the request does not exist.", 400);
            }
            String image = LaunchSeamsIT.image;
            return DescribeLaunchTemplateVersionsResponse.builder().launchTemplateVersions(LaunchTemplateVersion
                    .builder().launchTemplateName("lt-web").versionNumber(1L).defaultVersion(true)
                    .launchTemplateData(ResponseLaunchTemplateData.builder().imageId(image).instanceType("t3.small")
                            .keyName("dev-key").userData("ZWNobyBsdA==").build()).build()).build();
        }

        public DescribePlacementGroupsResponse describePlacementGroups(DescribePlacementGroupsRequest r) {
            for (String name : r.groupNames()) {
                if (!name.equals("pg-1")) {
                    throw new io.gureum.core.error.AwsException("InvalidPlacementGroup.Unknown",
                            "The Placement Group '" + name + "' is unknown.", 400);
                }
            }
            return DescribePlacementGroupsResponse.builder().placementGroups(PlacementGroup.builder().groupName("pg-1")
                    .strategy("cluster").state("available").build()).build();
        }
    }
}
