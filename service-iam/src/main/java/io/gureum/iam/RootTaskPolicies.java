package io.gureum.iam;

import java.util.Map;

/**
 * The AWS managed task policies that scope an {@code AssumeRoot} session
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user-privileged-task.html), by ARN
 * {@code arn:aws:iam::aws:policy/root-task/NAME}. Their documents are AWS's (as the AWS managed policy reference
 * lists them): deny-only, they cut the root user's permissions down to one task.
 */
final class RootTaskPolicies {
    static final String PREFIX = "arn:aws:iam::aws:policy/root-task/";

    private static final String NOT_ROOT = "\"NotResource\":\"arn:aws:iam::*:root\"";

    private static final Map<String, String> DOCUMENTS = Map.of(
            "IAMAuditRootUserCredentials", onlyOnRoot("\"iam:ListAccessKeys\",\"iam:ListSigningCertificates\","
                    + "\"iam:GetLoginProfile\",\"iam:ListMFADevices\",\"iam:GetUser\",\"iam:GetAccessKeyLastUsed\"",
                    "\"iam:GetAccountSummary\"", "DenyAuditingCredentialsOnNonRootUserResource"),
            "IAMCreateRootUserPassword", onlyOnRoot("\"iam:CreateLoginProfile\",\"iam:GetLoginProfile\"", null,
                    "DenyCreatingPasswordOnNonRootUserResource"),
            "IAMDeleteRootUserCredentials", onlyOnRoot("\"iam:DeleteAccessKey\",\"iam:DeleteSigningCertificate\","
                    + "\"iam:DeleteLoginProfile\",\"iam:DeactivateMFADevice\",\"iam:DeleteVirtualMFADevice\","
                    + "\"iam:ListAccessKeys\",\"iam:ListSigningCertificates\",\"iam:GetLoginProfile\","
                    + "\"iam:ListMFADevices\",\"iam:GetUser\",\"iam:GetAccessKeyLastUsed\"", null,
                    "DenyDeletingCredentialsOnNonRootUserResource"),
            "S3UnlockBucketPolicy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                    + "\"DenyAllOtherActionsOnAnyResource\",\"Effect\":\"Deny\",\"NotAction\":[\"s3:DeleteBucketPolicy\","
                    + "\"s3:PutBucketPolicy\",\"s3:GetBucketPolicy\",\"s3:ListAllMyBuckets\"],\"Resource\":\"*\"}]}",
            "SQSUnlockQueuePolicy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                    + "\"DenyAllOtherActionsOnAnyResource\",\"Effect\":\"Deny\",\"NotAction\":[\"sqs:SetQueueAttributes\","
                    + "\"sqs:GetQueueAttributes\",\"sqs:ListQueues\",\"sqs:GetQueueUrl\"],\"Resource\":\"*\"}]}");

    private RootTaskPolicies() {
    }

    /** The task policy's document, or null when the ARN names none. */
    static String document(String arn) {
        return arn != null && arn.startsWith(PREFIX) ? DOCUMENTS.get(arn.substring(PREFIX.length())) : null;
    }

    private static String onlyOnRoot(String actions, String accountWide, String sid) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyAllOtherActionsOnAnyResource\",\"Effect\":"
                + "\"Deny\",\"NotAction\":[" + actions + (accountWide == null ? "" : "," + accountWide)
                + "],\"Resource\":\"*\"},{\"Sid\":\"" + sid + "\",\"Effect\":\"Deny\",\"Action\":[" + actions + "],"
                + NOT_ROOT + "}]}";
    }
}
