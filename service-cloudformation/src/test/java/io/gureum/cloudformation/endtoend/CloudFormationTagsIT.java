package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.testing.AwsClients;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.TagException;

/**
 * The {@code aws:cloudformation:*} tags: CloudFormation puts them on what a stack creates in EC2 and KMS
 * (aws-properties-resource-tags.html), while a user setting the same keys gets the reserved-prefix error.
 */
class CloudFormationTagsIT extends EndToEndSupport {

    @Test
    void stackResourcesCarryTheCloudFormationTags() {
        String name = unique("tagged");
        String id = cfn.createStack(b -> b.stackName(name).tags(t -> t.key("team").value("course"))
                .templateBody("""
                        Resources:
                          Network:
                            Type: AWS::EC2::VPC
                            Properties:
                              CidrBlock: 10.7.0.0/16
                          Key:
                            Type: AWS::KMS::Key
                            Properties:
                              KeyPolicy:
                                Version: '2012-10-17'
                                Statement:
                                  - Effect: Allow
                                    Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}
                                    Action: 'kms:*'
                                    Resource: '*'
                        """)).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), s.stackStatusReason());
        Map<String, String> expected = Map.of("aws:cloudformation:stack-name", name, "aws:cloudformation:stack-id",
                id, "team", "course");

        Map<String, String> vpcTags = ec2.describeVpcs(b -> b.vpcIds(physicalId(name, "Network"))).vpcs().get(0)
                .tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(with(expected, "Network"), vpcTags);
        try (KmsClient kms = AwsClients.client(KmsClient.builder(), gureum)) {
            Map<String, String> keyTags = kms.listResourceTags(b -> b.keyId(physicalId(name, "Key"))).tags().stream()
                    .collect(Collectors.toMap(t -> t.tagKey(), t -> t.tagValue()));
            assertEquals(with(expected, "Key"), keyTags);
        }
        cfn.deleteStack(b -> b.stackName(id));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString());
    }

    private static Map<String, String> with(Map<String, String> tags, String logicalId) {
        Map<String, String> all = new java.util.HashMap<>(tags);
        all.put("aws:cloudformation:logical-id", logicalId);
        return all;
    }

    @Test
    void usersCannotSetTheCloudFormationTagsThemselves() {
        Tag reserved = Tag.builder().key("aws:cloudformation:stack-name").value("mine").build();
        Ec2Exception onCreate = fails(Ec2Exception.class, 400, "InvalidParameterValue", () -> ec2.createVpc(b -> b
                .cidrBlock("10.6.0.0/16").tagSpecifications(t -> t.resourceType(ResourceType.VPC).tags(reserved))));
        assertEquals("Tag keys starting with 'aws:' are reserved for internal use",
                onCreate.awsErrorDetails().errorMessage());
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.6.0.0/16")).vpc().vpcId();
        fails(Ec2Exception.class, 400, "InvalidParameterValue", () -> ec2.createTags(b -> b.resources(vpc)
                .tags(reserved)));
        ec2.deleteVpc(b -> b.vpcId(vpc));

        try (KmsClient kms = AwsClients.client(KmsClient.builder(), gureum)) {
            String key = kms.createKey(b -> { }).keyMetadata().keyId();
            TagException e = fails(TagException.class, 400, "TagException", () -> kms.tagResource(b -> b.keyId(key)
                    .tags(t -> t.tagKey("aws:cloudformation:stack-name").tagValue("mine"))));
            assertEquals("Tag keys prefixed with 'aws:' are reserved for AWS use", e.awsErrorDetails().errorMessage());
            fails(TagException.class, 400, "TagException", () -> kms.createKey(b -> b.tags(t -> t
                    .tagKey("aws:cloudformation:logical-id").tagValue("Key"))));
        }
    }
}
