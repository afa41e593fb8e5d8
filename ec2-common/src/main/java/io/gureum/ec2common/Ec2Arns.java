package io.gureum.ec2common;

import io.gureum.core.ids.Arn;

/**
 * EC2 resource ARNs, {@code arn:aws:ec2:<region>:<account>:<type>/<id>}, with the resource types AWS
 * uses in them ({@code vpc}, {@code subnet}, {@code natgateway}, {@code elastic-ip}, {@code instance}, …;
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html#amazonec2-resources-for-iam-policies).
 * For every EC2 resource type the ARN type is also the {@code resource-type} DescribeTags reports.
 */
public final class Ec2Arns {
    private Ec2Arns() {
    }

    public static Arn of(String region, String account, String type, String id) {
        return Arn.of(Ec2Api.NAME, region, account, type + "/" + id);
    }
}
