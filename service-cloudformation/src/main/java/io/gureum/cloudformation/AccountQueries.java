package io.gureum.cloudformation;

import software.amazon.awssdk.services.cloudformation.model.AccountLimit;
import software.amazon.awssdk.services.cloudformation.model.DescribeAccountLimitsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeAccountLimitsResponse;
import software.amazon.awssdk.services.cloudformation.model.EstimateTemplateCostRequest;
import software.amazon.awssdk.services.cloudformation.model.EstimateTemplateCostResponse;

/** DescribeAccountLimits and EstimateTemplateCost. */
public final class AccountQueries {
    private final Planner planner;

    AccountQueries(Planner planner) {
        this.planner = planner;
    }

    /**
     * The account's CloudFormation quotas as AWS reports them by default ("CloudFormation quotas": 2,000 stacks,
     * 200 outputs per template, 2,500 concurrent resource operations). Gureum does not enforce them.
     */
    public DescribeAccountLimitsResponse describeAccountLimits(DescribeAccountLimitsRequest r) {
        return DescribeAccountLimitsResponse.builder().accountLimits(
                AccountLimit.builder().name("StackLimit").value(2000).build(),
                AccountLimit.builder().name("StackOutputsLimit").value(200).build(),
                AccountLimit.builder().name("ConcurrentResourcesLimit").value(2500).build()).build();
    }

    /**
     * As on AWS, the answer is a link to the AWS Pricing Calculator for the template, once the template is
     * valid; the key names the estimate (Gureum computes no prices).
     */
    public EstimateTemplateCostResponse estimateTemplateCost(EstimateTemplateCostRequest r) {
        planner.plan(r.templateBody(), r.templateURL());
        return EstimateTemplateCostResponse.builder().url("http://calculator.s3.amazonaws.com/calc5.html?key=cf-"
                + java.util.UUID.randomUUID()).build();
    }
}
