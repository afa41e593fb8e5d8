package io.gureum.organizations;

import java.util.Map;

/**
 * The AWS managed policies every organization has: {@code FullAWSAccess} (SCP) and {@code RCPFullAWSAccess}
 * (RCP), attached to the root, every OU and every account while their type is enabled
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
 */
final class AwsManagedPolicies {
    static final String FULL_AWS_ACCESS = "p-FullAWSAccess";
    static final String RCP_FULL_AWS_ACCESS = "p-RCPFullAWSAccess";

    static final Map<String, OrgPolicy> ALL = Map.of(
            FULL_AWS_ACCESS, new OrgPolicy(FULL_AWS_ACCESS,
                    "arn:aws:organizations::aws:policy/service_control_policy/" + FULL_AWS_ACCESS,
                    "SERVICE_CONTROL_POLICY", true, "FullAWSAccess", "Allows access to every operation",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                            + "\"Resource\":\"*\"}]}"),
            RCP_FULL_AWS_ACCESS, new OrgPolicy(RCP_FULL_AWS_ACCESS,
                    "arn:aws:organizations::aws:policy/resource_control_policy/" + RCP_FULL_AWS_ACCESS,
                    "RESOURCE_CONTROL_POLICY", true, "RCPFullAWSAccess", "Allows access to every operation",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                            + "\"Action\":\"*\",\"Resource\":\"*\"}]}"));

    private AwsManagedPolicies() {
    }

    /** The AWS managed policy attached by default when {@code type} is enabled, or null. */
    static String defaultFor(String type) {
        return switch (type) {
            case "SERVICE_CONTROL_POLICY" -> FULL_AWS_ACCESS;
            case "RESOURCE_CONTROL_POLICY" -> RCP_FULL_AWS_ACCESS;
            default -> null;
        };
    }
}
